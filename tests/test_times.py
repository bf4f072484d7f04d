"""Tests of the German temporal tagger (pipeline/times.py, pipeline/timex.py, configs/times.toml)."""
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span, DocBin

from pipeline.times import choose_longest, find_doc_triggers
from pipeline.timex import Timex

# Reference date of the table: Friday, 10 May 2024 (ISO week 19).
REFERENCE = dt.date(2024, 5, 10)

# (sentence, span text, type, value, begin, end_value); begin/end_value only for ranges.
EXPRESSIONS = [
    # absolute dates
    ("Der Vertrag wurde am 15. Mai 2024 unterzeichnet.", "15. Mai 2024", "DATE", "2024-05-15", None, None),
    ("Das Restaurant öffnete am 08.05.2024 seine Türen.", "08.05.2024", "DATE", "2024-05-08", None, None),
    ("Die Frist endet am 2024-05-08 um Mitternacht.", "2024-05-08", "DATE", "2024-05-08", None, None),
    ("Die Zahlen für Mai 2024 liegen vor.", "Mai 2024", "DATE", "2024-05", None, None),
    ("Im Jahr 2014 wurde das Gesetz beschlossen.", "Jahr 2014", "DATE", "2014", None, None),
    # a multi-word reference adverb (its trigger is its longest word)
    ("Die Seite wurde vor kurzem online gestellt.", "vor kurzem", "DATE", "PAST_REF", None, None),
    ("Die Musik der 1990er Jahre erlebt ein Comeback.", "der 1990er Jahre", "DATE", "199", None, None),
    ("Seit 2010 leitet sie das Unternehmen.", "2010", "DATE", "2010", None, None),
    ("Die Urkunde trägt das Datum 1.9.39 und ein Siegel.", "1.9.39", "DATE", "1939-09-01", None, None),
    ("Der Tempel wurde 486 v. Chr. geweiht.", "486 v. Chr.", "DATE", "BC0486", None, None),
    ("Caesar wurde am 15. März 44 v. Chr. ermordet.", "15. März 44 v. Chr.", "DATE", "BC0044-03-15", None, None),
    ("Im 19. Jahrhundert wuchs die Stadt rasant.", "19. Jahrhundert", "DATE", "18", None, None),
    ("Am Donnerstag, 25. Februar 2021 trafen sie sich.", "Donnerstag, 25. Februar 2021", "DATE", "2021-02-25", None, None),
    ("Der Bericht erschien am 5. Okt. 2020 im Amtsblatt.", "5. Okt. 2020", "DATE", "2020-10-05", None, None),
    ("Der Krieg endete im Herbst 1918 mit dem Waffenstillstand.", "Herbst 1918", "DATE", "1918-FA", None, None),
    # day and month without a year: the year from the reference date and the tense
    ("Die Amtseinführung war am 7. Mai im Kreml.", "7. Mai", "DATE", "2024-05-07", None, None),
    ("Am 20. Dezember wird das Konzert stattfinden.", "20. Dezember", "DATE", "2024-12-20", None, None),
    ("Am 20. Dezember wurde das Konzert gefeiert.", "20. Dezember", "DATE", "2023-12-20", None, None),
    ("Die Konferenz wird am 10. Januar beginnen.", "10. Januar", "DATE", "2025-01-10", None, None),
    ("Im Juli forderten die Gewerkschaften mehr Lohn.", "Juli", "DATE", "2023-07", None, None),
    ("Im Juli fordern die Gewerkschaften mehr Lohn.", "Juli", "DATE", "2024-07", None, None),
    ("Das Sommerfest findet am 15.6. statt.", "15.6.", "DATE", "2024-06-15", None, None),
    # ranges and coordinations
    ("Die Reise ist für den 15. und 16. Mai geplant.", "15. und 16. Mai", "DATE", "2024-05-15", "2024-05-15", "2024-05-16"),
    ("Die Messe läuft vom 3. bis 5. Juni in Berlin.", "3. bis 5. Juni", "DATE", "2024-06-03", "2024-06-03", "2024-06-05"),
    # spaCy's German tokenizer keeps a sentence-final year and its full stop together ("2025.").
    ("Das Festival dauert vom 30. April bis 2. Mai 2025.", "30. April bis 2. Mai 2025.", "DATE", "2025-04-30", "2025-04-30", "2025-05-02"),
    ("Zwischen 2010 und 2012 stieg die Zahl stark.", "2010 und 2012", "DATE", "2010", "2010", "2012"),
    ("Sie leitete von 1998 bis 2005 die Schule.", "1998 bis 2005", "DATE", "1998", "1998", "2005"),
    ("Die Ausstellung im Mai/Juni 2019 war gut besucht.", "Mai/Juni 2019", "DATE", "2019-05", "2019-05", "2019-06"),
    ("Die Bibliothek ist von 9.30-17 Uhr geöffnet.", "9.30-17 Uhr", "TIME", "2024-05-10T09:30", "2024-05-10T09:30", "2024-05-10T17:00"),
    # months and seasons
    ("Im März gratulierte Xi Putin am Telefon.", "März", "DATE", "2024-03", None, None),
    ("In einem Telefonat im Februar sagten sich beide Unterstützung zu.", "Februar", "DATE", "2024-02", None, None),
    ("Im Dezember hielten Russland und China Manöver ab.", "Dezember", "DATE", "2023-12", None, None),
    ("Putin plant Treffen mit Xi noch im Mai.", "Mai", "DATE", "2024-05", None, None),
    ("Im Herbst sollen die Wahlen stattfinden.", "Herbst", "DATE", "2024-FA", None, None),
    ("Die Arbeiten werden im kommenden Sommer beginnen.", "kommenden Sommer", "DATE", "2025-SU", None, None),
    ("Anfang Mai wurde der Entwurf vorgelegt.", "Anfang Mai", "DATE", "2024-05", None, None),
    ("Die Regierung will Ende Juli entscheiden.", "Ende Juli", "DATE", "2024-07", None, None),
    ("Der Umsatz stieg im dritten Quartal 2023 deutlich.", "dritten Quartal 2023", "DATE", "2023-Q3", None, None),
    ("Die Preise sollen in der zweiten Jahreshälfte steigen.", "der zweiten Jahreshälfte", "DATE", "2024-H2", None, None),
    # weekdays
    ("\"Wir wollen die Zusammenarbeit stärken\", sagte Putin am Freitag zu Xi.", "Freitag", "DATE", "2024-05-10", None, None),
    ("Der Minister war am Montag in Paris.", "Montag", "DATE", "2024-05-06", None, None),
    ("Der Minister wird am Montag nach Paris reisen.", "Montag", "DATE", "2024-05-13", None, None),
    ("Am vergangenen Dienstag kam es zu Protesten.", "vergangenen Dienstag", "DATE", "2024-05-07", None, None),
    ("Die Abstimmung soll am kommenden Mittwoch sein.", "kommenden Mittwoch", "DATE", "2024-05-15", None, None),
    ("Am Freitagabend brannte eine Lagerhalle.", "Freitagabend", "TIME", "2024-05-10TEV", None, None),
    ("Am Samstag wurde gewählt.", "Samstag", "DATE", "2024-05-04", None, None),
    # days and periods relative to the reference date
    ("Gestern trafen sich die Außenminister.", "Gestern", "DATE", "2024-05-09", None, None),
    ("Was heute wirklich wichtig war.", "heute", "DATE", "2024-05-10", None, None),
    ("Die Entscheidung fällt morgen im Bundestag.", "morgen", "DATE", "2024-05-11", None, None),
    ("Vorgestern wurde der Vertrag unterschrieben.", "Vorgestern", "DATE", "2024-05-08", None, None),
    ("Er war gestern Abend im Theater.", "gestern Abend", "TIME", "2024-05-09TEV", None, None),
    ("Vergangene Woche besuchte er Peking.", "Vergangene Woche", "DATE", "2024-W18", None, None),
    ("Nächsten Monat beginnt die Tour.", "Nächsten Monat", "DATE", "2024-06", None, None),
    ("Die Wirtschaft ist dieses Jahr gewachsen.", "dieses Jahr", "DATE", "2024", None, None),
    ("Der Umsatz stieg im Vergleich zum Vorjahr.", "Vorjahr", "DATE", "2023", None, None),
    ("Heuer findet das Fest zum zehnten Mal statt.", "Heuer", "DATE", "2024", None, None),
    ("Die Gespräche gehen in der kommenden Woche weiter.", "der kommenden Woche", "DATE", "2024-W20", None, None),
    ("Vor zwei Wochen kam es zu einem Unfall.", "Vor zwei Wochen", "DATE", "2024-W17", None, None),
    ("Das Werk schloss vor drei Jahren.", "vor drei Jahren", "DATE", "2021", None, None),
    ("Bis Ende des Jahres soll der Bau fertig sein.", "Ende des Jahres", "DATE", "2024", None, None),
    ("Die Mannschaft konnte am Wochenende gewinnen.", "Wochenende", "DATE", "2024-W19-WE", None, None),
    ("Jetzt muss die Regierung handeln.", "Jetzt", "DATE", "PRESENT_REF", None, None),
    ("Damals gab es noch keine Handys.", "Damals", "DATE", "PAST_REF", None, None),
    # times of day
    ("Ihr tägliches Newsletter-Update um 18 Uhr.", "18 Uhr", "TIME", "2024-05-10T18:00", None, None),
    ("Die Sitzung beginnt um 20.30 Uhr im Rathaus.", "20.30 Uhr", "TIME", "2024-05-10T20:30", None, None),
    ("Am 12. Mai um 9 Uhr öffnet das Museum.", "9 Uhr", "TIME", "2024-05-12T09:00", None, None),
    ("Der Zug fuhr um 4 Uhr 45 morgens ab.", "4 Uhr 45", "TIME", "2024-05-10T04:45", None, None),
    ("Am frühen Morgen des 6. Juni 2023 fiel der Strom aus.", "frühen Morgen des 6. Juni 2023", "TIME", "2023-06-06TMO", None, None),
    # durations
    ("Die Verhandlungen dauerten drei Tage.", "drei Tage", "DURATION", "P3D", None, None),
    ("Sie lebt seit zwei Jahren in Berlin.", "zwei Jahren", "DURATION", "P2Y", None, None),
    ("Der Streik dauerte 24 Stunden.", "24 Stunden", "DURATION", "PT24H", None, None),
    ("Die Reparatur dauerte eineinhalb Stunden.", "eineinhalb Stunden", "DURATION", "PT90M", None, None),
    ("Das Projekt läuft seit einigen Wochen.", "einigen Wochen", "DURATION", "PXW", None, None),
    ("Er arbeitet seit Jahren an dem Buch.", "Jahren", "DURATION", "PXY", None, None),
    ("Die Leitung war jahrelang defekt.", "jahrelang", "DURATION", "PXY", None, None),
    ("In den vergangenen Jahren sank die Zahl.", "den vergangenen Jahren", "DURATION", "PXY", None, None),
    # sets
    ("Der Markt findet jeden Montag statt.", "jeden Montag", "SET", "XXXX-WXX-1", None, None),
    ("Der Bus fährt täglich nach München.", "täglich", "SET", "P1D", None, None),
    ("Die Gruppe trifft sich einmal im Monat.", "einmal im Monat", "SET", "P1M", None, None),
    ("Der Stammtisch trifft sich jeden dritten Mittwoch im Monat.", "jeden dritten Mittwoch im Monat", "SET", "P1M", None, None),
    ("Der Verein trifft sich montags im Gasthaus.", "montags", "SET", "XXXX-WXX-1", None, None),
    ("Die Wahl findet alle vier Jahre statt.", "alle vier Jahre", "SET", "P4Y", None, None),
    # holidays
    ("Zu Weihnachten wird die Familie zusammenkommen.", "Weihnachten", "DATE", "2024-12-25", None, None),
    ("Ostern 2024 fiel auf den 31. März.", "Ostern 2024", "DATE", "2024-03-31", None, None),
    # expressions anchored to an event: kept, value None
    ("Wladimir Putin plant eine Woche nach Beginn seiner neuen Amtszeit einen Besuch in China.",
     "eine Woche nach Beginn seiner neuen Amtszeit", "DATE", None, None, None),
    ("Zwei Tage vor der Wahl kam es zu Unruhen.", "Zwei Tage vor der Wahl", "DATE", None, None, None),
    # anaphoric: counted from the last date mentioned
    ("Am 3. März 2020 begann der Streik, am Tag darauf schlossen die Läden.", "Tag darauf", "DATE", "2020-03-04", None, None),
    ("Am 3. März 2020 begann der Streik. Drei Monate später war er vorbei.", "Drei Monate später", "DATE", "2020-06", None, None),
    ("Am 3. März 2020 begann der Streik, am nächsten Morgen kam die Polizei.", "nächsten Morgen", "TIME", "2020-03-04TMO", None, None),
    ("Am 3. März 2020 begann der Streik. Wenig später lenkte die Firma ein.", "Wenig später", "DATE", "FUTURE_REF", None, None),
    ("In der Nacht vom 3. auf den 4. Oktober 2023 brannte die Scheune.", "Nacht vom 3.", "TIME", "2023-10-03TNI", None, None),
    # years in pairs, the present in general, the end of the year
    ("Die Zollreform von 1870/71 senkte die Preise.", "1870/71", "DATE", "1870", "1870", "1871"),
    ("Die Stadt profitiert auch heute noch von der Messe.", "heute", "DATE", "PRESENT_REF", None, None),
    ("Bis zum Jahresende soll das Gesetz gelten.", "Jahresende", "DATE", "2024", None, None),
    ("Der Verein will auch in Zukunft junge Spieler fördern.", "Zukunft", "DATE", "FUTURE_REF", None, None),
]

