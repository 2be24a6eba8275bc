"""Helpers of the local-minima and race pages: the words, the table, the escape they promise."""

import numpy as np
import pytest

from gdgame.engine import curves, descent, optimizers, surfaces
from gdgame.ui import local_minima, race, settings
from gdgame.ui.local_minima_text import ending, flat_verdict
from gdgame.ui.race_rules import RULES


def escape_runs(mu: float):
    e = local_minima.ESCAPE
    s = surfaces.get(e["surface"])
    plain = descent.run(s, optimizers.get("sgd", lr=e["lr"]), e["start"], e["steps"])
    heavy = descent.run(s, optimizers.get("momentum", lr=e["lr"], momentum=mu), e["start"],
                        e["steps"])  # fmt: skip
    return s, plain, heavy


def test_momentum_escapes_the_shallow_trap_that_holds_plain_descent():
    s, plain, heavy = escape_runs(0.9)
    assert plain.status == heavy.status == "converged"
    assert not s.minima[plain.minimum].is_global  # plain descent settles in the shallow valley
    assert s.minima[heavy.minimum].is_global  # momentum rolls over the ridge to the deep one
    _, _, still = escape_runs(0.0)
    assert still.minimum == plain.minimum  # with μ = 0 it is plain descent again


def test_the_double_well_ends_by_side():
    well = curves.get("double_well")
    left = descent.run(well, optimizers.get("sgd", lr=0.02), (-2.0,), 500)
    right = descent.run(well, optimizers.get("sgd", lr=0.02), (2.0,), 500)
    assert "a local minimum, not the global" in ending(well, left)
    assert "the global minimum" in ending(well, right)
    deep = next(m for m in well.minima if m.is_global)
    shallow = next(m for m in well.minima if not m.is_global)
    assert f"{shallow.value - deep.value:.3g} lower" in ending(well, left)


def test_endings_for_divergence_unlisted_minima_and_unfinished_runs():
    s = surfaces.get("rastrigin")  # only its global minimum is listed
    cup = descent.run(s, optimizers.get("sgd", lr=0.002), (3.0, 3.0), 2000)
    assert cup.minimum == -1 and "one of many" in ending(s, cup)
    off = descent.run(s, optimizers.get("sgd", lr=5.0), (3.0, 3.0), 100)
    assert "Diverged" in ending(s, off)
    slow = descent.run(s, optimizers.get("sgd", lr=1e-5), (3.0, 3.0), 5)
    assert "Still moving" in ending(s, slow)


@pytest.mark.parametrize("name, kind", [("saddle", "a saddle"), ("plateau", "flat ground")])
def test_flat_ground_is_told_apart_by_its_curvatures(name, kind):
    s = surfaces.get(name)
    start = local_minima.flat_start(s)
    run = descent.run(s, optimizers.get("sgd", lr=0.05), start, 300)
    assert f"**{kind}" in flat_verdict(s, run, start, 1e-6)
    bends = s.curvatures(run.final)
    if name == "saddle":
        assert run.status == "converged" and bends.min() < 0 < bends.max()


def test_every_surfaces_default_rate_descends_from_its_start():
    for name, lr in local_minima.SURFACE_LR.items():
        s = surfaces.get(name)
        run = descent.run(s, optimizers.get("sgd", lr=lr), s.start, 500)
        assert run.status != "diverged" and run.final_loss < s.f(*s.start), name


def test_the_race_table_counts_steps_to_the_target():
    kappa, (x0, y0) = 10.0, (-4.5, 2.0)
    s = surfaces.get("narrow_valley", condition=kappa)
    rates = {"sgd": 0.03, "adam": 0.3, "momentum": 5.0}  # the last one diverges
    runs = {n: descent.run(s, optimizers.get(n, lr=lr), (x0, y0), 300, tol=0.0)
            for n, lr in rates.items()}  # fmt: skip
    table = race.results_table(runs, 0.0, 1e-4)
    assert table["optimizer"] == ["SGD", "Adam", "Momentum"]
    # plain descent on (x² + κy²)/2 shrinks x by (1 − α) and y by (1 − ακ) at every step
    k = np.arange(301)
    loss = 0.5 * ((x0 * (1 - 0.03) ** k) ** 2 + kappa * (y0 * (1 - 0.03 * kappa) ** k) ** 2)
    assert table["steps to target"][0] == int(np.argmax(loss <= 1e-4))
    adam = runs["adam"].losses
    assert table["steps to target"][1] == int(np.argmax(adam <= 1e-4)) > 0
    assert table["status"][:2] == ["reached the target", "reached the target"]
    assert runs["momentum"].status == "diverged" and table["steps to target"][2] is None
    assert table["status"][2] == f"diverged at step {runs['momentum'].diverged_at}"


def test_race_settings_map_to_torch_keyword_arguments():
    values = {f"{n}_lr": 0.1 for n in optimizers.names()}
    values |= {"momentum_mu": 0.8, "nesterov_mu": 0.7, "rmsprop_alpha": 0.9, "adam_beta1": 0.85,
               "adam_beta2": 0.99}  # fmt: skip
    for name in optimizers.names():
        opt = optimizers.get(name, **dict(race.hyper(name, values)))
        assert opt.hyper["lr"] == 0.1
    nesterov = optimizers.get("nesterov", **dict(race.hyper("nesterov", values)))
    assert nesterov.hyper["nesterov"] is True and nesterov.hyper["momentum"] == 0.7
    assert optimizers.get("adam", **dict(race.hyper("adam", values))).hyper["betas"] == (0.85, 0.99)
    rmsprop = optimizers.get("rmsprop", **dict(race.hyper("rmsprop", values)))
    assert rmsprop.hyper["alpha"] == 0.9
    # every optimizer of the engine has a rule, a title and settings in the race
    assert set(RULES) == set(race.HYPER_KEYS) == set(optimizers.TITLES) == set(optimizers.names())
    assert {k for keys in race.HYPER_KEYS.values() for k in keys} <= set(race.SETTINGS.specs)


def test_a_many_setting_accepts_only_its_options():
    spec = settings.Many("Optimizers", ("sgd", "adam"), ("sgd",), labels=str.upper)
    assert spec.accepts("ADAM") and not spec.accepts("adam") and not spec.accepts("lbfgs")


def test_a_costly_gradient_gets_a_smaller_basin_map_and_fewer_trials_within_a_floor():
    from gdgame.ui import local_minima as lesson

    assert lesson.grid_starts(300) == lesson.GRID_STARTS
    assert lesson.grid_starts(300, work=9.0) == int((lesson.BATCH_WORK / (300 * 9.0)) ** 0.5)
    assert lesson.grid_starts(300, work=1e6) == lesson.LEAST_STARTS
    assert lesson.trials(300, work=9.0) < lesson.trials(300)
    assert lesson.trials(300, work=1e6) == lesson.LEAST_TRIALS
