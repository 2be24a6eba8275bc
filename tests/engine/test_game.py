"""The game's rules: winning, losing, declaring the bottom, fog, budget, stars, the bot."""

import datetime

import numpy as np
import pytest

from gdgame.engine import game
from gdgame.engine.game import (
    declare_bottom,
    free_step,
    gradient_step,
    level,
    new_game,
    play_bot,
    polar_step,
    score,
    stars,
    step_marks,
    visible,
)  # fmt: skip

BOWL = level(1)


def test_one_good_gradient_step_wins_the_bowl():
    g = gradient_step(new_game(BOWL), 0.5)  # x − 0.5·2x = 0 on x² + y²
    assert g.status == "won" and g.steps == 1 and g.position == (0.0, 0.0)
    assert stars(g) == 3 and score(g) == 1000
    with pytest.raises(ValueError):
        gradient_step(g, 0.1)  # the game is over


def test_spending_the_budget_loses_and_moves_are_immutable():
    g0 = new_game(BOWL)
    g = g0
    for _ in range(BOWL.budget):
        g = gradient_step(g, 1e-3)
    assert g.status == "lost" and "Out of steps" in g.message and g.steps == BOWL.budget
    assert stars(g) == 0 and score(g) == 0
    assert g0.steps == 0 and g0.status == "playing"  # the old state is untouched


@pytest.mark.parametrize("bad", [0.0, -0.1, float("nan"), float("inf"), 1e9, "0.1", None])
def test_bad_learning_rates_are_refused_and_change_nothing(bad):
    g = new_game(BOWL)
    with pytest.raises(ValueError):
        gradient_step(g, bad)
    assert g.steps == 0


def test_declaring_the_bottom_in_the_shallow_valley_says_how_much_lower_the_global_is():
    two = level(3)
    g = new_game(two)
    for _ in range(12):
        g = gradient_step(g, 0.1)  # plain descent from the start settles in the first valley
    g = declare_bottom(g)
    surface = two.landscape
    shallow = next(m for m in surface.minima if not m.is_global)
    deep = next(m for m in surface.minima if m.is_global)
    assert g.status == "lost" and "local minimum" in g.message
    assert f"{shallow.value - deep.value:.3g} lower" in g.message


def test_declaring_the_bottom_on_a_slope_says_it_is_not_a_minimum():
    g = declare_bottom(new_game(level(4)))  # Himmelblau's start (0, 0): a slope
    assert g.status == "lost" and "Not a minimum at all" in g.message


def test_declaring_near_but_not_at_the_global_minimum_says_so_close():
    from dataclasses import replace

    two = level(3)
    deep = next(m for m in two.landscape.minima if m.is_global)
    near = (deep.x + 2 * two.tolerance, deep.y)  # in the deep valley, outside the tolerance
    g = declare_bottom(replace(new_game(two), path=(two.start, near)))
    assert g.status == "lost" and "So close" in g.message and "deepest valley" in g.message
    assert f"{2 * two.tolerance:.2g} from its bottom" in g.message


def test_declaring_on_a_slope_that_leads_to_the_global_minimum_says_keep_going():
    from dataclasses import replace

    two = level(3)
    deep = next(m for m in two.landscape.minima if m.is_global)
    slope = (deep.x + 1.0, deep.y)  # uphill of the deep valley's floor, on its side
    g = declare_bottom(replace(new_game(two), path=(two.start, slope)))
    assert "keep going" in g.message and "lower" not in g.message


def test_declaring_within_the_tolerance_of_a_global_minimum_wins():
    from dataclasses import replace

    at_bottom = replace(new_game(BOWL), path=(BOWL.start, (0.05, 0.0)))  # a saved game, say
    g = declare_bottom(at_bottom)
    assert g.status == "won" and stars(g) == 3


