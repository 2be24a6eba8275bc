"""What the app's server process does once, at its first script run: import every page, tune
the memory allocator, and freeze the start-up heap for the garbage collector.

Streamlit's own full garbage collection after every script run is switched off in
.streamlit/config.toml (it was more than half of a rerun's CPU under a class's load). Python's
collector still runs; with the modules' objects frozen (``gc.freeze``) its full collections no
longer walk them. bench/soak.py shows memory stays flat over a lesson.
"""

from __future__ import annotations

import functools
import gc
import importlib

from gdgame.engine import allocator

LESSONS = (
    "home",
    "learning_rate",
    "local_minima",
    "race",
    "fit_line",
    "classify",
    "backprop",
    "network",
    "landscapes",
    "game",
    "sandbox",
)


@functools.cache
def prepare() -> None:
    """Once per process: every page's module imported, the allocator tuned, the heap frozen."""
    allocator.keep_freed_memory()
    for name in LESSONS:
        importlib.import_module(f"gdgame.ui.{name}")
    gc.freeze()
