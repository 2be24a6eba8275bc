"""Descent runs: the contract's shapes and statuses, batching, divergence, finiteness."""

import subprocess
import sys

import numpy as np
import pytest

from gdgame.engine import curves, descent, optimizers, surfaces

HIMMELBLAU = surfaces.get("himmelblau")
SPHERE = surfaces.get("sphere")
OPTIMIZERS = {
    "sgd": {"lr": 0.01},
    "momentum": {"lr": 0.005},
    "nesterov": {"lr": 0.005},
    "adagrad": {"lr": 0.5},
    "rmsprop": {"lr": 0.05, "centered": True},
    "adam": {"lr": 0.1, "amsgrad": True},
}


def test_one_run_has_the_contract_shapes():
    run = descent.run(HIMMELBLAU, optimizers.get("adam", lr=0.05), start=(0.0, 0.0), steps=500)
    n = run.steps
    assert run.points.shape == (n + 1, 2) and run.losses.shape == (n + 1,)
    assert run.grads.shape == (n + 1, 2) and run.lrs.shape == (n,)
    assert run.final.shape == (2,) and isinstance(run.status, str)
    np.testing.assert_array_equal(run.points[0], [0.0, 0.0])
    np.testing.assert_array_equal(run.points[-1], run.final)
    np.testing.assert_allclose(run.losses, HIMMELBLAU.f(*run.points.T))
    np.testing.assert_allclose(run.grads, np.array(HIMMELBLAU.grad(*run.points.T)).T)


def test_converged_run_stops_below_tolerance_at_a_known_minimum():
    run = descent.run(HIMMELBLAU, optimizers.get("sgd", lr=0.01), (0.0, 0.0), tol=1e-6)
    assert run.status == "converged" and run.final_grad_norm < 1e-6
    assert np.linalg.norm(run.grads[-2]) >= 1e-6  # it did not stop early
    m = HIMMELBLAU.minima[run.minimum]
    assert np.hypot(m.x - run.final[0], m.y - run.final[1]) < 1e-6


def test_tol_zero_runs_every_step():
    run = descent.run(SPHERE, optimizers.get("sgd", lr=0.1), (1.0, 1.0), steps=300, tol=0)
    assert run.status == "max_steps" and run.steps == 300 and run.points.shape == (301, 2)


def test_k_runs_are_padded_after_each_stops():
    starts = np.array([[0.0, 0.0], [2.9, 1.9], [-4.0, 4.0]])
    run = descent.run(HIMMELBLAU, optimizers.get("sgd", lr=0.01), starts, steps=400)
    n = run.steps.max()
    assert run.points.shape == (3, n + 1, 2) and run.losses.shape == (3, n + 1)
    for i in range(3):
        tail = run.points[i, run.steps[i] :]
        np.testing.assert_array_equal(tail, np.broadcast_to(run.final[i], tail.shape))
    assert len(set(run.steps)) == 3


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_batched_runs_equal_the_same_runs_one_by_one(name):
    opt = optimizers.get(name, **OPTIMIZERS[name])
    rng = np.random.default_rng(4)
    starts = rng.uniform(-5, 5, size=(12, 2))
    batch = descent.run(HIMMELBLAU, opt, starts, steps=300, tol=1e-5)
    for i, start in enumerate(starts):
        one = descent.run(HIMMELBLAU, opt, start, steps=300, tol=1e-5)
        assert one.status == batch.status[i] and one.steps == batch.steps[i]
        np.testing.assert_array_equal(one.points, batch.points[i, : one.steps + 1])
        np.testing.assert_array_equal(one.final, batch.final[i])


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_unrecorded_runs_end_where_recorded_ones_do(name):
    opt = optimizers.get(name, **OPTIMIZERS[name])
    starts = np.random.default_rng(5).uniform(-5, 5, size=(50, 2))
    a = descent.run(HIMMELBLAU, opt, starts, steps=200, record=True)
    b = descent.run(HIMMELBLAU, opt, starts, steps=200, record=False)
    assert b.points is None and b.losses is None
    np.testing.assert_array_equal(a.final, b.final)
    np.testing.assert_array_equal(a.steps, b.steps)
    np.testing.assert_array_equal(a.final_loss, b.final_loss)


def test_gradient_descent_on_the_bowl_diverges_just_above_lr_1_and_converges_below():
    # x² + y² has curvature L = 2 in every direction, so 2/L = 1
    below = descent.run(SPHERE, optimizers.get("sgd", lr=0.999), (-4.0, 3.0), steps=20000)
    above = descent.run(SPHERE, optimizers.get("sgd", lr=1.001), (-4.0, 3.0), steps=20000)
    assert below.status == "converged"
    assert above.status == "diverged" and 0 < above.diverged_at <= above.steps + 1
    assert np.isfinite(above.points).all() and np.isfinite(above.losses).all()


def test_fast_divergence_stops_at_the_last_point_inside_the_bound():
    run = descent.run(HIMMELBLAU, optimizers.get("sgd", lr=0.5), (4.0, 4.0), steps=100)
    assert run.status == "diverged" and run.diverged_at == run.steps + 1
    assert np.abs(run.points).max() <= HIMMELBLAU.bound


def test_gradient_descent_below_2_over_L_decreases_a_quadratic_monotonically():
    L = 3.0
    curve = curves.get("quadratic", curvature=L)
    for lr in np.linspace(0.05, 1.95, 12) / L:
        run = descent.run(curve, optimizers.get("sgd", lr=lr), 4.0, steps=2000, tol=1e-9)
        assert run.status == "converged"
        assert (np.diff(run.losses) <= 0).all()


