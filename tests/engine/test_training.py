"""Mini-batch training: the epochs' batches, full batch as gradient descent, divergence."""

import numpy as np
import pytest

from gdgame.engine import descent, loss_surface, models, optimizers, training

RNG = np.random.default_rng(3)
X = RNG.normal(size=(50, 2))
Y = X @ [2.0, -1.0] + 0.5 + RNG.normal(0, 0.1, 50)


@pytest.mark.parametrize("batch_size", [1, 7, 16, 50])
def test_every_epoch_visits_every_example_once_and_keeps_the_last_smaller_batch(batch_size):
    epochs = list(training.batch_order(50, batch_size, 3, seed=9))
    assert len(epochs) == 3
    for batches in epochs:
        assert sorted(np.concatenate(batches).tolist()) == list(range(50))
        assert [len(b) for b in batches[:-1]] == [batch_size] * (len(batches) - 1)
        assert len(batches[-1]) == 50 - batch_size * (len(batches) - 1)
        assert len(batches) == training.updates_per_epoch(50, batch_size) == -(-50 // batch_size)
    if batch_size < 50:  # a fresh shuffle each epoch
        assert not np.array_equal(np.concatenate(epochs[0]), np.concatenate(epochs[1]))


def test_the_counters_and_the_records():
    run = training.train(models.LinearRegression(), optimizers.get("sgd", lr=0.05), X, Y,
                         batch_size=16, epochs=3, seed=1)  # fmt: skip
    assert (run.updates, run.epochs, run.examples) == (12, 3, 150)
    assert run.params.shape == (13, 3) and run.batch_losses.shape == (12,)
    assert run.epoch_params.shape == (4, 3) and run.epoch_losses.shape == (4,)
    assert run.batches.tolist() == [0, 1, 2, 3] * 3
    np.testing.assert_array_equal(run.epoch_params[-1], run.final)
    np.testing.assert_array_equal(run.params[[0, 4, 8, 12]], run.epoch_params)
    assert run.epoch_losses[-1] < run.epoch_losses[0] / 10
    unrecorded = training.train(models.LinearRegression(), optimizers.get("sgd", lr=0.05), X, Y,
                                batch_size=16, epochs=3, seed=1, record=False)  # fmt: skip
    assert unrecorded.params is None
    np.testing.assert_array_equal(unrecorded.final, run.final)


def test_batch_size_n_is_exactly_full_batch_gradient_descent():
    model, lr = models.LinearRegression(), 0.1
    run = training.train(model, optimizers.get("sgd", lr=lr), X, Y, batch_size=50, epochs=30,
                         start=np.array([1.0, 1.0, 1.0]))  # fmt: skip
    p = np.array([1.0, 1.0, 1.0])
    for _ in range(30):
        p = p - lr * model.loss_grad(p, X, Y)[1]
    np.testing.assert_array_equal(run.final, p)


def test_full_batch_training_on_one_feature_walks_the_surface_descent_walks():
    x, y = X[:, 0], Y
    surface = loss_surface.line_fit(x, y, ((-5.0, 5.0), (-5.0, 5.0)))
    opt = optimizers.get("momentum", lr=0.2)
    run = training.train(models.LinearRegression(), opt, x[:, None], y, batch_size=50,
                         epochs=40, start=np.array([-3.0, 4.0]))  # fmt: skip
    walked = descent.run(surface, opt, start=(-3.0, 4.0), steps=40, tol=0)
    np.testing.assert_allclose(run.params, walked.points, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", optimizers.names())
def test_every_optimizer_trains_every_model(name):
    rates = {"sgd": 0.1, "momentum": 0.05, "nesterov": 0.05, "adagrad": 0.3, "rmsprop": 0.01,
             "adam": 0.05}  # fmt: skip
    labels = (Y > 0.5).astype(np.int64)
    for model, y in ((models.LinearRegression(), Y), (models.LogisticRegression(l2=0.01), labels),
                     (models.SoftmaxRegression(classes=2), labels)):  # fmt: skip
        run = training.train(model, optimizers.get(name, lr=rates[name]), X, y, batch_size=10,
                             epochs=20, seed=2)  # fmt: skip
        assert run.status == training.FINISHED
        assert run.epoch_losses[-1] < 0.6 * run.epoch_losses[0], (name, model)


def test_a_diverging_run_stops_before_the_update_that_would_leave_the_bound():
    run = training.train(models.LinearRegression(), optimizers.get("sgd", lr=3.0), X, Y,
                         batch_size=10, epochs=50, seed=0)  # fmt: skip
    assert run.status == training.DIVERGED and run.diverged_at == run.updates + 1
    assert np.isfinite(run.params).all() and np.isfinite(run.batch_losses).all()
    assert np.isfinite(run.epoch_losses).all() and len(run.epoch_losses) == run.epochs + 1
    assert np.abs(run.params).max() < training.BOUND


def test_bad_settings_are_refused():
    opt = optimizers.get("sgd", lr=0.1)
    for kwargs in ({"batch_size": 0, "epochs": 1}, {"batch_size": 51, "epochs": 1},
                   {"batch_size": 5, "epochs": -1}, {"batch_size": 2.5, "epochs": 1}):  # fmt: skip
        with pytest.raises(ValueError):
            training.train(models.LinearRegression(), opt, X, Y, **kwargs)
    with pytest.raises(ValueError, match="shape"):
        training.train(models.LinearRegression(), opt, X, Y, batch_size=5, epochs=1,
                       start=np.zeros(2))  # fmt: skip
    with pytest.raises(ValueError):
        training.train(models.LinearRegression(), opt, X, Y[:-1], batch_size=5, epochs=1)


def test_on_epoch_is_told_each_epoch():
    seen = []
    training.train(
        models.LinearRegression(),
        optimizers.get("sgd", lr=0.05),
        X,
        Y,
        batch_size=20,
        epochs=4,
        on_epoch=lambda e, p: seen.append((e, p.copy())),
    )
    assert [e for e, _ in seen] == [1, 2, 3, 4] and all(p.shape == (3,) for _, p in seen)


@pytest.mark.parametrize("batch_size", [50, 16])
def test_each_epochs_loss_is_the_loss_on_all_the_data_at_that_epochs_end(batch_size):
    model = models.LogisticRegression(l2=0.1)
    labels = (Y > 0.5).astype(np.int64)
    run = training.train(model, optimizers.get("adam", lr=0.1), X, labels,
                         batch_size=batch_size, epochs=6, seed=4)  # fmt: skip
    expected = [model.loss(p, X, labels) for p in run.epoch_params]
    np.testing.assert_array_equal(run.epoch_losses, expected)
