"""AppTest: loss landscapes of a deep ReLU network with and without skip connections.

Expected values are the engine's, called here with the arguments the lesson states (the
spiral's 200 points from seed 1; 16 ReLU neurons a layer, He initial weights; Adam α = 0.001,
batches of 32, 150 epochs; a 41 × 41 plane over [−1, 1]²): the network, training, plane and
local-minimum counting are each tested on their own in tests/engine. The page's caches are
process-wide, so each setting is trained once per test session.
"""

import functools
import re
from dataclasses import dataclass

import numpy as np
import pytest

from gdgame.components import landscape_view as view
from gdgame.engine import data, loss_landscape, optimizers, training
from gdgame.engine.network import Network
from tests.app.charts import component_data, figure, grid_of, view_figure
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/landscapes.py"
X, Y = data.toy("spiral", 200, 0.0, seed=1)
SUPER = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


@dataclass(frozen=True)
class Expected:
    accuracy: float
    loss: float
    plane: loss_landscape.Plane
    minima: np.ndarray

    @property
    def count(self) -> int:
        return int(self.minima.sum())

    @property
    def largest(self) -> float:
        return float(self.plane.losses[np.isfinite(self.plane.losses)].max())


@functools.cache
def trained(depth: int, residual: bool, seed: int) -> tuple[Network, np.ndarray]:
    net = Network(hidden=(16,) * depth, activation="relu", residual=residual, init_kind="he",
                  seed=seed)  # fmt: skip
    run = training.train(net, optimizers.get("adam", lr=0.001), X, Y, batch_size=32, epochs=150,
                         seed=seed, record=False)  # fmt: skip
    return net, run.final


@functools.cache
def expected(depth: int, residual: bool, seed: int = 0, dseed: int = 0) -> Expected:
    net, params = trained(depth, residual, seed)
    plane = loss_landscape.plane(net, params, X, Y, seed=dseed, n=41, span=1.0)
    right = float(np.mean((net.logits(params, X) > 0) == Y))
    loss = float(net.losses(params[None], X, Y)[0])
    return Expected(right, loss, plane, loss_landscape.local_minima(plane.losses))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def number(shown: str) -> float:
    """A number as the page writes it: 568, 0.135, 3.25 × 10⁷."""
    if "×" in shown:
        mantissa, power = shown.split("× 10")
        return float(mantissa) * 10 ** int(power.translate(SUPER))
    return float(shown.replace(",", "").rstrip("%"))


