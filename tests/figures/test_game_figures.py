"""The game's map and 3-D view: the fog mask, the shading, clicks within reach, the replay's
marks, and nothing given away during play."""

import json

import numpy as np
import pytest

from gdgame.engine import game as rules
from gdgame.figures.game import click_targets, fog, game_3d_figure, map_figure, shaded
from gdgame.figures.surface import sample
from tests.app.charts import _decode

TWO = rules.level(3)
GRID = sample(TWO.landscape)
SHADE = shaded(sample(TWO.landscape, 100))


def names(fig: dict) -> set[str]:
    return {t.get("name") for t in fig["data"]}


def numbers(fig: dict) -> np.ndarray:
    """Every number in the figure's traces, typed arrays decoded."""
    out = []

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list | tuple | np.ndarray):
            for x in np.asarray(v, dtype=object).ravel():
                walk(x)
        elif isinstance(v, int | float) and not isinstance(v, bool):
            out.append(float(v))

    walk(_decode(fig["data"]))
    return np.array(out)


def test_the_fog_mask_is_what_the_rules_reveal_and_none_without_fog():
    game = rules.gradient_step(rules.new_game(TWO, fog="medium"), 0.05)
    seen = fog(game, GRID)
    assert np.array_equal(seen, rules.visible(game, GRID.xs, GRID.ys)) and 0 < seen.mean() < 0.5
    assert fog(rules.new_game(TWO), GRID) is None  # no fog: everything, no mask to send
    assert not fog(rules.new_game(TWO, fog="hard"), GRID).any()
    assert fog(rules.declare_bottom(rules.new_game(TWO, fog="hard")), GRID) is None  # the end


def test_the_shading_keeps_the_order_of_heights_and_starts_at_zero():
    raw = sample(TWO.landscape, 100).z.ravel()
    shade = SHADE.z.ravel()
    assert shade.min() == 0.0 and np.isfinite(shade).all()
    order = np.argsort(raw, kind="stable")
    assert (np.diff(shade[order]) >= -1e-6).all()  # log-shading is monotone in the height


def test_the_map_leaves_its_grid_out_and_draws_contours_over_the_whole_shading():
    fig = map_figure(rules.new_game(TWO), SHADE)
    first = fig["data"][0]
    assert first["type"] == "contour" and not {"x", "y", "z"} & set(first)
    assert first["contours"]["end"] == pytest.approx(float(SHADE.z.max()))
    json.dumps(fig)  # plain JSON, nothing plotly has to validate


@pytest.mark.parametrize("number", range(1, 10))
def test_click_targets_lie_within_the_stride_on_the_map_and_finely_spaced(number):
    lv = rules.level(number)
    game = rules.new_game(lv, mode="free")
    pts = click_targets(game).astype(float)
    distance = np.hypot(pts[:, 0] - lv.start[0], pts[:, 1] - lv.start[1])
    assert distance.max() <= lv.stride * (1 + 1e-6) and distance.min() > 0
    (x0, x1), (y0, y1) = lv.landscape.domain
    assert ((pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)).all()
    spacing = np.diff(np.unique(pts[:, 0])).min()
    assert spacing <= lv.tolerance  # a click can land within the win tolerance
    fig = map_figure(game, shaded(sample(lv.landscape, 40)), clickable=True)
    assert {"within reach", "step here"} <= names(fig)
    targets = next(t for t in fig["data"] if t["name"] == "step here")
    assert targets["meta"] == "click"  # the view sends a click on these back as (x, y)


def test_the_map_hides_the_answer_during_play_and_the_replay_shows_it():
    game = rules.new_game(TWO)
    bot = rules.play_bot(TWO, "medium")
    playing = map_figure(game, SHADE, bot=bot, bot_steps=0, preview=rules.preview(game, 0.05))
    assert "global minimum" not in names(playing)
    assert "this step would land here" in names(playing)
    assert np.isfinite(numbers(playing)).all()
    g = game
    for lr in (0.3, 0.3, 0.05):  # big steps: some go uphill or overshoot
        g = rules.gradient_step(g, lr)
    over = rules.declare_bottom(g)
    replay = _decode(map_figure(over, SHADE, bot=bot))
    assert {"global minimum", "local minimum", "you"} <= names(replay)
    assert any(n.startswith(f"bot ({bot.steps} steps") for n in names(replay))
    marks = rules.step_marks(over.path, TWO)
    marked = sum(len(t["x"]) for t in replay["data"]
                 if t["name"].startswith(("went uphill", "overshot")))  # fmt: skip
    assert marked == sum(m != "" for m in marks) > 0


def test_the_3d_view_is_identical_for_the_same_game_and_lifts_paths_over_what_is_seen():
    game = rules.gradient_step(rules.new_game(TWO, fog="medium"), 0.05)
    assert json.dumps(game_3d_figure(game, GRID)) == json.dumps(game_3d_figure(game, GRID))
    you = _decode(game_3d_figure(game, GRID))["data"][1]
    heights = TWO.landscape.f(np.asarray(you["x"], float), np.asarray(you["y"], float))
    seen = GRID.z[rules.visible(game, GRID.xs, GRID.ys)]
    lift = 0.01 * float(seen.max() - seen.min())  # the lift comes from the ground in view
    np.testing.assert_allclose(np.asarray(you["z"], float) - heights, lift, rtol=1e-3)
