"""Moving down the curve: one gradient step on y = x², with the numbers filled in."""

import streamlit as st

from gdgame.engine import curves
from gdgame.figures.curve import curve_with_step
from gdgame.ui.cache import gd_on_curve

st.title("Moving down the curve")
st.write(
    "The slope dy/dx at x points uphill. Gradient descent steps the other way, and the "
    "learning rate α sets how far."
)

curve = curves.get("parabola")
left, right = st.columns([1, 2])
with left:
    x0 = st.slider("Start x", -5.0, 5.0, 4.0, 0.1, key="start")
    lr = st.slider("Learning rate α", 0.01, 1.2, 0.1, 0.01, key="lr")
    run = gd_on_curve(curve.name, x0, lr, 1)
    slope = float(curve.grad(x0))
    st.latex(r"\frac{dy}{dx} = 2x = " + f"{slope:.4g}")
    st.latex(
        r"x \leftarrow x - \alpha \frac{dy}{dx} = "
        + f"{x0:.4g} - {lr:.4g} \\times ({slope:.4g}) = {run.points[1, 0]:.4g}"
    )
with right:
    st.plotly_chart(curve_with_step(curve, run), key="curve")
