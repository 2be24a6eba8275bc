"""Batches split over worker processes give exactly what one process gives."""

import numpy as np
import pytest

from gdgame.engine import descent, optimizers, parallel, schedules, surfaces
from gdgame.engine.landscape import Surface

FIELDS = ("final", "final_loss", "final_grad_norm", "status", "steps", "diverged_at", "minimum",
          "lrs")  # fmt: skip


def in_one_process(monkeypatch, *args, **kwargs):
    with monkeypatch.context() as m:
        m.setenv("GDGAME_WORKERS", "1")
        return descent.run(*args, **kwargs)


@pytest.mark.parametrize(
    "surface, opt",
    [
        ("himmelblau", optimizers.get("adam", lr=0.05, amsgrad=True)),
        ("random_terrain", optimizers.get("nesterov", lr=0.02,
                                          schedule=schedules.get("cosine", t_max=100))),
        ("rastrigin", optimizers.get("sgd", lr=0.3)),  # many runs diverge or wander
    ],
)  # fmt: skip
def test_split_batches_equal_the_batch_in_one_process(monkeypatch, surface, opt):
    monkeypatch.setattr(parallel, "MIN_RUNS", 100)
    monkeypatch.setenv("GDGAME_WORKERS", "2")
    s = surfaces.get(surface, **({"seed": 3} if surface == "random_terrain" else {}))
    starts = np.random.default_rng(9).uniform(-5, 5, size=(1001, 2))
    split = descent.run(s, opt, starts, steps=150, record=False)
    whole = in_one_process(monkeypatch, s, opt, starts, steps=150, record=False)
    for field in FIELDS:
        np.testing.assert_array_equal(getattr(split, field), getattr(whole, field), err_msg=field)
    assert parallel._POOL  # it really went through the pool


def test_lr_scale_is_split_with_its_runs(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_RUNS", 100)
    monkeypatch.setenv("GDGAME_WORKERS", "2")
    s, opt = surfaces.get("himmelblau"), optimizers.get("sgd", lr=1.0)
    lrs = np.geomspace(1e-4, 0.05, 500)
    split = descent.run(s, opt, np.zeros((500, 2)), 200, record=False, lr_scale=lrs)
    whole = in_one_process(monkeypatch, s, opt, np.zeros((500, 2)), 200, record=False,
                           lr_scale=lrs)  # fmt: skip
    np.testing.assert_array_equal(split.steps, whole.steps)
    np.testing.assert_array_equal(split.final, whole.final)


def test_landscapes_outside_the_registry_stay_in_this_process(monkeypatch):
    himmelblau = surfaces.get("himmelblau")
    own = Surface("mine", "Mine", "A copy.", "f", himmelblau.domain, (), True, (0.0, 0.0),
                  terms=himmelblau.terms)  # fmt: skip
    assert parallel.landscape_spec(own) is None
    assert parallel.landscape_spec(himmelblau) == ("surface", "himmelblau", ())
    monkeypatch.setattr(parallel, "MIN_RUNS", 10)
    run = descent.run(own, optimizers.get("sgd", lr=0.01), np.zeros((50, 2)), 20, record=False)
    assert run.final.shape == (50, 2)


def test_one_worker_means_no_pool(monkeypatch):
    monkeypatch.setenv("GDGAME_WORKERS", "1")
    assert parallel.workers() == 1
    assert parallel.split_run(surfaces.get("sphere"), optimizers.get("sgd"),
                              np.zeros((20_000, 2)), 5, 0.0, None) is None  # fmt: skip


def test_optimizer_specs_round_trip():
    warmup = schedules.get("warmup")
    for opt in (optimizers.get("momentum", lr=0.1, dampening=0.2),
                optimizers.get("nesterov", lr=0.1),
                optimizers.get("rmsprop", centered=True, schedule=warmup)):  # fmt: skip
        again = optimizers.from_spec(optimizers.spec(opt))
        assert again.name == opt.name
        assert optimizers.spec(again) == optimizers.spec(opt)
