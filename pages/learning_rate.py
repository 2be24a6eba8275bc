"""Learning rate: too small, just right, too large, diverging; and why 2/L is the limit."""

import streamlit as st

from gdgame.ui import learning_rate as lesson
from gdgame.ui import router

router.through_router()

st.title("The learning rate")
lesson.SETTINGS.check_url()
st.write(
    "The learning rate α is the size of each step. Too small and descent crawls; too large "
    "and it overshoots the bottom, bounces, and can fly off. The steepest curvature L sets the "
    "limit: α must stay below 2/L."
)
values = lesson.controls()
lesson.presets(values)
lesson.your_rate(values)
lesson.every_rate(values)
lesson.challenge(values)
lesson.schedules(values)
lesson.SETTINGS.footer(values)
