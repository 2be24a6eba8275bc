"""Reading plotly charts out of an AppTest: the JSON spec with typed arrays decoded."""

import base64
import json

import numpy as np

DTYPES = {"f8": np.float64, "f4": np.float32, "i1": np.int8, "i2": np.int16, "i4": np.int32,
          "u1": np.uint8, "u2": np.uint16, "u4": np.uint32}  # fmt: skip


def _decode(value):
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=DTYPES[value["dtype"]])
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def figure(element) -> dict:
    """The figure of an AppTest plotly_chart element, arrays as NumPy arrays."""
    return _decode(json.loads(element.proto.spec))


def trace(fig: dict, name_start: str) -> dict:
    """The first trace whose name starts with ``name_start``."""
    return next(t for t in fig["data"] if t.get("name", "").startswith(name_start))


def component_data(at, key: str) -> dict:
    """What the landscape view (gdgame.landscape_view) with ``key`` receives on this rerun."""
    element = next(e for e in at.get("bidi_component") if e.proto.id.endswith(f"-{key}"))
    return json.loads(element.proto.json)


def view_figure(at, key: str) -> dict:
    """The figure a landscape view draws on this rerun (its grid's arrays apart), arrays as
    NumPy arrays."""
    data = component_data(at, key)
    return _decode({"data": data["traces"], "layout": data["layout"]})


def grid_of(raw: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """xs, ys and z from a grid file the landscape view serves (its documented layout)."""
    nx, ny = np.frombuffer(raw[:8], "<u4")
    values = np.frombuffer(raw[8:], "<f4")
    return values[:nx], values[nx : nx + ny], values[nx + ny :].reshape(ny, nx)


def numbers(spec) -> np.ndarray:
    """Every number in a figure spec (a dict from `figure`, or a plotly Figure), typed arrays
    decoded: to check that nothing non-finite reaches the browser."""
    if hasattr(spec, "to_json"):
        spec = _decode(json.loads(spec.to_json()))
    out: list[float] = []

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list | tuple):
            for x in v:
                walk(x)
        elif isinstance(v, np.ndarray) and v.dtype.kind in "fiu":
            out.extend(v.ravel().tolist())
        elif isinstance(v, int | float) and not isinstance(v, bool):
            out.append(v)

    walk(spec)
    return np.array(out, dtype=np.float64)
