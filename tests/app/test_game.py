"""The game page in AppTest: play by pressing its buttons, lose, reload, join a room."""

import base64
import datetime
import json

import numpy as np
import pytest

from gdgame.components import landscape_view as view
from gdgame.engine import game as rules
from gdgame.figures.surface import sample
from gdgame.store import leaderboard
from gdgame.store.db import sqlite_engine
from gdgame.ui.game_text import MODE_NAMES, chips
from tests.app.charts import component_data, grid_of, trace, view_figure
from tests.app.pages import open_page, rerun

PAGE = "pages/game.py"
ADA = "ada-browser-secret-0000001"  # what a browser's cookie holds (gdgame.ui.identity)
JOIN = "FormSubmitter:classroom.join-Join the room"


@pytest.fixture
def secrets(tmp_path):
    """A database of its own for each test, as .streamlit/secrets.toml would name it."""
    return {"connections": {"leaderboard": {"url": f"sqlite:///{tmp_path / 'db.sqlite'}"}}}


@pytest.fixture
def served(monkeypatch) -> dict[str, bytes]:
    """Every file the landscape views hand to Streamlit's media storage, by its URL."""
    files: dict[str, bytes] = {}
    real = view._media_url

    def recording(content: bytes, mimetype: str, place: str) -> str:
        url = real(content, mimetype, place)
        files[url] = content
        return url

    monkeypatch.setattr(view, "_media_url", recording)
    return files


def cache_grid(level):
    return sample(level.landscape)


def the_map(at) -> dict:
    return view_figure(at, "game.map")


def session(at):
    return at.session_state["game.session"]


def press(at, key):
    at.button(key=key).click()
    return rerun(at)


def chip(at, lr):
    next(g for g in at.button_group if g.key.startswith("game.chip.")).set_value(lr)
    return rerun(at)


def every_level_open(at):
    """A teacher's session: a room opened, then its "open every level" pressed."""
    return press(press(at, "classroom.open"), "classroom.unlock")


def metric(at, label) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_a_first_visit_shows_level_one_ready_to_play(secrets):
    at = open_page(PAGE, secrets=secrets)
    game = session(at).game
    assert (game.level.number, game.steps, game.mode, game.fog) == (1, 0, "gradient", "easy")
    assert at.query_params["game"] == session(at).token
    assert metric(at, "Steps") == f"0 / {game.level.budget}"
    assert at.button_group(key="game.level").value == 1
    fig = the_map(at)
    assert trace(fig, "this step would land here")  # the preview is on by default
    assert "global minimum" not in {t.get("name") for t in fig["data"]}  # not given away


def test_level_one_is_won_by_pressing_the_chips_and_opens_level_two(secrets):
    at = open_page(PAGE, secrets=secrets)
    largest_safe = max(v for v in chips(rules.level(1)) if v < 1.0)  # x ← (1 − 2α)x shrinks
    while not session(at).game.over:
        at = chip(at, largest_safe)
    game = session(at).game
    assert game.status == "won"
    assert at.success and "reached the bottom" in at.success[0].value
    assert f"Score: {rules.score(game)}" in at.success[0].value
    assert session(at).unlocked == 2 and session(at).best == {1: rules.stars(game)}
    assert at.button(key="game.next")
    fig = the_map(at)
    assert trace(fig, "global minimum")  # the replay shows it
    assert trace(fig, "bot (")
    replay = at.dataframe[0].value
    assert list(replay["step"]) == list(range(game.steps + 1))
    at = press(at, "game.next")
    assert session(at).game.level.number == 2


def test_the_exact_step_size_wins_level_one_in_one_step_with_three_stars(secrets):
    at = open_page(PAGE, secrets=secrets)
    at.select_slider(key="game.lr").set_value(0.5)
    at = rerun(at)
    preview = trace(the_map(at), "this step would land here")
    assert np.allclose([preview["x"][-1], preview["y"][-1]], 0.0)  # x ← x − 0.5·2x = 0
    at = press(at, "game.step")
    game = session(at).game
    assert (game.status, game.steps, rules.stars(game)) == ("won", 1, 3)
    assert "★★★" in at.success[0].value


def test_level_three_is_lost_by_declaring_the_bottom_in_the_shallow_valley(secrets):
    at = every_level_open(open_page(PAGE, secrets=secrets))
    at.button_group(key="game.level").set_value(3)
    at = rerun(at)
    assert session(at).game.level.number == 3
    lr = 0.1
    assert lr in chips(session(at).game.level)
    while float(metric(at, "Slope |∇f|")) > 0.5:  # walk down until the ground is nearly flat
        at = chip(at, lr)
        assert not session(at).game.over
    at = press(at, "game.declare")
    game = session(at).game
    assert game.status == "lost"
    assert at.error and "local minimum" in at.error[0].value and "lower" in at.error[0].value
    assert session(at).unlocked == len(rules.LEVELS)  # the teacher's button opened them all
    assert "game.next" not in {b.key for b in at.button}
    fig = the_map(at)
    assert trace(fig, "global minimum") and trace(fig, "local minimum")


