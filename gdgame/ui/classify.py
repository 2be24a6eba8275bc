"""The classifying lesson: logistic regression on the irises with the cross-entropy (one
feature's loss over (w, b) with its descent path and sigmoid, one example's loss with its
numbers, two features' decision line, the separable case and L2), then the digits exercise
(`gdgame.ui.classify_digits`).

Every iris feature is standardized (mean 0, standard deviation 1) before training, so that
one learning rate suits them all; the charts show the features in cm.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import data, descent, models, optima, training
from gdgame.figures.classify import decision_figure, norm_figure, sigmoid_figure
from gdgame.figures.fit import fit_map
from gdgame.ui import cache, classify_digits, datasets, settings
from gdgame.ui.classify_text import cross_entropy_lines, ending, example_of, optimum_words
from gdgame.ui.ladder import ladder

TASKS = {"virginica": "versicolor or virginica?", "setosa": "setosa or not?"}
NAMES = {"virginica": ("versicolor", "virginica"), "setosa": ("not setosa", "setosa")}
FEATURES = datasets.IRIS_FEATURES
PENALTIES = (0.0, 0.001, 0.01, 0.1)
EXAMPLES = {"closest": "the closest call", "surest": "the surest", "hardest": "the highest loss"}
TOL = 1e-5  # descent on (w, b) stops when |∇L| falls below this
MAP_GRID = 120  # the (w, b) map's grid: sent once per question
# The curvature at w = b = 0 is ¼ along both axes (standardized x): below 2/L = 8 is safe there;
# the bottom is flatter, so larger rates still converge, until one diverges.
RATES = ladder(-2, top=30.0)


def words(feature: str) -> str:
    """``petal_width`` as "petal width"."""
    return feature.replace("_", " ")


SETTINGS = settings.Page("classify", {
    "task": settings.Choice("The question", tuple(TASKS), "virginica", labels=TASKS.get,
                            url=str, style="radio"),
    "feature": settings.Choice("Feature", FEATURES, "petal_width", labels=words, url=str),
    "l2": settings.Choice("L2 penalty λ", PENALTIES, 0.0, style="radio", url=lambda v: f"{v:g}",
                          labels=lambda v: "off" if v == 0 else f"λ = {v:g}"),
    "lr": settings.Choice("Learning rate α", RATES, 5.0, labels=lambda v: f"{v:g}",
                          style="slider"),
    "steps": settings.Number("Steps", 10, 2000, 500, 10, "%d"),
    "w0": settings.Number("Start w", -12.0, 12.0, 0.0, 0.1, "%.1f", help="Or click the map"),
    "b0": settings.Number("Start b", -12.0, 12.0, 0.0, 0.1, "%.1f", help="Or click the map"),
    "example": settings.Choice("Which example", tuple(EXAMPLES), "closest", labels=EXAMPLES.get,
                               url=str, style="radio"),
    "second": settings.Choice("Second feature", FEATURES, "petal_length", labels=words, url=str),
    **classify_digits.SPECS,
})  # fmt: skip


@st.cache_data(max_entries=64, show_spinner=False)
def features(task: str, chosen: tuple[str, ...]):
    """The task's examples on the chosen features: in cm, standardized, their labels, and
    the shift and scale of the standardization."""
    X, y = datasets.iris_task(task)
    X = X[:, [FEATURES.index(f) for f in chosen]]
    shift, scale = data.scaling(X, "standardized")
    return X, (X - shift) / scale, y, shift, scale


@st.cache_data(max_entries=64, show_spinner=False)
def optimum(task: str, chosen: tuple[str, ...], l2: float) -> optima.Optimum:
    """The exact optimum on the standardized features (Newton's method)."""
    _, X, y, _, _ = features(task, chosen)
    return optima.logistic_optimum(X, y, l2)


def surface_params(values: dict) -> cache.Params:
    return (("task", values["task"]), ("feature", values["feature"]), ("l2", values["l2"]))


def descend(params: cache.Params, start: tuple[float, float], lr: float,
            steps: int) -> descent.Run:  # fmt: skip
    """Gradient descent on one feature's (w, b) surface (cached)."""
    return cache.run("iris_logistic", params, start, steps, "sgd", (("lr", lr),), TOL)


def one_run(values: dict) -> descent.Run:
    """The page's descent on the one feature's (w, b) surface."""
    return descend(surface_params(values), values["start"], values["lr"], values["steps"])


@st.cache_data(max_entries=64, show_spinner=False)
def two_run(task: str, chosen: tuple[str, str], l2: float, lr: float,
            steps: int) -> training.Training:  # fmt: skip
    """Full-batch gradient descent on two standardized features from w = 0, b = 0."""
    _, X, y, _, _ = features(task, chosen)
    opt = cache.optimizer("sgd", (("lr", lr),))
    return training.train(models.LogisticRegression(l2=l2), opt, X, y, batch_size=len(y),
                          epochs=steps, seed=0)  # fmt: skip


def controls() -> dict:
    """The question, the feature, L2, the learning rate and the steps."""
    top = st.columns([3, 2, 3])
    with top[0]:
        values = {"task": SETTINGS.widget("task")}
    with top[1]:
        values["feature"] = SETTINGS.widget("feature")
    with top[2]:
        values["l2"] = SETTINGS.widget("l2")
    left, right = st.columns([3, 2])
    with left:
        values["lr"] = SETTINGS.widget("lr")
    with right:
        values["steps"] = SETTINGS.widget("steps")
    st.caption("Each feature is standardized (mean 0, standard deviation 1) before training, "
               "so one learning rate suits them all; the charts show it in cm.")  # fmt: skip
    return values


def one_feature(values: dict) -> None:
    """The (w, b) map with the descent path and the optimum, beside the sigmoid it ends at."""
    task, feature = values["task"], values["feature"]
    names = NAMES[task]
    st.subheader(f"One feature: is it {names[1]}, by its {words(feature)}?")
    st.write(f"The model says P({names[1]}) = ŷ = σ(w·x + b), with σ(z) = 1/(1 + e⁻ᶻ) squashing "
             "any score z into a probability. Every (w, b) has a loss over the data, so the two "
             "parameters make a map, and gradient descent walks down it.")  # fmt: skip
    left, right = st.columns(2)
    with left:
        cols = st.columns(2)
        with cols[0]:
            values["w0"] = SETTINGS.widget("w0")
        with cols[1]:
            values["b0"] = SETTINGS.widget("b0")
        values["start"] = cache.clamped("iris_logistic", surface_params(values),
                                        (values["w0"], values["b0"]))  # fmt: skip
        params = surface_params(values)
        landscape_view(map_figure(params, values["start"], values["lr"], values["steps"]),
                       cache.grid("iris_logistic", params, MAP_GRID), key="classify.map",
                       on_click=SETTINGS.click_sets("w0", "b0"))  # fmt: skip
        st.caption("Click the map to start descent there.")
    run = one_run(values)
    with right:
        values["example"] = SETTINGS.widget("example")
        st.plotly_chart(sigmoid_chart(task, feature, tuple(map(float, run.final)),
                                      example_index(values)), key="classify.sigmoid")  # fmt: skip
    X, y = features(task, (feature,))[1:3]
    model = models.LogisticRegression(l2=values["l2"])
    right_now = int(np.sum(models.classify(model, run.final, X) == y))
    st.markdown(ending("Gradient descent", values["lr"], run, descent.describe(run)) + " "
                + optimum_words(optimum(task, (feature,), values["l2"]), model, X, y, ", the ★")
                + f" **Accuracy** where descent ended: {right_now} of {len(y)} irises right "
                f"({right_now / len(y):.0%}), counting ŷ > ½ as {names[1]}.")  # fmt: skip


def example_index(values: dict) -> int:
    """Which iris the chosen kind of example is, under the model descent ended at."""
    _, X, y, _, _ = features(values["task"], (values["feature"],))
    return example_of(values["example"], X, y, one_run(values).final)


def cross_entropy(values: dict) -> None:
    """One example's loss with its numbers, at the model descent ended at."""
    task, feature, i = values["task"], values["feature"], example_index(values)
    X_cm, X, y, _, _ = features(task, (feature,))
    w, b = one_run(values).final
    names = NAMES[task]
    st.subheader("The cross-entropy, one example at a time")
    st.write(f"Each iris adds −log of the probability the model gave its true class: near 0 "
             f"when it was sure and right, large when it was sure and wrong. Here y = 1 for "
             f"{names[1]} and 0 for {names[0]}; in general the sum runs over the classes, with "
             f"y one for the true class and zero for the others. Shown: "
             f"{EXAMPLES[values['example']]}, iris {i + 1} of {len(y)} ({names[y[i]]}, "
             f"{words(feature)} {X_cm[i, 0]:g} cm, standardized {X[i, 0]:.4g}).")  # fmt: skip
    for line in cross_entropy_lines(float(w), float(b), float(X[i, 0]), int(y[i])):
        st.latex(line)
    st.caption("The loss on the map is the mean of this over every iris (plus λ/2·w² with L2).")


def two_features(values: dict) -> None:
    """The decision line of two features, moving across the data as descent goes."""
    st.subheader("Two features: the decision line")
    values["second"] = SETTINGS.widget("second")
    task, pair = values["task"], (values["feature"], values["second"])
    if pair[0] == pair[1]:
        st.info("Choose a second feature different from the first one (above).", icon="↔️")
        return
    st.write("With two features the model is σ(w₁x₁ + w₂x₂ + b), and where it says ½ is a "
             "straight line: one class on each side. Press ▶ Play to watch gradient descent "
             "move it across the data.")  # fmt: skip
    run = two_run(task, pair, values["l2"], values["lr"], values["steps"])
    st.plotly_chart(decision_chart(task, pair, values["l2"], values["lr"], values["steps"]),
                    key="classify.decision")  # fmt: skip
    _, X, y, _, _ = features(task, pair)
    model = models.LogisticRegression(l2=values["l2"])
    right_now = int(np.sum(models.classify(model, run.final, X) == y))
    ended = (f"diverged at update {run.diverged_at}" if run.status == training.DIVERGED
             else f"{run.updates} steps")  # fmt: skip
    st.markdown(f"After {ended}: {right_now} of {len(y)} irises right ({right_now / len(y):.0%}). "
                + optimum_words(optimum(task, pair, values["l2"]), model, X, y))  # fmt: skip


def _add_l2() -> None:
    SETTINGS.set("l2", 0.01)


def _ask_setosa() -> None:
    SETTINGS.set("task", "setosa")


def separable(values: dict) -> None:
    """Setosa against the rest: a line separates them, so the loss has no bottom; L2 gives
    it one."""
    st.subheader("When a line separates the classes")
    task, l2 = values["task"], values["l2"]
    chosen = (values["feature"],)
    pair = (values["feature"], values["second"])
    found = optimum(task, chosen, l2)
    if task != "setosa":
        st.write("Versicolor and virginica overlap: no line puts them all on their own side, so "
                 "the loss has a lowest point, and the weights settle there.")  # fmt: skip
        st.button("Ask “setosa or not?” instead", key="classify.setosa", on_click=_ask_setosa)
    elif not found.finite:
        st.warning(
            f"On {words(chosen[0])} a threshold separates setosa from the rest, so there is "
            "**no finite optimum**: making w larger makes every prediction surer and the loss "
            "smaller, for ever. Gradient descent never stops, and ‖w‖ keeps growing. An L2 "
            "penalty λ/2·‖w‖² charges for large weights and puts the bottom back.",
            icon="♾️",
        )
        st.button("Add an L2 penalty (λ = 0.01)", key="classify.add_l2", on_click=_add_l2)
    else:
        why = (f"the L2 penalty λ = {l2:g} gives the loss a bottom" if l2 else
               f"on {words(chosen[0])} the classes overlap")  # fmt: skip
        st.success(f"Here {why}: a finite optimum, and ‖w‖ levels off on its way there.",
                   icon="🎯")  # fmt: skip
    chart = norm_chart(surface_params(values), values["start"], pair, values["lr"],
                       values["steps"])  # fmt: skip
    st.plotly_chart(chart, key="classify.norm")


def digits(values: dict) -> None:
    """The digits exercise (its own module)."""
    classify_digits.exercise(SETTINGS, values)


def map_figure(params: cache.Params, start: tuple[float, float], lr: float, steps: int) -> dict:
    """The (w, b) map of one feature with the descent path from the start (■) and the
    optimum (★), for the landscape view (its grid goes out once per question)."""
    run = descend(params, start, lr, steps)
    surface = cache.landscape("iris_logistic", params)
    return fit_map(surface, {descent.describe(run): run.points}, marks={"start": start},
                   revision=str(params))  # fmt: skip


@cache.shared_figures(max_entries=64)
def norm_chart(params: cache.Params, start: tuple[float, float], pair: tuple[str, str], lr: float,
               steps: int):  # fmt: skip
    """‖w‖ along the one-feature run and (two different features) the two-feature one."""
    one = descend(params, start, lr, steps)
    series = {f"one feature ({words(pair[0])})": np.abs(one.points[:, 0])}
    if pair[0] != pair[1]:
        task, l2 = dict(params)["task"], dict(params)["l2"]
        two = two_run(task, pair, l2, lr, steps)
        series["two features"] = np.linalg.norm(two.params[:, :2], axis=1)
    return norm_figure(series)


@cache.shared_figures(max_entries=128)
def sigmoid_chart(task: str, feature: str, params: tuple[float, float], example: int):
    X_cm, _, y, shift, scale = features(task, (feature,))
    return sigmoid_figure(X_cm[:, 0], y, float(shift[0]), float(scale[0]), np.array(params),
                          names=NAMES[task], feature=words(feature), example=example)  # fmt: skip


@cache.shared_figures(max_entries=64)
def decision_chart(task: str, pair: tuple[str, str], l2: float, lr: float, steps: int):
    X_cm, _, y, shift, scale = features(task, pair)
    path = two_run(task, pair, l2, lr, steps).params
    return decision_figure(X_cm, y, shift, scale, path, names=NAMES[task],
                           features=(words(pair[0]), words(pair[1])))  # fmt: skip
