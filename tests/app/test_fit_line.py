"""AppTest: fitting a line to the tips, by hand and by descent; scaling; mini-batches.

Expected values come from the data (plotly's tips) and NumPy written out here: least squares
by np.linalg.lstsq, curvatures from 2/n·AᵀA, descent as a plain loop.
"""

import numpy as np
import plotly.data
import pytest

from tests.app.charts import component_data, figure, trace
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/fit_line.py"
TIPS = plotly.data.tips()
BILL, TIP = TIPS["total_bill"].to_numpy(float), TIPS["tip"].to_numpy(float)


def design(x):
    return np.column_stack([x, np.ones_like(x)])


def optimum(x):
    return np.linalg.lstsq(design(x), TIP, rcond=None)[0]


def mse(x, w, b):
    return float(np.mean((w * x + b - TIP) ** 2))


def steepest(x):
    A = design(x)
    return float(np.linalg.eigvalsh(2 * A.T @ A / len(x))[-1])


def metric(at, label):
    return next(m.value for m in at.metric if m.label.startswith(label)).replace(",", "")


def chart(at, key):
    return figure(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key)))


def test_the_page_shows_the_best_line_and_your_lines_loss():
    at = open_page(PAGE)
    w, b = optimum(BILL)
    assert float(metric(at, "Best possible")) == pytest.approx(mse(BILL, w, b), rel=1e-3)
    assert float(metric(at, "Your line's MSE")) == pytest.approx(mse(BILL, 0.2, 0.5), rel=1e-3)
    at.slider(key="fit_line.w").set_value(0.105)
    at.slider(key="fit_line.b").set_value(0.92)
    rerun(at)
    assert float(metric(at, "Your line's MSE")) == pytest.approx(mse(BILL, 0.105, 0.92), rel=1e-3)
    assert any("matched the machine" in m.value for m in at.markdown)
    # the map marks the optimum and your line where they are
    view = component_data(at, "fit_line.map")
    star = next(t for t in view["traces"] if t.get("name") == "optimum")
    assert star["x"][0] == pytest.approx(w, rel=1e-9) and star["y"][0] == pytest.approx(b)
    mine = next(t for t in view["traces"] if t.get("name") == "your line")
    assert (mine["x"][0], mine["y"][0]) == (0.105, 0.92)


def test_gapminder_is_fitted_the_same_way():
    frame = plotly.data.gapminder().query("year == 2007")
    x, y = np.log10(frame["gdpPercap"].to_numpy(float)), frame["lifeExp"].to_numpy(float)
    A = design(x)
    w, b = np.linalg.lstsq(A, y, rcond=None)[0]
    at = open_page(PAGE, data="gapminder")
    assert float(metric(at, "Best possible")) == pytest.approx(np.mean((A @ [w, b] - y) ** 2),
                                                               rel=1e-3)  # fmt: skip
    at.slider(key="fit_line.gw").set_value(15.0)
    at.slider(key="fit_line.gb").set_value(10.0)
    rerun(at)
    mine = np.mean((15.0 * x + 10.0 - y) ** 2)
    assert float(metric(at, "Your line's MSE")) == pytest.approx(mine, rel=1e-3)
    star = next(t for t in component_data(at, "fit_line.map")["traces"] if t["name"] == "optimum")
    assert (star["x"][0], star["y"][0]) == pytest.approx((w, b), rel=1e-9)
    at.button(key="fit_line.step").click()
    rerun(at)
    L = float(np.linalg.eigvalsh(2 * A.T @ A / len(x))[-1])
    r = 15.0 * x + 10.0 - y
    step = np.array([15.0, 10.0]) - 0.7 / L * np.array([np.mean(2 * r * x), np.mean(2 * r)])
    data_line = trace(chart(at, "fit_line.points"), "step 1")
    slope = (data_line["y"][1] - data_line["y"][0]) / (data_line["x"][1] - data_line["x"][0])
    assert slope == pytest.approx(step[0], rel=1e-9)
    assert chart(at, "fit_line.points")["layout"]["xaxis"]["title"]["text"].startswith("GDP")