# Sentences with words that look temporal but are not.
NEGATIVES = [
    "Die Regierung trifft sich mit so vielen Partnern wie möglich.",
    "Theresa May sprach mit Karl Mai über den Brexit.",
    "August Bebel gründete die Partei.",
    "Karl Marx und August Bebel schrieben Briefe.",
    "Ein Buch von August Bebel liegt vor.",
    "Die Sonde erreichte den Mars.",
    "Guten Morgen, sagte der Moderator.",
    "Er ist 16 Jahre alt und geht zur Schule.",
    "Mindestens 1500 Helfer sollen bereitstehen.",
    "Auf 2000 Quadratmetern entsteht ein Spielplatz.",
    "Die Mai-Kundgebung fiel aus.",
    "Das Ergebnis lag bei 3,5 Prozent.",
]


@pytest.fixture(scope="module")
def nlp():
    """A blank German pipeline with the tagger."""
    pipeline = spacy.blank("de")
    pipeline.add_pipe("newsevents_times")
    return pipeline


def tag(nlp, text: str, reference: dt.date | None = REFERENCE) -> Doc:
    """Tokenise, set the reference date and run the tagger."""
    doc = nlp.make_doc(text)
    doc._.reference_date = reference
    return nlp.get_pipe("newsevents_times")(doc)


