"""Who is playing: a secret this browser keeps in a cookie, so that a game, a name in a room
and a teacher's room belong to one browser, and a link to them hands none of them over.

The secret never goes into a URL. The database keeps only its digest (`names.digest`), and the
cookie is written by a tiny component (Streamlit's scripts cannot set cookies): the first run
of a browser's first visit makes the secret, and every later connection of that browser, a
reload or a reconnect to another app process, sends it back (``st.context.cookies``). A
browser that refuses cookies still plays; only a reload then starts a new game.
"""

from __future__ import annotations

import functools

import streamlit as st

from gdgame.store.names import clean_token, digest, new_token

COOKIE = "gdgame_player"
KEY = "identity.player"
KEEP_SECONDS = 400 * 24 * 3600  # the longest a browser keeps a cookie: a school year and more
WRITE_COOKIE = """
export default function ({ data }) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const kept = `Path=/; Max-Age=${data.age}; SameSite=Lax${secure}`;
  document.cookie = `${data.name}=${data.value}; ${kept}`;
}
"""


def player() -> str:
    """This browser's player, as the database knows it (the digest of its secret)."""
    return digest(_secret())


def _secret() -> str:
    secret = st.session_state.get(KEY)
    if secret is None:
        try:
            secret = clean_token(st.context.cookies.get(COOKIE), "player cookie")
        except ValueError:  # none yet, or not one this app wrote
            secret = new_token()
        st.session_state[KEY] = secret
    return secret


def remember() -> None:
    """Ask the browser to keep this session's secret, unless the cookie it sent holds it."""
    secret = _secret()
    if st.context.cookies.get(COOKIE) != secret and (write := _writer()) is not None:
        write(data={"name": COOKIE, "value": secret, "age": KEEP_SECONDS}, key=KEY + ".cookie",
              height=0)  # fmt: skip


@functools.cache
def _writer():
    try:
        return st.components.v2.component("gdgame.player_cookie", js=WRITE_COOKIE)
    except Exception:  # noqa: BLE001 - no runtime (a plain script): nothing to remember
        return None
