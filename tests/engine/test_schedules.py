"""Learning-rate schedules against torch.optim.lr_scheduler (committed reference data)."""

import numpy as np
import pytest

from gdgame.engine import descent, optimizers, schedules, surfaces
from tests.engine.torch_reference import load

DATA, META = load()


@pytest.mark.parametrize("entry", META["schedules"], ids=lambda e: e["name"])
def test_schedule_matches_torch_scheduler(entry):
    sched = schedules.get(entry["name"], **entry["params"])
    ref = DATA[entry["key"]]
    ours = np.array([sched(t, entry["base_lr"]) for t in range(len(ref))])
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


def test_every_schedule_is_in_the_reference_but_constant():
    assert {e["name"] for e in META["schedules"]} == set(schedules.names()) - {"constant"}


def test_a_scheduled_run_records_the_rate_of_every_step():
    sched = schedules.get("step", step_size=5, gamma=0.5)
    opt = optimizers.get("sgd", lr=0.2, schedule=sched)
    run = descent.run(surfaces.get("sphere"), opt, (3.0, 4.0), steps=12, tol=0)
    np.testing.assert_allclose(run.lrs, [0.2] * 5 + [0.1] * 5 + [0.05] * 2)
    # on x² + y² each step multiplies the point by 1 − 2α
    np.testing.assert_allclose(run.points[1:, 0] / run.points[:-1, 0], 1 - 2 * run.lrs)


def test_constant_schedule_is_the_base_rate():
    assert schedules.get("constant")(123, 0.3) == 0.3


@pytest.mark.parametrize(
    "name, params",
    [
        ("step", {"step_size": 0}),
        ("step", {"step_size": 2.5}),
        ("step", {"gamma": 0.0}),
        ("exponential", {"gamma": -1.0}),
        ("cosine", {"t_max": 0}),
        ("cosine", {"eta_min": -0.1}),
        ("warmup", {"start_factor": 0.0}),
        ("warmup", {"end_factor": 1.5}),
        ("warmup", {"total_iters": 0}),
        ("exponential", {"rate": 0.5}),
        ("linear", {}),
    ],
)
def test_invalid_schedules_are_refused(name, params):
    with pytest.raises(ValueError):
        schedules.get(name, **params)
