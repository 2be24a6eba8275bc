"""AppTest: the learning-rate page."""

import numpy as np
import pytest

from tests.app.charts import component_data, figure, trace
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/learning_rate.py"


def chart(at, key):
    return figure(
        next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.key)
    )


def path_x(fig):
    return np.asarray(trace(fig, "path")["x"], dtype=float)


def test_first_visit_shows_the_four_presets_behaving_as_named():
    at = open_page(PAGE)
    L = 4.0
    names = ("Too small", "Just right", "Too large", "Diverging")
    panels = {p: chart(at, f"learning_rate.preset.{p}") for p in names}
    small, right, large = (path_x(panels[p]) for p in ("Too small", "Just right", "Too large"))
    assert np.all(np.diff(small) < 0) and len(small) == 201  # creeping: 200 steps, not there
    assert np.all(np.diff(right) < 0) and right[-1] < 1e-6  # straight down, no overshoot
    assert (np.sign(large[1:6]) != np.sign(large[:5])).all()  # every step overshoots
    assert "diverged" in panels["Diverging"]["layout"]["annotations"][0]["text"]
    # each preset's rate, read from its caption, is in its regime for L = 4
    captions = [m.value for m in at.markdown if "/L)" in m.value]
    rates = [float(c.split("α = ")[1].split(" ")[0]) for c in captions]
    factors = np.array(rates) * L
    assert factors[0] < 0.1 and 0.5 < factors[1] < 1 and 1 < factors[2] < 2 and factors[3] > 2


@pytest.mark.parametrize(
    "preset, regime, band",
    [("Too small", "monotone", (0, 0.1)), ("Just right", "monotone", (0.5, 0.9)),
     ("Too large", "oscillating", (1.3, 1.9)), ("Diverging", "diverging", (2.1, 3.0))],
)  # fmt: skip
def test_each_preset_button_sets_your_rate_and_the_regime(preset, regime, band):
    at = open_page(PAGE)
    at.button(key=f"learning_rate.try.{preset}").click()
    rerun(at)
    lr = at.select_slider(key="learning_rate.lr").value
    assert band[0] < lr * 4.0 < band[1]
    assert f"**{regime}**" in next(m.value for m in at.markdown if "1 − αL" in m.value)
    marker = trace(chart(at, "learning_rate.regime"), "your α")
    assert marker["text"][0] == f"α = {lr:.3g}"
    path = chart(at, "learning_rate.mine")
    assert path["layout"]["annotations"][0]["text"].startswith(
        "diverged" if regime == "diverging" else ("not there" if lr * 4 < 0.1 else "converged")
    )
    at.button(key="learning_rate.defaults").click()
    assert (
        rerun(at).select_slider(key="learning_rate.lr").value == 0.2
    )  # the just-right default at L = 4


def test_the_valley_zig_zags_across_its_steep_direction():
    at = open_page(PAGE)
    at.radio(key="learning_rate.land").set_value("valley")
    at.button(key="learning_rate.try.Too large").click()
    rerun(at)
    fig = chart(at, "learning_rate.mine")
    path = next(t for t in fig["data"] if t.get("mode") == "lines+markers")
    y = np.asarray(path["y"], dtype=float)
    assert (np.sign(y[1:8]) != np.sign(y[:7])).all()  # across the valley, every step
    contour = next(t for t in fig["data"] if t["type"] == "contour")
    assert contour["z"].dtype == np.float32 and contour["z"].shape[0] <= 150


def test_the_sweep_runs_a_hundred_rates_and_marks_1_over_L_and_2_over_L():
    at = open_page(PAGE, L="2.5")
    fig = chart(at, "learning_rate.sweep")
    xs = np.concatenate([np.asarray(t["x"], dtype=float) for t in fig["data"] if t["yaxis"] == "y"])
    assert len(xs) >= 100
    lines = sorted(s["x0"] for s in fig["layout"]["shapes"] if s["x0"] == s["x1"])
    assert 1 / 2.5 in [pytest.approx(x) for x in lines] and any(
        x == pytest.approx(0.8) for x in lines
    )
    diverged = trace(fig, "diverged")
    assert (np.asarray(diverged["x"], dtype=float) > 2 / 2.5).all()


