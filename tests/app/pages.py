"""Starting the app in AppTest on a given page, with a URL's query parameters."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).parents[2] / "app.py"


def open_page(page: str | None = None, *, secrets: dict | None = None, **query: str) -> AppTest:
    """The app after its first run, opened on ``page`` (a file under pages/) with a URL that
    holds ``query``: what a shared link does. ``secrets`` stand in for .streamlit/secrets.toml."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets = dict(secrets or {})
    if page is not None:
        at.switch_page(page)
    at.query_params = dict(query)
    at.run()
    assert not at.exception, at.exception
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at