def find_span(doc: Doc, text: str):
    """The tagged span with exactly this text (fails the test when absent)."""
    spans = [span for span in doc.spans["times"] if span.text == text]
    assert spans, f"no span {text!r} in {[span.text for span in doc.spans['times']]}"
    return spans[0]


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "begin", "end_value"), EXPRESSIONS)
def test_times_expression_table(nlp, sentence, text, kind, value, begin, end_value):
    span = find_span(tag(nlp, sentence), text)
    timex = span._.timex
    assert (span.label_, timex.type, timex.value) == (kind, kind, value)
    assert (timex.begin, timex.end_value) == (begin, end_value)


def test_times_trigger_regions_lose_no_match(nlp):
    """Regions, region kinds, the joined start patterns and the rules' first characters find
    what every rule run over the whole text finds."""
    rule_set = nlp.get_pipe("newsevents_times").rule_set
    for sentence, *_ in EXPRESSIONS + [(negative,) for negative in NEGATIVES]:
        fast = rule_set.find_matches(sentence)
        everywhere = [(priority, rule, found) for priority, rule in enumerate(rule_set.rules) for found in rule.regex.finditer(sentence)]
        full = choose_longest(everywhere, length=len(sentence))
        assert [(m.start, m.end, m.rule.name) for m in fast] == [(m.start, m.end, m.rule.name) for m in full]


