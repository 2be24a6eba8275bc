"""AppTest: the classifying page. Iris numbers are checked against Newton's optimum and against
gradient descent and the cross-entropy written out here by hand; the digits against a training
the test runs through the engine."""

import re

import numpy as np
import plotly.data
import pytest

from gdgame.engine import data, models, optima, optimizers, training
from gdgame.ui import datasets
from tests.app.charts import figure, numbers, trace, view_figure
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/classify.py"
COLUMNS = ("sepal_length", "sepal_width", "petal_length", "petal_width")


def chart(at, key):
    return figure(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key)))


def iris(task, features):
    """The task's irises on ``features``, standardized by hand, and their 0/1 labels."""
    frame = plotly.data.iris()
    if task == "virginica":
        frame = frame[frame["species"] != "setosa"]
        y = (frame["species"] == "virginica").to_numpy(int)
    else:
        y = (frame["species"] == "setosa").to_numpy(int)
    X = frame[list(features)].to_numpy(float)
    return (X - X.mean(axis=0)) / X.std(axis=0), y, X


def said(at, start):
    return next(m.value for m in at.markdown if start in m.value)


def value(tex):
    """A number as the page writes it in LaTeX: 0.399, 1.314 \\times 10^{-5}, 1 - 1.3e-05."""
    tex = re.sub(r"\\times10\^\{(-?\d+)\}", r"e\1", tex.replace(" ", ""))
    return 1 - float(tex[2:]) if tex.startswith("1-") else float(tex)


def path_end(at):
    """Where the one-feature descent ended, read from its path on the map."""
    fig = view_figure(at, "classify.map")
    path = next(t for t in fig["data"] if t.get("mode") == "lines+markers")
    return float(path["x"][-1]), float(path["y"][-1])


def hand_descent(X, y, lr, steps, l2=0.0):
    """Full-batch gradient descent on the cross-entropy, from zero, written out."""
    A = np.column_stack([X, np.ones(len(X))])
    p = np.zeros(A.shape[1])
    norms = [0.0]
    for _ in range(steps):
        yhat = 1 / (1 + np.exp(-(A @ p)))
        g = A.T @ (yhat - y) / len(y)
        g[:-1] += l2 * p[:-1]
        p = p - lr * g
        norms.append(float(np.linalg.norm(p[:-1])))
    return p, np.array(norms)


def test_first_visit_descends_to_the_optimum_newton_finds():
    at = open_page(PAGE)
    X, y, _ = iris("virginica", ["petal_width"])
    best = optima.logistic_optimum(X, y)
    star = trace(view_figure(at, "classify.map"), "optimum")
    assert (star["x"][0], star["y"][0]) == pytest.approx(tuple(best.params), rel=1e-9)
    w, b = best.params
    assert f"w = {w:.4g}, b = {b:.4g}, loss {best.loss:.4g}" in said(at, "**The exact optimum**")
    end = np.array(path_end(at))
    residual = 1 / (1 + np.exp(-(end[0] * X[:, 0] + end[1]))) - y
    slope = np.array([np.mean(residual * X[:, 0]), np.mean(residual)])
    assert np.linalg.norm(slope) < 1e-5 and np.linalg.norm(end - best.params) < 0.01
    assert "converged in" in said(at, "**Gradient descent**")
    right = int(np.sum(((w * X[:, 0] + b) > 0) == y))
    assert right == 94 and f"{right} of 100 irises right" in said(at, "**Gradient descent**")


@pytest.mark.parametrize("kind", ["closest", "surest", "hardest"])
def test_one_examples_cross_entropy_is_the_hand_computation(kind):
    at = open_page(PAGE, example=kind)
    X, y, X_cm = iris("virginica", ["petal_width"])
    w, b = path_end(at)
    i = int(re.search(r"iris (\d+) of 100", said(at, "Each iris adds")).group(1)) - 1
    z = w * X[:, 0] + b
    yhat = 1 / (1 + np.exp(-z))
    losses = -(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))
    pick = {"closest": np.argmin(np.abs(yhat - 0.5)), "surest": np.argmin(losses),
            "hardest": np.argmax(losses)}[kind]  # fmt: skip
    assert X_cm[i, 0] == X_cm[pick, 0] and losses[i] == pytest.approx(losses[pick])
    lines = [x.value.strip("$\n") for x in at.latex]
    assert value(lines[0].split("=")[-1]) == pytest.approx(z[i], rel=1e-3)
    shown_yhat, shown_rest = re.search(r"\}\} = (.+),\\qquad 1 - \\hat y = (.+)", lines[1]).groups()
    assert value(shown_yhat) == pytest.approx(yhat[i], rel=1e-3)
    assert value(shown_rest) == pytest.approx(1 - yhat[i], rel=1e-3)
    terms = re.search(r"(\d) \\cdot \\log\((.+)\) \+ (\d) \\cdot \\log\((.+)\)\\,\]", lines[3])
    assert (int(terms[1]), int(terms[3])) == (y[i], 1 - y[i])
    assert value(terms[2]) == pytest.approx(yhat[i], rel=1e-3)
    assert value(lines[3].split("=")[-1]) == pytest.approx(losses[i], rel=1e-3)
    ringed = trace(chart(at, "classify.sigmoid"), "the example")
    assert ringed["x"][0] == pytest.approx(X_cm[i, 0]) and ringed["y"][1] == pytest.approx(yhat[i])


