"""A small fully connected network, trained like the other models: one flat parameter array.

Layers ``d → h₁ → … → h_k → outputs``: each hidden layer is a = act(a_prev·W + b), or with
``residual`` skip connections a = a_prev + act(a_prev·W + b) wherever a layer keeps its width;
the output layer is linear (the logits). Backpropagation is matrix by matrix: with δ the
gradient of the loss at a layer's pre-activation z, ∂L/∂W = a_prevᵀδ, ∂L/∂b = Σ δ and the
gradient passed down is δWᵀ (plus, across a skip, the gradient at the layer's output itself).

Losses, with z the logits and λ the L2 strength on the weights (never the biases):
- "cross_entropy": one output: mean(log(1 + eᶻ) − y·z) with y in {0, 1}; several: softmax
  cross-entropy with y the class index;
- "squared": mean over examples of Σ (z − y)² (as linear regression's mean squared error).

Initializations: "zero" (every weight and bias 0: the symmetry no gradient can break),
"uniform" (TensorFlow Playground's: weights uniform in [−0.5, 0.5], biases 0.1), "xavier"
(Glorot uniform, ±√(6/(fan_in + fan_out))) and "he" (normal, σ = √(2/fan_in)); biases 0 but
for "uniform". The weights of the k layers behind skips start 1/√k as large. Parameters are
packed layer by layer, W (fan_in × fan_out, row major) then b.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from gdgame.engine.models import Model, sigmoid, softplus_sigmoid

Array = np.ndarray
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
LOSSES = ("cross_entropy", "squared")
INITS = ("zero", "uniform", "xavier", "he")


def activate(kind: str, z: Array) -> Array:
    """The activation of the pre-activations ``z``."""
    if kind == "tanh":
        return np.tanh(z)
    if kind == "relu":
        return np.maximum(z, 0.0)
    if kind == "sigmoid":
        return sigmoid(z)
    return z


def _activate_into(kind: str, z: Array) -> Array:
    """`activate`, written over ``z`` (which the caller no longer needs)."""
    if kind == "tanh":
        return np.tanh(z, out=z)
    if kind == "relu":
        return np.maximum(z, 0.0, out=z)
    if kind == "sigmoid":
        z[...] = sigmoid(z)
    return z


def slope(kind: str, z: Array, h: Array) -> Array:
    """The activation's derivative at ``z``, given its value ``h`` there."""
    if kind == "tanh":
        return 1.0 - h * h
    if kind == "relu":
        return (z > 0).astype(z.dtype)
    if kind == "sigmoid":
        return h * (1.0 - h)
    return np.ones_like(z)


