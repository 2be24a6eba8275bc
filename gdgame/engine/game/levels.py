"""The nine levels, easiest first: a surface, a start, a step budget, a par and a tolerance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from gdgame.engine import surfaces
from gdgame.engine.landscape import Surface
from gdgame.engine.validate import whole_in

CUSTOM = 0  # the number of a level typed as a formula (`gdgame.engine.game.custom`)


@dataclass(frozen=True)
class Level:
    """One level of the game.

    Attributes:
        number: 1 … 9, the order in which levels unlock.
        surface: registry name; ``params`` its parameters (the terrain's seed).
        start: where every player (and the bot) starts.
        budget: steps allowed; ``par``: steps for three stars.
        tolerance: how close to a global minimum counts as a win.
        stride: the longest free-mode step.
        bot_lr: the medium bot's fixed learning rate; ``bot_tuned``: the hard bot's optimizer
            and hyper-parameters, found by tools/tune_bots.py (fewest steps to win).
        hint: one sentence for the player.
    """

    number: int
    surface: str
    start: tuple[float, float]
    budget: int
    par: int
    tolerance: float
    stride: float
    bot_lr: float
    bot_tuned: tuple[str, tuple[tuple[str, float], ...]]
    hint: str
    params: tuple[tuple[str, int], ...] = ()

    @property
    def landscape(self) -> Surface:
        return surfaces.get(self.surface, **dict(self.params))

    @property
    def title(self) -> str:
        if self.number == CUSTOM:  # its surface's title is the typed text: never shown as ours
            return "Your own level: a typed formula"
        return f"Level {self.number}: {self.landscape.title}"


LEVELS: tuple[Level, ...] = (
    Level(
        number=1, surface="sphere", start=(-4.0, 3.0),
        budget=12, par=3, tolerance=0.1, stride=2.0,
        bot_lr=0.2, bot_tuned=("nesterov", (("lr", 0.262), ("momentum", 0.9))),
        hint="A plain bowl: downhill always leads to the bottom.",
    ),
    Level(
        number=2, surface="narrow_valley", start=(-4.5, 2.0),
        budget=30, par=10, tolerance=0.15, stride=1.5,
        bot_lr=0.15, bot_tuned=("rmsprop", (("lr", 0.338),)),
        hint="A long, narrow valley: big steps bounce off its walls.",
        params=(("condition", 10.0),),
    ),
    Level(
        number=3, surface="two_valleys", start=(-3.5, 2.0),
        budget=20, par=6, tolerance=0.15, stride=1.5,
        bot_lr=0.05, bot_tuned=("momentum", (("lr", 0.0737), ("momentum", 0.9))),
        hint="The first valley you reach is not the deepest one.",
    ),
    Level(
        number=4, surface="himmelblau", start=(0.0, 0.0),
        budget=15, par=5, tolerance=0.1, stride=1.5,
        bot_lr=0.01, bot_tuned=("rmsprop", (("lr", 0.122),)),
        hint="Four bottoms, all equally deep: reach any one of them.",
    ),
    Level(
        number=5, surface="rosenbrock", start=(-1.5, 2.5),
        budget=40, par=12, tolerance=0.1, stride=0.6,
        bot_lr=0.001, bot_tuned=("adam", (("lr", 2.0),)),
        hint="Falling into the banana is easy; following it to (1, 1) is not.",
    ),
    Level(
        number=6, surface="six_hump_camel", start=(-2.5, 1.5),
        budget=20, par=8, tolerance=0.05, stride=0.8,
        bot_lr=0.02, bot_tuned=("sgd", (("lr", 0.0572),)),
        hint="Six hollows; the two deepest sit near the middle.",
    ),
    Level(
        number=7, surface="rastrigin", start=(-3.8, 4.2),
        budget=25, par=8, tolerance=0.1, stride=1.5,
        bot_lr=0.002, bot_tuned=("adam", (("lr", 0.5),)),
        hint="An egg crate: every step downhill ends in the nearest cup.",
    ),
    Level(
        number=8, surface="styblinski_tang", start=(0.5, 0.5),
        budget=20, par=5, tolerance=0.1, stride=1.5,
        bot_lr=0.02, bot_tuned=("rmsprop", (("lr", 0.724),)),
        hint="Four corners; only one of them is the deepest.",
    ),
    Level(
        number=9, surface="random_terrain", start=(-4.5, 4.5),
        budget=25, par=8, tolerance=0.15, stride=1.5,
        bot_lr=0.3, bot_tuned=("rmsprop", (("lr", 0.095),)),
        hint="Nobody has seen this terrain before.",
        params=(("seed", 0),),
    ),
)  # fmt: skip


def level(number: int, seed: int | None = None) -> Level:
    """Level ``number`` (1 … 9); level 9's terrain comes from ``seed`` (default 0)."""
    number = whole_in(number, 1, len(LEVELS), "level")
    chosen = LEVELS[number - 1]
    if chosen.surface == "random_terrain" and seed is not None:
        from dataclasses import replace

        chosen = replace(chosen, params=(("seed", whole_in(seed, 0, 2**32 - 1, "seed")),))
        chosen = replace(chosen, start=chosen.landscape.start)
    return chosen


def daily_seed(day: datetime.date) -> int:
    """Everyone gets the same terrain on the same day: the date as a number, 20261122."""
    return int(day.strftime("%Y%m%d"))
