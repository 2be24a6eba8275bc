"""Generate tests/data/torch_reference.npz: torch.optim's own numbers for our tests.

Run with torch==2.13.0 (CPU) installed:  python tools/make_torch_reference.py
CI does not need torch: the tests read the committed file.

It records, in float64 on the single-tensor code path:
- trajectories of every optimizer, with a non-default value of every option, on Rosenbrock
  and Himmelblau (written here in torch, gradients by autograd), 300 steps each, with the
  gradient torch used at every step (so a test can check each update on its own);
- the learning rate that torch's schedulers give at each of 120 steps;
- torch's ValueError message for invalid hyper-parameters.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

STEPS = 300
OUT = Path(__file__).parents[1] / "tests" / "data" / "torch_reference.npz"

SURFACES = {
    "rosenbrock": (lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2, (-1.2, 1.0)),
    "himmelblau": (
        lambda p: (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2,
        (0.5, -0.5),
    ),
}

# (our registry name, torch class, torch kwargs, per-surface lr, schedule or None)
SLOW = {"rosenbrock": 2e-4, "himmelblau": 5e-3}
ADAPTIVE = {"rosenbrock": 1e-2, "himmelblau": 5e-2}
CASES = [
    ("sgd", "SGD", {}, SLOW, None),
    ("sgd", "SGD", {"weight_decay": 0.1}, SLOW, None),
    ("sgd", "SGD", {"momentum": 0.9}, SLOW, None),
    ("sgd", "SGD", {"momentum": 0.9, "dampening": 0.5}, SLOW, None),
    ("sgd", "SGD", {"momentum": 0.8, "nesterov": True}, SLOW, None),
    ("adagrad", "Adagrad", {}, ADAPTIVE, None),
    ("adagrad", "Adagrad", {"lr_decay": 0.01}, ADAPTIVE, None),
    ("adagrad", "Adagrad", {"initial_accumulator_value": 0.5}, ADAPTIVE, None),
    ("adagrad", "Adagrad", {"eps": 1e-2}, ADAPTIVE, None),
    ("adagrad", "Adagrad", {"weight_decay": 0.05}, ADAPTIVE, None),
    ("rmsprop", "RMSprop", {}, ADAPTIVE, None),
    # At lr 1e-2 this path is chaotic (a 1-ulp change of a gradient grows 1e12-fold).
    ("rmsprop", "RMSprop", {"alpha": 0.9}, {"rosenbrock": 1e-3, "himmelblau": 5e-2}, None),
    ("rmsprop", "RMSprop", {"eps": 1e-2}, ADAPTIVE, None),
    ("rmsprop", "RMSprop", {"momentum": 0.5}, ADAPTIVE, None),
    ("rmsprop", "RMSprop", {"centered": True}, ADAPTIVE, None),
    ("rmsprop", "RMSprop", {"weight_decay": 0.05}, ADAPTIVE, None),
    ("adam", "Adam", {}, ADAPTIVE, None),
    ("adam", "Adam", {"betas": (0.8, 0.99)}, ADAPTIVE, None),
    ("adam", "Adam", {"eps": 1e-2}, ADAPTIVE, None),
    ("adam", "Adam", {"amsgrad": True}, ADAPTIVE, None),
    ("adam", "Adam", {"weight_decay": 0.05}, ADAPTIVE, None),
    ("adam", "Adam", {}, ADAPTIVE, ("cosine", {"t_max": 100, "eta_min": 1e-3})),
    ("sgd", "SGD", {"momentum": 0.9}, SLOW, ("step", {"step_size": 40, "gamma": 0.5})),
]

SCHEDULES = [
    ("step", {"step_size": 7, "gamma": 0.5}, "StepLR", {"step_size": 7, "gamma": 0.5}),
    ("exponential", {"gamma": 0.97}, "ExponentialLR", {"gamma": 0.97}),
    ("cosine", {"t_max": 50, "eta_min": 1e-3}, "CosineAnnealingLR", {"T_max": 50, "eta_min": 1e-3}),
    (
        "warmup",
        {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 10},
        "LinearLR",
        {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 10},
    ),
]

INVALID = [
    ("sgd", "SGD", {"lr": -0.1}),
    ("sgd", "SGD", {"momentum": -0.5}),
    ("sgd", "SGD", {"weight_decay": -1.0}),
    ("sgd", "SGD", {"momentum": 0.9, "dampening": 0.1, "nesterov": True}),
    ("sgd", "SGD", {"nesterov": True}),
    ("adagrad", "Adagrad", {"lr_decay": -1.0}),
    ("adagrad", "Adagrad", {"initial_accumulator_value": -1.0}),
    ("adagrad", "Adagrad", {"eps": -1.0}),
    ("rmsprop", "RMSprop", {"alpha": -0.1}),
    ("rmsprop", "RMSprop", {"momentum": -0.1}),
    ("rmsprop", "RMSprop", {"eps": -1e-8}),
    ("adam", "Adam", {"betas": (1.0, 0.999)}),
    ("adam", "Adam", {"betas": (0.9, 1.5)}),
    ("adam", "Adam", {"lr": float("nan")}),
]


def _scheduler(opt, spec):
    name, params = spec
    lrs = torch.optim.lr_scheduler
    if name == "cosine":
        return lrs.CosineAnnealingLR(opt, T_max=params["t_max"], eta_min=params["eta_min"])
    return lrs.StepLR(opt, **params)


def trajectory(surface: str, cls: str, kwargs: dict, lr: float, schedule):
    f, start = SURFACES[surface]
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls)([p], lr=lr, foreach=False, **kwargs)
    sched = _scheduler(opt, schedule) if schedule else None
    points, grads = [p.detach().clone().numpy()], []
    for _ in range(STEPS):
        opt.zero_grad()
        f(p).backward()
        grads.append(p.grad.detach().clone().numpy())
        opt.step()
        if sched:
            sched.step()
        points.append(p.detach().clone().numpy())
    return np.array(points), np.array(grads)


def schedule_lrs(cls: str, kwargs: dict, base_lr: float = 0.1, steps: int = 120) -> np.ndarray:
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    sched = getattr(torch.optim.lr_scheduler, cls)(opt, **kwargs)
    lrs = []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return np.array(lrs)


def main() -> None:
    torch.set_num_threads(1)
    arrays, meta = {}, {"torch": torch.__version__, "steps": STEPS, "cases": [], "schedules": []}
    for surface, (_, start) in SURFACES.items():
        for i, (ours, cls, kwargs, lrs, schedule) in enumerate(CASES):
            key = f"traj_{surface}_{i}"
            arrays[key], arrays[key + "_grads"] = trajectory(
                surface, cls, kwargs, lrs[surface], schedule
            )
            hyper = {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}
            meta["cases"].append(
                {"key": key, "surface": surface, "start": start, "optimizer": ours,
                 "hyper": {"lr": lrs[surface], **hyper}, "schedule": schedule}
            )  # fmt: skip
    for i, (ours, params, cls, kwargs) in enumerate(SCHEDULES):
        key = f"lrs_{i}"
        arrays[key] = schedule_lrs(cls, kwargs)
        meta["schedules"].append({"key": key, "name": ours, "params": params, "base_lr": 0.1})
    meta["invalid"] = []
    for ours, cls, kwargs in INVALID:
        try:
            getattr(torch.optim, cls)([torch.zeros(1)], **kwargs)
        except ValueError as err:
            hyper = {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}
            meta["invalid"].append({"optimizer": ours, "hyper": hyper, "message": str(err)})
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez_compressed(OUT, **arrays)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(meta['cases'])} trajectories)")


if __name__ == "__main__":
    main()