@dataclass(frozen=True)
class Network(Model):
    """A fully connected network with ``hidden`` widths; see the module docstring."""

    hidden: tuple[int, ...] = (4, 4)
    activation: str = "tanh"
    loss_kind: str = "cross_entropy"
    outputs: int = 1
    residual: bool = False
    init_kind: str = "xavier"
    seed: int = 0
    name: ClassVar[str] = "network"
    title: ClassVar[str] = "Neural network"

    def __post_init__(self) -> None:
        super().__post_init__()
        for value, allowed, what in ((self.activation, ACTIVATIONS, "activation"),
                                     (self.loss_kind, LOSSES, "loss"),
                                     (self.init_kind, INITS, "initialization")):  # fmt: skip
            if value not in allowed:
                raise ValueError(f"Unknown {what} {value!r}: one of {', '.join(allowed)}")
        if not (all(int(h) >= 1 for h in self.hidden) and self.outputs >= 1):
            raise ValueError("every layer needs at least one neuron")

    def sizes(self, d: int) -> list[int]:
        """The widths of every layer, input and output included."""
        return [d, *self.hidden, self.outputs]

    def shape(self, d: int) -> tuple[int, ...]:
        sizes = self.sizes(d)
        return (sum(a * b + b for a, b in itertools.pairwise(sizes)),)

    def layers(self, params: Array, d: int) -> list[tuple[Array, Array]]:
        """Views (W, b) of each layer in ``params`` (…, P): leading axes are kept."""
        sizes, out, at = self.sizes(d), [], 0
        lead = params.shape[:-1]
        for a, b in itertools.pairwise(sizes):
            W = params[..., at : at + a * b].reshape(*lead, a, b)
            at += a * b
            out.append((W, params[..., at : at + b]))
            at += b
        return out

    def weight_mask(self, d: int) -> Array:
        """True for the weights, False for the biases, in the parameters' order."""
        mask = np.zeros(self.shape(d), dtype=bool)
        for W, _ in self.layers(np.arange(mask.size), d):
            mask[W.ravel()] = True
        return mask

    def init(self, d: int) -> Array:
        rng = np.random.default_rng(self.seed)
        params = np.zeros(self.shape(d))
        skips = [*self._skips(d), False]
        # Without normalization layers, k residual branches each as large as a plain layer add
        # up: each branch starts 1/√k as large (as Fixup and SkipInit do), the sum stays sane.
        shrink = 1.0 / np.sqrt(max(1, sum(skips)))
        for (W, b), skip in zip(self.layers(params, d), skips, strict=True):
            fan_in, fan_out = W.shape
            if self.init_kind == "uniform":
                W[...] = rng.uniform(-0.5, 0.5, W.shape)
                b[...] = 0.1
            elif self.init_kind == "xavier":
                limit = np.sqrt(6.0 / (fan_in + fan_out))
                W[...] = rng.uniform(-limit, limit, W.shape)
            elif self.init_kind == "he":
                W[...] = rng.normal(0.0, np.sqrt(2.0 / fan_in), W.shape)
            if skip:
                W *= shrink
        return params

    def _skips(self, d: int) -> list[bool]:
        """Which hidden layers add their input to their output."""
        sizes = self.sizes(d)
        return [self.residual and a == b for a, b in itertools.pairwise(sizes[:-1])]

    def forward(self, params: Array, X: Array) -> tuple[Array, list]:
        """The logits, and what backpropagation needs of each hidden layer."""
        layers, tape, a = self.layers(params, X.shape[-1]), [], X
        for (W, b), skip in zip(layers[:-1], self._skips(X.shape[-1]), strict=True):
            z = a @ W + b[..., None, :]
            h = activate(self.activation, z)
            tape.append((a, z, h))
            a = a + h if skip else h
        W, b = layers[-1]
        return a @ W + b[..., None, :], [*tape, (a, None, None)]

    def logits(self, params: Array, X: Array) -> Array:
        z = self.forward(params, X)[0]
        return z[..., 0] if self.outputs == 1 else z

    def predict(self, params: Array, X: Array) -> Array:
        """P(class 1) for one output, each class's probability for several; the values
        themselves for the squared loss."""
        z = self.logits(params, X)
        if self.loss_kind == "squared":
            return z
        if self.outputs == 1:
            return sigmoid(z)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def _output_loss(self, z: Array, y: Array) -> tuple[Array, Array]:
        """The mean loss (per leading index) and its gradient at the logits z (…, n, out)."""
        n = z.shape[-2]
        if self.loss_kind == "squared":
            r = z - (y[..., None] if self.outputs == 1 else y)
            return (r * r).sum(axis=(-2, -1)) / n, 2.0 * r / n
        if self.outputs == 1:
            s, p = softplus_sigmoid(z[..., 0])
            loss = (s - y * z[..., 0]).sum(axis=-1) / n
            return loss, ((p - y) / n)[..., None]
        top = z.max(axis=-1, keepdims=True)
        e = np.exp(z - top)
        total = e.sum(axis=-1, keepdims=True)
        index = np.broadcast_to(np.asarray(y, dtype=np.int64)[..., None], (*z.shape[:-1], 1))
        picked = np.take_along_axis(z, index, axis=-1)[..., 0]
        loss = (top[..., 0] + np.log(total[..., 0]) - picked).sum(axis=-1) / n
        grad = e / total
        np.put_along_axis(grad, index, np.take_along_axis(grad, index, axis=-1) - 1.0, axis=-1)
        return loss, grad / n

    def losses(self, params: Array, X: Array, y: Array) -> Array:
        """The loss of many networks at once: ``params`` (k, P) gives (k,) (a landscape).

        The forward pass alone, in place: nothing is kept for a backward pass."""
        layers, a = self.layers(params, X.shape[-1]), X
        for (W, b), skip in zip(layers[:-1], self._skips(X.shape[-1]), strict=True):
            z = a @ W
            z += b[..., None, :]
            h = _activate_into(self.activation, z)
            if skip:
                h += a
            a = h
        W, b = layers[-1]
        z = a @ W
        z += b[..., None, :]
        loss = self._output_loss(z, y)[0]
        if self.l2:
            w = params[..., self.weight_mask(X.shape[-1])]
            loss = loss + 0.5 * self.l2 * (w * w).sum(axis=-1)
        return loss

    def loss_grad(self, params: Array, X: Array, y: Array) -> tuple[float, Array]:
        d = X.shape[1]
        z, tape = self.forward(params, X)
        loss, delta = self._output_loss(z, y)
        grad = np.empty_like(params)
        grads = self.layers(grad, d)
        layers = self.layers(params, d)
        skips = self._skips(d)
        a = tape[-1][0]
        (W, _), (gW, gb) = layers[-1], grads[-1]
        gW[...] = a.T @ delta
        gb[...] = delta.sum(axis=0)
        up = delta @ W.T  # the gradient at the last hidden layer's output
        for i in range(len(layers) - 2, -1, -1):
            a_prev, zi, h = tape[i]
            delta = up * slope(self.activation, zi, h)
            (W, _), (gW, gb) = layers[i], grads[i]
            gW[...] = a_prev.T @ delta
            gb[...] = delta.sum(axis=0)
            if i:  # the input layer passes nothing further down
                up = delta @ W.T + (up if skips[i] else 0.0)
        loss = float(loss)
        if self.l2:
            mask = self.weight_mask(d)
            w = params[mask]
            loss += 0.5 * self.l2 * float(w @ w)
            grad[mask] += self.l2 * w
        return loss, grad
