"""The sandbox: your own f(x, y) in every view of the other lessons.

A typed formula is a registry surface (``"formula"``, with its text and domain as parameters),
so the race, the basin map, the restarts, your α and the sweep draw it with their own code
(`gdgame.ui.race`, `gdgame.ui.local_minima`, `gdgame.ui.learning_rate`): ``values`` carries the
landscape (``"surface"``, ``"params"``), and this page's settings, whose start sliders span the
formula's domain, are passed to them. The presets and the words are in `sandbox_text`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from gdgame.engine.formula import USER_FUNCTIONS, FormulaError, parse
from gdgame.engine.formula_surface import REACH, FormulaSurface, formula_params
from gdgame.engine.learning_rate import sharpest_minimum, typical_curvature
from gdgame.ui import (
    cache,
    game_levels,
    learning_rate,
    local_minima,
    notice,
    race,
    settings,
    teacher,
)
from gdgame.ui import sandbox_text as text
from gdgame.ui.ladder import ladder, nearest

RATES = ladder(-6, 100.0)  # any formula's curvature: from a needle's 1e-6 to a plain's 100
PLAIN, ADAPTIVE = ("sgd", "momentum", "nesterov"), ("adagrad", "rmsprop", "adam")
DOMAIN, START = ("xmin", "xmax", "ymin", "ymax"), ("x0", "y0")
PRESET = "sandbox.preset"  # the preset box: not a setting, it follows the formula and domain
DEFAULT_F, DEFAULT_X, DEFAULT_Y = text.PRESETS[text.DEFAULT]
TYPICAL_COST = 40.0  # additions per gradient the lessons' surfaces cost: a basin map's budget
LATEX_MAX = 3000  # a gradient longer than this (in LaTeX) is not printed, only described
FLAT = 1e-6  # a bottom whose curvature is below this share of the map's typical one is flat


def landscape(f: str, domain: object) -> FormulaSurface:
    """The surface of a formula on a domain (the registry keeps it); a `FormulaError` says why
    not."""
    return cache.landscape("formula", formula_params(f, domain))


def _edge(label: str, default: float) -> settings.Entry:
    return settings.Entry(label, -REACH, REACH, default, 1.0)


def _step(width: float) -> float:
    """A round slider step giving about 200 stops across ``width``."""
    unit = 10.0 ** np.floor(np.log10(width / 200))
    return float(next(m * unit for m in (1, 2, 5, 10) if m * unit >= width / 200 * (1 - 1e-9)))


def _axis(spec: settings.Number, lo: float, hi: float) -> settings.Number:
    """A start slider across one side of the domain."""
    step = _step(hi - lo)
    decimals = max(0, -int(np.floor(np.log10(step))))
    return replace(spec, lo=float(lo), hi=float(hi), step=step, fmt=f"%.{decimals}f")


def suited(land: FormulaSurface) -> dict:
    """What a newly chosen formula starts with: its own start (on the sliders' stops); plain
    descent's α at half of 1/L, L the steepest curvature at its global minima and its start;
    the adaptive optimizers' race defaults scaled by the map's size."""
    (x0, x1), (y0, y1) = land.domain
    x, y = land.start
    out = {"x0": settings.snap(x, _axis(WIDE["x0"], x0, x1)),
           "y0": settings.snap(y, _axis(WIDE["y0"], y0, y1))}  # fmt: skip
    bends = [land.curvatures(p).max() for p in (*(m.location for m in land.global_minima), (x, y))]
    steepest = max((float(b) for b in bends if np.isfinite(b)), default=0.0)
    if steepest > 0:
        rate = nearest(0.5 / steepest, RATES)
        out |= {f"{name}_lr": rate for name in PLAIN} | {"lr": rate}
    size = min(x1 - x0, y1 - y0) / 10  # the race's defaults fit a map 10 wide
    return out | {f"{n}_lr": nearest(race.DEFAULT_LR[n] * size, RATES) for n in ADAPTIVE}


_RACE = {name: spec for name, spec in race.SETTINGS.specs.items() if name != "surface"}
WIDE = {name: replace(_RACE[name], lo=-REACH, hi=REACH) for name in START}  # any domain's
_SPECS = {
    "f": settings.Text("f(x, y) =", DEFAULT_F, parse,
                       help=text.SYNTAX.format(functions=", ".join(USER_FUNCTIONS))),
    "xmin": _edge("x from", DEFAULT_X[0]), "xmax": _edge("x to", DEFAULT_X[1]),
    "ymin": _edge("y from", DEFAULT_Y[0]), "ymax": _edge("y to", DEFAULT_Y[1]),
    **_RACE, **WIDE,
    **{name: replace(spec, options=RATES) for name, spec in _RACE.items() if name.endswith("_lr")},
    "lr": settings.Choice("Learning rate α", RATES, 0.01, labels=lambda v: f"{v:g}",
                          style="slider", help="Plain gradient descent's α here, and the basin "
                          "map's optimizer's α below"),
    "opt": local_minima.SETTINGS["opt"],
    "restarts": local_minima.SETTINGS["restarts"],
}  # fmt: skip
_FIRST = suited(landscape(DEFAULT_F, (DEFAULT_X, DEFAULT_Y)))
SETTINGS = settings.Page("sandbox", {name: replace(spec, default=_FIRST.get(name, spec.default))
                                     for name, spec in _SPECS.items()})  # fmt: skip


def _domain(values: dict) -> tuple:
    return (values["xmin"], values["xmax"]), (values["ymin"], values["ymax"])


def _here(values: dict) -> settings.Page:
    """This page's settings with the start's sliders across the formula's domain."""
    (x0, x1), (y0, y1) = values["land"].domain
    return SETTINGS.narrowed(x0=_axis(SETTINGS["x0"], x0, x1), y0=_axis(SETTINGS["y0"], y0, y1))


def _suit() -> None:
    """A callback: a new formula (or preset) starts from its own start, with rates that fit."""
    chosen = {name: SETTINGS.get(name) for name in ("f", *DOMAIN)}
    try:
        land = landscape(chosen["f"], _domain(chosen))
    except FormulaError:
        return  # said next to the box
    for name, value in suited(land).items():
        SETTINGS.set(name, value)


def _pick() -> None:
    """A callback: a preset's formula and domain, then what suits it."""
    name = st.session_state.get(PRESET)
    if name in text.PRESETS:
        f, (x0, x1), (y0, y1) = text.PRESETS[name]
        for setting, value in zip(("f", *DOMAIN), (f, x0, x1, y0, y1), strict=True):
            SETTINGS.set(setting, value)
        _suit()


def _refused(what: str, err: FormulaError) -> None:
    """A refusal in our words, the engine's sentence (which quotes the formula) as plain text."""
    notice.show(f"{what} cannot be used:", [str(err)], icon="✋", kind="error")
    st.caption(text.WAITING)


def formula() -> dict:
    """The formula box with its presets, the domain, the formula and its gradient in LaTeX, and
    what the engine found. ``values["land"]`` is the surface, or None if the formula or the
    domain is refused (said next to the box)."""
    pick, box = st.columns([1, 3], vertical_alignment="bottom")
    edges = st.columns(4)
    values = {"surface": "formula", "land": None}
    with box:
        values["f"] = SETTINGS.widget("f", on_change=_suit)
    for column, name in zip(edges, DOMAIN, strict=True):
        with column:
            values[name] = SETTINGS.widget(name)
    with pick:
        shown = text.preset_of(values["f"], _domain(values))
        st.session_state[PRESET] = None if shown == text.YOUR_OWN else shown
        st.selectbox("Start from", list(text.PRESETS), key=PRESET, on_change=_pick,
                     placeholder=text.YOUR_OWN)  # fmt: skip
    try:
        parse(values["f"])
    except FormulaError as err:
        with box:
            _refused("This formula", err)
        return values
    try:
        values["params"] = formula_params(values["f"], _domain(values))
    except FormulaError as err:
        _refused("This domain", err)
        return values
    land = values["land"] = landscape(values["f"], _domain(values))
    st.latex(land.formula)
    if len(land.gradient_latex) <= LATEX_MAX:
        st.latex(land.gradient_latex)
    else:
        st.caption(text.long_gradient(len(land.gradient_latex)))
    st.markdown(text.minima(land))
    mask = land.masked()
    if mask.share >= 1:
        st.info(text.NOWHERE, icon="🕳️")
        values["land"] = None
    elif mask.share > 0:
        st.info(mask.sentence + text.MASKED, icon="🕳️")
    return values


def descend(values: dict) -> None:
    """Any optimizers, with their torch.optim options, from a start on the slider or a click:
    the race's playback, results, arrows and 3-D view."""
    if values["land"] is None:
        return
    st.header("Race down it")
    here = _here(values)
    race.controls(here, values)
    here.keep_inside(*START)
    settings_column, charts = st.columns([1, 2], gap="large")
    with settings_column:
        race.racers(values, here)
        if not np.isfinite(values["land"].f(*values["start"])):
            st.warning(text.undefined_start(values["start"]), icon="🕳️")
    with charts:
        race.playback(values, here)
    race.results(values, here)
    race.step_arrows(values, here)
    race.race_3d(values, here, expanded=True)


def rates(values: dict) -> None:
    """The curvature at the bottom, your α on the regime bar with its run, and the sweep."""
    land = values["land"]
    if land is None:
        return
    st.header("The learning rate near the bottom")
    sharpest = sharpest_minimum(land)
    if sharpest is None:
        st.write(text.NO_BOTTOM_RATES)
        return
    at, bends = sharpest
    if not bends.max() > FLAT * typical_curvature(land):
        st.write(text.flat_bottom(at, float(bends.max())))
        values["lr"] = _here(values).widget("lr")  # for the basin map
        return
    st.write(text.curvature(land, at, bends))
    values["where"] = ("formula", values["params"], values["start"])
    values["L"] = float(bends.max())
    learning_rate.your_rate(values, _here(values))
    learning_rate.every_rate(values, _here(values))


def basins(values: dict) -> None:
    """The basin map with each minimum's share, and random restarts, for one optimizer."""
    land = values["land"]
    if land is None:
        return
    st.header("Which valley, from which start")
    if not land.minima:
        st.write(text.NO_BOTTOM_BASINS)
        return
    here = _here(values)
    values["work"] = max(1.0, land.cost / TYPICAL_COST)
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        values["opt"] = here.widget("opt")
    right.caption(f"With α = {values['lr']:g} (your learning rate above) and "
                  f"{values['steps']} steps (the race's).")  # fmt: skip
    local_minima.basin_map(values, here)
    local_minima.random_restarts(values, here)


def play_it(values: dict) -> None:
    """Play the formula as a game level (its start, budget, par and tolerance chosen by the
    engine); a room's teacher can make it the room's own level, played by everyone in it."""
    if values["land"] is None:
        return
    st.subheader("Play it")
    st.write(text.PLAY)
    held = teacher.teaching()
    play, room = st.columns(2)
    why = None
    if play.button("Play it as a game level", key="sandbox.play", type="primary",
                   width="stretch"):  # fmt: skip
        why = game_levels.play_formula(values["f"], _domain(values))
        if why is None:
            st.switch_page("pages/game.py")
    if held and room.button(f"Make it room {held['room']}'s level", key="sandbox.room",
                            width="stretch", help=text.ROOM_HELP):  # fmt: skip
        why = teacher.make_room_level(values["f"], _domain(values))
        if why is None:
            st.success(text.room_moved(held["room"]), icon="🏫")
    if why is not None:
        notice.show("As a game level, this formula cannot be used:", [why], icon="✋",
                    kind="error")  # fmt: skip
