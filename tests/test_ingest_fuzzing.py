"""Fuzzing the readers and the cleaner: any bytes give documents and never an exception; any
text cleans into kept text and dropped spans that lie inside it."""
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cleaning_rules import load_cleaning_rules
from pipeline.ingest import read_stream
from pipeline.language import LanguageSettings
from pipeline.settings import load_settings
from pipeline.text import prepare_text

RULES = load_cleaning_rules(load_settings().cleaning.rules)
READERS = ("txt", "html", "json", "jsonl")
# Fragments that reach the interesting paths: markup, boilerplate, JSON syntax, encodings.
FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<script>", "&amp;", "&#x0;", "\n\n", "\r\n", "{", "}", "[", "]", '"text": ', '"id": ',
    "\\ud800", "Newsletter abonnieren", "Mehr zum Thema", "Putin reist am 15. Mai nach China.", "\x00", "\u00ad",
    "ä", "Ã¤", "\x96", "9" * 50,
])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=30).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), TEXTS.map(lambda text: text.encode("utf-8", "surrogatepass"))),
       reader=st.sampled_from(READERS))
def test_ingest_fuzzing_any_bytes_give_documents(data, reader):
    documents = list(read_stream(io.BytesIO(data), source="fuzz", reader=reader, max_bytes=10_000))
    assert documents
    for document in documents:
        assert (document.text is None) == (document.error is not None)
        json.dumps([document.source, document.title, document.text, document.error], ensure_ascii=False).encode("utf-8")


@FUZZ
@given(raw=TEXTS, title=st.one_of(st.none(), st.text(max_size=20)))
def test_ingest_fuzzing_cleaning_keeps_offsets_inside_the_text(raw, title):
    prepared = prepare_text(raw, title=title, rules=RULES, languages=LanguageSettings())
    for dropped in prepared.dropped:
        assert 0 <= dropped.start < dropped.end <= len(raw)
    assert "\n\n\n" not in prepared.text
