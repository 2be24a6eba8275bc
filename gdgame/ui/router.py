"""The app's pages, and the guard that keeps each page behind the router.

Streamlit runs a folder named ``pages/`` beside the main script in its older multipage mode
until the process first calls ``st.navigation`` (AppTest: before every run). In that mode a
request for a page's URL runs the page's file alone, matched by file name; an unknown URL
shows a "Page not found" dialog. So:

- every page but the default one has ``url_path`` equal to its file name, so that mode finds
  it, and its first line calls `through_router`, which registers our navigation and page
  config in that same run (no rerun: nothing the user clicked is lost), keeping the page's
  script hash for the widgets it draws next, so that they have the identities a routed run
  gives them (without that, a fresh server's first visitor arriving by a link saw every
  setting drop to its minimum at the first click; AppTest runs every run in that mode);
- the default page has a url_path that matches no file, so that mode hands "/" to app.py.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

from gdgame.ui import process


def configure() -> None:
    """Page config shared by every page; on the process's first run, its one-time set-up."""
    st.set_page_config(page_title="gdgame: learn gradient descent", page_icon="⛰️", layout="wide")
    process.prepare()


def pages() -> list:
    """The pages in navigation order. Each url_path is its file's name: a link that is a fresh
    server's first request is resolved in Streamlit's pages/ mode, by file name."""
    return [
        st.Page("pages/home.py", title="Moving down the curve", icon="📉", default=True,
                url_path="moving-down-the-curve"),
        st.Page("pages/learning_rate.py", title="Learning rate", icon="🎚️",
                url_path="learning_rate"),
        st.Page("pages/local_minima.py", title="Local minima", icon="🕳️", url_path="local_minima"),
        st.Page("pages/race.py", title="Optimizer race", icon="🏁", url_path="race"),
        st.Page("pages/fit_line.py", title="Fitting a line", icon="📈", url_path="fit_line"),
        st.Page("pages/classify.py", title="Classifying", icon="🌸", url_path="classify"),
        st.Page("pages/backprop.py", title="Backpropagation", icon="🔗", url_path="backprop"),
        st.Page("pages/landscapes.py", title="Loss landscapes", icon="🏔️",
                url_path="landscapes"),
        st.Page("pages/game.py", title="The descent game", icon="🎮", url_path="game"),
        st.Page("pages/sandbox.py", title="Sandbox", icon="🧪", url_path="sandbox"),
    ]  # fmt: skip


PAGE_NOW, CAME_FROM = "router.page", "router.came_from"


def arrive(page) -> None:
    """Note which page this run shows, and which one the last run showed (None: the session's
    first run, a link opened in the browser)."""
    came_from = st.session_state.get(PAGE_NOW)
    st.session_state[CAME_FROM] = came_from
    st.session_state[PAGE_NOW] = page.url_path


def navigated_here() -> bool:
    """Whether this run shows a page the app navigated to from another page (not a link)."""
    came_from = st.session_state.get(CAME_FROM)
    return came_from is not None and came_from != st.session_state.get(PAGE_NOW)


def through_router() -> None:
    """First line of every page but the default: if Streamlit skipped the router, register it
    and run again through it."""
    if PagesManager.uses_pages_directory:
        configure()
        # st.navigation marks what follows as the main script's: widgets drawn after it would
        # get other identities than in a routed run, and come back at their minimum after
        # the first click. The page's own mark is put back.
        page_hash = ThreadState.get().active_script_hash
        page = st.navigation(pages())
        ThreadState.update(active_script_hash=page_hash)
        arrive(page)
