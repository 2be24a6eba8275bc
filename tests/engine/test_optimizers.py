"""Optimizers against torch.optim (committed reference data), hand-computed steps, purity."""

import numpy as np
import pytest

from gdgame.engine import descent, optimizers, surfaces
from tests.engine.torch_reference import hyper_of, load, optimizer_of

DATA, META = load()
CASES = META["cases"]


def case_id(case):
    return f"{case['surface']}-{case['optimizer']}-{case['key'].rsplit('_', 1)[1]}"


def test_reference_was_made_by_torch_2_13_over_at_least_200_steps():
    assert META["torch"].startswith("2.13.0") and META["steps"] >= 200


def test_reference_covers_every_optimizer_and_a_non_default_value_of_every_option():
    covered = {(c["optimizer"], k) for c in CASES for k in c["hyper"]}
    for name, options in {
        "sgd": ["momentum", "dampening", "nesterov", "weight_decay"],
        "adagrad": ["lr_decay", "initial_accumulator_value", "eps", "weight_decay"],
        "rmsprop": ["alpha", "eps", "momentum", "centered", "weight_decay"],
        "adam": ["betas", "eps", "amsgrad", "weight_decay"],
    }.items():
        for option in options:
            assert (name, option) in covered, (name, option)
    assert {c["surface"] for c in CASES} == {"rosenbrock", "himmelblau"}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_trajectory_matches_torch(case):
    s = surfaces.get(case["surface"])
    ref = DATA[case["key"]]
    run = descent.run(s, optimizer_of(case), case["start"], steps=len(ref) - 1, tol=0)
    assert run.status == "max_steps"
    scale = np.abs(ref).max()
    np.testing.assert_allclose(run.points, ref, rtol=1e-10, atol=1e-10 * scale)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_update_matches_torch_given_torch_gradients(case):
    ref, grads = DATA[case["key"]], DATA[case["key"] + "_grads"]
    opt = optimizer_of(case)
    state = opt.init(ref[0])
    for k, g in enumerate(grads):
        step, state = opt.update(g, state, ref[k])
        np.testing.assert_allclose(ref[k] + step, ref[k + 1], rtol=1e-13, atol=1e-15)
    # our own gradient at torch's points agrees with autograd's
    s = surfaces.get(case["surface"])
    ours = np.array(s.grad(ref[:-1, 0], ref[:-1, 1])).T
    np.testing.assert_allclose(ours, grads, rtol=1e-12, atol=1e-12 * np.abs(grads).max())


@pytest.mark.parametrize("entry", META["invalid"], ids=lambda e: e["message"])
def test_invalid_hyper_parameters_raise_torchs_message(entry):
    with pytest.raises(ValueError) as err:
        optimizers.get(entry["optimizer"], **hyper_of(entry))
    assert str(err.value) == entry["message"]


def test_defaults_are_torchs():
    assert optimizers.get("sgd").hyper["lr"] == 1e-3
    assert optimizers.get("adagrad").hyper["lr"] == 1e-2
    assert optimizers.get("adagrad").hyper["eps"] == 1e-10
    assert optimizers.get("rmsprop").hyper["alpha"] == 0.99
    assert optimizers.get("rmsprop").hyper["eps"] == 1e-8
    assert optimizers.get("adam").hyper["betas"] == (0.9, 0.999)
    assert optimizers.get("adam").hyper["lr"] == 1e-3


def test_momentum_and_nesterov_are_sgd_with_those_options():
    m = optimizers.get("momentum", lr=0.1)
    n = optimizers.get("nesterov", lr=0.1, momentum=0.5)
    assert m.name == "momentum" and m.hyper["momentum"] == 0.9 and not m.hyper["nesterov"]
    assert n.name == "nesterov" and n.hyper["momentum"] == 0.5 and n.hyper["nesterov"]
    with pytest.raises(ValueError, match="Nesterov"):
        optimizers.get("nesterov", lr=0.1, dampening=0.5)


def test_unknown_optimizer_or_option_is_refused():
    with pytest.raises(ValueError, match="Unknown optimizer"):
        optimizers.get("lion")
    with pytest.raises(ValueError, match="Invalid parameters for optimizer"):
        optimizers.get("adam", momentum=0.9)


def test_adam_first_step_is_lr_times_sign_like_ratio():
    g = np.array([3.0, -0.5, 1e-9, 0.0])
    opt = optimizers.get("adam", lr=0.05)
    step, _ = opt.update(g, opt.init(np.zeros(4)), np.zeros(4))
    np.testing.assert_allclose(step, -0.05 * g / (np.abs(g) + 1e-8), rtol=1e-12)


def test_momentum_buffer_starts_at_the_first_gradient():
    opt = optimizers.get("momentum", lr=0.1, momentum=0.9, dampening=0.5)
    p = np.zeros(2)
    g1, g2 = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    s1, state = opt.update(g1, opt.init(p), p)
    s2, _ = opt.update(g2, state, p)
    np.testing.assert_allclose(s1, -0.1 * g1)  # no dampening on the first step
    np.testing.assert_allclose(s2, -0.1 * (0.9 * g1 + 0.5 * g2))


def test_rmsprop_adds_eps_after_the_square_root():
    opt = optimizers.get("rmsprop", lr=1.0, alpha=0.0, eps=0.5)
    step, _ = opt.update(np.array([4.0]), opt.init(np.zeros(1)), np.zeros(1))
    assert step[0] == pytest.approx(-4.0 / (4.0 + 0.5))


@pytest.mark.parametrize("name", optimizers.names())
def test_updates_are_pure_and_work_on_any_shape(name):
    rng = np.random.default_rng(3)
    p, g = rng.normal(size=(3, 4, 5)), rng.normal(size=(3, 4, 5))
    opt = optimizers.get(name, lr=0.1, weight_decay=0.01)
    state = opt.init(p)
    p0, g0 = p.copy(), g.copy()
    state_before = [f.copy() if isinstance(f, np.ndarray) else f for f in state]
    for _ in range(3):
        step, new_state = opt.update(g, state, p)
    np.testing.assert_array_equal(p, p0)
    np.testing.assert_array_equal(g, g0)
    for before, after in zip(state_before, state, strict=True):
        if isinstance(before, np.ndarray):
            np.testing.assert_array_equal(before, after)
    assert step.shape == p.shape and new_state.count == state.count + 1
    # elementwise: one element alone takes the same step
    s1, _ = opt.update(g[1, 2, 3:4], opt.init(p[1, 2, 3:4]), p[1, 2, 3:4])
    s_all, _ = opt.update(g, opt.init(p), p)
    assert s1[0] == s_all[1, 2, 3]
