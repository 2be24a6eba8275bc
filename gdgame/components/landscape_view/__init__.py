"""The landscape view: a Streamlit component (components v2) that draws a plotly figure of a
landscape, sends the landscape's grid once, and after that only what changed.

`st.plotly_chart` remounts a chart whenever its figure changes (streamlit#8882), so a turned
3-D view snaps back at every step, the whole surface goes out again with every step, and a
click on a 3-D surface cannot reach Python (`on_select` is 2-D only); every figure also passes
through plotly's validation on the server at every rerun. This component takes the figure as a
plain dict in plotly's JSON schema, draws it with the plotly.js that the installed plotly
package ships (loaded once per browser page) and updates it in place with ``Plotly.react`` and
a ``uirevision``, so a 3-D camera the viewer chose stays. The first trace (a surface or a
contour) is drawn from the grid, which goes out once as a small binary file the browser fetches
and keeps; each rerun sends only the other traces, the layout and, under the game's fog, a bit
mask of what may be seen (the file then holds zeros where the fog hides the ground, so hidden
ground never reaches the browser). A figure's ``frames`` (each naming the traces it moves) go
along, for plotly's own Play button and slider. A click on the grid's trace, or on a trace whose
``meta`` is ``"click"``, comes back as (x, y).

Nothing is written to disk: plotly.js and the grids are served from Streamlit's own media
file storage (in memory, keyed by content, at ``/media/<id>``). That cache is bounded: each
file is registered for the session and a place (plotly.js, or the view's key), a new file at
the same place replaces the old one, and at the end of every script run, fragment reruns
included, Streamlit drops the files no session refers to any more. So a new terrain seed
replaces its predecessor instead of piling up: the store holds one plotly.js and, per open
session, one grid per view it shows.

Streamlit finds this folder through ``[[tool.streamlit.component.components]]`` in
pyproject.toml, which needs gdgame installed (``pip install -e . --no-deps``); without that,
or without a Streamlit runtime (plain ``python``), `landscape_view` falls back to
`st.plotly_chart` (a failed registration says so in the log).
"""

from __future__ import annotations

import base64
import functools
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime

from gdgame.figures.surface import Grid

NAME = "gdgame.landscape_view"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
JS_TYPE = "application/javascript"  # served as .js (text/javascript maps to .es here)
SURFACE_TYPE = "application/octet-stream"
FONT = "Source Sans Pro, sans-serif"  # Streamlit's own, as its themed charts use
_log = logging.getLogger(__name__)


@functools.cache
def plotly_js() -> bytes:
    """The installed plotly package's plotly.js, read once per process (works offline)."""
    return PLOTLY_JS.read_bytes()


def surface_bytes(grid: Grid, seen: np.ndarray | None = None) -> bytes:
    """The grid as the browser reads it, with zeros where ``seen`` is False (the fog); NaN
    where f is undefined (`gdgame.figures.surface.sample`), which plotly leaves out.

    Layout: nx, ny as uint32, then xs, ys and z (rows follow y) as float32, little-endian.
    """
    xs, ys = grid.xs.astype("<f4"), grid.ys.astype("<f4")
    z = grid.z.astype("<f4")
    if seen is not None:
        z = np.where(seen, z, np.float32(0.0)).astype("<f4")
    head = np.array([len(xs), len(ys)], "<u4").tobytes()
    return head + xs.tobytes() + ys.tobytes() + z.tobytes()


def _media_url(content: bytes, mimetype: str, place: str) -> str:
    """``content`` in Streamlit's media storage, held for this session at ``place``; its URL."""
    media = runtime.get_instance().media_file_mgr
    return media.add(content, mimetype, f"{NAME}/{place}")


def files(grid: Grid, key: str, seen: np.ndarray | None = None) -> dict[str, str]:
    """The URLs of plotly.js and of the view ``key``'s grid (a new one replaces it)."""
    return {
        "plotly": _media_url(plotly_js(), JS_TYPE, "plotly.js"),
        "grid": _media_url(surface_bytes(grid, seen), SURFACE_TYPE, f"grid/{key}"),
    }


GRID_TRACES = ("surface", "contour")


def payload(spec: dict, grid: Grid, *, key: str, seen: np.ndarray | None = None) -> dict:
    """What the browser gets on a rerun: every trace (the first without its arrays, which come
    from the grid), the layout, and the URLs of plotly.js and the grid; ``seen`` (same shape as
    z) is what the fog lets the viewer see."""
    first = spec["data"][0]
    if first.get("type") not in GRID_TRACES:
        raise ValueError("the figure's first trace must be the surface or the contour")
    traces = [{k: v for k, v in first.items() if k not in ("x", "y", "z")}, *spec["data"][1:]]
    layout = {**spec["layout"], "paper_bgcolor": "rgba(0,0,0,0)",
              "font": {**spec["layout"].get("font", {}), "family": FONT}}  # fmt: skip
    hidden = seen is not None and not seen.all()
    data = {**files(grid, key, seen if hidden else None), "traces": traces, "layout": layout}
    if spec.get("frames"):  # an animation the browser plays (frames leave the grid's trace be)
        data["frames"] = spec["frames"]
    if hidden:
        data["seen"] = base64.b64encode(np.packbits(seen.ravel())).decode()
    return data


def _fallback(spec: dict, grid: Grid, seen: np.ndarray | None, key: str) -> None:
    """The same figure through st.plotly_chart, for a Python without the component."""
    z = grid.z if seen is None else np.where(seen, grid.z, np.float32(np.nan))
    first = {**spec["data"][0], "x": grid.xs, "y": grid.ys, "z": z}
    st.plotly_chart(go.Figure({"data": [first, *spec["data"][1:]], "layout": spec["layout"]}),
                    key=key)  # fmt: skip


@functools.cache
def _component():
    """The registered component, or None if it cannot be (then st.plotly_chart draws).

    Registered on first use, inside a script run: Streamlit resolves ``js="landscape_view.js"``
    against the asset_dir it found in pyproject.toml when its runtime started.
    """
    try:
        # in the page itself, not a shadow root: plotly.js styles its toolbar from document.head
        return st.components.v2.component(NAME, js="landscape_view.js", isolate_styles=False)
    except Exception:  # noqa: BLE001 - any failure here means: draw with st.plotly_chart
        _log.exception("the landscape view is not available; falling back to st.plotly_chart")
        return None


def landscape_view(
    spec: dict, grid: Grid, *, key: str, seen: np.ndarray | None = None,
    on_click: Callable[[float, float], None] | None = None,
) -> None:  # fmt: skip
    """Draw ``spec`` (a plotly figure as a dict; its first trace the landscape sampled on
    ``grid``) as a view that keeps its camera and sends only what changed.

    ``on_click(x, y)`` is called, as a callback before the rerun, when the viewer clicks the
    landscape or a trace marked ``meta="click"``. The figure's ``uirevision`` decides when the
    camera is reset: keep it while the view should stay, change it (a camera preset) to move it.
    """
    component = _component() if runtime.exists() else None
    if component is None:
        _fallback(spec, grid, seen, key)
        return

    def clicked() -> None:
        point = (st.session_state.get(key) or {}).get("click")
        if on_click is not None and isinstance(point, dict) and {"x", "y"} <= set(point):
            on_click(point["x"], point["y"])

    component(data=payload(spec, grid, key=key, seen=seen), key=key, on_click_change=clicked,
              height=int(spec["layout"].get("height", 560)))  # fmt: skip
