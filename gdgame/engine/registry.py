"""Name → factory registries, the one way the engine looks things up by name."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_BY_KIND: dict[str, Registry] = {}


class Registry:
    """Factories by name; ``get`` builds one (cached per parameters when ``cache``).

    A dataclass it builds that has a ``params`` field gets the parameters it was built with,
    so it can be named (in a cache key, a saved game) and rebuilt in another process.
    """

    def __init__(self, kind: str, factories: dict[str, Callable[..., Any]], cache: bool = False):
        self.kind, self.factories = kind, dict(factories)
        self._build = lru_cache(maxsize=64)(self._call) if cache else self._call
        self.built: weakref.WeakSet = weakref.WeakSet()  # what it built that is still alive
        _BY_KIND[kind] = self

    def names(self) -> list[str]:
        return list(self.factories)

    def get(self, name: str, **params: Any) -> Any:
        if name not in self.factories:
            known = ", ".join(self.factories)
            raise ValueError(f"Unknown {self.kind}: {name!r} (known: {known})")
        try:
            return self._build(name, tuple(sorted(params.items())))
        except TypeError as err:
            raise ValueError(f"Invalid parameters for {self.kind} {name!r}: {err}") from None

    def _call(self, name: str, params: tuple[tuple[str, Any], ...]) -> Any:
        built = self.factories[name](**dict(params))
        if dataclasses.is_dataclass(built) and "params" in {
            f.name for f in dataclasses.fields(built)
        }:
            built = dataclasses.replace(built, params=params)
            self.built.add(built)
        return built


def rebuild(kind: str, name: str, params: tuple[tuple[str, Any], ...]) -> Any:
    """What ``get(name, **params)`` of the ``kind`` registry builds: how registry-built
    landscapes unpickle in another process."""
    if kind not in _BY_KIND:  # a fresh process: the engine's registries register on import
        import gdgame.engine  # noqa: F401
    return _BY_KIND[kind].get(name, **dict(params))


def built_by(kind: str, obj: object) -> bool:
    """Whether the ``kind`` registry built ``obj`` (its name and params then rebuild it)."""
    return kind in _BY_KIND and obj in _BY_KIND[kind].built
