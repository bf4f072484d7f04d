"""Running the pipeline over gold sentences and documents, in the gold format, for scoring.

A gold sentence is analysed alone (its own ``date`` as reference date); a whole document is
analysed as the batch does, and each merged event is counted in every sentence where one of its
mentions stands, since gold annotates events sentence by sentence.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..batch import Analyzer
from ..document import SourceDocument, hash_bytes
from ..schema import DocumentRecord, Event
from ..text import PreparedText
from .gold import GoldSentence


def predict_sentences(gold: Iterable[GoldSentence], *, analyzer: Analyzer) -> dict[str, list[dict]]:
    """The events the pipeline finds in each gold sentence, keyed by sentence id."""
    sentences = list(gold)
    sources = [
        SourceDocument(doc_id=hash_bytes(s.text.encode("utf8")), source=s.id, fmt="txt", text=s.text, published=s.date)
        for s in sentences
    ]
    nlp = analyzer.pipeline.nlp
    docs = nlp.pipe(analyzer.make_doc(s.text, reference_date=s.date) for s in sentences)
    predicted = {}
    for sentence, source, doc in zip(sentences, sources, docs):
        prepared = PreparedText(text=sentence.text, dropped=(), language="de", language_score=1.0)
        record = analyzer.record(doc, source=source, prepared=prepared)
        predicted[sentence.id] = [as_gold_event(event) for event in record.events]
    return predicted


def restrict_types(predicted: dict[str, list[dict]], types: set[str]) -> dict[str, list[dict]]:
    """Keep only events of ``types``: a gold set that annotates a few types (the DFKI corpora)
    cannot judge the others."""
    return {key: [event for event in events if event["type"] in types] for key, events in predicted.items()}


def events_by_sentence(record: DocumentRecord, sentences: Sequence[GoldSentence]) -> dict[str, list[dict]]:
    """A document's events, each counted in the gold sentences that hold one of its mentions."""
    predicted: dict[str, list[dict]] = {sentence.id: [] for sentence in sentences}
    for event in record.events:
        for mention in event.mentions or [event.trigger]:
            sentence = containing_sentence(record.text, mention.start, sentences)
            if sentence is not None:
                predicted[sentence.id].append(as_gold_event(event, trigger=mention.text))
    return predicted


def containing_sentence(text: str, offset: int, sentences: Sequence[GoldSentence]) -> GoldSentence | None:
    """The gold sentence whose text stands around ``offset`` in the document text."""
    for sentence in sentences:
        start = text.find(sentence.text)
        if start != -1 and start <= offset < start + len(sentence.text):
            return sentence
    return None


def as_gold_event(event: Event, *, trigger: str | None = None) -> dict:
    """An event in the gold format: type, trigger, status, negation, source, arguments, time."""
    return {
        "type": event.type,
        "trigger": trigger or event.trigger.text,
        "status": event.status,
        "negated": event.negated,
        "reported_by": event.reported_by.text if event.reported_by else None,
        "arguments": [{"role": argument.role, "text": argument.text} for argument in event.arguments],
        "time": {"text": event.time.text, "value": event.time.value} if event.time else None,
    }
