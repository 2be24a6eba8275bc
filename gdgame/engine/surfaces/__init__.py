"""The registry of 2-D surfaces: ``get(name, **params)`` and ``names()``.

Surfaces with parameters take them as keywords: ``get("narrow_valley", condition=25)``,
``get("random_terrain", seed=7)``. Surfaces are immutable and cached per parameters.
"""

from __future__ import annotations

from functools import lru_cache

from gdgame.engine.landscape import Surface
from gdgame.engine.surfaces import classic, multimodal, teaching, terrain

_FACTORIES = {
    **classic.SURFACES,
    **multimodal.SURFACES,
    **teaching.SURFACES,
    **terrain.SURFACES,
}


def names() -> list[str]:
    """Registry names, classic test functions first, then the teaching surfaces."""
    return list(_FACTORIES)


@lru_cache(maxsize=64)
def _cached(name: str, params: tuple[tuple[str, object], ...]) -> Surface:
    return _FACTORIES[name](**dict(params))


def get(name: str, **params: object) -> Surface:
    """The surface registered as ``name``; ValueError for an unknown name or bad parameter."""
    if name not in _FACTORIES:
        raise ValueError(f"Unknown surface: {name!r} (known: {', '.join(_FACTORIES)})")
    try:
        return _cached(name, tuple(sorted(params.items())))
    except TypeError as err:
        raise ValueError(f"Invalid parameters for surface {name!r}: {err}") from None


__all__ = ["Surface", "get", "names"]
