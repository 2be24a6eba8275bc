"""gdgame: the router. Page config and navigation over pages/, nothing else."""

import streamlit as st

st.set_page_config(page_title="gdgame: learn gradient descent", page_icon="⛰️", layout="wide")

PAGES = [st.Page("pages/home.py", title="Moving down the curve", icon="📉", default=True)]

st.navigation(PAGES).run()
