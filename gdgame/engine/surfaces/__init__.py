"""The registry of 2-D surfaces: ``get(name, **params)`` and ``names()``.

Surfaces with parameters take them as keywords: ``get("narrow_valley", condition=25)``,
``get("random_terrain", seed=7)``, a typed formula ``get("formula", text="x^2 + y^2",
x=(-5, 5), y=(-5, 5))``. Surfaces are immutable and cached per parameters.
"""

from __future__ import annotations

from gdgame.engine import formula_surface
from gdgame.engine.landscape import Surface
from gdgame.engine.registry import Registry
from gdgame.engine.surfaces import classic, multimodal, teaching, terrain

_REGISTRY = Registry(
    "surface",
    {
        **classic.SURFACES,
        **multimodal.SURFACES,
        **teaching.SURFACES,
        **terrain.SURFACES,
        **formula_surface.SURFACES,
    },
    cache=True,
)


def names() -> list[str]:
    """Registry names, classic test functions first, then the teaching surfaces."""
    return _REGISTRY.names()


def get(name: str, **params: object) -> Surface:
    """The surface registered as ``name``; ValueError for an unknown name or bad parameter."""
    return _REGISTRY.get(name, **params)


__all__ = ["Surface", "get", "names"]
