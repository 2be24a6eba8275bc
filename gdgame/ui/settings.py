"""Page settings: each one a widget bound to the URL, so a link shares an exact configuration.

A page declares its settings once (`Number`, `Choice`); the same declaration draws the widget
with ``bind="query-params"``, checks a hand-edited URL before the widgets read it, and restores
the defaults. Streamlit drops invalid URL values on its own; `check_url` says so to the user.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st


@dataclass(frozen=True)
class Number:
    """A number on a slider between ``lo`` and ``hi``."""

    label: str
    lo: float
    hi: float
    default: float
    step: float
    fmt: str = "%.2f"
    help: str | None = None

    def accepts(self, raw: str) -> bool:
        try:
            value = float(raw)
        except ValueError:
            return False
        return math.isfinite(value) and self.lo <= value <= self.hi

    def widget(self, key: str, **kwargs: Any) -> float:
        return st.slider(
            self.label, self.lo, self.hi, self.default, self.step, format=self.fmt, key=key,
            bind="query-params", help=self.help, **kwargs,
        )  # fmt: skip


@dataclass(frozen=True)
class Choice:
    """One of a few options, shown by ``labels`` (the label is also what the URL holds)."""

    label: str
    options: Sequence[Any]
    default: Any
    labels: Callable[[Any], str] = str
    style: str = "select"  # "select", "slider" (ordered values) or "radio"
    help: str | None = None
    extra: dict = field(default_factory=dict)

    def accepts(self, raw: str) -> bool:
        return raw in {self.labels(o) for o in self.options}

    def widget(self, key: str, **kwargs: Any) -> Any:
        common = {"key": key, "bind": "query-params", "help": self.help, "format_func": self.labels}
        if self.style == "slider":
            return st.select_slider(
                self.label, options=list(self.options), value=self.default, **common, **kwargs
            )
        if self.style == "radio":
            index = list(self.options).index(self.default)
            return st.radio(self.label, self.options, index=index, horizontal=True, **common,
                            **kwargs)  # fmt: skip
        index = list(self.options).index(self.default)
        return st.selectbox(self.label, self.options, index=index, **common, **kwargs)


@dataclass(frozen=True)
class Many:
    """Any subset of a few options (the URL holds the label of each chosen option)."""

    label: str
    options: Sequence[str]
    default: tuple[str, ...]
    labels: Callable[[Any], str] = str
    help: str | None = None

    def accepts(self, raw: str) -> bool:
        return raw in {self.labels(o) for o in self.options}

    def widget(self, key: str, **kwargs: Any) -> list[str]:
        return st.multiselect(self.label, list(self.options), default=list(self.default),
                              format_func=self.labels, key=key, bind="query-params",
                              help=self.help, **kwargs)  # fmt: skip


Setting = Number | Choice | Many


def clicked(chart_key: str, axis: str, spec: Number) -> float | None:
    """Where a click on a chart (``on_select``) landed along ``axis``, on the spec's grid."""
    event = st.session_state.get(chart_key) or {}
    points = (event.get("selection") or {}).get("points") or []
    if not points or axis not in points[0]:
        return None
    return snap(points[0][axis], spec)


def start_from_click(chart_key: str, specs: dict[str, Setting], x_key: str = "x0",
                     y_key: str = "y0") -> Callable[[], None]:  # fmt: skip
    """An ``on_select`` callback: a click on a map sets its two start settings."""

    def callback() -> None:
        x = clicked(chart_key, "x", specs[x_key])
        y = clicked(chart_key, "y", specs[y_key])
        if x is not None and y is not None:
            st.session_state[x_key], st.session_state[y_key] = x, y

    return callback


def snap(value: float, spec: Number) -> float:
    """``value`` clamped to the spec's range and rounded to its step."""
    value = min(max(float(value), spec.lo), spec.hi)
    steps = round((value - spec.lo) / spec.step)
    return round(spec.lo + steps * spec.step, 10)


def check_url(page: str, settings: dict[str, Setting]) -> None:
    """Before the widgets read the URL: name the values it holds that are not valid.

    The notice stays for the rest of the visit to the page (Streamlit removes the bad values
    from the URL on the first run, so they are read only once).
    """
    bad = [
        f"{key}={raw!r}"
        for key, spec in settings.items()
        for raw in st.query_params.get_all(key)
        if not spec.accepts(raw)
    ]
    notice_key = f"{page}.url_notice"
    if bad:
        st.session_state[notice_key] = (
            "This link had settings the page could not use, so it shows the defaults for "
            f"them instead: {', '.join(bad)}."
        )
    if notice := st.session_state.get(notice_key):
        st.info(notice, icon="🔗")


def restore_defaults(page: str, settings: dict[str, Setting]) -> None:
    """A callback: every setting back to its default, and the URL notice gone."""
    for key, spec in settings.items():
        st.session_state[key] = list(spec.default) if isinstance(spec, Many) else spec.default
    st.session_state.pop(f"{page}.url_notice", None)


def link(settings: dict[str, Setting], values: dict[str, Any]) -> str:
    """The page's URL with every setting that differs from its default."""
    query = {}
    for key, spec in settings.items():
        if key not in values:  # a setting the page did not draw this time
            continue
        value = values[key]
        if isinstance(spec, Many):
            if tuple(value) != tuple(spec.default):
                query[key] = [spec.labels(v) for v in value]
        elif value != spec.default:
            query[key] = spec.labels(value) if isinstance(spec, Choice) else f"{value:g}"
    return page_url() + ("?" + urlencode(query, doseq=True) if query else "")


def page_url() -> str:
    """This page's address without its query string."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path


def share(settings: dict[str, Setting], values: dict[str, Any]) -> None:
    """A link to exactly this view, to copy (the address bar can lag one click behind)."""
    with st.expander("Share this view"):
        st.code(link(settings, values), language=None)
        st.caption("Anyone opening this link sees the page with these settings.")


def defaults_button(page: str, settings: dict[str, Setting]) -> None:
    """The page's reset: all settings back to their defaults."""
    st.button(
        "Restore defaults", key=f"{page}.defaults", on_click=restore_defaults,
        args=(page, settings), help="Put every setting on this page back to its default",
    )  # fmt: skip
