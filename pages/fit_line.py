"""Fitting a line: gradient descent on a loss made of data, over a weight and a bias."""

import streamlit as st

from gdgame.ui import fit_line as lesson
from gdgame.ui import minibatch, router

router.through_router()

st.title("Fitting a line")
lesson.SETTINGS.check_url()
st.write(
    "Real training is gradient descent on a loss built from data. A line ŷ = w·x + b through "
    "244 restaurant bills predicts each tip; its mean squared error over the bills is a height "
    "above the (w, b) plane, and descent walks down it."
)
values: dict = {}
lesson.by_hand(values)
lesson.scaling(values)
minibatch.batches(values)
lesson.SETTINGS.footer(values)