def test_times_word_by_word_triggers_find_what_the_text_scan_finds(nlp):
    """Triggers looked up word by word on the Doc give the matches of a scan over the text."""
    rule_set = nlp.get_pipe("newsevents_times").rule_set
    for sentence, *_ in EXPRESSIONS + [(negative,) for negative in NEGATIVES]:
        triggers = find_doc_triggers(nlp.make_doc(sentence), rule_set.trigger, {})
        by_word = rule_set.find_matches(sentence, triggers=triggers)
        by_text = rule_set.find_matches(sentence)
        assert [(m.start, m.end, m.rule.name) for m in by_word] == [(m.start, m.end, m.rule.name) for m in by_text]


def test_times_event_anchor_is_no_place(nlp):
    """"ein Jahr nach X" is anchored to an event only when X is not a place name: with "Syrien"
    tagged LOC, "vor einem Jahr" is the date and "nach Syrien" the destination."""
    untagged = tag(nlp, "Sie reiste vor einem Jahr nach Syrien.")
    assert [span.text for span in untagged.spans["times"]] == ["einem Jahr nach Syrien"]
    doc = nlp.make_doc("Sie reiste vor einem Jahr nach Syrien.")
    doc.ents = [Span(doc, 6, 7, label="LOC")]
    doc._.reference_date = REFERENCE
    tagged = nlp.get_pipe("newsevents_times")(doc)
    assert [(span.text, span._.timex.value) for span in tagged.spans["times"]] == [("vor einem Jahr", "2023")]


