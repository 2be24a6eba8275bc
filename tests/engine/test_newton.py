"""The numerical minimum finder: minima, not saddles or maxima, at full precision."""

import numpy as np

from gdgame.engine import surfaces
from gdgame.engine.newton import find_minima, polish, refine


def test_find_minima_skips_saddles_and_maxima():
    # x² + y⁴/4 − y²/2 has a saddle at the origin and minima at (0, ±1)
    found = find_minima(surfaces.get("saddle"), n=21)
    assert sorted(round(m.y, 9) for m in found) == [-1.0, 1.0]
    assert all(m.is_global and abs(m.x) < 1e-9 for m in found)
    # Himmelblau's local maximum at (−0.270845, −0.923039) is not a minimum
    himmelblau = find_minima(surfaces.get("himmelblau"), n=21)
    assert all(np.hypot(m.x + 0.270845, m.y + 0.923039) > 1 for m in himmelblau)


def test_refine_polishes_a_rounded_location_to_a_zero_gradient():
    s = surfaces.get("himmelblau")
    x, y = refine(s, (-2.805118, 3.131312))
    assert np.hypot(*s.grad(x, y)) < 1e-10
    assert abs(x + 2.805118) < 1e-6 and abs(y - 3.131312) < 1e-6


def test_polish_never_goes_uphill():
    s = surfaces.get("rastrigin")
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-5, 5, 200), rng.uniform(-5, 5, 200)
    px, py = polish(s, x, y, iters=5)
    assert (s.f(px, py) <= s.f(x, y) + 1e-12).all()
