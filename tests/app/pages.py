"""Starting the app in AppTest on a given page, with a URL's query parameters."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from gdgame.ui import identity

APP = Path(__file__).parents[2] / "app.py"


def open_page(page: str | None = None, *, secrets: dict | None = None, browser: str | None = None,
              **query: str) -> AppTest:  # fmt: skip
    """The app after its first run, opened on ``page`` (a file under pages/) with a URL that
    holds ``query``: what a shared link does. ``secrets`` stand in for .streamlit/secrets.toml;
    ``browser`` is the secret that browser's cookie holds (`gdgame.ui.identity`; none: a
    browser of its own)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets = dict(secrets or {})
    if browser is not None:
        at.session_state[identity.KEY] = browser
    if page is not None:
        at.switch_page(page)
    at.query_params = dict(query)
    at.run()
    assert not at.exception, at.exception
    return at


def link_notice(at: AppTest) -> str:
    """What the page said a link held that it could not use: its notice, then the values as
    plain text (`gdgame.ui.notice`); empty if there is no such notice."""
    said = [i.value for i in at.info if "link had settings" in i.value]
    if not said:
        return ""
    return "\n".join([*said, *(c.value for c in at.code)])


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at