def test_spending_the_budget_loses(secrets):
    at = open_page(PAGE, secrets=secrets)
    at.select_slider(key="game.lr").set_value(1.0)  # x ← −x: it bounces for ever
    at = rerun(at)
    for _ in range(rules.level(1).budget):
        at = press(at, "game.step")
    assert session(at).game.status == "lost"
    assert "Out of steps" in at.error[0].value


def test_a_reload_mid_game_restores_the_game(secrets):
    at = open_page(PAGE, secrets=secrets, browser=ADA)
    at = chip(at, 0.1)
    at = chip(at, 0.1)
    before = session(at)
    token = at.query_params["game"]
    again = open_page(PAGE, secrets=secrets, browser=ADA, game=token)  # the same link, reloaded
    after = session(again)
    assert after.token == token and after.game.path == before.game.path
    assert metric(again, "Steps") == f"2 / {before.game.level.budget}"
    assert not again.warning


@pytest.mark.parametrize("token", ["nonsense", "A" * 22, "../../etc/passwd", "%00" * 8])
def test_a_hand_edited_game_token_starts_a_new_game_with_a_message(secrets, token):
    at = open_page(PAGE, secrets=secrets, game=token)
    assert "could not be found" in at.warning[0].value
    assert session(at).game.steps == 0 and session(at).token != token
    assert at.query_params["game"] == session(at).token


def test_a_locked_level_says_how_to_open_it(secrets):
    at = open_page(PAGE, secrets=secrets)
    at.button_group(key="game.level").set_value(5)
    at = rerun(at)
    assert session(at).game.level.number == 1
    assert "Level 5 opens when you win level 4" in at.warning[0].value
    assert at.button_group(key="game.level").value == 1


def test_free_mode_steps_by_direction_and_distance_and_offers_click_targets(secrets):
    at = open_page(PAGE, secrets=secrets)
    at.button_group(key="game.mode").set_value("free")
    at = rerun(at)
    assert session(at).game.mode == "free"
    targets = trace(the_map(at), "step here")
    start = np.array(rules.level(1).start)
    reach = np.hypot(targets["x"] - start[0], targets["y"] - start[1])
    assert reach.max() <= rules.level(1).stride * (1 + 1e-6) and len(reach) > 500
    at.number_input(key="game.angle").set_value(0.0)
    at.number_input(key="game.distance.1").set_value(1.0)
    at = press(at, "game.polar")
    assert np.allclose(session(at).game.position, start + np.array([1.0, 0.0]))


def test_medium_fog_keeps_unseen_ground_out_of_what_the_browser_gets(secrets, served):
    at = open_page(PAGE, secrets=secrets)
    at.button_group(key="game.fog").set_value("medium")
    at = rerun(at)
    game = session(at).game
    for key in ("game.map", "game.3d"):
        data = component_data(at, key)
        xs, ys, z = grid_of(served[data["grid"]])
        seen = rules.visible(game, xs.astype(float), ys.astype(float))
        assert 0 < seen.mean() < 0.25
        assert (z[~seen] == 0).all() and (z[seen] != 0).mean() > 0.9  # hidden: nothing sent
        bits = np.unpackbits(np.frombuffer(base64.b64decode(data["seen"]), np.uint8))
        assert np.array_equal(bits[: seen.size].astype(bool), seen.ravel())
    at.button_group(key="game.fog").set_value("hard")
    at = rerun(at)
    for key in ("game.map", "game.3d"):  # blind: nothing of the ground until the end
        assert not grid_of(served[component_data(at, key)["grid"]])[2].any()


def test_a_students_win_lands_on_the_rooms_board_once(secrets, tmp_path):
    teacher = open_page(PAGE, secrets=secrets)
    teacher = press(teacher, "classroom.open")
    room = teacher.session_state["classroom.teacher"]["room"]
    assert teacher.query_params["room"] == room
    student = open_page(PAGE, secrets=secrets, room=room)
    assert student.text_input(key="classroom.code").value == room
    student.text_input(key="classroom.name").input("Ada Lovelace")
    student = press(student, JOIN)
    assert session(student).room == room and session(student).name == "Ada Lovelace"
    student.select_slider(key="game.lr").set_value(0.5)
    student = press(rerun(student), "game.step")
    assert any("Saved to room" in s.value for s in student.success)
    student = rerun(student)  # a rerun (or a retry) does not save it twice
    engine = sqlite_engine(tmp_path / "db.sqlite")
    rows = leaderboard.board(engine, room, 1)
    assert [(r["name"], r["steps"], r["mode"], r["fog"]) for r in rows] == [
        ("Ada Lovelace", 1, "gradient", "easy")]  # fmt: skip
    teacher = rerun(teacher)
    board = teacher.dataframe[-1].value
    assert list(board["name"]) == ["Ada Lovelace"]
    assert list(board["moves"]) == [MODE_NAMES["gradient"]] and list(board["fog"]) == ["None"]


