"""Event rules are data: a new type is a table in a TOML file, and a bad rule fails at load time."""
import tomllib

import pytest
import spacy

import pipeline.events  # noqa: F401  (registers the factory)
from pipeline.events.rules import RulesError, load_rules, parse_rules
from pipeline.events.triggers import build_lexicon
from pipeline.settings import load_settings
from tests.docbuilder import build_doc

DEFAULT_RULES = load_settings().events.rules
PARDON = """
[types.PARDON]
frame = "directed"
verbs = ["begnadigen"]
nouns = ["begnadigung"]
"""


def default_rules_text() -> str:
    return DEFAULT_RULES.read_text("utf8")


def test_events_rules_default_set_has_the_spec_types():
    rules = load_rules(DEFAULT_RULES)
    assert {"MEETING", "VISIT", "CALL", "ATTACK", "STRIKE", "DISASTER", "TAKE_OFFICE"} <= set(rules.types)
    assert len(rules.types) == 31


@pytest.mark.parametrize(
    "noun, types",
    [
        # compounds count by their head, inflected forms by their ending
        ("Staatsbesuch", {"VISIT"}), ("Warnstreik", {"STRIKE"}), ("Anschlägen", {"ATTACK"}),
        ("Militärmanöver", {"MILITARY_EXERCISE"}), ("Gespräche", {"MEETING"}), ("Fusion", {"MERGER"}),
        # words that only end in a trigger: prices and circles, challenges, destruction
        ("Strompreise", set()), ("Regierungskreisen", set()), ("Herausforderungen", set()), ("Zerstörung", set()),
        ("Rettungsmanöver", set()), ("Selbstmord", set()), ("Kernfusion", set()), ("Haarausfall", set()),
        # standing bodies named after a meeting
        ("Bischofskonferenz", set()), ("Universitätenkonferenz", set()),
        # "-er" makes a person, not an event
        ("Besucher", set()), ("Kritiker", set()),
    ],
)
def test_events_rules_noun_triggers_by_head(noun, types):
    lexicon = build_lexicon(load_rules(DEFAULT_RULES))
    assert {found for found, _ in lexicon.word_types(noun.lower(), noun.lower())} == types


@pytest.mark.parametrize(
    "extra, message",
    [
        ('[types.PARDON]\nframe = "merciful"\nverbs = ["begnadigen"]\n', "unknown frame 'merciful'"),
        ('[types.PARDON]\nframe = "directed"\n', "at least one verb or noun"),
        ('[types.PARDON]\nframe = "directed"\nverbs = ["begnadigen"]\nneeds = ["pardoner"]\n', "types.PARDON.needs"),
        ('[types.PARDON]\nframe = "directed"\nverb = ["begnadigen"]\n', "types.PARDON.verb"),
    ],
    ids=["unknown-frame", "no-triggers", "unknown-role", "misspelt-key"],
)
def test_events_rules_bad_rule_fails_with_its_name(extra, message):
    data = tomllib.loads(default_rules_text() + "\n" + extra)
    with pytest.raises(RulesError, match=message):
        parse_rules(data, origin="my-rules.toml")


def test_events_rules_new_type_from_a_file(tmp_path):
    rules = tmp_path / "events.toml"
    rules.write_text(default_rules_text() + "\n" + PARDON, "utf8")
    nlp = spacy.blank("de")
    component = nlp.add_pipe("newsevents_events", config={"rules_path": str(rules)})
    rows = """
Der ART der O
Präsident NN Präsident O
begnadigte VVFIN begnadigen O
den ART der O
Journalisten NN Journalist O
. $. . O
"""
    doc = component(build_doc(nlp, rows, columns=("word", "tag", "lemma", "ent")))
    (event,) = doc._.events
    roles = {a["role"]: doc.text[a["start"] : a["end"]] for a in event["arguments"]}
    assert event["type"] == "PARDON" and roles == {"agent": "Präsident", "target": "Journalisten"}


def test_events_rules_travel_with_the_pipeline(tmp_path):
    rules = tmp_path / "events.toml"
    rules.write_text(default_rules_text() + "\n" + PARDON, "utf8")
    nlp = spacy.blank("de")
    nlp.add_pipe("newsevents_events", config={"rules_path": str(rules)})
    nlp.to_disk(tmp_path / "pipeline")
    rules.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert "PARDON" in loaded.get_pipe("newsevents_events").needs


def test_events_rules_missing_file_is_a_clear_error(tmp_path):
    nlp = spacy.blank("de")
    component = nlp.add_pipe("newsevents_events", config={"rules_path": str(tmp_path / "nope.toml")})
    with pytest.raises(RulesError, match="event rules not found"):
        component(nlp("Der Präsident reist nach Paris."))
