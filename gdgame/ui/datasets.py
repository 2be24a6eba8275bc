"""The real data sets the lessons learn from, loaded once per process, and the loss surfaces
made of them.

tips, gapminder and iris ship inside the installed plotly package (`plotly.data`); the handwritten
digits are a small file in the package (gdgame/data/digits.npz, written by
tools/make_digits.py). The engine only ever sees the arrays. The surfaces are named like the
registry's, so `gdgame.ui.cache` runs, samples and draws them like any built-in surface.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import plotly.data
import streamlit as st

from gdgame.engine import data, loss_surface
from gdgame.engine.landscape import Surface

Array = np.ndarray
IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")

# The (w, b) window for each scaling of the tips' bill: square, around the optimum, wide
# enough to see the valley's shape (raw: a thin valley; standardized: round bowls).
TIPS_DOMAINS = {
    "raw": ((-1.5, 1.7), (-0.7, 2.5)),
    "centred": ((-1.5, 1.7), (1.4, 4.6)),
    "standardized": ((-0.7, 2.5), (1.4, 4.6)),
}


GAPMINDER_DOMAIN = ((-4.0, 36.0), (-15.0, 25.0))  # around w = 16.6 years per tenfold, b = 4.9


@st.cache_resource(show_spinner=False)
def tips() -> tuple[Array, Array]:
    """The total bill (x, dollars) and the tip (y, dollars) of 244 restaurant bills."""
    frame = plotly.data.tips()
    return frame["total_bill"].to_numpy(np.float64), frame["tip"].to_numpy(np.float64)


@st.cache_resource(show_spinner=False)
def gapminder() -> tuple[Array, Array]:
    """142 countries in 2007: GDP per person (log₁₀ of dollars) and life expectancy (years)."""
    frame = plotly.data.gapminder()
    frame = frame[frame["year"] == 2007]
    return np.log10(frame["gdpPercap"].to_numpy(np.float64)), frame["lifeExp"].to_numpy(np.float64)


@st.cache_resource(show_spinner=False)
def iris() -> tuple[Array, Array]:
    """Fisher's 150 irises: four measurements in cm (columns as `IRIS_FEATURES`) and the
    species as 0, 1, 2 (as `IRIS_SPECIES`)."""
    frame = plotly.data.iris()
    species = frame["species"].map({name: i for i, name in enumerate(IRIS_SPECIES)})
    return frame[list(IRIS_FEATURES)].to_numpy(np.float64), species.to_numpy(np.int64)


@st.cache_resource(show_spinner=False)
def digits() -> tuple[Array, Array]:
    """1 797 handwritten digits of 8 × 8 pixels (ink 0 … 1, rows of 64) and their labels."""
    with (
        resources.files("gdgame").joinpath("data/digits.npz").open("rb") as file,
        np.load(file) as saved,
    ):
        return saved["images"].astype(np.float64) / 16.0, saved["labels"].astype(np.int64)


def tips_feature(scaling: str) -> Array:
    """The bill, raw, centred or standardized."""
    return data.scaled(tips()[0], scaling)


@st.cache_resource(show_spinner=False)
def tips_line(scaling: str) -> Surface:
    """The mean squared error of tip = w · bill + b over (w, b), the bill scaled as asked."""
    title = f"MSE, {scaling} bill" if scaling != "raw" else "MSE"
    return loss_surface.line_fit(tips_feature(scaling), tips()[1], TIPS_DOMAINS[scaling],
                                 title=title)  # fmt: skip


# The (w, b) window of one standardized iris feature: around the optimum of versicolor against
# virginica; wider for setosa against the rest, where the separable features run off for ever.
IRIS_DOMAINS = {"virginica": ((-2.0, 10.0), (-6.0, 6.0)), "setosa": ((-12.0, 12.0), (-12.0, 12.0))}


def iris_task(task: str) -> tuple[Array, Array]:
    """The irises of a two-class task and their labels 0/1: "virginica" is versicolor (0)
    against virginica (1), setosa left out; "setosa" is setosa (1) against the other two (0)."""
    X, species = iris()
    if task == "setosa":
        return X, (species == 0).astype(np.int64)
    keep = species > 0
    return X[keep], (species[keep] == 2).astype(np.int64)


@st.cache_resource(show_spinner=False)
def iris_logistic(task: str, feature: str, l2: float = 0.0) -> Surface:
    """The cross-entropy of P(y = 1) = σ(w·x + b) over (w, b), x one standardized feature."""
    X, y = iris_task(task)
    x = data.scaled(X[:, IRIS_FEATURES.index(feature)], "standardized")
    title = f"Cross-entropy, {feature.replace('_', ' ')}"
    return loss_surface.logistic_fit(x, y, IRIS_DOMAINS[task], l2=l2, title=title)


@st.cache_resource(show_spinner=False)
def gapminder_line() -> Surface:
    """The mean squared error of life expectancy = w · log₁₀(GDP per person) + b over (w, b)."""
    return loss_surface.line_fit(*gapminder(), GAPMINDER_DOMAIN, title="MSE")


LANDSCAPES = {"tips_line": tips_line, "gapminder_line": gapminder_line,
              "iris_logistic": iris_logistic}  # fmt: skip


def landscape(name: str, params: tuple[tuple[str, object], ...]) -> Surface:
    """A surface made of data, by name and parameters (as `gdgame.ui.cache.landscape` asks)."""
    return LANDSCAPES[name](**dict(params))
