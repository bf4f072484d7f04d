"""The run's timeline (pipeline/timeline.py): which event times are placed, in which bins."""
import pytest

from pipeline.timeline import count_events, draw_timeline


@pytest.mark.parametrize("values, granularity, bins, undated", [
    # days close together: one bin per day, the days between them empty
    (["2024-05-15", "2024-05-17", "2024-05-15"], "day", {"2024-05-15": 2, "2024-05-16": 0, "2024-05-17": 1}, 0),
    # a month among days has no day: it is counted as undated
    (["2024-05-15", "2024-05"], "day", {"2024-05-15": 1}, 1),
    # days over more than three months: months, the days counted in theirs
    (["2024-01-03", "2024-06-30", "2024-03"], "month",
     {"2024-01": 1, "2024-02": 0, "2024-03": 1, "2024-04": 0, "2024-05": 0, "2024-06": 1}, 0),
    # a year among months has no month: undated
    (["2024-05", "2024-06", "2024"], "month", {"2024-05": 1, "2024-06": 1}, 1),
    # more than ten years: years, every year between drawn
    (["1990-05-01", "2024-05", "2010"], "year", {str(year): int(year in (1990, 2010, 2024)) for year in range(1990, 2025)}, 0),
    # underspecified values, weeks, durations, impossible days and no time are never placed
    (["XXXX-05-15", "2024-W20", "P3D", "2024-02-30", None], "year", {}, 5),
])
def test_timeline_bins_only_calendar_days_and_months(values, granularity, bins, undated):
    timeline = count_events(("MEETING", value) for value in values)
    assert {label: sum(counts.values()) for label, counts in timeline.counts.items()} == bins
    assert timeline.undated == undated
    if bins:
        assert timeline.granularity == granularity


def test_timeline_drawing_labels_at_most_forty_bins():
    svg = draw_timeline(count_events([("MEETING", "1900"), ("MEETING", "2024")]))
    assert 2 + 20 < svg.count("<text") <= 2 + 40   # the two axis numbers and the thinned date labels


def test_timeline_drawing_stacks_types_and_escapes_labels():
    timeline = count_events([("MEETING", "2024-05-15"), ("VISIT<x>", "2024-05-15")])
    svg = draw_timeline(timeline)
    assert svg.count("<rect") == 2
    assert "VISIT&lt;x&gt;" in svg and "VISIT<x>" not in svg
    assert draw_timeline(count_events([("MEETING", None)])) == ""
