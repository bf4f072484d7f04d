"""Reading HeidelTime's standalone TimeML output for scoring (pipeline/evaluation/dates.py)."""
import datetime as dt
from pathlib import Path

from pipeline.evaluation.dates import Annotation, Document, read_heideltime_wikiwars, score_documents

# A made-up document, not corpus text: gold TIMEX2 text and HeidelTime-style TimeML for it.
TEXT = "\nDer Krieg begann 1867 & endete im Mai 1870.\n"
TIMEML = (
    '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
    '\nDer Krieg begann <TIMEX3 tid="t1" type="DATE" value="1867">1867</TIMEX3> &amp; endete im '
    '<TIMEX3 tid="t2" type="DATE" value="1870-05">Mai 1870</TIMEX3>.\n\n</TimeML>\n'
)


def test_read_heideltime_wikiwars(tmp_path: Path) -> None:
    gold = Document(
        "WikiWarsDE_20110412/keyinline/99_Example.key.xml", TEXT, dt.date(2011, 2, 16),
        (Annotation(18, 22, "DATE", "1867"), Annotation(35, 43, "DATE", "1870")),
    )
    (tmp_path / "99_Example.tml").write_text(TIMEML, encoding="utf8")
    [system] = read_heideltime_wikiwars(tmp_path, [gold])
    assert system.text == TEXT and system.name == gold.name and system.creation_date == gold.creation_date
    assert system.annotations == (Annotation(18, 22, "DATE", "1867"), Annotation(35, 43, "DATE", "1870-05"))
    scores = score_documents([gold], [system])
    assert scores["strict"]["f1"] == 1.0 and scores["value_accuracy"] == 0.5
