"""Classifying: logistic regression on the irises with the cross-entropy, then a softmax
classifier of handwritten digits trained in mini-batches."""

import streamlit as st

from gdgame.ui import classify as lesson
from gdgame.ui import router

router.through_router()

st.title("Classifying")
lesson.SETTINGS.check_url()
st.write(
    "A classifier does not draw a line through the points: it gives each example a probability "
    "of belonging to a class, and its loss, the cross-entropy, punishes confident mistakes. "
    "Gradient descent on that loss is all the training there is."
)
values = lesson.controls()
lesson.one_feature(values)
lesson.cross_entropy(values)
lesson.two_features(values)
lesson.separable(values)
lesson.digits(values)
lesson.SETTINGS.footer(values)
