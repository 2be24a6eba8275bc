"""Engine calls behind st.cache_data, keyed on plain values."""

from __future__ import annotations

import streamlit as st

from gdgame.engine import curves, descent, optimizers


@st.cache_data(max_entries=256, show_spinner=False)
def gd_on_curve(name: str, start: float, lr: float, steps: int) -> descent.Run:
    """Plain gradient descent on a named 1-D curve."""
    return descent.run(curves.get(name), optimizers.get("sgd", lr=lr), start, steps, tol=0)
