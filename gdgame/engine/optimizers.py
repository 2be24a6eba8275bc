"""Optimizers as pure (init, update) pairs with torch.optim's names, defaults and rules.

``update(grads, state, params) -> (step, new_state)`` returns the step instead of applying it
(`gdgame.engine.descent.step` makes ``params + step`` the new point), so a figure can draw it
as an arrow. Arrays may have any shape: (2, k) is k independent 2-D runs, a vector a model's
weights. States are small NamedTuples, never mutated; their ``count`` is the updates done.

Every rule is torch's single-tensor code path (torch 2.13) in float64, checked against
torch.optim itself by the tests. ``schedule`` (see `gdgame.engine.schedules`) sets the rate of
the update numbered t from 0, as a scheduler stepped after every update would.

Symbols in the rules: θ the parameters (the point), g the gradient there, α the learning rate
(``lr``), λ the weight decay (``weight_decay``), t the number of this update counting from 1.
Each optimizer's docstring names the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from gdgame.engine.optimizer_states import AdagradState, AdamState, RMSpropState, SGDState
from gdgame.engine.registry import Registry
from gdgame.engine.schedules import Schedule

Array = np.ndarray


class Optimizer(NamedTuple):
    """An optimizer: its name, hyper-parameters, and the pure init/update pair.

    ``update`` returns a fresh step array, never one it keeps or was given: `descent.step`
    turns it into the new point in place.
    """

    name: str
    hyper: MappingProxyType
    init: Callable[[Array], Any]
    update: Callable[[Array, Any, Array], tuple[Array, Any]]
    lr_at: Callable[[int], float]

    def rates(self, n: int) -> Array:
        """The learning rate of each of the first ``n`` updates (a schedule's, or α each)."""
        return np.array([self.lr_at(t) for t in range(n)], dtype=np.float64)

    def __reduce__(self) -> tuple:
        """Pickled as its name and hyper-parameters (its functions are closures)."""
        return _rebuild, (self.name, dict(self.hyper))


def _lerp(a: Array, b: Array, w: float) -> Array:
    """torch.lerp's formula (it switches form at w = 0.5 for accuracy), as a new array."""
    out = b - a
    if abs(w) < 0.5:
        out *= w
        out += a
    else:
        out *= w - 1
        out += b
    return out


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _lr_at(lr: float, schedule: Schedule | None) -> Callable[[int], float]:
    _check(lr >= 0.0, f"Invalid learning rate: {lr}")
    return (lambda t: lr) if schedule is None else (lambda t: schedule(t, lr))


def _pack(name: str, init, update, lr_at, **hyper: Any) -> Optimizer:
    return Optimizer(name, MappingProxyType(hyper), init, update, lr_at)


def sgd(
    lr=1e-3,
    momentum=0.0,
    dampening=0.0,
    weight_decay=0.0,
    nesterov=False,
    schedule=None,
):
    """Stochastic gradient descent, optionally with (Nesterov) momentum.

    g ← ∇f + λθ;  b ← g at the first step, else μb + (1 − τ)g;
    g ← g + μb (Nesterov) or b (momentum);  step = −α·g.

    μ is the momentum (``momentum``), τ the dampening (``dampening``) and b the momentum
    buffer, which starts at the first gradient (torch's convention).
    """
    lr_at = _lr_at(lr, schedule)
    _check(momentum >= 0.0, f"Invalid momentum value: {momentum}")
    _check(weight_decay >= 0.0, f"Invalid weight_decay value: {weight_decay}")
    _check(
        not nesterov or (momentum > 0 and dampening == 0),
        "Nesterov momentum requires a momentum and zero dampening",
    )

    def init(params: Array) -> SGDState:
        return SGDState(0, None)

    def update(grads: Array, state: SGDState, params: Array) -> tuple[Array, SGDState]:
        g = grads + weight_decay * params if weight_decay != 0 else grads
        buf = state.momentum_buffer
        if momentum != 0:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        return -lr_at(state.count) * g, SGDState(state.count + 1, buf)

    return _pack(
        "sgd", init, update, lr_at, lr=lr, momentum=momentum, dampening=dampening,
        weight_decay=weight_decay, nesterov=nesterov, schedule=schedule,
    )  # fmt: skip


def adagrad(
    lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
    schedule=None,
):  # fmt: skip
    """AdaGrad: each coordinate's rate shrinks with the sum of its squared gradients.

    g ← ∇f + λθ;  s ← s + g²;  step = −α/(1 + (t − 1)·η) · g / (√s + ε).

    s is the sum of squared gradients, starting at ``initial_accumulator_value``; η is the rate
    decay (``lr_decay``) and ε (``eps``) keeps the division finite.
    """
    lr_at = _lr_at(lr, schedule)
    _check(lr_decay >= 0.0, f"Invalid lr_decay value: {lr_decay}")
    _check(weight_decay >= 0.0, f"Invalid weight_decay value: {weight_decay}")
    _check(
        initial_accumulator_value >= 0.0,
        f"Invalid initial_accumulator_value value: {initial_accumulator_value}",
    )
    _check(eps >= 0.0, f"Invalid epsilon value: {eps}")

    def init(params: Array) -> AdagradState:
        return AdagradState(0, np.full_like(params, initial_accumulator_value, dtype=np.float64))

    def update(grads: Array, state: AdagradState, params: Array) -> tuple[Array, AdagradState]:
        g = grads + weight_decay * params if weight_decay != 0 else grads
        clr = lr_at(state.count) / (1 + state.count * lr_decay)
        total = state.sum + g * g
        return -clr * (g / (np.sqrt(total) + eps)), AdagradState(state.count + 1, total)

    return _pack(
        "adagrad", init, update, lr_at, lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
        initial_accumulator_value=initial_accumulator_value, eps=eps, schedule=schedule,
    )  # fmt: skip


def rmsprop(
    lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
    schedule=None,
):  # fmt: skip
    """RMSProp: divide by a running root-mean-square of the gradient (ε after the root).

    g ← ∇f + λθ;  v ← ρv + (1 − ρ)g²;  centered: m ← m + (1 − ρ)(g − m), d = √(v − m²) + ε,
    else d = √v + ε;  with momentum μ > 0: b ← μb + g/d, step = −α·b; else step = −α·g/d.

    ρ is the smoothing constant, which torch calls ``alpha`` (it is not the learning rate α,
    which is ``lr``); v and m are running means of g² and g, starting at 0; ε is ``eps``,
    μ the ``momentum`` and b its buffer, starting at 0.
    """
    lr_at = _lr_at(lr, schedule)
    _check(eps >= 0.0, f"Invalid epsilon value: {eps}")
    _check(momentum >= 0.0, f"Invalid momentum value: {momentum}")
    _check(weight_decay >= 0.0, f"Invalid weight_decay value: {weight_decay}")
    _check(alpha >= 0.0, f"Invalid alpha value: {alpha}")

    def init(params: Array) -> RMSpropState:
        zeros = np.zeros_like(params, dtype=np.float64)
        return RMSpropState(0, zeros, zeros if centered else None, zeros if momentum > 0 else None)

    def update(grads: Array, state: RMSpropState, params: Array) -> tuple[Array, RMSpropState]:
        g = grads + weight_decay * params if weight_decay != 0 else grads
        square_avg = state.square_avg * alpha + (1 - alpha) * g * g
        grad_avg = state.grad_avg
        if centered:
            grad_avg = _lerp(grad_avg, g, 1 - alpha)
            avg = np.sqrt(square_avg - grad_avg * grad_avg) + eps
        else:
            avg = np.sqrt(square_avg) + eps
        lr_t = lr_at(state.count)
        buf = state.momentum_buffer
        if momentum > 0:
            buf = buf * momentum + g / avg
            step = -lr_t * buf
        else:
            step = -lr_t * (g / avg)
        return step, RMSpropState(state.count + 1, square_avg, grad_avg, buf)

    return _pack(
        "rmsprop", init, update, lr_at, lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
        momentum=momentum, centered=centered, schedule=schedule,
    )  # fmt: skip


def adam(
    lr=1e-3,
    betas=(0.9, 0.999),
    eps=1e-8,
    weight_decay=0.0,
    amsgrad=False,
    schedule=None,
):
    """Adam: momentum on the gradient and on its square, both corrected for their zero start.

    g ← ∇f + λθ;  m ← m + (1 − β₁)(g − m);  v ← β₂v + (1 − β₂)g²;  v̂ ← max(v̂, v) with
    ``amsgrad``, else v̂ = v;  step = −α/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε).

    m and v are running means of g and g², starting at 0, with decays β₁, β₂ (``betas``);
    dividing by 1 − βᵗ corrects their start at zero; ε is ``eps``.
    """
    lr_at = _lr_at(lr, schedule)
    beta1, beta2 = betas
    _check(eps >= 0.0, f"Invalid epsilon value: {eps}")
    _check(0.0 <= beta1 < 1.0, f"Invalid beta parameter at index 0: {beta1}")
    _check(0.0 <= beta2 < 1.0, f"Invalid beta parameter at index 1: {beta2}")
    _check(weight_decay >= 0.0, f"Invalid weight_decay value: {weight_decay}")

    def init(params: Array) -> AdamState:
        zeros = np.zeros_like(params, dtype=np.float64)
        return AdamState(0, zeros, zeros, zeros if amsgrad else None)

    def update(grads: Array, state: AdamState, params: Array) -> tuple[Array, AdamState]:
        # In-place arithmetic on fresh arrays only: the state passed in is never changed.
        g = grads + weight_decay * params if weight_decay != 0 else grads
        t = state.count + 1
        m = _lerp(state.exp_avg, g, 1 - beta1)
        v = (1 - beta2) * g
        v *= g
        v += state.exp_avg_sq * beta2
        v_hat = np.maximum(state.max_exp_avg_sq, v) if amsgrad else v
        denom = np.sqrt(v_hat)
        denom /= (1 - beta2**t) ** 0.5
        denom += eps
        step = np.divide(m, denom, out=denom)
        step *= -lr_at(state.count) / (1 - beta1**t)
        return step, AdamState(t, m, v, v_hat if amsgrad else None)

    return _pack(
        "adam", init, update, lr_at, lr=lr, betas=tuple(betas), eps=eps,
        weight_decay=weight_decay, amsgrad=amsgrad, schedule=schedule,
    )  # fmt: skip


def momentum(lr=1e-3, momentum=0.9, **options: Any) -> Optimizer:
    """SGD with heavy-ball momentum (default μ = 0.9)."""
    return sgd(lr=lr, momentum=momentum, **options)._replace(name="momentum")


def nesterov(lr=1e-3, momentum=0.9, **options: Any) -> Optimizer:
    """SGD with Nesterov momentum (default μ = 0.9)."""
    return sgd(lr=lr, momentum=momentum, nesterov=True, **options)._replace(name="nesterov")


TITLES = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov", "adagrad": "AdaGrad",
          "rmsprop": "RMSProp", "adam": "Adam"}  # fmt: skip
_REGISTRY = Registry(
    "optimizer",
    {"sgd": sgd, "momentum": momentum, "nesterov": nesterov, "adagrad": adagrad,
     "rmsprop": rmsprop, "adam": adam},
)  # fmt: skip


def _rebuild(name: str, hyper: dict) -> Optimizer:
    """The optimizer ``name`` with these hyper-parameters: how optimizers unpickle."""
    if name in ("momentum", "nesterov"):  # SGD with those options, under its own name
        return sgd(**hyper)._replace(name=name)
    return get(name, **hyper)


def names() -> list[str]:
    """Registry names of the optimizers, simplest first."""
    return _REGISTRY.names()


def get(name: str, **hyper: Any) -> Optimizer:
    """The optimizer ``name`` with torch.optim's hyper-parameters; ValueError if invalid."""
    return _REGISTRY.get(name, **hyper)