def test_the_sigmoid_is_the_model_where_descent_ended():
    at = open_page(PAGE)
    _, _, X_cm = iris("virginica", ["petal_width"])
    w, b = path_end(at)
    curve = trace(chart(at, "classify.sigmoid"), "ŷ = σ")
    x = np.asarray(curve["x"], dtype=float)
    z = w * (x - X_cm.mean()) / X_cm.std() + b
    # the map draws the path in float32: where it ended is known to 1e-7 relative
    np.testing.assert_allclose(curve["y"], 1 / (1 + np.exp(-z)), rtol=1e-5)


def test_the_decision_line_ends_where_full_batch_descent_does():
    at = open_page(PAGE)
    X, y, X_cm = iris("virginica", ["petal_width", "petal_length"])
    p, _ = hand_descent(X, y, lr=5.0, steps=500)
    fig = chart(at, "classify.decision")
    line = trace(fig, "decision line")
    ends = np.column_stack([line["x"], line["y"]])
    std = (ends - X_cm.mean(axis=0)) / X_cm.std(axis=0)
    np.testing.assert_allclose(std @ p[:2] + p[2], 0.0, atol=1e-6)  # ŷ = ½ on the line
    assert [f["name"] for f in fig["frames"]][-1] == "500"
    right = int(np.sum(((X @ p[:2] + p[2]) > 0) == y))
    assert f"After 500 steps: {right} of 100 irises right" in said(at, "After 500 steps")


def test_setosa_has_no_finite_optimum_until_l2_gives_it_one():
    at = open_page(PAGE)
    assert not at.warning and "overlap" in said(at, "Versicolor and virginica")
    at.button(key="classify.setosa").click()
    at = rerun(at)
    assert at.radio(key="classify.task").value == "setosa"
    assert "no finite optimum" in at.warning[0].value
    assert not len(trace(view_figure(at, "classify.map"), "optimum")["x"])  # no ★
    norms = chart(at, "classify.norm")
    one = np.asarray(trace(norms, "one feature")["y"], dtype=float)
    two = np.asarray(trace(norms, "two features")["y"], dtype=float)
    assert (np.diff(one) > 0).all() and (np.diff(two) > 0).all()  # ‖w‖ keeps growing
    X, y, _ = iris("setosa", ["petal_width", "petal_length"])
    np.testing.assert_allclose(two, hand_descent(X, y, 5.0, 500)[1], rtol=1e-9)
    at.button(key="classify.add_l2").click()
    at = rerun(at)
    assert at.radio(key="classify.l2").value == 0.01 and "finite optimum" in at.success[0].value
    x1, y1, _ = iris("setosa", ["petal_width"])
    best = optima.logistic_optimum(x1, y1, 0.01)
    star = trace(view_figure(at, "classify.map"), "optimum")
    assert best.finite and (star["x"][0], star["y"][0]) == pytest.approx(tuple(best.params))
    one = np.asarray(trace(chart(at, "classify.norm"), "one feature")["y"], dtype=float)
    assert one[-1] == pytest.approx(abs(best.params[0]), rel=1e-4)  # it levels off there


def digits_accuracy(name, batch=32, epochs=30, l2=0.0, **hyper):
    X, labels = datasets.digits()
    train, test = data.split(len(labels), 0.25, 0)
    model = models.SoftmaxRegression(l2=l2)
    run = training.train(model, optimizers.get(name, **hyper), X[train], labels[train],
                         batch_size=batch, epochs=epochs, seed=0, record=False)  # fmt: skip
    right = int(np.sum(models.classify(model, run.final, X[test]) == labels[test]))
    return right, len(test), run


