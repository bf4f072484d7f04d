"""Events across documents: same type, a shared party, no contradiction in day or place → linked."""
import pytest

from pipeline.coreference import event_refs, link_events
from pipeline.schema import DocumentRecord

SENTENCE = "Putin traf Xi am 15. Mai 2024 in Peking."


def record(doc: str, *, time: str | None = "2024-05-15", place: tuple[str, str, str] | None = ("Peking", "geonames:1816670", "CN"),
           partner: tuple[str, str] = ("Xi", "Q15031"), event_type: str = "MEETING") -> DocumentRecord:
    entities = [
        {"id": "E1", "label": "PER", "name": "Wladimir Putin", "key": "Q7747", "mentions": [{"text": "Putin", "start": 0, "end": 5}]},
        {"id": "E2", "label": "PER", "name": partner[0], "key": partner[1], "mentions": [{"text": "Xi", "start": 11, "end": 13}]},
    ]
    arguments = [{"role": "participant", "text": "Putin", "start": 0, "end": 5, "entity_id": "E1"},
                 {"role": "participant", "text": "Xi", "start": 11, "end": 13, "entity_id": "E2"}]
    if place is not None:
        entities.append({"id": "E3", "label": "LOC", "name": place[0], "key": place[1], "country": place[2],
                         "mentions": [{"text": "Peking", "start": 33, "end": 39}]})
        arguments.append({"role": "location", "text": "Peking", "start": 33, "end": 39, "entity_id": "E3"})
    return DocumentRecord.model_validate({
        "doc_id": "sha256:" + doc * 64, "source": f"{doc}.txt", "text": SENTENCE, "entities": entities,
        "events": [{"id": "V1", "type": event_type, "trigger": {"text": "traf", "start": 6, "end": 10},
                    "sentence": {"text": SENTENCE, "start": 0, "end": len(SENTENCE)}, "status": "occurred",
                    "arguments": arguments, "confidence": 0.8, "rule": "MEETING/verb:treffen",
                    "time": {"text": "am 15. Mai 2024", "start": 14, "end": 29, "value": time} if time else None}],
    })


def scores(*records: DocumentRecord) -> list[float]:
    return [link.score for link in link_events([ref for r in records for ref in event_refs(r)], threshold=0.0)]


@pytest.mark.parametrize("other, expected", [
    (record("b"), [1.0]),                                            # same parties, day and place
    (record("b", time=None), [0.75]),                                # one side undated
    (record("b", time="2024-05"), [0.85]),                           # the month contains the day
    (record("b", place=None), [0.85]),                               # one side without a place
    (record("b", partner=("Lula", "Q37181")), [0.667]),              # one of three parties shared
    (record("b", time="2024-05-20"), []),                            # another day: another meeting
    (record("b", place=("Moskau", "geonames:524901", "RU")), []),    # another place in another country
    (record("b", place=("Schanghai", "geonames:1796236", "CN")), [1.0]),  # another city of the country: compatible
    (record("b", event_type="CALL"), []),                            # another type
])
def test_coreference_scores_pairs_of_events(other, expected):
    assert scores(record("a"), other) == pytest.approx(expected, abs=0.01)


def test_coreference_never_links_events_of_one_document():
    assert scores(record("a"), record("a")) == []


def test_coreference_links_become_same_event_quads():
    from pyoxigraph import NamedNode

    from pipeline.graph import NE, same_event_quads

    graph = NamedNode("https://example.org/run/test")
    links = link_events([ref for r in (record("a"), record("b"), record("c", time="2024-06-01")) for ref in event_refs(r)],
                        threshold=0.7)
    quads = list(same_event_quads(links, base="https://example.org/", graph=graph))
    assert sum(q.predicate == NamedNode(NE + "sameEventAs") for q in quads) == 1
    assert [q.object.value for q in quads if q.predicate == NamedNode(NE + "score")] == ["1"]
