"""The optimizer race in AppTest: the results table, subsets, settings from a link, the arrows,
the rules, the playback frames."""

import json

import numpy as np

from gdgame.engine import descent, optimizers, surfaces
from gdgame.ui.race_rules import RULES
from tests.app.charts import component_data, figure
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/race.py"


def chart(at, name):
    return figure(next(c for c in at.get("plotly_chart") if name in c.proto.id))


def test_first_sight_every_racer_reaches_the_target_and_the_plain_step_is_slowest():
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert list(table["optimizer"]) == ["SGD", "Momentum", "RMSProp", "Adam"]
    assert (table["status"] == "reached the target").all()
    steps = dict(zip(table["optimizer"], table["steps to target"], strict=True))
    assert steps["SGD"] == max(steps.values())  # the lesson: plain GD crawls along the ravine
    valley = surfaces.get("narrow_valley", condition=10.0)
    sgd = descent.run(valley, optimizers.get("sgd", lr=0.03), (-4.5, 2.0), 300, tol=0.0)
    assert steps["SGD"] == int(np.flatnonzero(sgd.losses <= 1e-4)[0])


def test_a_link_chooses_the_racers_and_their_settings():
    at = open_page(PAGE, racers=["Nesterov", "AdaGrad"], adagrad_lr="0.5", steps="100")
    table = at.dataframe[0].value
    assert list(table["optimizer"]) == ["Nesterov", "AdaGrad"]
    valley = surfaces.get("narrow_valley", condition=10.0)
    ada = descent.run(valley, optimizers.get("adagrad", lr=0.5), (-4.5, 2.0), 100, tol=0.0)
    assert table["final loss − minimum"].iloc[1] == ada.final_loss


def test_each_racer_shows_its_rule_and_one_sentence():
    at = open_page(PAGE)
    shown = [x.value.strip("$\n") for x in at.latex]
    assert shown == [RULES[n][0] for n in optimizers.names()]
    assert len(at.expander) >= len(optimizers.names())


def test_the_scrubber_draws_each_racers_arrows_at_that_step():
    at = open_page(PAGE)
    at.slider(key="race.scrub").set_value(12)
    at = rerun(at)
    arrows = chart(at, "arrows")["layout"]["annotations"]
    # four racers: an update and a downhill arrow each, and velocity for Momentum
    assert len(arrows) == 4 * 2 + 1
    valley = surfaces.get("narrow_valley", condition=10.0)
    sgd = descent.run(valley, optimizers.get("sgd", lr=0.03), (-4.5, 2.0), 300, tol=0.0)
    first = arrows[0]
    assert (first["ax"], first["ay"]) == tuple(sgd.points[12])
    assert (first["x"], first["y"]) == tuple(sgd.points[13])


def test_playback_frames_are_sent_once_with_the_figure():
    at = open_page(PAGE)
    fig = chart(at, "playback")
    assert len(fig["frames"]) > 20
    assert fig["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    # the last frame ends each racer's path where its own run ends
    valley = surfaces.get("narrow_valley", condition=10.0)
    lrs = {"sgd": 0.03, "momentum": 0.03, "rmsprop": 0.1, "adam": 0.3}
    for data, (name, lr) in zip(fig["frames"][-1]["data"], lrs.items(), strict=True):
        run = descent.run(valley, optimizers.get(name, lr=lr), (-4.5, 2.0), 300, tol=0.0)
        end = np.array([data["x"][-1], data["y"][-1]])
        np.testing.assert_allclose(end, run.points[-1], rtol=1e-6, atol=1e-6)
    # a rerun for another section (the arrows' step) gives the same spec, frames and all: the
    # animation is built once per setting and the browser has nothing new to draw
    spec = next(c for c in at.get("plotly_chart") if "playback" in c.proto.id).proto.spec
    at.slider(key="race.scrub").set_value(40)
    at = rerun(at)
    assert next(c for c in at.get("plotly_chart") if "playback" in c.proto.id).proto.spec == spec


def test_another_surface_starts_at_its_own_start_and_no_racer_says_so():
    at = open_page(PAGE)
    at.selectbox(key="race.surface").set_value("rosenbrock")
    at = rerun(at)
    assert (at.slider(key="race.x0").value, at.slider(key="race.y0").value) == tuple(
        surfaces.get("rosenbrock").start
    )
    at.multiselect(key="race.racers").set_value([])
    at = rerun(at)
    assert "Pick at least one optimizer" in at.info[0].value and not at.dataframe


def test_a_junk_link_is_named_and_ignored():
    at = open_page(PAGE, racers=["SGD", "lbfgs"], adam_lr="1e9", surface="<script>")
    notice = link_notice(at)
    assert "racers=lbfgs" in notice and "adam_lr=" in notice and "surface=" in notice


def test_the_3d_view_receives_every_racers_path_and_not_the_surface():
    at = open_page(PAGE)
    data = component_data(at, "race.3d")
    names = [t.get("name") for t in data["traces"][1:]]
    assert names == ["SGD", "Momentum", "RMSProp", "Adam"]
    assert data["traces"][0]["type"] == "surface" and "z" not in data["traces"][0]
    assert data["grid"].endswith(".bin") and len(json.dumps(data)) < 40_000


def test_a_link_chooses_the_3d_camera_and_a_junk_one_is_named():
    at = open_page(PAGE, camera="top")
    assert component_data(at, "race.3d")["layout"]["scene"]["camera"]["eye"]["z"] == 2.4
    junk = open_page(PAGE, camera="sideways")
    assert "camera=sideways" in link_notice(junk)