def test_times_table_is_large_enough():
    assert len(EXPRESSIONS) + len(NEGATIVES) >= 80


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_times_negative_sentences_have_no_span(nlp, sentence):
    assert [span.text for span in tag(nlp, sentence).spans["times"]] == []


@pytest.mark.parametrize(
    ("sentence", "text", "value", "begin", "end_value"),
    [
        ("Die Reise ist für den 15. und 16. Mai geplant.", "15. und 16. Mai", "XXXX-05-15", "XXXX-05-15", "XXXX-05-16"),
        ("Der Minister war am Freitag in Paris.", "Freitag", "XXXX-WXX-5", None, None),
        ("Die Amtseinführung war am 7. Mai im Kreml.", "7. Mai", "XXXX-05-07", None, None),
        ("Im März gratulierte Xi Putin.", "März", "XXXX-03", None, None),
        ("Die Feier ist am 15. Mai 2024 in Rom.", "15. Mai 2024", "2024-05-15", None, None),
        ("Gestern trafen sich die Außenminister.", "Gestern", None, None, None),
        ("Ihr Newsletter-Update um 18 Uhr.", "18 Uhr", "XXXX-XX-XXT18:00", None, None),
    ],
)
def test_times_without_reference_date_values_are_underspecified(nlp, sentence, text, value, begin, end_value):
    timex = find_span(tag(nlp, sentence, reference=None), text)._.timex
    assert (timex.value, timex.begin, timex.end_value) == (value, begin, end_value)
    assert timex.anchored is False


