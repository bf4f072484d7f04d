"""PNG figures of an evaluation (pipeline/evaluation/plots.py)."""
from PIL import Image

from pipeline.evaluation.events import Counts, EventScores
from pipeline.evaluation.plots import MEASURE_COLOURS, plot_event_scores

F1_COLOUR = tuple(int(MEASURE_COLOURS["F1"][i:i + 2], 16) for i in (1, 3, 5))


def test_evaluation_plots_draw_one_bar_group_per_class(tmp_path):
    scores = EventScores()
    scores.events_by_type.update({"VISIT": Counts(tp=8, fp=2, fn=1), "MEETING": Counts(tp=3, fp=3, fn=3),
                                  "ATTACK": Counts(tp=0, fp=1, fn=2)})
    scores.arguments_by_role.update({"agent": Counts(tp=5, fp=5, fn=5)})
    types_png, roles_png = plot_event_scores(scores, name="eval/events-dev.jsonl", folder=tmp_path)
    assert types_png.name == "events-dev-types.png" and roles_png.name == "events-dev-roles.png"
    f1_pixels = {path: sum(count for count, colour in Image.open(path).convert("RGB").getcolors(1 << 24)
                           if colour == F1_COLOUR) for path in (types_png, roles_png)}
    # two classes with F1 > 0 draw more dark bar than one; ATTACK (F1 0) draws none
    assert f1_pixels[types_png] > f1_pixels[roles_png] > 100
