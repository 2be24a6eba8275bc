"""A typed formula as a game level: its numbers, moves that win within par, saving, refusals."""

import math

import numpy as np
import pytest

from gdgame.engine import game, surfaces
from gdgame.engine.formula import FormulaError
from gdgame.engine.game import saved

HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
BOX = ((-5.0, 5.0), (-5.0, 5.0))
CASES = [
    (HIMMELBLAU, BOX),
    ("x^2 + 10*y^2", ((-4.0, 6.0), (-3.0, 3.0))),
    ("(1 - x)^2 + 100*(y - x^2)^2", ((-2.0, 2.0), (-1.0, 3.0))),
    ("sin(x)*cos(y) + 0.05*(x^2 + y^2)", ((-6.0, 6.0), (-6.0, 6.0))),
]


def nearest_gap(lv, point):
    return min(math.hypot(m.x - point[0], m.y - point[1]) for m in lv.landscape.global_minima)


@pytest.mark.parametrize(("text", "domain"), CASES)
def test_numbers_come_from_the_map(text, domain):
    lv = game.custom_level(text, domain)
    side = min(hi - lo for lo, hi in domain)
    assert lv.number == game.CUSTOM == 0 and lv.surface == "formula"
    assert lv.tolerance == pytest.approx(0.015 * side, rel=0.05)
    assert lv.stride == pytest.approx(0.15 * side, rel=0.05)
    (x0, x1), (y0, y1) = domain
    assert x0 < lv.start[0] < x1 and y0 < lv.start[1] < y1
    assert nearest_gap(lv, lv.start) >= 0.3 * side
    assert lv.par >= 1 and lv.budget == max(3 * lv.par, 15)


@pytest.mark.parametrize(("text", "domain"), CASES)
def test_winnable_within_par_in_free_mode(text, domain):
    """The test finds the moves: free steps straight at the nearest global minimum."""
    lv = game.custom_level(text, domain)
    goal = min(lv.landscape.global_minima,
               key=lambda m: math.hypot(m.x - lv.start[0], m.y - lv.start[1]))  # fmt: skip
    g = game.new_game(lv, mode="free")
    while not g.over:
        g = game.free_step(g, (goal.x, goal.y))
    assert g.status == game.WON and g.steps <= lv.par


def test_a_typed_himmelblau_is_won_downhill_within_par():
    """The test's own search: each turn the α of a fine grid whose landing is nearest a bottom."""
    lv = game.custom_level(HIMMELBLAU, BOX)
    rates = np.geomspace(1e-4, 2.0, 200)
    g = game.new_game(lv, mode="gradient")
    while not g.over:
        g = game.gradient_step(g, min(rates, key=lambda r: nearest_gap(lv, game.preview(g, r))))
    assert g.status == game.WON and g.steps <= lv.par


def test_a_typed_himmelblau_is_the_built_in_surface():
    lv = game.custom_level(HIMMELBLAU, BOX)
    built_in = surfaces.get("himmelblau")
    found = sorted((round(m.x, 6), round(m.y, 6)) for m in lv.landscape.global_minima)
    assert found == sorted((round(m.x, 6), round(m.y, 6)) for m in built_in.global_minima)
    assert lv.bot_lr == pytest.approx(1 / max(built_in.curvatures((3.0, 2.0))), rel=0.05)
    assert game.play_bot(lv, "hard").status == game.WON


@pytest.mark.parametrize(
    ("text", "domain", "says"),
    [
        ("x*y", ((-1, 1), (-1, 1)), "no bottom"),
        ("x + y", BOX, "no bottom"),
        ("log(y) + x^2", BOX, "no bottom"),
        ("__import__('os')", BOX, "Unknown"),
        ("x^2", ((1, -1), (0, 1)), "low to high"),
    ],
)
def test_what_cannot_be_a_level_is_refused_with_a_reason(text, domain, says):
    with pytest.raises(FormulaError, match=says):
        game.custom_level(text, domain)


def test_a_custom_game_saves_and_loads_as_its_formula():
    lv = game.custom_level(HIMMELBLAU, BOX)
    g = game.gradient_step(game.new_game(lv, mode="gradient", fog="medium"), 0.01)
    data = saved.dump(g)
    assert data["level"] == 0
    assert data["formula"] == {"text": HIMMELBLAU, "x": [-5.0, 5.0], "y": [-5.0, 5.0]}
    back = saved.load(data)
    assert back.path == g.path and back.level == lv and back.fog == "medium"
    assert saved.dump(game.new_game(game.level(4)))["formula"] is None


@pytest.mark.parametrize(
    "formula",
    [
        None,
        "x^2",
        {"text": "__import__('os').system('true')", "x": [-5, 5], "y": [-5, 5]},
        {"text": "x^2 + y^2", "x": [5, -5], "y": [-5, 5]},
        {"text": "x^2 + y^2", "x": ["a", 5], "y": [-5, 5]},
        {"text": "x*y", "x": [-1, 1], "y": [-1, 1]},
        {"text": 7, "x": [-5, 5], "y": [-5, 5]},
    ],
)
def test_a_junk_formula_in_a_saved_game_is_refused(formula):
    data = saved.dump(game.new_game(game.custom_level("x^2 + y^2", BOX)))
    with pytest.raises(ValueError):
        saved.load({**data, "formula": formula})


def test_a_saved_custom_path_is_checked_against_its_own_formula():
    lv = game.custom_level("x^2 + y^2", BOX)
    data = saved.dump(game.gradient_step(game.new_game(lv), 0.1))
    other = {**data, "formula": {"text": "x^2 + 3*y^2", "x": [-5, 5], "y": [-5, 5]}}
    with pytest.raises(ValueError):
        saved.load(other)  # the same steps are not downhill moves on another surface
    for not_zero in (False, 0.0, "0"):
        with pytest.raises(ValueError):
            saved.load({**data, "level": not_zero})


def test_no_move_ends_where_the_formula_is_undefined():
    lv = game.custom_level("log(x)^2 + y^2", BOX)  # undefined for x ≤ 0; the bottom is (1, 0)
    assert lv.start[0] > 0
    g = game.new_game(lv, mode="free")
    g = game.free_step(g, (0.5, lv.start[1]))
    with pytest.raises(ValueError, match="undefined"):
        game.free_step(g, (-1.0, g.position[1]))
    for kind in game.BOTS:
        assert game.play_bot(lv, kind).over  # no bot is stuck or crashes off the ground
    data = saved.dump(g)
    with pytest.raises(ValueError):
        saved.load({**data, "path": [*data["path"], [-0.5, g.position[1]]]})


def test_a_win_in_one_step_is_said_in_the_singular():
    lv = game.custom_level("x^2 + y^2", BOX)
    g = game.gradient_step(game.new_game(lv), 0.5)  # x − 0.5·2x: the bottom at once
    assert g.status == game.WON and g.message == "You reached the bottom in 1 step!"
