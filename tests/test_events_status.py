"""Status of events in real German news sentences, with the configured model (the bundled one in CI)."""
import pytest

from pipeline.batch import Analyzer, analyse_text
from pipeline.settings import load_settings


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load(load_settings())


@pytest.mark.parametrize(
    "text, event_type, status",
    [
        # the noun "Würde" is not the subjunctive "würde"
        ("Die Abgeordneten trafen sich zu einer Sitzung über die Würde am Ende des Lebens.", "MEETING", "occurred"),
        # a day without a year in the present tense lies ahead; in the past tense it is over
        ("Die Slowakei übernimmt am 1. Juli die EU-Präsidentschaft.", "TAKE_OFFICE", "planned"),
        ("Die Flugbegleiter der Lufthansa setzen ihren Streik am Dienstag fort.", "STRIKE", "planned"),
        ("Die Flugbegleiter der Lufthansa streikten am Dienstag.", "STRIKE", "occurred"),
        # an attributive "geplant" belongs to its own noun, not to the event
        ("Griechenland bestreikt die Regierung wegen den geplanten Rentenkürzungen.", "STRIKE", "occurred"),
        ("Am Montag gaben beide Unternehmen die Eckdaten für ihren geplanten Zusammenschluss bekannt.", "MERGER", "planned"),
        # ... but one in a time expression speaks for the clause
        ("Der Flughafen München wird ab nächster Woche durch die Flugbegleiter bestreikt.", "STRIKE", "planned"),
        # what is promised is planned; the call in which it was promised is not
        ("Die Regierung sagt ihre Kooperation zu.", "COOPERATION", "planned"),
        ("In einem Telefonat sagten sich Xi und Putin Unterstützung zu.", "CALL", "occurred"),
        # ... and so is a verb coordinated with the promise
        ("Xi und Putin sagten sich Unterstützung zu und bekräftigten ihre gemeinsame Kritik an den USA.", "CRITICISM", "occurred"),
        # a purpose clause, even when the tagger reads "um" as a preposition
        ("Die Männer besorgten sich einen Plan, um den Zeitpunkt für einen Anschlag zu bestimmen.", "ATTACK", "planned"),
        ("Reinhold Entholzer soll den Regierungssitz der Roten erhalten.", "TAKE_OFFICE", "planned"),
        # the event that anchors a time expression is not what the clause's modal verb speaks of
        ("Eine Woche nach dem schweren Zugunglück bei Bad Aibling wollen sich die Ermittler äußern.", "ACCIDENT", "occurred"),
        ("Kurz vor der Übernahme durch Siemens wollen die Aktionäre abstimmen.", "ACQUISITION", "planned"),
    ],
)
def test_events_status_of_real_sentences(analyzer, text, event_type, status):
    record = analyse_text(text, settings=load_settings(), analyzer=analyzer)
    statuses = [event.status for event in record.events if event.type == event_type]
    assert statuses == [status]
