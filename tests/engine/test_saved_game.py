"""Saved games: what is dumped loads back the same; anything edited is refused."""

import json

import pytest

from gdgame.engine.game import declare_bottom, free_step, gradient_step, level, new_game
from gdgame.engine.game.saved import dump, load


def test_a_game_in_progress_round_trips_through_json():
    g = gradient_step(gradient_step(new_game(level(4), fog="medium"), 0.01), 0.02)
    again = load(json.loads(json.dumps(dump(g))))
    assert again == g


def test_finished_games_keep_their_outcome():
    won = gradient_step(new_game(level(1)), 0.5)
    assert load(dump(won)).status == "won"
    lost = declare_bottom(new_game(level(4)))
    reloaded = load(dump(lost))
    assert reloaded.status == "lost" and reloaded.message == lost.message


def test_the_terrain_seed_is_kept():
    g = free_step(new_game(level(9, seed=123), mode="free"), (-4.0, 4.0))
    assert dict(load(dump(g)).level.params)["seed"] == 123


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(version=99),
        lambda d: d.update(level=42),
        lambda d: d.update(mode="teleport"),
        lambda d: d.update(path=[[1.0, 1.0]]),  # not the level's start, (0, 0)
        lambda d: d.update(path=d["path"] + [[1e9, 0.0]]),  # off the map
        lambda d: d.update(path=d["path"] + [[float("nan"), 0.0]]),
        lambda d: d.update(path="<script>"),
        lambda d: d.update(path=d["path"] * 50),  # more steps than the budget
        lambda d: d.update(path={"x": 1}),  # these four raised TypeError, not ValueError
        lambda d: d.update(path=[[{}, 1.0]]),
        lambda d: d.update(path=[[1 + 2j, 0.0]]),
        lambda d: d.update(path=[[0.0, 0.0], ["a", object()]]),
        lambda d: d.update(seed=[1], level=9),
    ],
)
def test_edited_saves_are_refused(edit):
    data = dump(gradient_step(new_game(level(4)), 0.01))
    edit(data)
    with pytest.raises(ValueError):
        load(data)


def test_not_a_saved_game_at_all():
    for junk in (None, [], "game", {"version": 1}):
        with pytest.raises(ValueError):
            load(junk)
