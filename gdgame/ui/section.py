"""Settings of one section of a page whose other sections keep settings of their own.

`settings.Page` keeps one "this link had settings the page could not use" notice per session
and drops it when another Page checks the URL, and clears the whole URL when the app navigates
to the page: right for a page with one Page, wrong for two on one page (the second would drop
the first's notice and clear the values the first section had just written). A `Section`
keeps its notice under its own key and, on arrival by navigation, clears its own names only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from gdgame.ui import notice, router, settings


class Section(settings.Page):
    """A `settings.Page` that shares its page (and its URL) with other sections' settings."""

    @property
    def notice_key(self) -> str:
        return f"{settings.NOTICE}.{self.page}"

    def check_url(self) -> None:
        """Before the section's widgets: name the URL values of its settings it cannot use
        (shown for the rest of the visit to the page, as a Page's notice is)."""
        if router.navigated_here():  # what the URL holds is the last page's, not a link's
            for name in self.specs:
                if name in st.query_params:
                    del st.query_params[name]
            st.session_state.pop(self.notice_key, None)
        bad = [f"{name}={raw}" for name, spec in self.specs.items()
               for raw in st.query_params.get_all(name)
               if not spec.accepts(raw)]  # fmt: skip
        if bad:
            st.session_state[self.notice_key] = bad
        shown = st.session_state.get(self.notice_key)
        if shown:
            notice.show("This link had settings this section could not use, so it shows the "
                        "defaults for them instead:", shown, icon="🔗", kind="info")  # fmt: skip

    def restore_defaults(self) -> None:
        """A callback: every setting of the section back to its default, its notice gone."""
        for name, spec in self.specs.items():
            self.set(name, list(spec.default) if isinstance(spec, settings.Many) else spec.default)
        st.session_state.pop(self.notice_key, None)

    def widget_among(self, name: str, options: list[Any], **kwargs: Any) -> Any:
        """Draw the Choice ``name`` offering only ``options`` (a subset of its own, which the
        URL may name; its default must be among them); a value not offered falls back to
        the default."""
        spec = self.specs[name]
        key = self.key(name)
        if st.session_state.get(key, spec.default) not in options:
            st.session_state[key] = spec.default
        narrowed = settings.Page(self.page, {name: replace(spec, options=tuple(options))})
        return narrowed.widget(name, **kwargs)
