"""The game's map and 3-D view: fog leaves hidden ground out, clicks stay within reach, the
replay marks what went wrong."""

import numpy as np
import pytest

from gdgame.engine import game as rules
from gdgame.figures.game import click_targets, fogged, game_3d_figure, map_figure
from gdgame.figures.surface import sample
from tests.figures.test_figures import all_numbers

TWO = rules.level(3)
GRID = sample(TWO.landscape)


def names(fig) -> set[str]:
    return {t.name for t in fig.data}


def test_medium_fog_shows_exactly_what_the_rules_reveal():
    game = rules.gradient_step(rules.new_game(TWO, fog="medium"), 0.05)
    z = np.asarray(map_figure(game, GRID).data[0].z)
    seen = rules.visible(game, GRID.xs, GRID.ys)
    assert np.array_equal(np.isfinite(z), seen) and 0 < seen.mean() < 0.5
    assert np.isfinite(np.asarray(game_3d_figure(game, GRID).data[0].z)[seen]).all()


def test_blind_play_draws_no_surface_until_the_end_and_then_all_of_it():
    game = rules.new_game(TWO, fog="hard")
    assert "contour" not in {t.type for t in map_figure(game, GRID).data}
    assert not np.isfinite(fogged(game, GRID).z).any()
    over = rules.declare_bottom(game)
    assert np.isfinite(np.asarray(map_figure(over, GRID).data[0].z)).all()


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
    fig = map_figure(game, GRID if number == 3 else sample(lv.landscape), clickable=True)
    assert {"within reach", "step here"} <= names(fig)


def test_the_map_hides_the_answer_during_play_and_the_replay_shows_it():
    game = rules.new_game(TWO)
    bot = rules.play_bot(TWO, "medium")
    playing = map_figure(game, GRID, bot=bot, bot_steps=0, preview=rules.preview(game, 0.05))
    assert "global minimum" not in names(playing)
    assert "this step would land here" in names(playing)
    assert np.isfinite(all_numbers(playing)).all()
    g = game
    for lr in (0.3, 0.3, 0.05):  # big steps: some go uphill or overshoot
        g = rules.gradient_step(g, lr)
    over = rules.declare_bottom(g)
    replay = map_figure(over, GRID, bot=bot)
    assert {"global minimum", "local minimum", "you"} <= names(replay)
    assert any(n.startswith(f"bot ({bot.steps} steps") for n in names(replay))
    marks = rules.step_marks(over.path, TWO)
    marked = sum(len(t.x) for t in replay.data if t.name.startswith(("went uphill", "overshot")))
    assert marked == sum(m != "" for m in marks) > 0


def test_the_3d_view_is_byte_identical_for_the_same_game():
    game = rules.gradient_step(rules.new_game(TWO, fog="medium"), 0.05)
    assert game_3d_figure(game, GRID).to_json() == game_3d_figure(game, GRID).to_json()
