"""Loss landscapes: a deep network's loss around its trained weights, with and without skips."""

import streamlit as st

from gdgame.ui import landscapes as lesson
from gdgame.ui import router

router.through_router()

st.title("Loss landscapes, with and without skip connections")
lesson.SETTINGS.check_url()
st.write(
    "Training a network is gradient descent over thousands of weights, so its loss landscape "
    "cannot be drawn whole. A plane through it can: a deep network's plane is rugged, full of "
    "dips where descent can stop, unless skip connections smooth it (Li et al., 2018)."
)
values: dict = {}
lesson.networks(values)
lesson.landscapes(values)
lesson.slice_through(values)
lesson.SETTINGS.footer(values)
