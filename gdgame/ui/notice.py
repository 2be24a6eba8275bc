"""Notices about text that came from outside (a link's values, a name, a database row).

Streamlit renders the body of ``st.info``/``st.warning`` as Markdown, so a value quoted inside
one would turn into a live link, an image the browser fetches, LaTeX or coloured text. A notice
here is two parts: our own words as Markdown, and the outside values, each shortened, as plain
text in a code block.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

SHOWN = 120  # characters of an outside value shown; a longer one is cut and its length said


def show(message: str, outside: Sequence[str] = (), *, icon: str = "⚠️",
         kind: str = "warning") -> None:  # fmt: skip
    """``message`` (ours) as a notice of ``kind`` ("info", "warning" or "error"), and below it
    the ``outside`` values it is about, as plain text."""
    getattr(st, kind)(message, icon=icon)
    if outside:
        st.code("\n".join(shortened(v) for v in outside), language=None, wrap_lines=True)


def shortened(value: str) -> str:
    """``value`` cut to `SHOWN` characters, saying how long it was."""
    if len(value) <= SHOWN:
        return value
    return f"{value[:SHOWN]}… ({len(value):,} characters)"
