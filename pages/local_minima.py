"""Local minima: where descent gets stuck, how likely a start is to find the bottom, and what
momentum and random restarts do about it."""

import streamlit as st

from gdgame.ui import local_minima as lesson
from gdgame.ui import router

router.through_router()

st.title("Local minima")
lesson.SETTINGS.check_url()
st.write(
    "Gradient descent only ever goes downhill, so it stops at the bottom of whichever valley "
    "it starts in. That bottom is a **local** minimum; the lowest of them all is the "
    "**global** one. Where you start decides which one you get."
)
values: dict = {}  # each section draws its own settings into it
lesson.two_wells(values)
lesson.many_minima(values)
lesson.basin_map(values)
lesson.random_restarts(values)
lesson.momentum_escape(values)
lesson.flat_ground(values)
lesson.SETTINGS.footer(values)
