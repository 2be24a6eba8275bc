"""Page settings: each one a widget under its page's own session key, mirrored in the URL.

A page declares its settings once, as a `Page` of specs (`gdgame.ui.specs`: `Number`,
`Choice`, `Many`, `Entry`, `Text`). The same declaration draws each widget under the key
``"<page>.<name>"`` (so that settings never leak from one page to another), starts it from the
URL's short name (``?lr=0.1``) the first time it is drawn on a visit, writes every change back
to the URL at once (a link shares an exact view), names the URL values it could not use, and
restores the defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from gdgame.ui import notice, router
from gdgame.ui.specs import INVALID as _INVALID
from gdgame.ui.specs import Choice, Entry, Many, Number, Setting, Text, snap

__all__ = ["Choice", "Entry", "Many", "Number", "Page", "Setting", "Text", "clicked", "snap"]

NOTICE = "settings.url_notice"  # (page, [name=value]): what a link held that its page could not use


def clicked(chart_key: str, axis: str, spec: Number) -> float | None:
    """Where a click on a chart (``on_select``) landed along ``axis``, on the spec's grid."""
    event = st.session_state.get(chart_key) or {}
    points = (event.get("selection") or {}).get("points") or []
    if not points or not isinstance(points[0], dict):
        return None
    return snap(points[0].get(axis), spec)


class Page:
    """One page's settings: the widgets, their session keys, and their mirror in the URL."""

    def __init__(self, page: str, specs: dict[str, Setting]) -> None:
        self.page, self.specs = page, specs

    def __getitem__(self, name: str) -> Setting:
        return self.specs[name]

    def key(self, name: str) -> str:
        """The session key of setting ``name``: ``"<page>.<name>"``."""
        return f"{self.page}.{name}"

    def get(self, name: str) -> Any:
        """The setting's current value (its default before its widget is first drawn)."""
        return st.session_state.get(self.key(name), _default(self.specs[name]))

    def set(self, name: str, value: Any) -> None:
        """Set a setting from a callback; its widget and the URL follow on this rerun."""
        st.session_state[self.key(name)] = value

    def narrowed(self, **specs: Setting) -> Page:
        """These settings with some specs replaced for one run (a start's range that follows
        the domain): the same keys and URL names."""
        return Page(self.page, {**self.specs, **specs})

    def keep_inside(self, *names: str) -> None:
        """Before drawing Number settings whose range follows another setting: each value (on
        a first draw, the URL's) moved into its range and set again, so that it survives the
        widget's new identity when the range changes (it would come back at its minimum)."""
        for name in names:
            spec, key = self.specs[name], self.key(name)
            value = st.session_state[key] if key in st.session_state else self._first(name)
            st.session_state[key] = value if spec.lo <= value <= spec.hi else snap(value, spec)

    def widget(self, name: str, **kwargs: Any) -> Any:
        """Draw setting ``name`` and return its value; the URL follows it."""
        spec, key = self.specs[name], self.key(name)
        if key not in st.session_state:
            st.session_state[key] = self._first(name)
        value = spec.draw(key, **kwargs)
        self._to_url(name, value)
        return value

    def check_url(self) -> None:
        """Before the widgets: say which of the URL's values this page cannot use.

        The notice stays for the rest of the visit to the page; the bad values leave the URL
        as soon as the widgets write their own. A page the app navigated to starts from its
        defaults: what the URL still holds then is the last page's, not a link's (a browser
        drops it on navigation; this makes sure).
        """
        if router.navigated_here():
            st.query_params.clear()
        bad = [f"{name}={raw}" for name, spec in self.specs.items()
               for raw in st.query_params.get_all(name)
               if not spec.accepts(raw)]  # fmt: skip
        shown = st.session_state.get(NOTICE)
        if bad:
            shown = st.session_state[NOTICE] = (self.page, bad)
        if shown and shown[0] == self.page:
            notice.show("This link had settings the page could not use, so it shows the "
                        "defaults for them instead:", shown[1], icon="🔗", kind="info")  # fmt: skip
        elif shown:
            st.session_state.pop(NOTICE)

    def restore_defaults(self) -> None:
        """A callback: every setting back to its default, and the URL notice gone."""
        for name, spec in self.specs.items():
            self.set(name, _default(spec))
        st.session_state.pop(NOTICE, None)

    def defaults_button(self) -> None:
        """The page's reset: all settings back to their defaults."""
        st.button("Restore defaults", key=self.key("defaults"), on_click=self.restore_defaults,
                  help="Put every setting on this page back to its default")  # fmt: skip

    def link(self, values: dict[str, Any]) -> str:
        """This page's URL with every setting in ``values`` that differs from its default."""
        query = {name: self.specs[name].text(value) for name, value in values.items()
                 if name in self.specs and _differs(self.specs[name], value)}  # fmt: skip
        return page_url() + ("?" + urlencode(query, doseq=True) if query else "")

    def footer(self, values: dict[str, Any]) -> None:
        """The end of every page: a link to this exact view, and the reset."""
        self.share(values)
        self.defaults_button()

    def share(self, values: dict[str, Any]) -> None:
        """A link to exactly this view, to copy."""
        with st.expander("Share this view"):
            st.code(self.link(values), language=None)
            st.caption("Anyone opening this link sees the page with these settings.")

    def start_from_click(self, chart_key: str, x: str = "x0", y: str = "y0") -> Callable[[], None]:
        """An ``on_select`` callback: a click on a map sets its two start settings."""

        def callback() -> None:
            px = clicked(chart_key, "x", self.specs[x])
            py = clicked(chart_key, "y", self.specs[y])
            if px is not None and py is not None:
                self.set(x, px)
                self.set(y, py)

        return callback

    def click_sets(self, x: str, y: str) -> Callable[[float, float], None]:
        """A landscape view's ``on_click``: the clicked (x, y), on the two settings' grids."""

        def callback(px: float, py: float) -> None:
            px, py = snap(px, self.specs[x]), snap(py, self.specs[y])
            if px is not None and py is not None:
                self.set(x, px)
                self.set(y, py)

        return callback

    def _first(self, name: str) -> Any:
        """A setting's value when its widget is first drawn on a visit: the URL's, or else
        its default."""
        from_url = self._from_url(name)
        return _default(self.specs[name]) if from_url is _INVALID else from_url

    def _from_url(self, name: str) -> Any:
        spec, raws = self.specs[name], st.query_params.get_all(name)
        if not raws:
            return _INVALID
        if isinstance(spec, Many):
            return spec.parse_all(raws)
        return spec.parse(raws[-1])

    def _to_url(self, name: str, value: Any) -> None:
        spec = self.specs[name]
        wanted = spec.text(value) if _differs(spec, value) else None
        if isinstance(spec, Text) and wanted is not None and not spec.accepts(wanted):
            wanted = None  # text the page refuses (said beside its box) is no link's to hold
        held = st.query_params.get_all(name)
        if isinstance(spec, Many):
            if held != (wanted or []):
                st.query_params[name] = wanted or []
        elif held != ([wanted] if wanted is not None else []):
            if wanted is None:
                del st.query_params[name]
            else:
                st.query_params[name] = wanted


def _default(spec: Setting) -> Any:
    return list(spec.default) if isinstance(spec, Many) else spec.default


def _differs(spec: Setting, value: Any) -> bool:
    if isinstance(spec, Many):
        return tuple(value) != tuple(spec.default)
    return value != spec.default


def page_url() -> str:
    """This page's address without its query string."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path
