"""A class followed and counted: `follow` gives what `saved.load` gives, version after version,
edited rows included; the tally reads back each learning rate, the valley each player is in and
who won or lost, checked against numbers computed here from the moves as they were made."""

import statistics

import numpy as np
import pytest

from gdgame.engine import game as rules
from gdgame.engine import local_minima, optimizers
from gdgame.engine.game import saved
from gdgame.engine.game.follow import follow
from gdgame.engine.game.tally import Player, step_rates, tally, valley_labels

LADDER = (1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 1.0, 2.0)


def played(number: int, rates, mode: str = "gradient") -> list[rules.Game]:
    """Every version of a game: new, then one move per rate (free mode: a step of that size
    along the downhill direction, scaled to the stride)."""
    game = rules.new_game(rules.level(number), mode)
    versions = [game]
    for lr in rates:
        if game.over:
            break
        if mode == "gradient":
            game = rules.gradient_step(game, lr)
        else:
            game = rules.polar_step(game, rules.ground(game).downhill, lr * game.level.stride)
        versions.append(game)
    return versions


@pytest.mark.parametrize(("number", "mode"), [(3, "gradient"), (5, "gradient"), (4, "free")])
def test_following_a_game_version_by_version_gives_what_loading_it_gives(number, mode):
    rng = np.random.default_rng(number)
    rates = rng.choice(LADDER if mode == "gradient" else (0.2, 0.5, 1.0), 45)
    before = None
    for game in played(number, rates, mode):
        record = saved.dump(game)
        followed = follow(before, record)
        assert followed == saved.load(record) == game
        before = (record, followed)


def test_anything_but_a_continuation_is_loaded_from_scratch_or_refused():
    versions = played(3, [0.1] * 8)
    early, late = saved.dump(versions[3]), saved.dump(versions[6])
    known = (early, versions[3])
    restarted = saved.dump(played(3, [0.2])[-1])  # "start the level again": another path
    assert follow(known, restarted) == saved.load(restarted)
    other = saved.dump(played(1, [0.1, 0.1])[-1])  # another level
    assert follow(known, other).level.number == 1
    declared = {**late, "declared": True}  # "I'm at the bottom" in the local valley
    assert follow(known, declared) == saved.load(declared)
    assert follow(known, declared).status == rules.LOST
    jump = {**late, "path": [*early["path"], [2.08, 0.43]]}  # edited: a leap to the bottom
    shorter = {**late, "path": early["path"][:2]}  # a row moved back (edited)
    assert follow(known, shorter) == saved.load(shorter)
    tricks = (jump, {**late, "path": [*early["path"], ["x", 1]]}, {**late, "mode": "free"},
              "{", None)  # fmt: skip
    for trick in tricks:  # free mode: the first step was longer than the stride
        with pytest.raises((ValueError, TypeError)):
            saved.load(trick)
        with pytest.raises((ValueError, TypeError)):
            follow(known, trick)
    over = played(3, [0.2] * 6)  # won in 5: nothing can follow a finished game
    with pytest.raises(ValueError):
        follow((saved.dump(over[-1]), over[-1]), {**saved.dump(over[-1]),
               "path": [*saved.dump(over[-1])["path"], [2.1, 0.5]]})  # fmt: skip


def test_each_downhill_steps_rate_is_read_back_as_chosen():
    rng = np.random.default_rng(0)
    for number in (1, 2, 3, 6, 8):
        chosen = rng.choice(LADDER, 12)
        game = played(number, chosen)[-1]
        got = step_rates(game)
        readable = [lr for lr, (a, b) in zip(chosen, zip(game.path, game.path[1:], strict=False),
                                             strict=False)
                    if a != b and any(lo < v < hi for v, (lo, hi) in zip(
                        b, game.level.landscape.domain, strict=True))]  # fmt: skip
        assert [lr for lr, _ in got] == pytest.approx(readable, rel=1e-12)
    assert step_rates(played(4, [0.5, 0.5], "free")[-1]) == ()


def test_the_valley_of_a_point_is_the_basin_maps_label_at_the_nearest_start():
    lv = rules.level(3)
    basins = local_minima.basin_map(lv.landscape, optimizers.get("sgd", lr=lv.bot_lr), 40, 400)
    gx, gy = np.meshgrid(basins.xs, basins.ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    assert (valley_labels(basins, points) == basins.labels.ravel()).all()
    step = np.array([basins.xs[1] - basins.xs[0], basins.ys[1] - basins.ys[0]])
    assert (valley_labels(basins, points + 0.4 * step) == basins.labels.ravel()).all()
    assert valley_labels(basins, [[-100.0, 100.0]])[0] == basins.labels[-1, 0]  # off the map


def test_a_class_on_the_two_valleys_is_counted_as_it_played():
    lv = rules.level(3)
    local, deep = (m for m in lv.landscape.minima)  # local (−1.90, −0.47), global (2.09, 0.43)
    assert deep.is_global and not local.is_global
    rates = {"Ada": [0.2] * 5, "Bob": [0.01, 0.01] + [0.2] * 6,
             "Cy": [0.1] * 20, "Dee": [0.1] * 8, "Eve": [0.01] * 3}  # fmt: skip
    games = {name: played(3, r)[-1] for name, r in rates.items()}
    games["Dee"] = rules.declare_bottom(games["Dee"])  # says she is at the bottom: she is not
    class_ = [Player(name, game) for name, game in games.items()]
    basins = local_minima.basin_map(lv.landscape, optimizers.get("sgd", lr=lv.bot_lr), 100, 1000)
    counted = tally(class_, basins)
    status = {n: g.status for n, g in games.items()}
    assert status == {"Ada": "won", "Bob": "won", "Cy": "lost", "Dee": "lost", "Eve": "playing"}
    assert (counted.playing, counted.won, counted.lost, counted.players) == (1, 2, 2, 5)
    finished = [g.steps for g in games.values() if g.over]
    assert counted.median_steps == statistics.median(finished)
    by_valley = {v.minimum: v.names for v in counted.valleys}
    assert by_valley == {local: ("Cy", "Dee", "Eve"), deep: ("Ada", "Bob")}
    # the rates, from the moves as they were made: progress = the share of the height above
    # the bottom that each step took away, its median per α
    f, progress = lv.landscape.f, {}
    for name, game in games.items():
        for lr, (a, b) in zip(rates[name], zip(game.path, game.path[1:], strict=False),
                              strict=False):  # fmt: skip
            progress.setdefault(lr, []).append((f(*a) - f(*b)) / (f(*a) - deep.value))
    medians = {lr: statistics.median(p) for lr, p in progress.items()}
    assert [r.lr for r in counted.rates] == sorted(medians, key=lambda lr: -medians[lr])
    assert [r.progress for r in counted.rates] == pytest.approx(
        sorted(medians.values(), reverse=True))  # fmt: skip
    assert [r.steps for r in counted.rates] == [len(progress[r.lr]) for r in counted.rates]
    # 0.2 jumps the ridge into the deep valley; 0.1 walks into the trap and stays
    assert counted.best.lr == 0.2 and counted.worst.lr == 0.1
