"""Mini-batch training and the logistic optimum against torch.optim and scikit-learn.

The committed reference (tests/data/learning_reference.npz, written by
tools/make_learning_reference.py with torch autograd + torch.optim in float64 and with
scikit-learn's LogisticRegression) holds each case's data, its batches in order, the
parameters after every update and the losses; none of it comes from our engine.
"""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from gdgame.engine import models, optima, optimizers, training

REFERENCE = np.load(Path(__file__).parents[1] / "data" / "learning_reference.npz")
CASES = {case["name"]: case for case in json.loads(str(REFERENCE["cases"]))}
SKLEARN = [ref["name"] for ref in json.loads(str(REFERENCE["sklearn_refs"]))]
# Adam divides by √v + 1e-8: a gradient entry that is ~0 at the first step (a digit pixel no
# image inks) turns rounding noise into steps a million times larger (see the tool's notes).
TOLERANCE = {"softmax_digits_adam": 1e-10}


def _model(case: dict) -> models.Model:
    if case["model"] == "softmax":
        return models.SoftmaxRegression(classes=case["classes"], l2=case["l2"])
    return models.MODELS[case["model"]](l2=case["l2"])


def _trained(name: str) -> tuple[dict, training.Training]:
    case = CASES[name]
    opt = optimizers.get(case["optimizer"], **case["optimizer_kwargs"])
    X, y = REFERENCE[f"{name}/X"], REFERENCE[f"{name}/y"]
    run = training.train(_model(case), opt, X, y, batch_size=case["batch_size"],
                         epochs=case["epochs"], seed=case["seed"])  # fmt: skip
    return case, run


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_batches_are_torch_fixtures_batches_in_the_same_order(name):
    case = CASES[name]
    offsets = REFERENCE[f"{name}/batch_offsets"]
    expected = [REFERENCE[f"{name}/batch_indices"][a:b] for a, b in itertools.pairwise(offsets)]
    ours = [idx for epoch in training.batch_order(case["n"], case["batch_size"], case["epochs"],
                                                  case["seed"]) for idx in epoch]  # fmt: skip
    assert len(ours) == len(expected) == case["updates"]
    for mine, theirs in zip(ours, expected, strict=True):
        np.testing.assert_array_equal(mine, theirs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_training_follows_torch_optim_update_by_update(name):
    case, run = _trained(name)
    tol = TOLERANCE.get(name, 1e-12)
    assert run.status == training.FINISHED and run.updates == case["updates"]
    np.testing.assert_allclose(run.params, REFERENCE[f"{name}/params"], rtol=0, atol=tol)
    np.testing.assert_allclose(run.batch_losses, REFERENCE[f"{name}/batch_losses"], rtol=0,
                               atol=tol)  # fmt: skip
    np.testing.assert_allclose(run.epoch_losses, REFERENCE[f"{name}/epoch_losses"], rtol=0,
                               atol=tol)  # fmt: skip


@pytest.mark.parametrize("name", SKLEARN)
def test_newtons_logistic_optimum_has_scikit_learns_loss_and_coefficients(name):
    X, y = REFERENCE[f"{name}/X"], REFERENCE[f"{name}/y"]
    best = optima.logistic_optimum(X, y)
    assert best.finite
    assert best.loss == pytest.approx(float(REFERENCE[f"{name}/loss"]), rel=1e-12)
    # lbfgs stops ~1e-8 from the optimum; its loss agrees to 1e-15, the coefficients to 1e-7
    np.testing.assert_allclose(best.params[:-1], REFERENCE[f"{name}/coef"][0], atol=1e-6)
    np.testing.assert_allclose(best.params[-1], REFERENCE[f"{name}/intercept"][0], atol=1e-6)