def said(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def markers(at, key: str) -> set[tuple[float, float]]:
    marks = next(t for t in view_figure(at, key)["data"] if t["name"].startswith("local minima"))
    return set(zip(marks["x"].tolist(), marks["y"].tolist(), strict=True))


def cells(e: Expected) -> set[tuple[float, float]]:
    rows, cols = np.nonzero(e.minima)
    a, b = e.plane.a.astype(np.float32), e.plane.b.astype(np.float32)
    return set(zip(a[cols].tolist(), b[rows].tolist(), strict=True))


@pytest.fixture
def served(monkeypatch) -> dict[str, bytes]:
    """Every file the landscape views hand to Streamlit's media storage, by its URL."""
    files: dict[str, bytes] = {}
    real = view._media_url

    def recording(content: bytes, mimetype: str, place: str) -> str:
        files[url := real(content, mimetype, place)] = content
        return url

    monkeypatch.setattr(view, "_media_url", recording)
    return files


def test_the_shown_numbers_are_the_engines_and_the_contrast_is_said_with_them(served):
    at = open_page(PAGE)
    plain, skips = expected(20, False), expected(20, True)
    assert metric(at, "Local minima without skips") == str(plain.count)
    assert metric(at, "Local minima with skips") == str(skips.count)
    assert number(metric(at, "Largest loss without skips")) == pytest.approx(plain.largest, 5e-3)
    assert number(metric(at, "Largest loss with skips")) == pytest.approx(skips.largest, 5e-3)
    assert metric(at, "Training accuracy without skips") == f"{plain.accuracy:.1%}"
    assert metric(at, "Training accuracy with skips") == f"{skips.accuracy:.1%}"
    assert number(metric(at, "Training loss with skips")) == pytest.approx(skips.loss, 1e-3)
    # as measured on this engine: many dips without skips, few with them, a far higher wall
    assert plain.count >= 2 * skips.count and plain.largest > 1e3 * skips.largest
    text = said(at)
    assert (f"without skips, {plain.count} local minima and a largest loss of "
            f"{metric(at, 'Largest loss without skips')}; with skips, {skips.count} and "
            f"{metric(at, 'Largest loss with skips')}") in text  # fmt: skip
    assert "The skip connections smooth the landscape" in text
    assert markers(at, "landscapes.map.0") == cells(plain)
    assert markers(at, "landscapes.map.1") == cells(skips)
    assert markers(at, "landscapes.3d.1") == cells(skips)
    for key, e in (("landscapes.map.0", plain), ("landscapes.3d.1", skips)):
        xs, _, z = grid_of(served[component_data(at, key)["grid"]])
        np.testing.assert_allclose(z, np.log10(np.minimum(e.plane.losses, 1e3)), atol=1e-6)
        np.testing.assert_allclose(xs, np.linspace(-1, 1, 41), rtol=1e-6)


def test_the_slice_goes_through_the_plane_and_the_trained_network():
    at = open_page(PAGE)
    chart = figure(next(c for c in at.get("plotly_chart") if c.proto.id.endswith("slice")))
    for line, residual in zip(chart["data"], (False, True), strict=True):
        e = expected(20, residual)
        assert len(line["x"]) == 401 and line["x"][200] == 0.0
        # every tenth point is on the plane's grid, in its middle row (b = 0)
        np.testing.assert_allclose(line["y"][::10], e.plane.losses[20], rtol=1e-6)
        assert line["y"][200] == pytest.approx(e.loss, rel=1e-6)
    assert "A step of 0.1 along δ" in said(at)


def test_at_depth_4_both_planes_are_smooth_and_the_page_says_so():
    at = open_page(PAGE, depth="4")
    plain, skips = expected(4, False), expected(4, True)
    assert metric(at, "Local minima without skips") == str(plain.count)
    assert metric(at, "Local minima with skips") == str(skips.count)
    assert plain.count <= 4 and skips.count <= 4  # as measured
    assert "At depth 4 both planes are smooth" in said(at)
    assert "The skip connections smooth" not in said(at)


def test_another_direction_seed_draws_other_planes(served):
    at = open_page(PAGE)
    before = {k: component_data(at, k)["grid"] for k in ("landscapes.map.0", "landscapes.map.1")}
    at.slider(key="landscapes.dseed").set_value(1)
    at = rerun(at)
    plain, skips = expected(20, False, dseed=1), expected(20, True, dseed=1)
    assert metric(at, "Local minima without skips") == str(plain.count)
    assert metric(at, "Local minima with skips") == str(skips.count)
    assert markers(at, "landscapes.map.0") == cells(plain) != cells(expected(20, False))
    for key, e in (("landscapes.map.0", plain), ("landscapes.map.1", skips)):
        url = component_data(at, key)["grid"]
        assert url != before[key]
        z = grid_of(served[url])[2]
        np.testing.assert_allclose(z, np.log10(np.minimum(e.plane.losses, 1e3)), atol=1e-6)
    assert at.query_params["dseed"] == "1"
    assert "depth" not in at.query_params  # only what differs from the defaults


def test_junk_links_are_named_and_the_defaults_used():
    at = open_page(PAGE, depth="3", seed="x", dseed="1.5", camera="<b>tilt</b>")
    notice = link_notice(at)
    for junk in ("depth=3", "seed=x", "dseed=1.5", "camera=<b>tilt</b>"):
        assert junk in notice
    assert at.slider(key="landscapes.depth").value == 20
    assert at.slider(key="landscapes.dseed").value == 0
    assert at.radio(key="landscapes.camera").value == "3/4"


def test_a_link_holds_every_setting_and_unequal_learning_is_said():
    at = open_page(PAGE, depth="8", seed="0", dseed="2", camera="top")
    assert link_notice(at) == ""
    assert at.slider(key="landscapes.depth").value == 8
    assert at.slider(key="landscapes.dseed").value == 2
    assert at.radio(key="landscapes.camera").value == "top"
    assert view_figure(at, "landscapes.3d.0")["layout"]["scene"]["camera"]["eye"]["z"] == 2.4
    plain, skips = expected(8, False, dseed=2), expected(8, True, dseed=2)
    assert metric(at, "Local minima without skips") == str(plain.count)
    assert metric(at, "Training accuracy with skips") == f"{skips.accuracy:.1%}"
    assert abs(plain.accuracy - skips.accuracy) > 0.1  # as measured: skips learn less here
    assert "did not learn equally well" in said(at)
    link = next(c.value for c in at.code if "depth=" in c.value)  # the share link
    assert set(re.split(r"[?&]", link)[1:]) == {"depth=8", "dseed=2", "camera=top"}  # seed=0 is
    # the default: left out