def read_seed(repo_root: Path, name: str) -> str:
    """Text of a seed article."""
    return (repo_root / "seeds" / name).read_text(encoding="utf8")


def test_times_seed_article_putin_china(nlp, repo_root):
    doc = tag(nlp, read_seed(repo_root, "000_37ef3cac3b47f0ac.txt"))
    found = {span.text: span._.timex for span in doc.spans["times"]}
    assert found["15. und 16. Mai"].begin == "2024-05-15"
    assert found["15. und 16. Mai"].end_value == "2024-05-16"
    assert found["7. Mai"].value == "2024-05-07"
    assert found["März"].value == "2024-03"
    assert found["Februar"].value == "2024-02"
    assert found["18 Uhr"].value == "2024-05-10T18:00"
    assert found["eine Woche nach Beginn seiner neuen Amtszeit"].value is None
    assert "Mai" in found and found["Mai"].value == "2024-05"


def test_times_seed_article_military_cooperation(nlp, repo_root):
    doc = tag(nlp, read_seed(repo_root, "003_b1ca4df553a7e89d.txt"))
    found = {span.text: span._.timex.value for span in doc.spans["times"]}
    assert found["Freitag"] == "2024-05-10"
    assert found["Dezember"] == "2023-12"
    assert found["08.05.2024"] == "2024-05-08"
    assert "20 Minuten" not in found or found["20 Minuten"] == "PT20M"


def test_times_timex_is_frozen_dataclass(nlp):
    timex = find_span(tag(nlp, "Das Treffen war am 7. Mai."), "7. Mai")._.timex
    assert isinstance(timex, Timex)
    assert timex.granularity == "day" and timex.anchored is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        timex.value = "2020-01-01"


def test_times_round_trip_to_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "newsevents_times" / "times.toml").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded.make_doc("Die Reise ist für den 15. und 16. Mai geplant.")
    doc._.reference_date = REFERENCE
    loaded.get_pipe("newsevents_times")(doc)
    assert [(span.text, span._.timex.begin) for span in doc.spans["times"]] == [("15. und 16. Mai", "2024-05-15")]


def test_times_from_disk_uses_stored_lexicon(nlp, tmp_path):
    component = nlp.get_pipe("newsevents_times")
    component.to_disk(tmp_path)
    stored = (tmp_path / "times.toml").read_text(encoding="utf8")
    (tmp_path / "times.toml").write_text(stored.replace('mai = 5\n', ''), encoding="utf8")
    other = spacy.blank("de").add_pipe("newsevents_times")
    other.from_disk(tmp_path)
    doc = spacy.blank("de").make_doc("Die Feier ist am 15. Mai 2024 in Rom.")
    assert [span.text for span in other(doc).spans["times"]] == ["2024"]


def test_times_docbin_keeps_timex(nlp):
    doc = tag(nlp, "Die Reise ist für den 15. und 16. Mai geplant.")
    restored = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))[0]
    assert restored.spans["times"][0]._.timex.end_value == "2024-05-16"
    assert restored._.reference_date == REFERENCE


def test_times_reference_date_accepts_iso_text(nlp):
    doc = nlp.make_doc("Gestern war Wahl.")
    doc._.reference_date = "2024-05-10"
    assert doc._.reference_date == REFERENCE
    assert nlp.get_pipe("newsevents_times")(doc).spans["times"][0]._.timex.value == "2024-05-09"


def test_times_sentence_boundaries_from_parser_are_used(nlp):
    doc = nlp.make_doc("Am Montag wird gewählt. Am Freitag war Markt.")
    for token in doc:
        token.is_sent_start = token.i in (0, 5)
    doc._.reference_date = REFERENCE
    nlp.get_pipe("newsevents_times")(doc)
    assert [span._.timex.value for span in doc.spans["times"]] == ["2024-05-13", "2024-05-10"]


