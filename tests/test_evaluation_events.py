"""The event scorer on small hand-made cases."""
import pytest

from pipeline.evaluation.events import find_head_word, format_event_report, match_heads, score_events
from pipeline.evaluation.gold import GoldSentence

VISIT = {
    "type": "VISIT", "trigger": "Besuch", "status": "planned", "negated": False,
    "arguments": [{"role": "agent", "text": "Wladimir Putin"}, {"role": "destination", "text": "China"}],
}
GOLD = [GoldSentence(id="s1", text="Wladimir Putin plant einen Besuch in China.", events=[VISIT])]


def test_events_perfect_match_scores_one():
    scores = score_events({"s1": [VISIT]}, GOLD)
    assert (scores.events.precision, scores.events.recall, scores.events.f1) == (1.0, 1.0, 1.0)
    assert scores.arguments.f1 == 1.0
    assert scores.status_accuracy == 1.0 and scores.negation_accuracy == 1.0


def test_events_wrong_type_is_a_false_positive_and_a_miss():
    scores = score_events({"s1": [{**VISIT, "type": "MEETING"}]}, GOLD)
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (0, 1, 1)
    assert scores.events_by_type["VISIT"].recall == 0.0
    assert scores.events_by_type["MEETING"].precision == 0.0
    assert (scores.arguments.tp, scores.arguments.fp, scores.arguments.fn) == (0, 2, 2)
    assert scores.status_accuracy is None


def test_events_missing_argument_lowers_argument_recall_only():
    predicted = {**VISIT, "arguments": [{"role": "agent", "text": "Putin"}]}
    scores = score_events({"s1": [predicted]}, GOLD)
    assert scores.events.f1 == 1.0
    assert (scores.arguments.tp, scores.arguments.fp, scores.arguments.fn) == (1, 0, 1)
    assert scores.arguments_by_role["destination"].recall == 0.0
    assert scores.arguments_by_role["agent"].f1 == 1.0


def test_events_argument_with_wrong_role_does_not_match():
    predicted = {**VISIT, "arguments": [{"role": "agent", "text": "Wladimir Putin"}, {"role": "location", "text": "China"}]}
    scores = score_events({"s1": [predicted]}, GOLD)
    assert (scores.arguments.tp, scores.arguments.fp, scores.arguments.fn) == (1, 1, 1)


@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    ("Xi Jinping", "dem chinesischen Staatschef Xi Jinping", True),
    ("Russland", "Russlands", True),
    ("russische Armee", "der russischen Armee.", True),
    ("Xi Jinping", "Xi", False),
    ("Rückzug der PKK-Kämpfer", "Rückzug", True),
    ("Pläne von Innenminister Sobotka", "Sobotka", False),
])
def test_events_head_word_matching(gold, predicted, expected):
    assert match_heads(find_head_word(gold), find_head_word(predicted)) is expected


def test_events_status_and_negation_accuracy_on_matched_events():
    gold = [GoldSentence(id="s1", text="…", events=[VISIT, {**VISIT, "type": "MEETING", "trigger": "Treffen"}])]
    predicted = [{**VISIT, "status": "occurred"}, {**VISIT, "type": "MEETING", "trigger": "Treffen", "negated": True}]
    scores = score_events({"s1": predicted}, gold)
    assert scores.matched == 2
    assert scores.status_accuracy == 0.5
    assert scores.negation_accuracy == 0.5


def test_events_matching_prefers_overlapping_trigger():
    gold = [GoldSentence(id="s1", text="…", events=[
        {**VISIT, "trigger": "Reise", "status": "occurred"}, {**VISIT, "trigger": "Besuch"}])]
    scores = score_events({"s1": [VISIT]}, gold)
    assert (scores.events.tp, scores.events.fn) == (1, 1)
    assert scores.status_accuracy == 1.0


def test_events_unknown_sentence_ids_are_ignored():
    scores = score_events({"other": [VISIT]}, GOLD)
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (0, 0, 1)


def test_events_report_lists_types_roles_and_accuracies():
    report = format_event_report(score_events({"s1": [VISIT]}, GOLD))
    assert "VISIT" in report and "destination" in report
    assert "status accuracy   1.000" in report
