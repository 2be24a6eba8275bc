"""Access to tests/data/torch_reference.npz, made by tools/make_torch_reference.py."""

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from gdgame.engine import optimizers, schedules

PATH = Path(__file__).parents[1] / "data" / "torch_reference.npz"


@lru_cache(maxsize=1)
def load():
    data = np.load(PATH)
    return data, json.loads(str(data["meta"]))


def hyper_of(entry: dict) -> dict:
    hyper = {k: tuple(v) if isinstance(v, list) else v for k, v in entry["hyper"].items()}
    if entry.get("schedule"):
        name, params = entry["schedule"]
        hyper["schedule"] = schedules.get(name, **params)
    return hyper


def optimizer_of(entry: dict) -> optimizers.Optimizer:
    return optimizers.get(entry["optimizer"], **hyper_of(entry))
