"""gdgame: the router. Page config and navigation over pages/, nothing else.

The page list lives in gdgame/ui/router.py, beside the guard each page needs because
Streamlit treats a folder named pages/ specially (the module says how).
"""

import streamlit as st

from gdgame.ui import router

router.configure()
page = st.navigation(router.pages())
router.arrive(page)
page.run()