def test_times_narrative_mode_anchors_to_last_date(tmp_path):
    narrative = spacy.blank("de")
    narrative.add_pipe("newsevents_times", config={"mode": "narrative"})
    doc = narrative.make_doc("Im September 1939 griff Deutschland Polen an. Am 17. September folgte die Sowjetunion.")
    doc._.reference_date = dt.date(2011, 2, 16)
    narrative(doc)
    assert [span._.timex.value for span in doc.spans["times"]] == ["1939-09", "1939-09-17"]


def test_times_unknown_mode_is_rejected():
    with pytest.raises(ValueError):
        spacy.blank("de").add_pipe("newsevents_times", config={"mode": "poetry"})


def test_times_spans_key_is_configurable():
    pipeline = spacy.blank("de")
    pipeline.add_pipe("newsevents_times", config={"spans_key": "dates"})
    doc = pipeline("Am 7. Mai 2024 war Wahl.")
    assert [span.text for span in doc.spans["dates"]] == ["7. Mai 2024"]


def test_times_evaluation_beats_heideltime_on_krauts(shared_data):
    from pipeline.evaluation.dates import evaluate_dates

    result = evaluate_dates(data_dir=shared_data)
    ours, heideltime = result["KRAUTS newsevents"], result["KRAUTS HeidelTime"]
    assert ours["value"]["f1"] >= heideltime["value"]["f1"]
    assert ours["relaxed"]["f1"] >= heideltime["relaxed"]["f1"]
    assert result["WikiWarsDE newsevents"]["counts"]["gold"] > 2000


@pytest.mark.parametrize("reference", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_times_extreme_reference_dates_do_not_fail(nlp, reference):
    doc = tag(nlp, "Vor zwei Jahren, im Dezember und zu Ostern war es gestern so.", reference=reference)
    assert [span.text for span in doc.spans["times"]] == ["Vor zwei Jahren", "Dezember", "Ostern", "gestern"]


def test_times_narrative_headings_restart_from_section_year():
    narrative = spacy.blank("de")
    narrative.add_pipe("newsevents_times", config={"mode": "narrative"})
    text = "1862\n\nIm März begann der Feldzug. Im Jahr 1865 endete alles.\n\nWestlicher Kriegsschauplatz\n\nIm August siegte die Union."
    doc = narrative.make_doc(text)
    doc._.reference_date = dt.date(2011, 2, 16)
    narrative(doc)
    assert [(span.text, span._.timex.value) for span in doc.spans["times"]] == [
        ("1862", "1862"), ("März", "1862-03"), ("Jahr 1865", "1865"), ("August", "1862-08"),
    ]


@pytest.mark.parametrize(
    "text",
    ["Putin plant Besuch in China am 15. Mai.", "Am  Montag\n\nkam er –  zu spät. ", "", "  ", "\tTab und\u00a0NBSP"],
)
def test_times_text_of_doc_is_doc_text(text):
    from pipeline.times import text_of
    doc = spacy.blank("de")(text)
    assert text_of(doc) == doc.text


@pytest.mark.parametrize(
    "pattern, first",
    [
        ("[Aa]m (?:Montag|Dienstag)", {"A", "a"}),
        ("(?:im|am) Mai", {"i", "a"}),
        ("(?:Anfang )?Mai", {"A", "M"}),            # an optional part adds the next one's start
        ("(?:vor|nach)?\\s*Jahren", None),         # \s is a category: any space character
        ("\\d{4}", None),
        ("[0-3]?[0-9]\\.", {str(d) for d in range(10)}),
        ("(?:x)*", None),                           # can match nothing: unknown start
    ],
)
def test_times_first_characters_of_a_rule(pattern, first):
    import re._parser as sre_parse
    from pipeline.times import first_characters
    found = first_characters(sre_parse.parse(pattern))
    assert (set(found) if found is not None else None) == first

