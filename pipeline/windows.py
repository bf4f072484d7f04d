"""Long texts analysed in windows, joined back into one Doc.

spaCy refuses a text over ``nlp.max_length`` characters (error E088), and the memory a Doc
takes grows with its length. A long text is therefore cut into windows between paragraphs
(else between lines, after a sentence, at a space), each analysed as a Doc of its own; the
analysed windows are then joined into one Doc of the whole text, with every character offset
the components stored moved to where its window starts. Entities, sentences and the parse
never cross a cut, which falls between paragraphs wherever the text has them.
"""
from __future__ import annotations

from typing import Any, Iterator, Sequence

from spacy.tokens import Doc

from .times import USER_DATA_KEY as TIMEX_KEY

# Where a long text may be cut, best first: between paragraphs, between lines, after the end of
# a sentence, at a space. A window is never cut in its first half, so windows stay long.
CUT_AFTER = ("\n\n", "\n", ". ", " ")


def window_bounds(text: str, *, max_chars: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive windows of at most ``max_chars`` that cover ``text`` exactly."""
    start = 0
    while len(text) - start > max_chars:
        end = cut_before(text, start=start, limit=start + max_chars)
        yield start, end
        start = end
    yield start, len(text)


def cut_before(text: str, *, start: int, limit: int) -> int:
    """The best place to end a window that starts at ``start`` and may not pass ``limit``."""
    floor = start + (limit - start) // 2
    for separator in CUT_AFTER:
        found = text.rfind(separator, floor, limit)
        if found != -1:
            return found + len(separator)
    return limit


def join_windows(docs: Sequence[Doc]) -> Doc:
    """One Doc of the windows' texts in order, with their annotations, times and events."""
    joined = Doc.from_docs(list(docs), ensure_whitespace=False, exclude=["user_data", "tensor"])
    joined._.reference_date = docs[0]._.reference_date
    events = []
    offset = 0
    for doc in docs:
        for key, value in doc.user_data.items():
            if isinstance(key, tuple) and key[0] == TIMEX_KEY:
                joined.user_data[(TIMEX_KEY, key[1] + offset, key[2] + offset)] = dict(value)
        for event in doc._.events or []:
            events.append({**shift_offsets(event, by=offset), "id": f"V{len(events) + 1}"})
        offset += len(doc.text)
    joined._.events = events
    return joined


def shift_offsets(value: Any, *, by: int) -> Any:
    """A copy of an extractor's event (nested dicts and lists) with every start/end moved by ``by``."""
    if isinstance(value, dict):
        return {key: item + by if key in ("start", "end") and isinstance(item, int) else shift_offsets(item, by=by)
                for key, item in value.items()}
    if isinstance(value, list):
        return [shift_offsets(item, by=by) for item in value]
    return value
