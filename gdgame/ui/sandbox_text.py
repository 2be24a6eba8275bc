"""The sandbox's presets and words: classic and teaching shapes typed out, what the engine found
on a typed formula, and what a landscape without a bottom leaves out (pure strings)."""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Surface

YOUR_OWN = "Your own formula"
# name: (formula, x range, y range). Each is typed as a student would type it.
PRESETS = {
    "Bowl": ("x^2 + y^2", (-5.0, 5.0), (-5.0, 5.0)),
    "Narrow valley": ("(x^2 + 10*y^2)/2", (-5.0, 5.0), (-5.0, 5.0)),
    "Saddle": ("x^2 - y^2", (-3.0, 3.0), (-3.0, 3.0)),
    "Two valleys": ("x^4/4 - 2*x^2 - 0.75*x + (y - 0.5*sin(x))^2", (-4.0, 4.0), (-3.0, 3.0)),
    "Himmelblau": ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", (-5.0, 5.0), (-5.0, 5.0)),
    "Rosenbrock": ("(1 - x)^2 + 100*(y - x^2)^2", (-2.0, 2.0), (-1.0, 3.0)),
    "Egg crate": ("x^2 + y^2 - 10*cos(2*pi*x) - 10*cos(2*pi*y) + 20", (-3.0, 3.0), (-3.0, 3.0)),
}
DEFAULT = "Himmelblau"
SYNTAX = (
    "Numbers, x and y, + − * / and powers (^ or **), parentheses, pi and e, and the functions "
    "{functions}. Write 2*x, not 2x. At most 200 characters."
)
LISTED = 6  # minima listed one by one; more are counted

NO_MINIMUM = (
    "**This f has no minimum inside the domain**: downhill leads off the edge of the map. The "
    "race below still shows where each optimizer heads (a path that leaves the map says at "
    "which step); the results table, the limit on α and the basin map need a bottom, so they "
    "are left out."
)
NO_BOTTOM_RATES = (
    "With no minimum inside the domain there is no curvature at the bottom to set a limit on "
    "α, and no run can converge: nothing to sweep."
)
NO_BOTTOM_BASINS = "With no minimum inside the domain no start can end in one: there are no basins."
MASKED = " Those points are left blank on the maps."
PLAY = (
    "The game makes a level of your formula: the start high on the map and far from the bottom, "
    "the stride and the winning distance from the map's size, par from two ways down it finds "
    "(straight at the bottom, or downhill with the best α each step), and the bot's rates from "
    "the curvature at the bottom."
)
ROOM_HELP = "Every student in your room is moved to this level on their next step or reload."
NOWHERE = "f is not a finite number anywhere on this domain: there is nothing to draw."
WAITING = "The views below wait for a formula and a domain they can draw."


def undefined_start(start: tuple[float, float]) -> str:
    """The start is where f is undefined: say where to start instead."""
    return f"f is undefined at the start {_point(start)}: click the map where it is drawn."


def preset_of(text: str, domain: tuple) -> str:
    """The preset that is exactly this formula on this domain, else `YOUR_OWN`."""
    return next((name for name, (f, x, y) in PRESETS.items() if (f, (x, y)) == (text, domain)),
                YOUR_OWN)  # fmt: skip


def _point(location: tuple[float, ...]) -> str:
    return "(" + ", ".join(f"{v:.3g}" for v in np.add(location, 0.0)) + ")"  # no "-0"


def minima(surface: Surface) -> str:
    """What the Newton search found: the minima, global ones first, with their values."""
    found = sorted(surface.minima, key=lambda m: (not m.is_global, m.value))
    if not found:
        return NO_MINIMUM
    best = [m for m in found if m.is_global]
    where = ", ".join(_point(m.location) for m in best[:LISTED])
    more = f" and {len(best) - LISTED} more" if len(best) > LISTED else ""
    kind = "the global minimum" if len(best) == 1 else f"{len(best)} global minima"
    said = f"Newton's method finds {kind}, f = {best[0].value:.4g}, at {where}{more}"
    local = [m for m in found if not m.is_global]
    if not local:
        return said + "."
    if len(local) <= LISTED:
        spots = "; ".join(f"{_point(m.location)}, f = {m.value:.4g}" for m in local)
        return f"{said}; and {len(local)} local: {spots}."
    return f"{said}; and {len(local)} local minima, the lowest f = {local[0].value:.4g}."


def curvature(surface: Surface, at: tuple[float, ...], bends: np.ndarray) -> str:
    """The curvatures at the sharpest global minimum, and the limit on α they set."""
    steepest = float(bends.max())
    which = "the sharpest global minimum" if len(surface.global_minima) > 1 else "the minimum"
    return (
        f"At {which} {_point(at)} the curvatures are "
        f"{' and '.join(f'{b:.4g}' for b in bends)}: near the bottom f is a bowl whose steepest "
        f"curvature is L = {steepest:.4g}, so plain gradient descent settles there only for "
        f"α below 2/L = {2 / steepest:.3g}, and goes straight down (no zig-zag) below 1/L = "
        f"{1 / steepest:.3g}. Your α on that scale, and its run from the race's start:"
    )


def flat_bottom(at: tuple[float, ...], steepest: float) -> str:
    """The minimum is flat to second order: no limit on α comes from the bottom."""
    return (
        f"At the minimum {_point(at)} f is flat to second order (steepest curvature "
        f"{steepest:.3g}): near the bottom no α is too large, the limit comes from further out."
    )


def room_moved(room: str) -> str:
    """The teacher made the formula the room's level."""
    return (f"Room {room} now plays this formula: each student is moved to it on their next "
            "step or reload, and its board ranks them on it.")  # fmt: skip


def long_gradient(size: int) -> str:
    """The gradient is exact but too long to print."""
    return (f"The gradient of this formula is {size:,} characters long in LaTeX, too long to "
            "print here; the descent uses it exactly all the same.")  # fmt: skip