@pytest.mark.parametrize("surface", surfaces.names())
@pytest.mark.parametrize("name", optimizers.names())
def test_nothing_non_finite_ever_comes_out(surface, name):
    s = surfaces.get(surface)
    (x0, x1), (y0, y1) = s.domain
    starts = np.random.default_rng(6).uniform([x0, y0], [x1, y1], size=(20, 2))
    for lr in (1e-3, 0.3, 10.0, 1e6):
        run = descent.run(s, optimizers.get(name, lr=lr), starts, steps=60)
        for values in (run.points, run.losses, run.grads, run.final, run.final_loss):
            assert np.isfinite(values).all()
        assert set(run.status) <= set(descent.STATUSES)
        assert ((run.status == "diverged") == (run.diverged_at > 0)).all()


def test_runs_on_a_curve_find_the_well_they_start_in():
    well = curves.get("double_well")
    shallow = next(i for i, m in enumerate(well.minima) if not m.is_global)
    deep = next(i for i, m in enumerate(well.minima) if m.is_global)
    run = descent.run(well, optimizers.get("sgd", lr=0.01), [-2.2, 2.2], steps=2000)
    assert list(run.minimum) == [shallow, deep]
    assert run.points.shape[2] == 1


def test_lr_scale_gives_the_runs_of_each_learning_rate():
    lrs = np.array([0.001, 0.01, 0.02])
    unit = optimizers.get("sgd", lr=1.0)
    batch = descent.run(HIMMELBLAU, unit, np.zeros((3, 2)), steps=300, lr_scale=lrs)
    for i, lr in enumerate(lrs):
        one = descent.run(HIMMELBLAU, optimizers.get("sgd", lr=lr), (0.0, 0.0), steps=300)
        assert one.steps == batch.steps[i]
        np.testing.assert_array_equal(one.final, batch.final[i])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": (1.0, 2.0, 3.0)},
        {"start": np.zeros((4, 3))},
        {"start": (np.nan, 0.0)},
        {"start": (0.0, np.inf)},
        {"start": (0.0, 0.0), "steps": -1},
        {"start": (0.0, 0.0), "steps": 2.5},
        {"start": (0.0, 0.0), "steps": float("inf")},
        {"start": (0.0, 0.0), "steps": "10"},
        {"start": (0.0, 0.0), "tol": -1.0},
        {"start": (0.0, 0.0), "tol": np.nan},
        {"start": np.zeros((3, 2)), "lr_scale": [1.0, -1.0, 1.0]},
        {"start": np.zeros((50_000, 2)), "steps": 500, "record": True},
    ],
)
def test_bad_arguments_raise_value_error(kwargs):
    with pytest.raises(ValueError):
        descent.run(HIMMELBLAU, optimizers.get("sgd", lr=0.01), **kwargs)


def test_forty_thousand_unrecorded_runs_are_a_normal_call():
    starts = np.random.default_rng(7).uniform(-5, 5, size=(40_000, 2))
    run = descent.run(HIMMELBLAU, optimizers.get("adam", lr=0.05), starts, steps=500, record=False)
    assert run.final.shape == (40_000, 2)
    assert (run.minimum >= 0).mean() > 0.95


def test_states_along_a_run_replay_its_steps_and_momentum_buffer():
    s = surfaces.get("rosenbrock")
    mu, lr = 0.9, 1e-3
    opt = optimizers.get("momentum", lr=lr, momentum=mu)
    run = descent.run(s, opt, (-1.5, 2.5), 40, tol=0.0)
    buffer = np.zeros(2)
    for k in range(1, 30):  # torch: b₁ = g₀, then b ← μ b + g
        g = run.grads[k - 1]
        buffer = g.copy() if k == 1 else mu * buffer + g
        state = descent.states_along(opt, run, k)
        np.testing.assert_allclose(state.momentum_buffer, buffer, rtol=1e-12)
        np.testing.assert_allclose(run.points[k] - run.points[k - 1], -lr * buffer, rtol=1e-9)


def test_one_step_of_gradient_descent_is_x_minus_alpha_times_the_gradient():
    opt = optimizers.get("sgd", lr=0.1)
    p = np.array([3.0, 4.0])
    moved, state = descent.step(opt, opt.init(p), p, np.array([6.0, 8.0]))  # ∇(x² + y²)
    np.testing.assert_array_equal(moved, [2.4, 3.2])  # 3 − 0.1·6, 4 − 0.1·8
    np.testing.assert_array_equal(p, [3.0, 4.0])  # the point given is left alone
    assert state.count == 1
    scaled, _ = descent.step(opt, opt.init(p), np.array([[3.0], [4.0]]),
                             np.array([[6.0], [8.0]]), np.array([2.0]))  # fmt: skip
    np.testing.assert_allclose(scaled[:, 0], [1.8, 2.4])  # α scaled by 2


SCRIPT = """
import numpy as np
from gdgame.engine import descent, optimizers, surfaces

starts = np.random.default_rng(0).uniform(-5, 5, size=(40_000, 2))
runs = descent.run(surfaces.get("himmelblau"), optimizers.get("adam", lr=0.05), starts,
                   steps=50, record=False)
print("ran", runs.final.shape)
"""


def test_a_script_without_a_main_guard_runs_once(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(SCRIPT)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         check=True, timeout=120)  # fmt: skip
    assert out.stdout == "ran (40000, 2)\n"


def test_a_large_batch_starts_no_process_and_descent_does_not_import_parallel():
    code = (
        "import multiprocessing, sys, numpy as np\n"
        "from gdgame.engine import descent, optimizers, surfaces\n"
        "descent.run(surfaces.get('sphere'), optimizers.get('sgd', lr=0.1),\n"
        "            np.zeros((40_000, 2)), 20, record=False)\n"
        "print(len(multiprocessing.active_children()), 'gdgame.engine.parallel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "0 False\n"
