"""AppTest: Moving down the curve."""

import math

import numpy as np
import pytest

from tests.app.charts import figure, trace
from tests.app.pages import link_notice, open_page, rerun


def current_x(at) -> float:
    return float(trace(figure(at.get("plotly_chart")[0]), "current x")["x"][0])


def test_first_visit_shows_the_parabola_and_the_first_update():
    at = open_page()
    assert at.title[0].value == "Moving down the curve"
    fig = figure(at.get("plotly_chart")[0])
    curve = trace(fig, "Parabola")
    np.testing.assert_allclose(curve["y"], np.asarray(curve["x"]) ** 2)
    assert current_x(at) == 4.0
    assert "4 - 0.1 \\times (8) = 3.2" in at.latex[1].value  # x ← 4 − 0.1 · 2·4
    assert not at.info  # no URL notice


def test_step_run_to_the_end_and_reset():
    at = open_page()
    at.button(key="home.step").click()
    rerun(at)
    assert current_x(at) == pytest.approx(3.2)
    assert len(at.dataframe[0].value) == 2
    at.button(key="home.step").click()
    rerun(at)
    assert current_x(at) == pytest.approx(2.56)
    at.button(key="home.run").click()
    rerun(at)
    # x_k = 4·0.8^k and dy/dx = 8·0.8^k: the first k with 8·0.8^k < 10⁻³
    k = math.ceil(math.log(8 / 1e-3) / math.log(1 / 0.8))
    assert current_x(at) == pytest.approx(4 * 0.8**k)
    assert f"after {k} steps" in at.markdown[1].value and "tolerance rule" in at.markdown[1].value
    assert at.button(key="home.step").disabled
    at.button(key="home.reset").click()
    rerun(at)
    assert current_x(at) == 4.0 and len(at.dataframe[0].value) == 1


def test_step_limit_and_divergence_are_reported():
    at = open_page()
    at.slider(key="home.max_steps").set_value(10)
    at.select_slider(key="home.tol").set_value(1e-6)
    rerun(at).button(key="home.run").click()
    rerun(at)
    assert "step limit" in at.markdown[1].value
    assert current_x(at) == pytest.approx(4 * 0.8**10)
    at.slider(key="home.lr").set_value(1.1)  # |1 − 2α| = 1.2 > 1
    at.slider(key="home.max_steps").set_value(50)
    rerun(at).button(key="home.run").click()
    rerun(at)
    assert "Diverged at step" in at.markdown[1].value
    fig = figure(at.get("plotly_chart")[0])
    assert "diverged at step" in fig["layout"]["annotations"][0]["text"]
    for t in fig["data"]:  # nothing non-finite reaches the browser
        for axis in ("x", "y"):
            assert np.isfinite(np.asarray(t.get(axis, []), dtype=float)).all()


def test_choosing_the_double_well_moves_start_and_rate_to_suit_it():
    at = open_page()
    at.selectbox(key="home.curve").set_value("double_well")
    rerun(at).button(key="home.run").click()
    rerun(at)
    assert at.slider(key="home.start").value == -2.2 and at.slider(key="home.lr").value == 0.02
    # from the left, descent settles in the shallow well: 4x³ − 6x − 1 = 0 at its left root
    left = min(r.real for r in np.roots([4, 0, -6, -1]) if abs(r.imag) < 1e-12)
    assert current_x(at) == pytest.approx(left, abs=1e-3)


def test_the_brute_force_scan_counts_evaluations():
    at = open_page()
    at.slider(key="home.grid").set_value(25)
    rerun(at)
    grid = trace(figure(at.get("plotly_chart")[1]), "grid scan")
    np.testing.assert_allclose(grid["x"], np.linspace(-6, 6, 25))
    assert at.metric[0].value == "25"


def test_a_shared_link_sets_every_setting():
    at = open_page(start="-3.5", lr="0.25", max_steps="7", tol="0.01", grid="41")
    assert at.slider(key="home.start").value == -3.5 and at.slider(key="home.lr").value == 0.25
    assert (
        at.slider(key="home.max_steps").value == 7
        and at.select_slider(key="home.tol").value == 0.01
    )
    assert current_x(at) == -3.5
    assert "-3.5 - 0.25 \\times (-7) = -1.75" in at.latex[1].value
    assert not at.info


def test_a_junk_link_shows_defaults_and_a_notice():
    at = open_page(start="99", lr="abc", tol="-1", curve="<script>")
    assert at.slider(key="home.start").value == 4.0 and at.slider(key="home.lr").value == 0.1
    assert at.selectbox(key="home.curve").value == "parabola"
    notice = link_notice(at)
    for bad in ("start=99", "lr=abc", "tol=-1", "curve=<script>"):
        assert bad in notice
    at.button(key="home.defaults").click()
    assert not rerun(at).info


def test_a_step_off_the_plot_says_so_and_nothing_else():
    at = open_page(start="5", lr="1.2")  # x₁ = 5 − 1.2 · 10 = −7: off the plot's −6 … 6
    at.button(key="home.step").click()
    rerun(at)
    notes = [a["text"] for a in figure(at.get("plotly_chart")[0])["layout"]["annotations"]]
    assert notes == ["left the plot at step 1"]


def test_a_start_beyond_the_curves_plot_is_kept_on_it():
    at = open_page(curve="double_well", start="5")  # the double well is drawn on ±2.5
    assert current_x(at) == 2.5
    assert any("kept on this curve" in c.value for c in at.caption)
    fig = figure(at.get("plotly_chart")[0])
    assert not fig["layout"].get("annotations")  # nothing "left the plot at step 0"
