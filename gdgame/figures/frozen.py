"""Figures nobody changes once they are built: the ones a page caches and every session shows.

At every rerun ``st.plotly_chart`` asks a figure for ``to_dict()``, which deep-copies its data
and converts its arrays to base64; for a figure that never changes that is the same work each
time (measured: a fifth of a learning-rate rerun, for its seven unchanged charts). A frozen
figure makes its dict once and hands out that one dict, which nobody writes to.
"""

from __future__ import annotations

import plotly.graph_objects as go


class FrozenFigure(go.Figure):
    """A figure whose dict is made once; change it before freezing it, never after."""

    def to_dict(self) -> dict:
        made = self.__dict__.get("_made")
        if made is None:
            made = self.__dict__["_made"] = super().to_dict()
        return made


def frozen(figure: go.Figure) -> FrozenFigure:
    """``figure``, frozen (it is not copied: do not change it any more)."""
    figure.__class__ = FrozenFigure
    return figure
