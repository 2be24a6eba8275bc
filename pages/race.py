"""Optimizers: a race to the bottom. SGD, Momentum, Nesterov, AdaGrad, RMSProp and Adam from
one start on one surface, each with its own settings."""

import streamlit as st

from gdgame.ui import race as lesson
from gdgame.ui import router

router.through_router()

st.title("Optimizers: a race to the bottom")
lesson.SETTINGS.check_url()
st.write(
    "Same surface, same start, different update rules. Plain gradient descent takes the slope "
    "as it is; momentum methods remember their past steps; adaptive methods scale each "
    "direction by how steep it has been."
)
values = lesson.controls()
settings_column, charts = st.columns([1, 2], gap="large")
with settings_column:
    lesson.racers(values)
with charts:
    lesson.playback(values)
lesson.results(values)
lesson.step_arrows(values)
lesson.race_3d(values)
lesson.SETTINGS.footer(values)