def test_free_steps_are_limited_to_the_stride_and_stay_on_the_map():
    g = free_step(new_game(BOWL, mode="free"), (4.0, 3.0))  # 8 away: only the stride is walked
    assert np.hypot(g.position[0] + 4.0, g.position[1] - 3.0) == pytest.approx(BOWL.stride)
    g = polar_step(new_game(BOWL, mode="free"), 180.0, 2.0)  # west from x = −4: the edge is −5
    assert g.position == pytest.approx((-5.0, 3.0))  # sin(180°) is 1e-16, not 0
    with pytest.raises(ValueError):
        polar_step(g, 0.0, BOWL.stride * 1.01)


def test_fog():
    xs, ys = np.linspace(-5, 5, 41), np.linspace(-5, 5, 41)
    easy = new_game(BOWL, fog="easy")
    assert visible(easy, xs, ys).all()
    hard = new_game(BOWL, fog="hard")
    assert not visible(hard, xs, ys).any()
    assert visible(gradient_step(hard, 0.5), xs, ys).all()  # revealed at the end
    medium = new_game(BOWL, fog="medium")
    seen = visible(medium, xs, ys)
    near = (np.abs(xs + 4) < 0.3)[None, :] & (np.abs(ys - 3) < 0.3)[:, None]
    assert seen[near].all() and not seen[np.ix_(ys < -3, xs > 3)].any()
    later = visible(gradient_step(medium, 0.2), xs, ys)
    assert later.sum() > seen.sum() and (later | seen).sum() == later.sum()


def test_stars_against_par():
    g = new_game(level(2), mode="free")
    target = (0.0, 0.0)
    while not g.over:
        g = free_step(g, target)
    assert g.status == "won" and g.steps <= level(2).par and stars(g) == 3


@pytest.mark.parametrize("number", range(1, 10))
def test_every_level_is_winnable_within_par(number):
    """The test finds the moves: free steps straight at the nearest global minimum."""
    lv = level(number)
    g = new_game(lv, mode="free")
    goal = min(lv.landscape.global_minima,
               key=lambda m: np.hypot(m.x - lv.start[0], m.y - lv.start[1]))  # fmt: skip
    while not g.over:
        g = free_step(g, (goal.x, goal.y))
    assert g.status == "won" and g.steps <= lv.par, (number, g.steps, lv.par)


def test_bots_are_deterministic_and_the_hard_bot_is_strong():
    for kind in game.BOTS:
        assert play_bot(level(4), kind, seed=5).path == play_bot(level(4), kind, seed=5).path
    assert play_bot(level(4), "easy", seed=1).path != play_bot(level(4), "easy", seed=2).path
    wins = [play_bot(lv, "hard").status == "won" for lv in game.LEVELS]
    assert sum(wins) >= 8  # Rastrigin's cups stop every descent method; a jumping player wins
    with pytest.raises(ValueError):
        play_bot(BOWL, "impossible")


def test_replay_marks_overshoots_and_uphill_steps():
    g = gradient_step(new_game(BOWL), 0.9)  # x → x − 1.8x = −0.8x: over the bottom
    assert step_marks(g.path, BOWL) == ["overshoot"]
    g = gradient_step(new_game(BOWL), 1.5)  # x → −2x: higher on the other side
    assert step_marks(g.path, BOWL) == ["uphill"]
    g = gradient_step(new_game(BOWL), 0.2)
    assert step_marks(g.path, BOWL) == [""]


def test_levels_and_seeds():
    assert [lv.number for lv in game.LEVELS] == list(range(1, 10))
    assert game.daily_seed(datetime.date(2026, 11, 22)) == 20261122
    terrain = level(9, seed=20261122)
    assert dict(terrain.params)["seed"] == 20261122 and terrain.start == terrain.landscape.start
    for bad in (0, 10, 2.5, "3"):
        with pytest.raises(ValueError):
            level(bad)
    with pytest.raises(ValueError):
        new_game(BOWL, mode="teleport")
