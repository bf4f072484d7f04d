"""Arguments of events in real German news sentences, with the configured model (the bundled one in CI)."""
import pytest

from pipeline.batch import Analyzer, analyse_text
from pipeline.settings import load_settings


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load(load_settings())


def argument_texts(analyzer, text: str, event_type: str) -> set[tuple[str, str]]:
    record = analyse_text(text, settings=load_settings(), analyzer=analyzer)
    (event,) = [event for event in record.events if event.type == event_type]
    return {(argument.role, argument.text) for argument in event.arguments}


@pytest.mark.parametrize(
    "text, event_type, present, absent",
    [
        # a third-person pronoun stands for the person named before it ...
        ("Wladimir Putin landete am Morgen in Peking. Er traf dort Xi Jinping.", "MEETING",
         {("participant", "Wladimir Putin")}, {("participant", "Er")}),
        # ... and is left out when no one is named
        ("Er sprengte sich mit einem Auto in die Luft.", "ATTACK", set(), {("agent", "Er")}),
        # a possessive determiner without an owner is no argument
        ("Die Gewerkschaft will ihren Ausstand bei der Deutschen Post fortsetzen.", "STRIKE",
         {("agent", "Gewerkschaft")}, {("agent", "ihren")}),
        # ... nor does a name that is the genitive of another noun: the head noun owns it
        ("Die Flugbegleiter der Lufthansa setzen ihren Streik am Dienstag fort.", "STRIKE",
         {("agent", "Flugbegleiter")}, {("agent", "Lufthansa")}),
        # "von" after a symmetric event noun names its participants
        ("Die Fusion von KMW und Nexter droht zu scheitern.", "MERGER",
         {("participant", "KMW"), ("participant", "Nexter")}, set()),
        # "Rund" at the start of a sentence opens the phrase of the strikers, it names no one
        ("Rund 2000 Krankenhaus-Beschäftigte wollen am Donnerstag in den Warnstreik gehen.", "STRIKE",
         {("agent", "Krankenhaus-Beschäftigte")}, {("agent", "Rund")}),
        # a possessive genitive after the noun names who gives the support
        ("Der Verein für Konsumenteninformation hat Anlegern die Unterstützung ihrer Rechtsschutzversicherer erkämpft.",
         "SUPPORT", {("agent", "ihrer Rechtsschutzversicherer")}, set()),
        # a genitive name before its noun stays in that noun's phrase
        ("Die EU-Kommission übt Kritik an Österreichs günstigen Zinsverrechnungen.", "CRITICISM",
         {("target", "Österreichs günstigen Zinsverrechnungen")}, {("target", "Österreichs")}),
        # a word the NER took for a name is no verb, even when the tagger says so
        ("Lufthansa-Flugbegleiter streiken auch am Dienstag", "STRIKE", {("agent", "Lufthansa-Flugbegleiter")}, set()),
        # numbered roads are places
        ("Bei einer Massenkarambolage auf der Autobahn 33 bei Paderborn wurde ein Mann getötet.", "ACCIDENT",
         {("location", "Autobahn 33"), ("location", "Paderborn")}, set()),
        ("Zwei Menschen wurden bei einem Verkehrsunfall auf der B 312 bei Edenbachen verletzt.", "ACCIDENT",
         {("location", "B 312"), ("location", "Edenbachen")}, set()),
        # every place of an enumeration, across its commas and remarks in parentheses
        ("Die Gewerkschaft ruft ihre Mitglieder an den Standorten Frankfurt, Düsseldorf und München zu Streiks auf.",
         "STRIKE", {("location", "Düsseldorf"), ("location", "München")}, {("agent", "Düsseldorf")}),
        ("In Köln (10.00 Uhr), Dortmund (10.30 Uhr) und Bad Oeynhausen (11.00 Uhr) sind Kundgebungen geplant.",
         "PROTEST", {("location", "Köln"), ("location", "Dortmund"), ("location", "Bad Oeynhausen")}, set()),
        # the names after "wie" exemplify the agent; they are not objects of the verb
        ("Die Initiative wird von mehreren großen IT-Konzernen wie Apple, Google und Microsoft unterstützt.", "SUPPORT",
         {("agent", "mehreren großen IT-Konzernen")}, {("target", "Apple"), ("target", "Google")}),
        # a place after another noun places that noun, not the event; after the event's genitive it places the event
        ("Nach Enthüllungen über Geschäfte mit Briefkastenfirmen in Panama hat die Regierung ihre Kooperation zugesagt.",
         "COOPERATION", {("participant", "Regierung")}, {("location", "Panama")}),
        ("Infolge des Zusammenstoßes zweier Personenzüge in Oberbayern waren elf Menschen gestorben.", "ACCIDENT",
         {("location", "Oberbayern")}, set()),
        # ... and the place of an event that causes another is the place of both
        ("Ein Unfall auf der A45 führt zu größeren Verkehrsbehinderungen.", "OBSTRUCTION", {("location", "A45")}, set()),
        # a relative pronoun that is the subject stands for the phrase before the comma ...
        ("Bernd Dobesberger, der zuletzt die Ablöse des Parteichefs verlangt hatte, sprach ihm das Vertrauen aus.",
         "DEMAND", {("agent", "Bernd Dobesberger"), ("target", "Ablöse des Parteichefs")}, {("agent", "Ablöse des Parteichefs")}),
        ("Dasselbe gilt für Behörden, die den Schlüssel von Microsoft verlangen könnten.", "DEMAND",
         {("agent", "Behörden")}, set()),
        # ... but not a dative one with a subject of its own
        ("Verantwortlich macht sie die Ärztekammer, der sie eine Blockadehaltung vorwirft.", "CRITICISM",
         set(), {("agent", "Ärztekammer")}),
        # the noun of an office's light verb is the office; "um" after an election names it
        ("Die Slowakei übernimmt am 1. Juli die EU-Präsidentschaft.", "TAKE_OFFICE",
         {("agent", "Slowakei"), ("office", "EU-Präsidentschaft")}, set()),
        ("In der Stichwahl um die Hofburg treten zwei Kandidaten an.", "ELECTION", {("office", "Hofburg")}, set()),
        # a building of a named town is a place; a protest "vor" it takes place there
        ("Bsirske sprach am Donnerstag auf einer Demonstration direkt vor der Bonner Post-Zentrale.", "PROTEST",
         {("location", "Bonner Post-Zentrale")}, set()),
        # a genitive belongs to the noun before it, also with a name in it; genitives coordinate
        ("Am Dienstag beschloss die Gewerkschaft des Personals eine Schlichtung zu beantragen.", "DEMAND",
         {("agent", "Gewerkschaft des Personals"), ("target", "Schlichtung")}, {("target", "Personals")}),
        ("BASF hat sich angesichts der Fusion der Konkurrenten Dupont und Dow Chemical gelassen gezeigt.", "MERGER",
         {("participant", "Dupont"), ("participant", "Dow Chemical")}, set()),
        # a fronted accusative is the object; the subject follows the verb
        ("Den bisherigen Vorschlag der Arbeitgeber lehnt Verdi ab.", "CRITICISM",
         {("agent", "Verdi"), ("target", "bisherigen Vorschlag")}, {("agent", "bisherigen Vorschlag")}),
        # a pronominal adverb in front of the verb (tagged PAV by the bundled model) pushes the subject behind it
        ("Verhandlungen darüber lehnt Amazon aber ab.", "MEETING", {("participant", "Amazon")}, set()),
        # a phrase after the noun of a prepositional phrase belongs to that noun, unless it is a place
        ("Bundesweite Proteste gegen Stellenabbau bei Bombardier.", "PROTEST",
         {("target", "Stellenabbau")}, {("agent", "Bombardier")}),
        ("Zuletzt sorgte er mit der Forderung nach einem Einreiseverbot für Muslime für Empörung.", "SANCTION",
         {("target", "Muslime")}, {("target", "Empörung")}),
        # a phrase elsewhere in the clause only places the event; before an attributive participle it fills any role
        ("Die Proteste gegen den Stellenabbau bei Bombardier gingen weiter.", "PROTEST", set(), {("agent", "Bombardier")}),
        ("Die von Finanzminister Hans Jörg Schelling (ÖVP) erhobene Forderung stößt auf Ablehnung.", "DEMAND",
         {("agent", "Finanzminister Hans Jörg Schelling")}, set()),
        # "nach Syrien" after "vor einem Jahr" is the destination, not part of a date
        ("Die 28-jährige Italienerin reiste vor einem Jahr nach Syrien.", "VISIT", {("destination", "Syrien")}, set()),
    ],
)
def test_events_arguments_of_real_sentences(analyzer, text, event_type, present, absent):
    found = argument_texts(analyzer, text, event_type)
    assert present <= found and not absent & found, found
