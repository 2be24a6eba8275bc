"""The 3-D view: a Streamlit component (components v2) that keeps its camera and sends only what
changed.

`st.plotly_chart` remounts a chart whenever its figure changes (streamlit#8882), so a turned
3-D view snaps back at every step, re-sends the whole surface, and cannot report a click on the
surface (`on_select` is 2-D only). This component draws the same plotly figure with the plotly.js
that the installed plotly package ships (loaded once per browser page) and updates it in place
with ``Plotly.react`` and a ``uirevision``, so the camera the viewer chose stays. The surface
goes out once, as a small binary file the browser fetches and keeps; each rerun sends only the
other traces, the layout and, under the game's fog, a bit mask of what may be seen. A click on
the surface comes back as (x, y).

Nothing is written to disk: plotly.js and the surfaces are served from Streamlit's own media
file storage (in memory, keyed by content, at ``/media/<id>``). That cache is bounded: each
file is registered for the session and a place (plotly.js, or the view's key), a new file at
the same place replaces the old one, and at the end of every script run, fragment reruns
included, Streamlit drops the files no session refers to any more. So a new terrain seed
replaces its predecessor instead of piling up: the store holds one plotly.js and, per open
session, one surface per 3-D view it shows.

Streamlit finds this folder through ``[[tool.streamlit.component.components]]`` in
pyproject.toml, which needs gdgame installed (``pip install -e . --no-deps``); without that,
or without a Streamlit runtime (plain ``python``), `surface3d` falls back to `st.plotly_chart`
(a failed registration says so in the log).
"""

from __future__ import annotations

import base64
import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime

from gdgame.figures.surface import Grid

NAME = "gdgame.surface3d"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
JS_TYPE = "application/javascript"  # served as .js (text/javascript maps to .es here)
SURFACE_TYPE = "application/octet-stream"
FONT = "Source Sans Pro, sans-serif"  # Streamlit's own, as its themed charts use
_log = logging.getLogger(__name__)


@functools.cache
def plotly_js() -> bytes:
    """The installed plotly package's plotly.js, read once per process (works offline)."""
    return PLOTLY_JS.read_bytes()


def surface_bytes(grid: Grid) -> bytes:
    """The surface as the browser reads it.

    Layout: nx, ny as uint32, then xs, ys and z (rows follow y) as float32, little-endian.
    """
    xs, ys = grid.xs.astype("<f4"), grid.ys.astype("<f4")
    z = np.nan_to_num(grid.z, nan=0.0).astype("<f4")
    head = np.array([len(xs), len(ys)], "<u4").tobytes()
    return head + xs.tobytes() + ys.tobytes() + z.tobytes()


def _media_url(content: bytes, mimetype: str, place: str) -> str:
    """``content`` in Streamlit's media storage, held for this session at ``place``; its URL."""
    media = runtime.get_instance().media_file_mgr
    return media.add(content, mimetype, f"{NAME}/{place}")


def files(grid: Grid, key: str) -> dict[str, str]:
    """The URLs of plotly.js and of the surface of the view ``key`` (a new one replaces it)."""
    return {
        "plotly": _media_url(plotly_js(), JS_TYPE, "plotly.js"),
        "grid": _media_url(surface_bytes(grid), SURFACE_TYPE, f"surface/{key}"),
    }


def payload(fig: go.Figure, grid: Grid, *, key: str, seen: np.ndarray | None = None) -> dict:
    """What the browser gets on a rerun: every trace but the surface's arrays, the layout, and
    the URLs of plotly.js and the surface; ``seen`` (same shape as z) masks what fog hides."""
    spec = json.loads(fig.to_json())
    surface = spec["data"][0]
    if surface.get("type") != "surface":
        raise ValueError("the figure's first trace must be the surface")
    for field in ("x", "y", "z"):
        surface.pop(field, None)
    spec["layout"].setdefault("font", {})["family"] = FONT
    spec["layout"]["paper_bgcolor"] = "rgba(0,0,0,0)"
    data = {**files(grid, key), "traces": spec["data"], "layout": spec["layout"]}
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
    component = _component() if runtime.exists() else None
    if component is None:
        st.plotly_chart(fig, key=key)
        return

    def clicked() -> None:
        point = (st.session_state.get(key) or {}).get("click")
        if on_click is not None and point and {"x", "y"} <= set(point):
            on_click(float(point["x"]), float(point["y"]))

    component(data=payload(fig, grid, key=key, seen=seen), key=key, on_click_change=clicked,
              height=int(fig.layout.height or 560))  # fmt: skip
