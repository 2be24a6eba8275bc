"""The kinds of setting a page declares (`gdgame.ui.settings.Page` binds them to widgets and
the URL): each parses a URL's text, writes its value back as text, and draws its widget.

`Number` (a slider), `Choice` (one of a few), `Many` (a subset), `Entry` (a number in a box)
and `Text` (free text, checked).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

INVALID = object()  # what parse gives for text it cannot use


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

    def parse(self, raw: str) -> Any:
        """The value a URL's text stands for, or `INVALID`."""
        try:
            value = float(raw)
        except ValueError:
            return INVALID
        if not (math.isfinite(value) and self.lo <= value <= self.hi):
            return INVALID
        if isinstance(self.default, int):  # a whole-number slider takes whole numbers only
            return int(value) if value.is_integer() else INVALID
        return value

    def text(self, value: float) -> str:
        return f"{value:g}"

    def accepts(self, raw: str) -> bool:
        return self.parse(raw) is not INVALID

    def draw(self, key: str, **kwargs: Any) -> float:
        return st.slider(self.label, self.lo, self.hi, step=self.step, format=self.fmt, key=key,
                         help=self.help, **kwargs)  # fmt: skip


@dataclass(frozen=True)
class Choice:
    """One of a few options, shown by ``labels``; the URL holds ``url(option)`` (the label,
    unless a registry name such as ``six_hump_camel`` reads better)."""

    label: str
    options: Sequence[Any]
    default: Any
    labels: Callable[[Any], str] = str
    style: str = "select"  # "select", "slider" (ordered values) or "radio"
    help: str | None = None
    url: Callable[[Any], str] | None = None

    def parse(self, raw: str) -> Any:
        return next((o for o in self.options if self.text(o) == raw), INVALID)

    def text(self, value: Any) -> str:
        return (self.url or self.labels)(value)

    def accepts(self, raw: str) -> bool:
        return self.parse(raw) is not INVALID

    def draw(self, key: str, **kwargs: Any) -> Any:
        common = {"key": key, "help": self.help, "format_func": self.labels}
        if self.style == "slider":
            return st.select_slider(self.label, options=list(self.options), **common, **kwargs)
        if self.style == "radio":
            return st.radio(self.label, self.options, horizontal=True, **common, **kwargs)
        return st.selectbox(self.label, self.options, **common, **kwargs)


@dataclass(frozen=True)
class Many:
    """Any subset of a few options (the URL holds the label of each chosen option)."""

    label: str
    options: Sequence[str]
    default: tuple[str, ...]
    labels: Callable[[Any], str] = str
    help: str | None = None

    def parse_all(self, raws: list[str]) -> Any:
        chosen = [next((o for o in self.options if self.labels(o) == r), INVALID) for r in raws]
        return INVALID if INVALID in chosen else list(dict.fromkeys(chosen))

    def text(self, value: Sequence[str]) -> list[str]:
        return [self.labels(v) for v in value]

    def accepts(self, raw: str) -> bool:
        return self.parse_all([raw]) is not INVALID

    def draw(self, key: str, **kwargs: Any) -> list[str]:
        return st.multiselect(self.label, list(self.options), format_func=self.labels, key=key,
                              help=self.help, **kwargs)  # fmt: skip


@dataclass(frozen=True)
class Entry(Number):
    """A number typed in a box, between ``lo`` and ``hi``: for a range too wide for a slider
    (the edge of a domain)."""

    fmt: str = "%g"

    def text(self, value: float) -> str:
        return f"{value:.12g}"

    def draw(self, key: str, **kwargs: Any) -> float:
        return st.number_input(self.label, self.lo, self.hi, step=self.step, format=self.fmt,
                               key=key, help=self.help, **kwargs)  # fmt: skip


@dataclass(frozen=True)
class Text:
    """Free text in a box (a formula). ``check`` raises a ValueError, whose message says why,
    for text the page cannot use; a link holding such text is named and not used, and the
    page's link never holds it. No length limit on the box: Streamlit drops a paste longer than
    its ``max_chars`` without a word, where ``check`` can say "too long"."""

    label: str
    default: str
    check: Callable[[str], object]
    help: str | None = None

    def parse(self, raw: str) -> Any:
        try:
            self.check(raw)
        except ValueError:
            return INVALID
        return raw

    def text(self, value: str) -> str:
        return value

    def accepts(self, raw: str) -> bool:
        return self.parse(raw) is not INVALID

    def draw(self, key: str, **kwargs: Any) -> str:
        return st.text_input(self.label, key=key, help=self.help, **kwargs)


Setting = Number | Choice | Many | Entry | Text


def snap(value: object, spec: Number) -> float | None:
    """``value`` clamped to the spec's range and rounded to its step; None if it is no number."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value):
        return None
    value = min(max(value, spec.lo), spec.hi)
    steps = round((value - spec.lo) / spec.step)
    return round(spec.lo + steps * spec.step, 10)