@pytest.mark.parametrize(
    "name", ["[click me](http://evil.example)", "![x](http://evil.example/x.png)", "$\\frac{1}{0}$",
             "<img src=x onerror=alert(1)>", "x" * 25, "   ", "Ada\u202eecalevoL"],
)  # fmt: skip
def test_hostile_names_are_refused_with_a_message(secrets, name):
    teacher = press(open_page(PAGE, secrets=secrets), "classroom.open")
    room = teacher.session_state["classroom.teacher"]["room"]
    at = open_page(PAGE, secrets=secrets, room=room)
    at.text_input(key="classroom.name").input(name)
    at = press(at, JOIN)
    assert session(at).room is None
    assert at.error and "name" in at.error[0].value.lower()


def test_an_unknown_room_code_is_refused(secrets):
    at = open_page(PAGE, secrets=secrets)
    at.text_input(key="classroom.code").input("ZZZZZ")
    at.text_input(key="classroom.name").input("Bob")
    at = press(at, JOIN)
    assert session(at).room is None and "No room ZZZZZ" in at.error[0].value


def test_level_nine_plays_todays_terrain_or_the_links_seed(secrets):
    at = every_level_open(open_page(PAGE, secrets=secrets))
    at.button_group(key="game.level").set_value(9)
    at = rerun(at)
    today = rules.daily_seed(datetime.date.today())
    assert session(at).game.level.params == (("seed", today),)
    assert at.query_params["seed"] == str(today)
    linked = every_level_open(open_page(PAGE, secrets=secrets, seed="123"))
    linked.button_group(key="game.level").set_value(9)
    linked = rerun(linked)
    assert session(linked).game.level.params == (("seed", 123),)
    assert session(linked).game.level.start == rules.level(9, 123).start
    linked.number_input(key="game.seed").set_value(7)
    linked = rerun(linked)
    assert session(linked).game.level.params == (("seed", 7),)
    assert linked.query_params["seed"] == "7"
    linked = press(linked, "game.today")
    assert session(linked).game.level.params == (("seed", today),)


@pytest.mark.parametrize("seed", ["abc", "-1", "4294967296", "1e9", "NaN"])
def test_a_junk_seed_in_the_link_is_refused_with_a_message(secrets, seed):
    at = open_page(PAGE, secrets=secrets, seed=seed)
    assert "terrain seed" in at.warning[0].value
    assert session(at).seed == rules.daily_seed(datetime.date.today())


def test_the_3d_view_is_unchanged_by_a_rerun_that_does_not_change_it(secrets):
    at = open_page(PAGE, secrets=secrets)
    before = component_data(at, "game.3d")
    at.toggle(key="game.preview").set_value(False)  # changes the map, not the 3-D view
    at = rerun(at)
    at.selectbox(key="game.bot").set_value("hard")
    at = rerun(at)
    assert component_data(at, "game.3d") == before
    at = chip(at, 0.1)
    after = component_data(at, "game.3d")
    assert after["traces"] != before["traces"]  # a step moves the path …
    assert after["grid"] == before["grid"]  # … and the surface, sent once, is the same file


def test_the_3d_view_gets_the_surface_once_and_only_small_changes_per_step(secrets, served):
    at = open_page(PAGE, secrets=secrets)
    data = component_data(at, "game.3d")
    xs, ys, z = grid_of(served[data["grid"]])
    level = session(at).game.level.landscape
    assert z.shape == (150, 150)  # the full surface, in a file the browser fetches once
    np.testing.assert_allclose(z, level.f(*np.meshgrid(xs, ys)), rtol=1e-5, atol=1e-5)
    assert "z" not in data["traces"][0] and data["traces"][0]["type"] == "surface"
    for _ in range(3):
        at = chip(at, 0.01)
        assert len(json.dumps(component_data(at, "game.3d"))) < 20_000
        assert component_data(at, "game.3d")["grid"] == data["grid"]
        assert len(json.dumps(component_data(at, "game.map"))) < 20_000  # the map: paths only


def test_fog_reaches_the_3d_view_as_a_mask_of_what_may_be_seen(secrets):
    at = open_page(PAGE, secrets=secrets)
    at.button_group(key="game.fog").set_value("medium")
    at = rerun(at)
    data = component_data(at, "game.3d")
    grid = cache_grid(session(at).game.level)
    seen = np.unpackbits(np.frombuffer(base64.b64decode(data["seen"]), np.uint8))
    expected = rules.visible(session(at).game, grid.xs, grid.ys).ravel()
    assert np.array_equal(seen[: expected.size].astype(bool), expected)
