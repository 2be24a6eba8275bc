"""Helpers of the local-minima and race pages: the words, the table, the escape they promise."""

import numpy as np
import pytest

from gdgame.engine import analysis, curves, descent, optimizers, surfaces
from gdgame.ui import minima, race, settings


def escape_runs(mu: float):
    e = minima.ESCAPE
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
    assert "a local minimum, not the global" in minima.ending(well, left)
    assert "the global minimum" in minima.ending(well, right)
    deep = next(m for m in well.minima if m.is_global)
    shallow = next(m for m in well.minima if not m.is_global)
    assert f"{shallow.value - deep.value:.3g} lower" in minima.ending(well, left)


def test_endings_for_divergence_unlisted_minima_and_unfinished_runs():
    s = surfaces.get("rastrigin")  # only its global minimum is listed
    cup = descent.run(s, optimizers.get("sgd", lr=0.002), (3.0, 3.0), 2000)
    assert cup.minimum == -1 and "one of many" in minima.ending(s, cup)
    off = descent.run(s, optimizers.get("sgd", lr=5.0), (3.0, 3.0), 100)
    assert "Diverged" in minima.ending(s, off)
    slow = descent.run(s, optimizers.get("sgd", lr=1e-5), (3.0, 3.0), 5)
    assert "Still moving" in minima.ending(s, slow)


@pytest.mark.parametrize("name, kind", [("saddle", "a saddle"), ("plateau", "flat ground")])
def test_flat_ground_is_told_apart_by_its_curvatures(name, kind):
    s = surfaces.get(name)
    start = minima.flat_start(s)
    run = descent.run(s, optimizers.get("sgd", lr=0.05), start, 300)
    assert f"**{kind}" in minima.flat_verdict(s, run, start)
    bends = analysis.curvatures(s, run.final)
    if name == "saddle":
        assert run.status == "converged" and bends.min() < 0 < bends.max()


def test_every_surfaces_default_rate_descends_from_its_start():
    for name, lr in minima.SURFACE_LR.items():
        s = surfaces.get(name)
        run = descent.run(s, minima.optimizer("sgd", lr), s.start, 500)
        assert run.status != "diverged" and run.final_loss < s.f(*s.start), name


def test_the_race_table_counts_steps_to_the_target():
    s = surfaces.get("narrow_valley", condition=10.0)
    runs = {n: descent.run(s, race.build(n, (("lr", lr),)), s.start, 300, tol=0.0)
            for n, lr in (("sgd", 0.03), ("adam", 0.3), ("sgd", 5.0))}  # fmt: skip
    runs["nesterov"] = descent.run(s, race.build("sgd", (("lr", 5.0),)), s.start, 300, tol=0.0)
    table = race.results(runs, 0.0, 1e-4)
    for i, run in enumerate(runs.values()):
        reached = np.flatnonzero(run.losses <= 1e-4)
        assert table["steps to target"][i] == (int(reached[0]) if reached.size else None)
    assert table["status"][-1].startswith("diverged at step")


def test_race_settings_map_to_torch_keyword_arguments():
    values = {f"{n}_lr": 0.1 for n in race.NAMES}
    values |= {"momentum_mu": 0.8, "nesterov_mu": 0.7, "rmsprop_alpha": 0.9, "adam_beta1": 0.85,
               "adam_beta2": 0.99}  # fmt: skip
    for name in race.NAMES:
        opt = race.build(name, race.hyper(name, values))
        assert opt.hyper["lr"] == 0.1
    assert race.build("nesterov", race.hyper("nesterov", values)).hyper["nesterov"] is True
    assert race.build("adam", race.hyper("adam", values)).hyper["betas"] == (0.85, 0.99)
    assert set(race.RULES) == set(race.NAMES) == set(race.HYPER_KEYS)
    assert all(race.SETTINGS[k] for keys in race.HYPER_KEYS.values() for k in keys)


def test_a_many_setting_accepts_only_its_options():
    spec = settings.Many("Optimizers", ("sgd", "adam"), ("sgd",), labels=str.upper)
    assert spec.accepts("ADAM") and not spec.accepts("adam") and not spec.accepts("lbfgs")
