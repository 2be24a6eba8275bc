"""What a class did on one level, in numbers: who is still playing, who won and who lost, which
valley each player stands in, how many steps the finished games took, and how well each
learning rate chosen in downhill mode did.

The valleys are the engine's own basin map read at each player's position (the label of the
nearest start on its grid): so the class's valleys (the human basin map) and the engine's map
name the same minima. A downhill step's learning rate is read back from the step itself
(x − x' = α·∇f(x) along every coordinate the map's edge did not stop), to three significant
digits, as the player chose it; its *progress* is the share of the height above the global
minimum that the step took away: 1 lands on the bottom, 0 is no nearer, below 0 went uphill.
"""

from __future__ import annotations

import functools
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gdgame.engine.game.play import LOST, WON, Game
from gdgame.engine.landscape import Minimum
from gdgame.engine.local_minima import LABEL_NONE, BasinMap


@dataclass(frozen=True)
class Player:
    """One player of the class and the game they play (or played last) on the level."""

    name: str
    game: Game


@dataclass(frozen=True)
class Valley:
    """The players standing in one valley: ``label`` indexes the basin map's minima; a label
    below 0 (`LABEL_NONE`, `LABEL_DIVERGED`) is ground that leads to no minimum."""

    label: int
    minimum: Minimum | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class Rate:
    """One learning rate as the class used it: how many downhill steps took it, the median
    progress of those steps, and how many of them went uphill."""

    lr: float
    steps: int
    progress: float
    uphill: int


@dataclass(frozen=True)
class Tally:
    """The class on one level."""

    playing: int
    won: int
    lost: int
    valleys: tuple[Valley, ...]  # most players first, then deeper minima
    median_steps: float | None  # over the finished games (None: none finished yet)
    rates: tuple[Rate, ...]  # best median progress first

    @property
    def players(self) -> int:
        return self.playing + self.won + self.lost

    @property
    def best(self) -> Rate | None:
        return self.rates[0] if self.rates else None

    @property
    def worst(self) -> Rate | None:
        return self.rates[-1] if len(self.rates) > 1 else None


def valley_labels(basins: BasinMap, points: np.ndarray) -> np.ndarray:
    """The basin map's label at the grid start nearest each of ``points`` (k, 2)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    cells = []
    for axis, values in ((0, basins.xs), (1, basins.ys)):
        spacing = (values[-1] - values[0]) / (len(values) - 1)
        cells.append(np.clip(np.rint((points[:, axis] - values[0]) / spacing), 0,
                             len(values) - 1).astype(np.intp))  # fmt: skip
    return basins.labels[cells[1], cells[0]]


@functools.lru_cache(maxsize=2048)  # a live class's games, counted again at every refresh
def step_rates(game: Game) -> tuple[tuple[float, float], ...]:
    """(α, progress) of each downhill step whose α can be read back (not one the map's edge
    stopped along both coordinates, nor one taken where the ground is flat)."""
    if game.mode != "gradient" or game.steps == 0:
        return ()
    s = game.level.landscape
    pts = np.array(game.path)
    here, there = pts[:-1], pts[1:]
    g = np.column_stack(s.grad(here[:, 0], here[:, 1]))
    f = s.f(pts[:, 0], pts[:, 1])
    bottom = min(m.value for m in s.global_minima)
    lo, hi = (np.array(bounds) for bounds in zip(*s.domain, strict=True))
    readable = (np.abs(g) > 1e-12) & (lo < there) & (there < hi)  # per step and coordinate
    ratios = np.where(readable, (here - there) / np.where(readable, g, 1.0), 0.0)
    above = f[:-1] - bottom
    keep = readable.any(axis=1) & (above > 1e-12 * (1 + abs(bottom)))
    lrs = ratios.sum(axis=1)[keep] / readable.sum(axis=1)[keep]
    progress = (f[:-1] - f[1:])[keep] / above[keep]
    return tuple((float(f"{lr:.3g}"), float(p)) for lr, p in zip(lrs, progress, strict=True))


def rates(players: Sequence[Player]) -> tuple[Rate, ...]:
    """Every α the players chose in downhill mode, best median progress first."""
    by_rate: dict[float, list[float]] = defaultdict(list)
    for player in players:
        for lr, progress in step_rates(player.game):
            by_rate[lr].append(progress)
    found = [Rate(lr, len(p), float(statistics.median(p)), sum(v < 0 for v in p))
             for lr, p in by_rate.items() if lr > 0]  # fmt: skip
    return tuple(sorted(found, key=lambda r: (-r.progress, r.lr)))


def valleys(players: Sequence[Player], basins: BasinMap) -> tuple[Valley, ...]:
    """The valleys the players stand in, by the basin map; most players first."""
    if not players:
        return ()
    labels = valley_labels(basins, [p.game.position for p in players])
    names: dict[int, list[str]] = defaultdict(list)
    for player, label in zip(players, labels, strict=True):
        names[int(label)].append(player.name)
    count = Counter({label: len(n) for label, n in names.items()})

    def order(label: int) -> tuple:
        depth = basins.minima[label].value if label >= 0 else np.inf
        return (-count[label], depth, label)

    return tuple(Valley(label, basins.minima[label] if label >= 0 else None,
                        tuple(sorted(names[label])))
                 for label in sorted(names, key=order))  # fmt: skip


def tally(players: Sequence[Player], basins: BasinMap) -> Tally:
    """The class on one level: its players' games and the level's basin map."""
    status = Counter(p.game.status for p in players)
    finished = [p.game.steps for p in players if p.game.over]
    return Tally(
        playing=len(players) - status[WON] - status[LOST], won=status[WON], lost=status[LOST],
        valleys=valleys(players, basins),
        median_steps=float(statistics.median(finished)) if finished else None,
        rates=rates(players),
    )  # fmt: skip


__all__ = ["LABEL_NONE", "Player", "Rate", "Tally", "Valley", "rates", "step_rates", "tally",
           "valley_labels", "valleys"]  # fmt: skip
