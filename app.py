"""gdgame: the router. Page config and navigation over pages/, nothing else.

Each page's url_path differs from its file name on purpose: Streamlit runs a folder named
pages/ in its older multipage mode until st.navigation is first called, and that mode matches
pages by file name. With no match it runs this script, so every request, even a deep link as
a fresh server's first, goes through this router.
"""

import streamlit as st

st.set_page_config(page_title="gdgame: learn gradient descent", page_icon="⛰️", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Moving down the curve", icon="📉", default=True,
            url_path="moving-down-the-curve"),
    st.Page("pages/learning_rate.py", title="Learning rate", icon="🎚️", url_path="learning-rate"),
]  # fmt: skip

st.navigation(PAGES).run()