def test_the_challenge_reports_steps_against_the_best_and_keeps_the_best():
    at = open_page(PAGE)
    at.select_slider(key="learning_rate.guess").set_value(0.1)
    at.button(key="learning_rate.go").click()
    rerun(at)
    first = at.success[0].value
    # x shrinks by |1 − 0.1·4| = 0.6 per step from 5: converged once 4·5·0.6^k < 1e-6
    k = int(np.ceil(np.log(20 / 1e-6) / np.log(1 / 0.6)))
    assert f"**{k} steps**" in first and "best possible" in first
    at.select_slider(key="learning_rate.guess").set_value(0.25)  # exactly 1/L: one step
    at.button(key="learning_rate.go").click()
    rerun(at)
    assert (
        "**1 steps**" in at.success[0].value and "That is the best possible!" in at.success[0].value
    )
    at.select_slider(key="learning_rate.guess").set_value(0.01)
    at.button(key="learning_rate.go").click()
    rerun(at)
    assert "Your best: 1 steps" in at.success[0].value


def test_a_step_schedule_halves_the_rate_every_ten_steps():
    at = open_page(PAGE)
    at.radio(key="learning_rate.schedule").set_value("step")
    rerun(at)
    rates = np.asarray(trace(chart(at, "learning_rate.rates"), "α at each step")["y"], dtype=float)
    base = 0.4  # the too-large preset at L = 4: 1.6/L, the round rate nearest 1.7/L
    assert len(rates) > 10  # at least one drop
    np.testing.assert_allclose(rates, base * 0.5 ** (np.arange(len(rates)) // 10))
    at.radio(key="learning_rate.schedule").set_value("constant")
    rerun(at)
    constant = chart(at, "learning_rate.scheduled")["layout"]["annotations"][0]["text"]
    assert "converged in" in constant
    steps = int(constant.split("converged in ")[1].split()[0])
    at.radio(key="learning_rate.schedule").set_value("step")
    rerun(at)
    decayed = chart(at, "learning_rate.scheduled")["layout"]["annotations"][0]["text"]
    assert int(decayed.split("converged in ")[1].split()[0]) < steps  # the schedule helps


def test_a_shared_link_and_a_junk_link():
    at = open_page(PAGE, land="2-D narrow valley", L="10.0", lr="0.05", schedule="cosine")
    assert (
        at.radio(key="learning_rate.land").value == "valley"
        and at.slider(key="learning_rate.L").value == 10.0
    )
    assert (
        at.select_slider(key="learning_rate.lr").value == 0.05
        and at.radio(key="learning_rate.schedule").value == "cosine"
    )
    assert not at.info
    junk = open_page(PAGE, L="1e9", lr="0.0123", land="x")
    assert (
        junk.slider(key="learning_rate.L").value == 4.0
        and junk.radio(key="learning_rate.land").value == "quadratic"
    )
    assert "L=1e9" in link_notice(junk) and "lr=0.0123" in link_notice(junk)


def test_the_3d_view_is_unchanged_by_unrelated_reruns_and_takes_camera_presets():
    at = open_page(PAGE, land="2-D narrow valley")
    at.toggle(key="learning_rate.3d").set_value(True)
    rerun(at)
    data = component_data(at, "learning_rate.mine3d")
    assert data["traces"][0]["type"] == "surface"
    at.select_slider(key="learning_rate.guess").set_value(0.05)
    at.button(key="learning_rate.go").click()  # a rerun that changes nothing in the 3-D view
    rerun(at)
    assert component_data(at, "learning_rate.mine3d") == data
    revisions = {data["layout"]["uirevision"]}
    for camera, eye_z in (("top", 2.4), ("side", 0.3)):
        at.button_group(key="learning_rate.camera").set_value(camera)
        rerun(at)
        layout = component_data(at, "learning_rate.mine3d")["layout"]
        assert layout["scene"]["camera"]["eye"]["z"] == eye_z
        revisions.add(layout["uirevision"])  # a preset moves the camera: a new uirevision
    assert len(revisions) == 3
