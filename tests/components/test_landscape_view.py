"""The 3-D component's Python side: the files it serves from Streamlit's media storage (and
that storage staying bounded), the per-rerun payload, the fog mask, the fallback."""

import base64
import json
from pathlib import Path, PurePosixPath
from unittest.mock import MagicMock

import numpy as np
import plotly
import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs_version
from streamlit.runtime import Runtime
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from gdgame.components import landscape_view as component
from gdgame.engine import surfaces
from gdgame.engine.game import gradient_step, level, new_game, visible
from gdgame.figures.game import game_3d_figure, map_figure, shaded
from gdgame.figures.surface import Grid, sample, surface3d_figure

CAMEL = surfaces.get("six_hump_camel")
PACKAGE = Path(__file__).parents[2] / "gdgame"
INSTALLED_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class Media:
    """Streamlit's in-memory media files, as the server keeps them."""

    def __init__(self) -> None:
        self.storage = MemoryMediaFileStorage("/media")
        self.manager = MediaFileManager(self.storage)

    def file(self, url: str):
        """The stored file a URL names, or None once Streamlit has dropped it."""
        return self.manager.read_file(PurePosixPath(url).name)

    def bytes_held(self) -> int:
        return sum(s.byte_length for stats in self.storage.get_stats().values() for s in stats)


@pytest.fixture
def media(monkeypatch) -> Media:
    """A stand-in Streamlit runtime holding real media storage, as AppTest sets one up."""
    media = Media()
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = media.manager
    monkeypatch.setattr(Runtime, "_instance", runtime)
    return media


def decode(raw: bytes):
    nx, ny = np.frombuffer(raw[:8], "<u4")
    values = np.frombuffer(raw[8:], "<f4")
    return values[:nx], values[nx : nx + ny], values[nx + ny :].reshape(ny, nx)


def files_under(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_the_surface_file_holds_the_grid_and_is_named_by_its_content(media):
    grid = sample(CAMEL, 150)
    url = component.files(grid, "view")["grid"]
    stored = media.file(url)
    assert stored.mimetype == "application/octet-stream" and url.startswith("/media/")
    xs, ys, z = decode(stored.content)
    np.testing.assert_array_equal(xs, grid.xs.astype(np.float32))
    np.testing.assert_array_equal(ys, grid.ys.astype(np.float32))
    np.testing.assert_array_equal(z, grid.z)
    assert component.files(grid, "view")["grid"] == url  # the same surface, the same file
    assert component.files(sample(CAMEL, 149), "view")["grid"] != url


def test_the_plotly_js_served_is_the_installed_plotly_packages(media):
    stored = media.file(component.files(sample(CAMEL, 20), "view")["plotly"])
    assert stored.mimetype == "application/javascript"
    assert stored.content == INSTALLED_PLOTLY_JS.read_bytes()
    assert f"plotly.js v{get_plotlyjs_version()}".encode() in stored.content[:200]


@pytest.mark.parametrize("fragment", [False, True], ids=["full runs", "fragment reruns"])
def test_a_thousand_new_surfaces_leave_one_in_memory_and_nothing_on_disk(media, fragment):
    before = files_under(PACKAGE)
    base = sample(CAMEL, 150)
    urls = []
    for seed in range(1_000):  # 1 000 reruns, each with a new terrain (as a new seed makes)
        if not fragment:
            media.manager.clear_session_refs()  # what Streamlit does as a full run starts …
        grid = Grid(base.xs, base.ys, base.z + np.float32(seed))
        urls.append(component.files(grid, "game.3d")["grid"])
        media.manager.remove_orphaned_files()  # … and as any run ends
    assert len(set(urls)) == 1_000
    assert [url for url in urls if media.file(url)] == [urls[-1]]
    surface = 4 * (2 + 150 + 150 + 150 * 150)
    assert media.bytes_held() == INSTALLED_PLOTLY_JS.stat().st_size + surface
    assert files_under(PACKAGE) == before  # nothing written into the package


def test_each_view_keeps_its_own_surface(media):
    media.manager.clear_session_refs()
    game = component.files(sample(CAMEL, 150), "game.3d")["grid"]
    race = component.files(sample(CAMEL, 140), "race.3d")["grid"]
    media.manager.remove_orphaned_files()
    assert media.file(game) and media.file(race)


def test_the_payload_leaves_the_surface_out_and_keeps_the_rest_of_the_figure(media):
    grid = sample(CAMEL, 150)
    path = np.array([[-2.5, 1.5], [-2.0, 1.0], [-1.5, 0.8]])
    fig = surface3d_figure(CAMEL, grid, {"run": path}, camera="top")
    data = component.payload(fig, grid, key="view")
    assert set(data) == {"plotly", "grid", "traces", "layout"}
    assert media.file(data["grid"]) and media.file(data["plotly"])
    assert data["traces"][0]["type"] == "surface" and not {"x", "y", "z"} & set(data["traces"][0])
    assert data["traces"][1]["name"] == "run"
    assert data["layout"]["scene"]["camera"] == {"eye": {"x": 0.0, "y": 0.0, "z": 2.4},
                                                 "up": {"x": 0, "y": 1, "z": 0}}  # fmt: skip
    assert data["layout"]["uirevision"] == fig["layout"]["uirevision"]
    full = go.Figure({"data": [{**fig["data"][0], "z": grid.z}, *fig["data"][1:]]})
    assert len(json.dumps(data)) < 20_000 < len(full.to_json())


def test_fog_goes_out_as_one_bit_per_point_and_zeros_in_the_file(media):
    lv = level(3)
    game = gradient_step(new_game(lv, fog="medium"), 0.05)
    grid = sample(lv.landscape, 150)
    seen = visible(game, grid.xs, grid.ys)
    fig = game_3d_figure(game, grid)
    data = component.payload(fig, grid, key="view", seen=seen)
    bits = np.unpackbits(np.frombuffer(base64.b64decode(data["seen"]), np.uint8))
    np.testing.assert_array_equal(bits[: seen.size].astype(bool), seen.ravel())
    assert len(data["seen"]) < 4_000
    _, _, z = decode(media.file(data["grid"]).content)
    assert (z[~seen] == 0).all()  # hidden ground is not in what the browser can fetch
    np.testing.assert_array_equal(z[seen], grid.z[seen])
    assert "seen" not in component.payload(fig, grid, key="view", seen=np.ones_like(seen))


def test_a_map_is_drawn_from_its_contour_trace(media):
    lv = level(3)
    shade = shaded(sample(lv.landscape, 60))
    data = component.payload(map_figure(new_game(lv), shade), shade, key="map")
    assert data["traces"][0]["type"] == "contour" and "z" not in data["traces"][0]
    np.testing.assert_array_equal(decode(media.file(data["grid"]).content)[2], shade.z)


def test_a_figure_without_the_landscape_first_is_refused(media):
    grid = sample(CAMEL, 20)
    fig = surface3d_figure(CAMEL, grid, {"run": np.zeros((2, 2))})
    fig["data"] = fig["data"][::-1]
    with pytest.raises(ValueError, match="surface or the contour"):
        component.payload(fig, grid, key="view")


def test_without_a_streamlit_runtime_the_view_is_a_plotly_chart(monkeypatch):
    drawn = []
    monkeypatch.setattr(component.st, "plotly_chart", lambda fig, key: drawn.append((fig, key)))
    grid = sample(CAMEL, 20)
    component.landscape_view(surface3d_figure(CAMEL, grid, {}), grid, key="view")
    ((fig, key),) = drawn
    assert key == "view" and fig.data[0].type == "surface"
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), grid.z)
