"""Backpropagation: the chain rule through one neuron, node by node; then a network learns."""

import streamlit as st

from gdgame.ui import backprop as lesson
from gdgame.ui import network, router

router.through_router()

st.title("Backpropagation")
lesson.SETTINGS.check_url()
st.write(
    "Gradient descent needs the gradient of the loss with respect to every weight. "
    "Backpropagation computes all of them in one backward sweep, by the chain rule."
)
values: dict = {}
lesson.neuron_section(values)
lesson.loss_section(values)
lesson.check_section(values)
lesson.step_section(values)
network.learns()
network.footer(lesson.SETTINGS)
