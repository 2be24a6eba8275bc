"""The fitting-a-line lesson's helpers: the same line in every scaling, the verdict."""

import numpy as np
import plotly.data
import pytest

from gdgame.ui import fit_line

BILL = plotly.data.tips()["total_bill"].to_numpy(float)


@pytest.mark.parametrize("scaling", ["raw", "centred", "standardized"])
def test_a_start_is_the_same_line_in_every_scaling(scaling):
    w, b = fit_line.start_for(scaling, 0.2, 0.5)
    x = BILL
    if scaling != "raw":
        x = x - BILL.mean()
    if scaling == "standardized":
        x = x / BILL.std()
    np.testing.assert_allclose(w * x + b, 0.2 * BILL + 0.5, rtol=1e-12)


def test_the_verdict_says_how_far_from_the_best():
    assert "matched" in fit_line.verdict(1.0005, 1.0)
    assert "2.0 % above" in fit_line.verdict(1.02, 1.0)
    assert "3 × the best" in fit_line.verdict(3.0, 1.0)
