"""The loss-landscape page's words: numbers written for reading, and the contrast claimed only
where the counts show it."""

import math

import numpy as np
import pytest

from gdgame.ui import landscapes_text as text


@pytest.mark.parametrize(("x", "shown"), [
    (568.4, "568"), (0.13468, "0.135"), (9999.0, "1 × 10⁴"), (2e-5, "2 × 10⁻⁵"),
    (3.2456e7, "3.25 × 10⁷"), (99_960.0, "1 × 10⁵"), (2.08e5, "2.08 × 10⁵"),
])  # fmt: skip
def test_big_numbers_are_written_with_a_power_of_ten(x, shown):
    assert text.big(x) == shown


def test_skips_are_said_to_smooth_the_plane_only_when_the_counts_show_it():
    said, shows = text.contrast((10, 3.25e7), (3, 568.0), depth=20)
    assert shows and "3.3 times fewer local minima" in said and "57,218 times lower" in said
    said, shows = text.contrast((3, 77.0), (2, 25.0), depth=4)
    assert not shows and "At depth 4 both planes are smooth" in said
    said, shows = text.contrast((7, 500.0), (5, 100.0), depth=12)  # 7 is not twice 5
    assert not shows and "does not appear clearly: 7 local minima without skips against 5" in said
    said, shows = text.contrast((3, 10.0), (9, 500.0), depth=12)  # the other way round
    assert not shows and "3 local minima without skips against 9" in said
    said, shows = text.contrast((9, 50.0), (0, 40.0), depth=20)
    assert shows and "no local minimum at all" in said and "times lower" not in said


def test_the_measured_sentence_names_both_counts_and_largest_losses():
    said = text.measured((22, 2.08e5), (3, 184.0))
    assert said == ("Measured here: without skips, 22 local minima and a largest loss of "
                    "2.08 × 10⁵; with skips, 3 and 184.")  # fmt: skip


def test_minima_at_a_coin_tosss_loss_are_counted():
    coin = math.log(2)
    said = text.plateau({"without skips": np.array([coin * 1.005, coin * 0.995, 0.2, coin * 1.02]),
                         "with skips": np.array([0.1])})  # fmt: skip
    assert "2 of the 4 without skips and 0 of the 1 with skips" in said
    assert text.plateau({"a": np.array([0.1]), "b": np.array([2.0])}) == ""


def test_unequal_learning_is_pointed_out():
    assert "did not learn equally" in text.learned({"without skips": 0.95, "with skips": 0.645})
    assert "did not learn equally" not in text.learned({"without skips": 0.995, "with skips": 0.98})
    assert "99.5 % of the points right without skips" in text.learned(
        {"without skips": 0.995, "with skips": 0.98})  # fmt: skip


def test_the_slice_says_how_much_a_step_multiplies_the_loss():
    a = np.linspace(-1.0, 1.0, 21)
    sharp = 0.01 + 10.0 * a**2  # at ±0.1: 0.11, eleven times the centre
    wide = 0.5 + 0.0 * a
    said = text.sliced({"without skips": (a, sharp), "with skips": (a, wide)}, 0.1)
    assert "multiplies the loss by 11 without skips and by 1 with skips" in said
    assert "Local minima along the line: 1 without skips and 0 with skips" in said
