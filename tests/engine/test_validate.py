"""Checks on numbers from outside: accepted as they are, or refused with a clear message."""

import numpy as np
import pytest

from gdgame.engine.validate import real_in, whole_in


@pytest.mark.parametrize("value", [0, 0.5, 1, np.float64(0.25), np.int32(1)])
def test_real_in_accepts_real_numbers_in_range(value):
    assert real_in(value, 0, 1, "rate") == float(value)


@pytest.mark.parametrize("value", [-0.1, 1.5, np.nan, np.inf, "0.5", None, True, [0.5]])
def test_real_in_refuses_everything_else(value):
    with pytest.raises(ValueError, match="Invalid rate"):
        real_in(value, 0, 1, "rate")


@pytest.mark.parametrize("value", [0, 7, 7.0, np.int64(10)])
def test_whole_in_accepts_whole_numbers_in_range(value):
    assert whole_in(value, 0, 10, "seed") == int(value)
    assert isinstance(whole_in(value, 0, 10, "seed"), int)


@pytest.mark.parametrize("value", [-1, 11, 2.5, np.nan, np.inf, "3", None, False])
def test_whole_in_refuses_everything_else(value):
    with pytest.raises(ValueError, match="Invalid seed"):
        whole_in(value, 0, 10, "seed")
