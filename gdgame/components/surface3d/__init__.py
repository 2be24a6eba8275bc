"""The 3-D view: a Streamlit component (components v2) that keeps its camera and sends only what
changed.

`st.plotly_chart` remounts a chart whenever its figure changes (streamlit#8882), so a turned
3-D view snaps back at every step, re-sends the whole surface, and cannot report a click on the
surface (`on_select` is 2-D only). This component draws the same plotly figure with the plotly.js
that the installed plotly package ships (served from this folder, loaded once per browser page)
and updates it in place with ``Plotly.react`` and a ``uirevision``, so the camera the viewer
chose stays. The surface goes out once, as a small binary file in this folder (``.cache/``) that
the browser fetches and caches; each rerun sends only the other traces, the layout and, under
the game's fog, a bit mask of what may be seen. A click on the surface comes back as (x, y).

Streamlit finds this folder through ``[[tool.streamlit.component.components]]`` in
pyproject.toml, which needs gdgame installed (``pip install -e . --no-deps``); without that,
`surface3d` falls back to `st.plotly_chart` and says so in the log.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go
import streamlit as st

from gdgame.figures.surface import Grid

ASSETS = Path(__file__).parent
# Files written at run time go under .cache/, a folder Streamlit's watcher of component files
# ignores: a change it saw would make the browser remount the view and lose its camera.
CACHE = ASSETS / ".cache"
GRIDS = CACHE / "grids"
NAME = "gdgame.surface3d"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FONT = "Source Sans Pro, sans-serif"  # Streamlit's own, as its themed charts use
_log = logging.getLogger(__name__)


def _install_plotly_js() -> None:
    """Put the installed plotly package's plotly.js beside the component (works offline)."""
    target = CACHE / "plotly.min.js"
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        _atomic_write(target, PLOTLY_JS.read_bytes())


def _atomic_write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    os.replace(tmp, path)  # other processes see the old file or the new one, never half


def grid_file(grid: Grid) -> str:
    """The surface as a binary file in the asset folder (written once); its relative path.

    Layout: nx, ny as uint32, then xs, ys and z (rows follow y) as float32, little-endian.
    """
    xs, ys = grid.xs.astype("<f4"), grid.ys.astype("<f4")
    z = np.nan_to_num(grid.z, nan=0.0).astype("<f4")
    body = np.array([len(xs), len(ys)], "<u4").tobytes() + xs.tobytes() + ys.tobytes()
    body += z.tobytes()
    name = f"{hashlib.sha256(body).hexdigest()[:20]}.bin"
    if not (GRIDS / name).exists():
        _atomic_write(GRIDS / name, body)
    return f"{GRIDS.relative_to(ASSETS)}/{name}"


def payload(fig: go.Figure, grid: Grid, seen: np.ndarray | None = None) -> dict:
    """What the browser gets on a rerun: every trace but the surface's arrays, the layout, and
    the surface's file; ``seen`` (same shape as z) masks what fog hides."""
    spec = json.loads(fig.to_json())
    surface = spec["data"][0]
    if surface.get("type") != "surface":
        raise ValueError("the figure's first trace must be the surface")
    for field in ("x", "y", "z"):
        surface.pop(field, None)
    spec["layout"].setdefault("font", {})["family"] = FONT
    spec["layout"]["paper_bgcolor"] = "rgba(0,0,0,0)"
    data = {"grid": grid_file(grid), "traces": spec["data"], "layout": spec["layout"]}
    if seen is not None and not seen.all():
        data["seen"] = base64.b64encode(np.packbits(seen.ravel())).decode()
    return data


@functools.cache
def _component():
    """The registered component, or None if it cannot be (then st.plotly_chart draws).

    Registered on first use, inside a script run: Streamlit resolves ``js="surface3d.js"``
    against the asset_dir it found in pyproject.toml when its runtime started.
    """
    try:
        _install_plotly_js()
        GRIDS.mkdir(parents=True, exist_ok=True)
        # in the page itself, not a shadow root: plotly.js styles its toolbar from document.head
        return st.components.v2.component(NAME, js="surface3d.js", isolate_styles=False)
    except Exception:  # noqa: BLE001 - any failure here means: draw with st.plotly_chart
        _log.exception("the 3-D component is not available; falling back to st.plotly_chart")
        return None


def surface3d(
    fig: go.Figure, grid: Grid, *, key: str, seen: np.ndarray | None = None,
    on_click: Callable[[float, float], None] | None = None,
) -> None:  # fmt: skip
    """Draw ``fig`` (its first trace the surface sampled on ``grid``) as the 3-D view.

    ``on_click(x, y)`` is called, as a callback before the rerun, when the viewer clicks the
    surface. The figure's ``uirevision`` decides when the camera is reset: keep it while the
    view should stay, change it (a camera preset) to move the camera.
    """
    component = _component()
    if component is None:
        st.plotly_chart(fig, key=key)
        return

    def clicked() -> None:
        point = (st.session_state.get(key) or {}).get("click")
        if on_click is not None and point and {"x", "y"} <= set(point):
            on_click(float(point["x"]), float(point["y"]))

    component(data=payload(fig, grid, seen), key=key, on_click_change=clicked,
              height=int(fig.layout.height or 560))  # fmt: skip