def test_a_step_is_the_update_written_out_with_its_numbers():
    at = open_page(PAGE)
    L = steepest(BILL)
    assert float(metric(at, "Condition number")) == pytest.approx(2813.6, rel=1e-4)
    at.button(key="fit_line.step").click()
    rerun(at)
    lr = 0.7 / L
    r = 0.2 * BILL + 0.5 - TIP
    grad = np.array([np.mean(2 * r * BILL), np.mean(2 * r)])
    new = np.array([0.2, 0.5]) - lr * grad
    latex = at.latex[0].value  # the update from step 1 to step 2, after one step shown
    shown = np.array([0.2, 0.5]) - lr * grad  # where step 1 landed
    r = shown[0] * BILL + shown[1] - TIP
    grad2 = np.array([np.mean(2 * r * BILL), np.mean(2 * r)])
    after = shown - lr * grad2
    for value in (*shown, *grad2, *after):
        assert f"{value:.4g}" in latex, (value, latex)
    assert f"{mse(BILL, *after):.4g}" in latex
    data_line = trace(chart(at, "fit_line.points"), "step 1")
    assert data_line["y"][1] - data_line["y"][0] == pytest.approx(
        new[0] * (data_line["x"][1] - data_line["x"][0]), rel=1e-9
    )


@pytest.mark.parametrize(
    "preset, multiple, ends",
    [("Too small", 0.05, "not there"), ("Just right", 0.7, "not there"),
     ("Diverging", 2.3, "diverged at step")],
)  # fmt: skip
def test_the_presets_come_from_this_losss_own_curvature(preset, multiple, ends):
    at = open_page(PAGE)
    at.button(key=f"fit_line.preset.{preset}").click()
    rerun(at)
    assert at.select_slider(key="fit_line.rate").value == multiple
    caption = next(c.value for c in at.caption if "steepest curvature" in c.value)
    assert f"α = {multiple:g}/L = {multiple / steepest(BILL):.3g}" in caption
    at.button(key="fit_line.run").click()
    rerun(at)
    said = " ".join(m.value for m in at.markdown)
    assert f"Gradient descent {ends}" in said
    distance = chart(at, "fit_line.distance")["data"][0]["y"]
    assert np.isfinite(distance).all()
    if preset == "Diverging":
        assert distance[-1] > distance[0]
    else:
        assert distance[-1] < distance[0]


def test_the_scaling_race_counts_the_steps_an_independent_loop_takes():
    at = open_page(PAGE)
    table = at.dataframe[0].value
    start = np.array([0.2, 0.5])
    for row, how in enumerate(("raw", "centred", "standardized")):
        x = BILL.copy()
        p = start.copy()
        if how != "raw":
            x = x - BILL.mean()
            p[1] += p[0] * BILL.mean()
        if how == "standardized":
            x = x / BILL.std()
            p[0] *= BILL.std()
        best, lr = optimum(x), 0.7 / steepest(x)
        steps = 0
        while np.linalg.norm(p - best) >= 1e-6:
            r = p[0] * x + p[1] - TIP
            p = p - lr * np.array([np.mean(2 * r * x), np.mean(2 * r)])
            steps += 1
        assert table.iloc[row, 0] == how
        assert table.iloc[row, -1] == steps, how
    kappas = table.iloc[:, 1].tolist()
    assert kappas[0] == pytest.approx(2813.6, rel=1e-4)
    assert kappas[1] == pytest.approx(78.9, rel=1e-3) and kappas[2] == 1


def test_choosing_a_scaling_reshapes_the_valley():
    at = open_page(PAGE)
    at.radio(key="fit_line.scaling").set_value("standardized")
    rerun(at)
    assert float(metric(at, "Condition number")) == pytest.approx(1.0)
    assert metric(at, "2/L") == "1"
    view = component_data(at, "fit_line.scaled")
    path = next(t for t in view["traces"] if t.get("name") == "0.7/L")
    assert path["mode"] == "lines+markers"


