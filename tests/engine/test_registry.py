"""The registry: lookup, caching, and errors as ValueError."""

import pytest

from gdgame.engine.registry import Registry


def test_get_builds_by_name_and_caches_per_parameters():
    calls = []

    def make(scale=1):
        calls.append(scale)
        return object()

    registry = Registry("widget", {"a": make, "b": make}, cache=True)
    assert registry.names() == ["a", "b"]
    assert registry.get("a", scale=2) is registry.get("a", scale=2)
    assert registry.get("a", scale=3) is not registry.get("a", scale=2)
    assert calls == [2, 3]


def test_uncached_registry_builds_anew():
    registry = Registry("widget", {"a": object})
    assert registry.get("a") is not registry.get("a")


def test_unknown_names_and_parameters_are_value_errors():
    registry = Registry("widget", {"a": lambda scale=1: scale}, cache=True)
    with pytest.raises(ValueError, match="Unknown widget: 'z' \\(known: a\\)"):
        registry.get("z")
    with pytest.raises(ValueError, match="Invalid parameters for widget 'a'"):
        registry.get("a", size=3)
    with pytest.raises(ValueError, match="Invalid parameters"):
        registry.get("a", scale=[1, 2])  # unhashable: cannot be a cache key