def test_the_default_digits_training_passes_93_percent_and_is_the_engines():
    at = open_page(PAGE)
    right, n, _ = digits_accuracy("sgd", lr=0.5)
    assert right / n >= 0.93
    assert f"{right} of {n} test digits right" in at.success[-1].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Test accuracy"] == f"{right / n:.1%}" and metrics["Updates"] == "1,290"
    confusion = chart(at, "classify.digits.confusion")["data"][0]["z"]
    assert np.trace(confusion) == right and confusion.sum() == n
    mistakes = chart(at, "classify.digits.mistakes")
    assert len(mistakes["layout"]["annotations"]) == min(n - right, 30)
    templates = chart(at, "classify.digits.templates")
    assert templates["data"][0]["z"].shape == (8, 10 * 9 - 1)  # ten 8 × 8 tiles in a row


def test_another_optimizer_and_batch_size_train_anew():
    at = open_page(PAGE)
    at.selectbox(key="classify.opt").set_value("adam")
    at = rerun(at)
    assert at.select_slider(key="classify.rate").value == 0.01  # the rate that suits Adam
    right, n, _ = digits_accuracy("adam", lr=0.01)
    assert f"{right} of {n} test digits right" in at.success[-1].value
    at.select_slider(key="classify.batch").set_value(128)
    at = rerun(at)
    right, n, run = digits_accuracy("adam", batch=128, lr=0.01)
    assert f"{right} of {n} test digits right" in at.success[-1].value
    assert {m.label: m.value for m in at.metric}["Updates"] == f"{run.updates:,}" == "330"
    assert any(c.value.startswith("Adam uses β₁, β₂;") for c in at.caption)


def test_small_batches_train_a_bounded_number_of_updates():
    at = open_page(PAGE, batch="1", epochs="100")
    train = len(data.split(1797, 0.25, 0)[0])  # 1 348 digits, one update each per epoch
    epochs = 20_000 // train
    assert f"so {epochs} epochs here" in at.info[-1].value
    assert {m.label: m.value for m in at.metric}["Updates"] == f"{epochs * train:,}"
    assert f"after {epochs} epochs" in at.success[-1].value


def test_a_diverging_setting_names_its_update_and_draws_nothing_infinite():
    at = open_page(PAGE, rate="3", decay="1", feature="sepal_length", lr="30")
    _, _, run = digits_accuracy("sgd", l2=1.0, lr=3.0)
    assert run.status == "diverged"
    assert f"diverged at update {run.diverged_at}" in at.error[0].value
    assert "diverged at step" in said(at, "**Gradient descent**")  # the iris map's run, too
    for element in at.get("plotly_chart"):
        found = numbers(figure(element))
        assert found.size > 50 and np.isfinite(found).all(), element.proto.id


def test_a_shared_link_and_a_junk_link():
    at = open_page(PAGE, task="setosa", feature="sepal_width", l2="0.1", lr="0.5",
                   example="hardest", second="sepal_length", opt="rmsprop", batch="64")  # fmt: skip
    assert at.radio(key="classify.task").value == "setosa"
    assert at.selectbox(key="classify.feature").value == "sepal_width"
    assert at.radio(key="classify.l2").value == 0.1
    assert at.radio(key="classify.example").value == "hardest"
    assert at.selectbox(key="classify.opt").value == "rmsprop"
    assert at.select_slider(key="classify.batch").value == 64 and not at.info
    junk = open_page(PAGE, task="dog", lr="1e9", opt="lbfgs", batch="7", epochs="1000",
                     mu="[x](http://127.0.0.1:9)")  # fmt: skip
    notice = link_notice(junk)
    for bad in ("task=dog", "lr=1e9", "opt=lbfgs", "batch=7", "epochs=1000", "mu=[x]"):
        assert bad in notice
    assert junk.radio(key="classify.task").value == "virginica"
    assert junk.select_slider(key="classify.batch").value == 32
    assert not [m for m in junk.markdown if "127.0.0.1" in m.value]


def test_restore_defaults_after_changing_settings():
    at = open_page(PAGE, task="setosa", opt="adam", epochs="5")
    at.button(key="classify.defaults").click()
    at = rerun(at)
    assert at.radio(key="classify.task").value == "virginica"
    assert at.selectbox(key="classify.opt").value == "sgd"
    assert at.slider(key="classify.epochs").value == 30