def test_batch_sizes_one_and_all_the_data():
    at = open_page(PAGE)
    at.select_slider(key="fit_line.batch").set_value(244)
    rerun(at)
    assert any("10 updates in 10 epochs, 2,440 examples seen" in m.value for m in at.markdown)
    x = (BILL - BILL.mean()) / BILL.std()
    p = np.array([0.2 * BILL.std(), 0.5 + 0.2 * BILL.mean()])
    for _ in range(10):  # full batch is plain gradient descent
        r = p[0] * x + p[1] - TIP
        p = p - 0.05 * np.array([np.mean(2 * r * x), np.mean(2 * r)])
    epochs = trace(chart(at, "fit_line.training"), "all the data")["y"]
    assert epochs[-1] == pytest.approx(mse(x, *p), rel=1e-6)
    at.select_slider(key="fit_line.batch").set_value(1)
    rerun(at)
    assert any("2440 updates in 10 epochs" in m.value for m in at.markdown)
    at.slider(key="fit_line.update").set_value(5)
    rerun(at)
    view = component_data(at, "fit_line.batches")
    own = next(t for t in view["traces"] if t.get("name") == "this mini-batch's loss")
    assert own["type"] == "contour"
    updates = next(t for t in view["traces"] if t.get("name") == "updates")
    assert "bdata" in updates["x"]


def test_equal_epochs_compares_full_batch_mini_batch_and_stochastic():
    at = open_page(PAGE)
    table = next(d.value for d in at.dataframe if "updates per epoch" in d.value.columns)
    assert table["descent"].tolist() == ["full batch (244)", "mini-batch (16)", "stochastic (1)"]
    assert table["updates per epoch"].tolist() == [1, 16, 244]
    after_epochs, after_updates = table.iloc[:, 2].tolist(), table.iloc[:, 3].tolist()
    # the full batch's ten updates: plain gradient descent on every bill, written out here
    x = (BILL - BILL.mean()) / BILL.std()
    p = np.array([0.2 * BILL.std(), 0.5 + 0.2 * BILL.mean()])
    for _ in range(10):
        r = p[0] * x + p[1] - TIP
        p = p - 0.05 * np.array([np.mean(2 * r * x), np.mean(2 * r)])
    gap = mse(x, *p) - mse(x, *optimum(x))
    assert after_epochs[0] == after_updates[0] == pytest.approx(gap, rel=2e-3)
    assert after_epochs[1] < after_epochs[0]  # at equal work the mini-batch is closer
    assert after_updates[0] < after_updates[2]  # at equal updates the full batch is
    by_update = chart(at, "fit_line.by_update")
    assert [t["name"] for t in by_update["data"]] == table["descent"].tolist()


def test_a_diverging_mini_batch_run_is_named_and_never_drawn_as_inf():
    at = open_page(PAGE, batch="1", lr="1")
    assert any("Diverged at update" in e.value for e in at.error)
    for key in ("fit_line.training", "fit_line.by_epoch", "fit_line.by_update"):
        for t in chart(at, key)["data"]:
            assert not np.isinf(np.asarray(t["y"], dtype=float)).any()


def test_junk_links_are_named_and_the_defaults_used():
    at = open_page(PAGE, w="nine", batch="7", scaling="<b>x</b>", rate="0.7")
    said = link_notice(at)
    for junk in ("w=nine", "batch=7", "scaling=<b>x</b>"):
        assert junk in said
    assert at.slider(key="fit_line.w").value == 0.2
    assert at.select_slider(key="fit_line.batch").value == 16


def test_a_link_holds_every_setting():
    at = open_page(PAGE, w="0.1", b="1", rate="1.9", scaling="centred", batch="64", opt="adam",
                   lr="0.1", epochs="5", seed="7")  # fmt: skip
    assert (at.slider(key="fit_line.w").value, at.slider(key="fit_line.b").value) == (0.1, 1.0)
    assert at.select_slider(key="fit_line.rate").value == 1.9
    assert at.radio(key="fit_line.scaling").value == "centred"
    assert at.selectbox(key="fit_line.opt").value == "adam"
    assert any("20 updates in 5 epochs" in m.value for m in at.markdown)
    assert link_notice(at) == ""
