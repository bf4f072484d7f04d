"""PNG figures of an evaluation, for people who would rather look than read the tables.

``plot_counts`` draws precision, recall and F1 per class (event type or argument role) as grouped
horizontal bars, with the gold count beside each class name, so that a high F1 on three examples
is not read like one on thirty. matplotlib (the ``plots`` extra) draws them without a display.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.evaluation.events import Counts, EventScores

# Bar colours of precision, recall and F1.
MEASURE_COLOURS = {"precision": "#9ecae1", "recall": "#4292c6", "F1": "#08306b"}


def plot_counts(by_class: Mapping[str, Counts], *, title: str, path: Path) -> Path:
    """Write grouped P/R/F1 bars per class to ``path`` (PNG) and return it."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display, no window
    from matplotlib import pyplot

    classes = sorted(by_class, key=lambda name: by_class[name].f1)
    figure, axes = pyplot.subplots(figsize=(7, 1.2 + 0.45 * max(1, len(classes))))
    height = 0.8 / len(MEASURE_COLOURS)
    for offset, (measure, colour) in enumerate(MEASURE_COLOURS.items()):
        values = [getattr(by_class[name], "f1" if measure == "F1" else measure) for name in classes]
        axes.barh([row + offset * height for row in range(len(classes))], values, height=height,
                  color=colour, label=measure)
    axes.set_yticks([row + height for row in range(len(classes))])
    axes.set_yticklabels([f"{name} ({by_class[name].tp + by_class[name].fn} gold)" for name in classes])
    axes.set_xlim(0, 1)
    axes.set_title(title)
    axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    return path


def plot_event_scores(scores: EventScores, *, name: str, folder: Path) -> list[Path]:
    """The per-type and per-role figures of one gold set, named after it, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = "".join(character if character.isalnum() else "-" for character in Path(name).stem).strip("-")
    return [plot_counts(scores.events_by_type, title=f"Events by type: {name}", path=folder / f"{stem}-types.png"),
            plot_counts(scores.arguments_by_role, title=f"Arguments by role: {name}", path=folder / f"{stem}-roles.png")]
