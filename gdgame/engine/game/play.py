"""Playing a level: moves, fog, winning and losing, stars and score.

A `Game` is immutable: every move returns a new one, so a page can keep it, save it and
replay it. Moves on a finished game, or with invalid values, raise ValueError and change
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from gdgame.engine import optimizers
from gdgame.engine.descent import step
from gdgame.engine.game.levels import Level
from gdgame.engine.newton import polish
from gdgame.engine.validate import real_in

PLAYING, WON, LOST = "playing", "won", "lost"
MODES = ("gradient", "free")
FOGS = ("easy", "medium", "hard")
LR_RANGE = (1e-4, 2.0)
REVEAL = 0.15  # medium fog: what is seen around each visited point, as a share of the width


@dataclass(frozen=True)
class Game:
    """A level being played: the path so far and how it stands."""

    level: Level
    mode: str
    fog: str
    path: tuple[tuple[float, float], ...]
    status: str = PLAYING  # PLAYING, WON or LOST
    message: str = ""

    @property
    def steps(self) -> int:
        return len(self.path) - 1

    @property
    def position(self) -> tuple[float, float]:
        return self.path[-1]

    @property
    def over(self) -> bool:
        return self.status != PLAYING


def steps_said(n: int) -> str:
    """A count of steps in a sentence: "1 step", "3 steps"."""
    return f"{n} step" if n == 1 else f"{n} steps"


def new_game(level: Level, mode: str = "gradient", fog: str = "easy") -> Game:
    """A fresh game on ``level`` at its start."""
    if mode not in MODES or fog not in FOGS:
        raise ValueError(f"mode must be one of {MODES} and fog one of {FOGS}")
    return Game(level, mode, fog, (tuple(map(float, level.start)),))


def _on_map(level: Level, point: np.ndarray) -> tuple[float, float]:
    x, y = level.landscape.clamp(point)
    return float(x), float(y)


def _won(level: Level, point: tuple[float, float]) -> bool:
    return any(np.hypot(m.x - point[0], m.y - point[1]) <= level.tolerance
               for m in level.landscape.global_minima)  # fmt: skip


def move_to(game: Game, target: np.ndarray) -> Game:
    """Move to ``target``, stopped at the map's edge, with no stride limit: where every move
    ends (the player's, the bot's, a saved game's replay), won, lost or still playing."""
    if game.over:
        raise ValueError("the game is over: start a new one")
    point = _on_map(game.level, target)
    if not defined(game.level, point):
        raise ValueError("it lands where f is undefined (the formula gives no number there)")
    moved = replace(game, path=(*game.path, point))
    if _won(game.level, point):
        return replace(moved, status=WON,
                       message=f"You reached the bottom in {steps_said(moved.steps)}!")  # fmt: skip
    if moved.steps >= game.level.budget:
        gap = min(np.hypot(m.x - point[0], m.y - point[1])
                  for m in game.level.landscape.global_minima)  # fmt: skip
        return replace(moved, status=LOST, message=(
            f"Out of steps: all {game.level.budget} are spent, {gap:.2g} from the lowest point "
            f"(a win needs {game.level.tolerance:g})."))  # fmt: skip
    return moved


def defined(level: Level, point: tuple[float, float]) -> bool:
    """Whether f is a finite number at ``point``: a typed formula may be undefined in places
    (log of a negative number), and no move may end there."""
    return bool(np.isfinite(level.landscape.loss(np.asarray(point, dtype=np.float64))))


def preview(game: Game, lr: float) -> tuple[float, float]:
    """Where a gradient step of size ``lr`` would land (on the map's edge if it flies off)."""
    lr = real_in(lr, *LR_RANGE, "learning rate")
    plain = optimizers.sgd(lr=lr)
    here = np.array(game.position)
    there, _ = step(plain, plain.init(here), here, gradient(game.level, here))
    return _on_map(game.level, there)


def gradient(level: Level, point: np.ndarray) -> np.ndarray:
    """∇f at one point of the level's surface, as an array (2,)."""
    return level.landscape.loss_grad(np.asarray(point, dtype=np.float64))[1]


def gradient_step(game: Game, lr: float) -> Game:
    """Step downhill: x ← x − α·∇f(x), with the player's α for this turn."""
    return move_to(game, np.array(preview(game, lr)))


def free_step(game: Game, target: tuple[float, float]) -> Game:
    """Step towards ``target``, at most the level's stride."""
    target = np.array([real_in(v, -1e6, 1e6, "target coordinate") for v in target])
    here = np.array(game.position)
    delta = target - here
    length = float(np.hypot(*delta))
    if length > game.level.stride:
        delta *= game.level.stride / length
    return move_to(game, here + delta)


def polar_step(game: Game, angle_degrees: float, distance: float) -> Game:
    """Step by an angle (0° is +x, counter-clockwise) and a distance (at most the stride)."""
    angle = np.radians(real_in(angle_degrees, -360.0, 360.0, "angle"))
    distance = real_in(distance, 0.0, game.level.stride, "distance")
    here = np.array(game.position)
    return move_to(game, here + distance * np.array([np.cos(angle), np.sin(angle)]))


def reachable(game: Game, point: tuple[float, float]) -> bool:
    """Whether one move of the game's mode lands on ``point`` from where the player stands: at
    most the stride away in free mode; x − α·∇f, stopped at the map's edge, for an α the rules
    allow in downhill mode. A saved game's replay checks every step with this."""
    here, there = np.array(game.position), np.asarray(point, dtype=np.float64)
    (x0, x1), (y0, y1) = game.level.landscape.domain
    slack = 1e-9 * max(x1 - x0, y1 - y0)
    if game.mode == "free":
        return bool(np.hypot(*(there - here)) <= game.level.stride + slack)
    # α from each coordinate the edge did not stop, or the largest α if the edge stopped both
    g = gradient(game.level, here)
    tries = [(here[i] - there[i]) / g[i] for i in range(2) if g[i] != 0] + [LR_RANGE[1]]
    lo, hi = LR_RANGE
    return any(np.allclose(preview(game, min(max(lr, lo), hi)), there, rtol=0, atol=slack)
               for lr in tries if lo * (1 - 1e-9) <= lr <= hi * (1 + 1e-9))  # fmt: skip


def declare_bottom(game: Game) -> Game:
    """The player says "I'm at the bottom": a win at a global minimum, else a lost game."""
    if game.over:
        raise ValueError("the game is over: start a new one")
    if _won(game.level, game.position):
        return replace(game, status=WON, message="Yes: this is the bottom!")
    return replace(game, status=LOST, message=_where(game))


def _where(game: Game) -> str:
    """Which minimum the player is in (or that it is none), and how much lower the global is."""
    s = game.level.landscape
    x, y = game.position
    best = min(m.value for m in s.global_minima)
    index = int(s.nearest_minimum([[x, y]], 3 * s.match_radius)[0])
    if index >= 0:
        m = s.minima[index]
        if m.is_global:
            gap = float(np.hypot(m.x - x, m.y - y))
            return (
                f"So close: you are in the deepest valley, but {gap:.2g} from its bottom at "
                f"({m.x:.2f}, {m.y:.2f}); a win needs {game.level.tolerance:g}."
            )
        return (
            f"Not the bottom: you are in a local minimum at ({m.x:.2f}, {m.y:.2f}), "
            f"f = {m.value:.3g}. The global minimum is {m.value - best:.3g} lower."
        )
    slope = float(np.hypot(*s.grad(x, y)))
    px, py = polish(s, np.array([x]), np.array([y]))
    settled = float(s.f(px[0], py[0]))
    if slope > 1e-3 or np.hypot(px[0] - x, py[0] - y) > 3 * s.match_radius:
        below = settled - best
        ahead = ("that is the global minimum: keep going" if below <= 1e-9 * (1 + abs(best))
                 else f"the global minimum is {below:.3g} lower")  # fmt: skip
        return (
            f"Not a minimum at all: the ground still slopes ({slope:.3g}) here. Downhill "
            f"leads to f = {settled:.3g}; {ahead}."
        )
    return (f"Not the bottom: a local minimum with f = {settled:.3g}. The global minimum is "
            f"{settled - best:.3g} lower.")  # fmt: skip


@dataclass(frozen=True)
class Ground:
    """What the player can feel where they stand, fog or not: height, slope, the way down."""

    height: float
    slope: float  # |∇f|
    downhill: float  # the direction of −∇f in degrees, 0° along +x, counter-clockwise


def ground(game: Game) -> Ground:
    """The height, the slope and the downhill direction at the player's position."""
    here = np.array(game.position)
    gx, gy = gradient(game.level, here)
    height = float(game.level.landscape.loss(here))
    return Ground(height, float(np.hypot(gx, gy)), float(np.degrees(np.arctan2(-gy, -gx)) % 360))


def bot_path_shown(game: Game) -> bool:
    """Whether the bot's path may be drawn during play: only without fog, since it would show
    ground the player has not seen; always once the game is over."""
    return game.over or game.fog == "easy"


def visible(game: Game, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Which points of the grid (len(ys), len(xs)) the player may see under the fog."""
    shape = (len(ys), len(xs))
    if game.fog == "easy" or game.over:
        return np.ones(shape, dtype=bool)
    if game.fog == "hard":
        return np.zeros(shape, dtype=bool)
    (x0, x1), (y0, y1) = game.level.landscape.domain
    radius = REVEAL * max(x1 - x0, y1 - y0)
    gx, gy = np.meshgrid(xs, ys)
    seen = np.zeros(shape, dtype=bool)
    for px, py in game.path:
        seen |= (gx - px) ** 2 + (gy - py) ** 2 <= radius * radius
    return seen


def stars(game: Game) -> int:
    """3 within par, 2 within twice par, 1 for any other win, 0 for a loss."""
    if game.status != WON:
        return 0
    return 3 if game.steps <= game.level.par else 2 if game.steps <= 2 * game.level.par else 1


def score(game: Game) -> int:
    """0 … 1000: a win scores more the fewer steps it used."""
    if game.status != WON:
        return 0
    budget = game.level.budget
    return round(1000 * (budget - game.steps + 1) / budget)


def step_marks(path: tuple[tuple[float, float], ...], level: Level) -> list[str]:
    """For each step of a path: "uphill", "overshoot" (it crossed a valley floor) or ""."""
    s = level.landscape
    pts = np.array(path)
    if len(pts) < 2:
        return []
    f = s.f(pts[:, 0], pts[:, 1])
    gx, gy = s.grad(pts[:, 0], pts[:, 1])
    d = np.diff(pts, axis=0)
    before = gx[:-1] * d[:, 0] + gy[:-1] * d[:, 1]  # slope along the step where it began
    after = gx[1:] * d[:, 0] + gy[1:] * d[:, 1]  # … and where it ended
    marks = np.where(
        np.diff(f) > 0, "uphill", np.where((before < 0) & (after > 0), "overshoot", "")
    )
    return [str(m) for m in marks]
