"""Moving down the curve: gradient descent on a 1-D loss, one step at a time."""

import streamlit as st

from gdgame.ui import home as lesson

st.title("Moving down the curve")
lesson.SETTINGS.check_url()
st.write(
    "The slope dy/dx says which way is **uphill**. Gradient descent steps the other way, by "
    "the learning rate α times the slope: steep ground, big step; flat ground, small step."
)
controls, picture = st.columns([1, 2], gap="large")
with controls:
    values = lesson.controls()
with picture:
    shown = lesson.descent_walk(values)
lesson.steps_table(values, shown)
lesson.brute_force_race(values)
lesson.SETTINGS.footer(values)
