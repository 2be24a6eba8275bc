"""The class view's figures: a dot per player by status with the name as plain hover text, the
maps drawn from grids that go out once, the engine's basin codes, and the replay's frames."""

import base64

import numpy as np
import pytest

from gdgame.components import landscape_view
from gdgame.components.landscape_view import payload
from gdgame.engine import game as rules
from gdgame.engine import local_minima, optimizers
from gdgame.engine.game.tally import Player, tally
from gdgame.figures import class_view as fig
from gdgame.figures.game import shaded
from gdgame.figures.surface import sample

LEVEL = rules.level(3)
SHADE = shaded(sample(LEVEL.landscape, 40))


def played(rates, name):
    game = rules.new_game(LEVEL)
    for lr in rates:
        game = rules.gradient_step(game, lr)
    return Player(name, game)


CLASS = [played([0.2] * 5, "Ada <a href='x'>&"), played([0.1] * 20, "Cy"),
         played([0.01] * 3, "Eve"), played([0.01] * 8, "Bo")]  # fmt: skip


@pytest.fixture
def media(monkeypatch):
    """No Streamlit runtime here: the grid's and plotly.js's URLs stand in for its files."""
    monkeypatch.setattr(landscape_view, "files", lambda grid, key, seen=None: {"grid": key})


def decoded(values) -> np.ndarray:
    return np.frombuffer(base64.b64decode(values["bdata"]), dtype="<f4")


def test_the_live_map_has_a_dot_per_player_by_status_with_plain_names():
    spec = fig.live_map(LEVEL, SHADE, CLASS, rules.play_bot(LEVEL, "medium"))
    assert spec["data"][0]["type"] == "contour" and "z" not in spec["data"][0]
    dots = {t["name"]: t for t in spec["data"] if t.get("mode") == "markers" and "text" in t}
    assert set(dots) == {"playing (2)", "won (1)", "lost (1)"}
    assert dots["won (1)"]["text"] == ["Ada &lt;a href='x'&gt;&amp; · 5 steps"]
    assert dots["lost (1)"]["text"] == ["Cy · 20 steps"]
    x = decoded(dots["playing (2)"]["x"])
    assert np.allclose(x, [CLASS[2].game.position[0], CLASS[3].game.position[0]], atol=1e-6)
    trails = next(t for t in spec["data"] if t["name"] == "last steps")
    assert np.isnan(decoded(trails["x"])).sum() == len(CLASS)  # a gap after each trail
    assert len(decoded(trails["x"])) == sum(min(p.game.steps + 1, fig.TRAIL) + 1 for p in CLASS)


def test_a_refresh_sends_the_players_not_the_map(media):
    spec = fig.live_map(LEVEL, SHADE, CLASS, None)
    sent = payload(spec, SHADE, key="test.class")
    assert "z" not in sent["traces"][0] and "frames" not in sent
    assert len(str(sent["traces"])) < 4_000  # four players: about 1 KB a player at most


def test_the_3d_view_lifts_every_trace_above_the_surface():
    spec = fig.live_3d(LEVEL, sample(LEVEL.landscape, 30), CLASS, None)
    assert spec["data"][0]["type"] == "surface"
    for trace in spec["data"][1:]:
        x, y, z = (decoded(trace[a]) for a in "xyz")
        drawn = ~np.isnan(x)
        assert (z[drawn] > LEVEL.landscape.f(x[drawn], y[drawn])).all()
        assert trace["marker"].get("symbol", "circle") in ("circle", "diamond", "x", "square")


def test_the_engines_basin_map_and_the_class_on_it_name_the_same_minima():
    basins = local_minima.basin_map(LEVEL.landscape, optimizers.get("sgd", lr=LEVEL.bot_lr), 30,
                                    500)  # fmt: skip
    grid = fig.basin_grid(basins)
    assert set(np.unique(grid.z)) <= {1.0, 2.0, 3.0, 4.0}
    assert (grid.z == basins.labels + 1).all() or (basins.labels < 0).any()
    counted = tally(CLASS, basins)
    ours = fig.basins_map(LEVEL, basins, counted, players=CLASS)
    marks = ours["data"][1]
    assert sorted(marks["text"]) == sorted(str(len(v.names)) for v in counted.valleys)
    engine = fig.basins_map(LEVEL, basins)
    assert engine["data"][1]["text"] == ["1", "2"] and len(engine["data"]) == 2


def test_the_replay_has_a_frame_per_step_moving_only_the_players_traces(media):
    bot = rules.play_bot(LEVEL, "medium")
    spec = fig.replay(LEVEL, SHADE, CLASS, bot)
    last = max(p.game.steps for p in [*CLASS, Player("bot", bot)])
    assert [f["name"] for f in spec["frames"]] == [str(k) for k in range(last + 1)]
    assert all(0 not in f["traces"] for f in spec["frames"])  # the map stays
    final = {t["name"]: t for t in spec["frames"][-1]["data"]}
    assert set(final) >= {"won (1)", "lost (1)", "playing (2)"}
    first = {t["name"]: t for t in spec["frames"][0]["data"]}
    assert first["playing (4)"]["x"] == [LEVEL.start[0]] * 4
    sent = payload(spec, SHADE, key="test.replay")
    assert sent["frames"] == spec["frames"]
