"""Sandbox: type your own f(x, y), set its domain, and see it in every view of the other
lessons: the race, the learning rate near the bottom, the basin map and restarts."""

import streamlit as st

from gdgame.ui import router
from gdgame.ui import sandbox as lesson

router.through_router()

st.title("Sandbox: your own landscape")
lesson.SETTINGS.check_url()
st.write(
    "Type any function of x and y, or start from a classic, and watch gradient descent work on "
    "it. Your formula is read by our own small parser and never run as code; its gradient is "
    "exact, worked out from the formula itself."
)
values = lesson.formula()
lesson.descend(values)
lesson.rates(values)
lesson.basins(values)
lesson.play_it(values)
lesson.SETTINGS.footer(values)
