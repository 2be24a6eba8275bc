"""The network's loss, gradient and training against torch autograd + torch.optim (float64).

The committed reference (tests/data/network_reference.npz, written by
tools/make_network_reference.py) holds, for every activation with and without skip connections,
with and without L2, cross-entropy (one output and softmax) and squared error: the parameters,
the loss and the gradient torch computed there; and two Adam trainings update by update. The
tool builds its network from the packing the engine documents; none of it comes from our engine.
"""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from gdgame.engine import optimizers, training
from gdgame.engine.network import ACTIVATIONS, Network

REFERENCE = np.load(Path(__file__).parents[1] / "data" / "network_reference.npz")
CASES = {c["name"]: c for c in json.loads(str(REFERENCE["cases"]))}
TRAININGS = {t["name"]: t for t in json.loads(str(REFERENCE["trainings"]))}
TOL = 1e-10
FIELDS = ("hidden", "activation", "residual", "loss_kind", "outputs", "l2")


def network(spec: dict) -> Network:
    return Network(**{k: tuple(v) if k == "hidden" else v for k, v in spec.items() if k in FIELDS})


def test_the_reference_covers_every_activation_with_and_without_skips_and_l2():
    covered = {(c["activation"], c["residual"], c["l2"] > 0) for c in CASES.values()
               if c["loss_kind"] == "cross_entropy" and c["outputs"] == 1}  # fmt: skip
    assert covered == set(itertools.product(ACTIVATIONS, (False, True), (False, True)))
    kinds = {(c["loss_kind"], c["outputs"]) for c in CASES.values()}
    assert kinds == {("cross_entropy", 1), ("cross_entropy", 3), ("squared", 1)}


@pytest.mark.parametrize("name", sorted(CASES))
def test_loss_and_gradient_equal_torch_autograd(name):
    spec = CASES[name]
    X, y = REFERENCE[f"{spec['data']}/X"], REFERENCE[f"{spec['data']}/y"]
    net, params = network(spec), REFERENCE[f"{name}/params"]
    assert net.shape(2) == params.shape
    loss, grad = net.loss_grad(params, X, y)
    assert abs(loss - float(REFERENCE[f"{name}/loss"])) < TOL
    np.testing.assert_allclose(grad, REFERENCE[f"{name}/grad"], rtol=0, atol=TOL)
    assert abs(float(net.losses(params[None], X, y)[0]) - loss) < TOL  # the batched forward


@pytest.mark.parametrize("name", sorted(TRAININGS))
def test_adam_training_follows_torch_optim_update_by_update(name):
    spec = TRAININGS[name]
    X, y = REFERENCE[f"{spec['data']}/X"], REFERENCE[f"{spec['data']}/y"]
    offsets = REFERENCE[f"{name}/batch_offsets"]
    expected = [REFERENCE[f"{name}/batch_indices"][a:b] for a, b in itertools.pairwise(offsets)]
    ours = [idx for epoch in training.batch_order(len(y), spec["batch_size"], spec["epochs"],
                                                  spec["seed"]) for idx in epoch]  # fmt: skip
    assert len(ours) == len(expected) == spec["updates"]
    for mine, theirs in zip(ours, expected, strict=True):
        np.testing.assert_array_equal(mine, theirs)
    run = training.train(network(spec), optimizers.get("adam", lr=spec["lr"]), X, y,
                         batch_size=spec["batch_size"], epochs=spec["epochs"], seed=spec["seed"],
                         start=REFERENCE[f"{name}/start"])  # fmt: skip
    assert run.status == training.FINISHED and run.updates == spec["updates"]
    np.testing.assert_allclose(run.params, REFERENCE[f"{name}/params"], rtol=0, atol=TOL)
    np.testing.assert_allclose(run.batch_losses, REFERENCE[f"{name}/batch_losses"], rtol=0,
                               atol=TOL)  # fmt: skip
