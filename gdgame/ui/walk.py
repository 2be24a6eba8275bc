"""Walking a run step by step: Step, Run to the end, Reset.

The run is computed whole (and cached); the page shows its first ``shown`` steps. Changing any
setting changes the run's signature and starts the walk again from the start.
"""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from gdgame.ui import router


def _advance(key: str, by: int, total: int) -> None:
    signature, shown = st.session_state[key]
    st.session_state[key] = (signature, min(shown + by, total))


def _restart(key: str) -> None:
    signature, _ = st.session_state[key]
    st.session_state[key] = (signature, 0)


def walk(page: str, signature: Hashable, total: int) -> int:
    """Draw the three buttons; returns how many of the run's ``total`` steps to show."""
    key = f"{page}.walk"
    previous, shown = st.session_state.get(key, (None, 0))
    fresh = previous != signature or router.navigated_here()  # a visit starts at the start
    shown = 0 if fresh else min(shown, total)
    st.session_state[key] = (signature, shown)
    step, run, reset = st.columns(3)
    step.button(
        "Step", key=f"{page}.step", type="primary", on_click=_advance, args=(key, 1, total),
        disabled=shown >= total, width="stretch",
    )  # fmt: skip
    run.button(
        "Run to the end", key=f"{page}.run", on_click=_advance, args=(key, total, total),
        disabled=shown >= total, width="stretch",
    )  # fmt: skip
    reset.button(
        "Reset", key=f"{page}.reset", on_click=_restart, args=(key,), disabled=shown == 0,
        width="stretch",
    )  # fmt: skip
    return shown
