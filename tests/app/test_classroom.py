"""The game page against a mischievous class and bad luck, in AppTest: links to someone else's
game, two tabs, look-alike names, teacher controls, a held lock, damaged rows, a deleted file.

Each browser is the secret its cookie holds (`open_page(browser=…)`); the database is a SQLite
file of the test's own, opened beside the app as a teacher's admin would.
"""

import json
import math
import sqlite3

import pytest
from sqlalchemy import select, update

from gdgame.engine import game as rules
from gdgame.engine.game import saved
from gdgame.store import db, leaderboard
from gdgame.store.games import load_game
from gdgame.store.names import digest
from gdgame.ui import database, game_session
from gdgame.ui.game_text import FOG_NAMES, MODE_NAMES
from tests.app.pages import open_page, rerun

PAGE = "pages/game.py"
JOIN = "FormSubmitter:classroom.join-Join the room"
ADA, MALLORY, TEACHER = ("ada-browser-secret-0001", "mallory-browser-secret-1",
                         "teacher-browser-secret-1")  # fmt: skip


@pytest.fixture
def place(tmp_path):
    """The app's secrets and an engine on the same database file."""
    path = tmp_path / "db.sqlite"
    secrets = {"connections": {"leaderboard": {"url": f"sqlite:///{path}"}}}
    engine = db.sqlite_engine(path)
    yield secrets, engine, path
    engine.dispose()


def session(at):
    return at.session_state["game.session"]


def press(at, key):
    at.button(key=key).click()
    return rerun(at)


def step(at, lr):
    at.select_slider(key="game.lr").set_value(lr)
    return press(rerun(at), "game.step")


def said(at) -> str:
    """Everything the page says in notices, in one string."""
    return " ".join(e.value for kind in (at.warning, at.error, at.info, at.success) for e in kind)


def open_room(secrets, browser=TEACHER):
    at = press(open_page(PAGE, secrets=secrets, browser=browser), "classroom.open")
    return at, at.session_state["classroom.teacher"]["room"]


def join(secrets, room, name, browser, **query):
    at = open_page(PAGE, secrets=secrets, browser=browser, room=room, **query)
    at.text_input(key="classroom.name").input(name)
    return press(at, JOIN)


def test_another_browser_opening_a_games_link_plays_a_game_of_its_own(place):
    secrets, engine, _ = place
    _, room = open_room(secrets)
    ada = step(join(secrets, room, "Ada", ADA), 0.1)
    token = session(ada).token
    ada_row = load_game(engine, token)
    # Mallory opens Ada's address, as a copied level-9 link would hand it over
    mallory = open_page(PAGE, secrets=secrets, browser=MALLORY, game=token, seed="123",
                        room=room)  # fmt: skip
    theirs = session(mallory)
    assert theirs.token != token and mallory.query_params["game"] == theirs.token
    assert (theirs.room, theirs.name, theirs.game.steps) == (None, None, 0)
    assert theirs.seed == 123  # the terrain the link shares is kept
    assert "another player's game" in said(mallory)
    mallory = step(mallory, 0.5)  # wins level 1 in one step
    assert session(mallory).game.status == rules.WON
    assert leaderboard.board(engine, room, 1) == []  # nothing under Ada's name
    assert load_game(engine, token) == ada_row  # and Ada's game untouched
    ada = step(rerun(ada), 0.5)
    assert [r["name"] for r in leaderboard.board(engine, room, 1)] == ["Ada"]


def test_two_tabs_on_one_game_cannot_fork_it(place):
    """Tab A plays 3 steps, tab B (opened at the start) 1: B's move is refused, not A's lost."""
    secrets, engine, _ = place
    a = open_page(PAGE, secrets=secrets, browser=ADA)
    token = session(a).token
    b = open_page(PAGE, secrets=secrets, browser=ADA, game=token)
    assert session(b).token == token
    for _ in range(3):
        a = step(a, 0.1)
    b = step(b, 0.1)
    assert "moved on in another tab" in said(b)
    assert session(b).game.path == session(a).game.path  # B shows the game as it stands
    reload = open_page(PAGE, secrets=secrets, browser=ADA, game=token)
    assert session(reload).game.steps == 3
    stored = load_game(engine, token)
    assert saved.load(stored.data["game"]).steps == 3


def test_saved_is_said_only_of_the_win_that_is_stored(place):
    """Two tabs win the same attempt (5 steps, then 1): the second is refused and shows the
    first, the one on the board."""
    secrets, engine, _ = place
    _, room = open_room(secrets)
    a = join(secrets, room, "Ada", ADA)
    token = session(a).token
    b = open_page(PAGE, secrets=secrets, browser=ADA, game=token)
    for _ in range(4):
        a = step(a, 0.1)
    a = step(a, 0.5)  # A wins in 5 steps
    b = step(b, 0.5)  # B, still on the first version, would win in 1
    assert any("Saved to room" in s.value for s in a.success)
    assert "moved on in another tab" in said(b)
    assert session(b).game.steps == 5  # B's 1-step win was not played: it shows A's
    rows = leaderboard.board(engine, room, 1)
    assert [(r["name"], r["steps"]) for r in rows] == [("Ada", 5)]


def hold_lock(path):
    """Another process's write transaction on the database file, not yet committed."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_held_lock_leaves_the_win_waiting_and_the_retry_stores_it(place, monkeypatch):
    secrets, engine, path = place
    _, room = open_room(secrets)
    at = join(secrets, room, "Ada", ADA)
    token = session(at).token
    holder = hold_lock(path)
    at = step(at, 0.5)  # the win is played, but cannot be stored: the page does not wait
    assert session(at).game.status == rules.WON and session(at).pending
    assert not at.success or not any("Saved" in s.value for s in at.success)
    assert "Not saved to room" in said(at) and "busy" in said(at)
    assert load_game(engine, token).data["game"]["path"] == [list(rules.level(1).start)]
    holder.rollback()
    holder.close()
    monkeypatch.setattr(game_session, "RETRY_SECONDS", 0.0)  # the timer's next run
    at = rerun(at)
    assert not session(at).pending
    assert any(f"Saved to room {room}" in s.value for s in at.success)
    stored = load_game(engine, token)
    assert saved.load(stored.data["game"]).status == rules.WON
    assert stored.version == session(at).version
    assert [r["name"] for r in leaderboard.board(engine, room, 1)] == ["Ada"]


def game_row(engine, token, data: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(db.games).where(db.games.c.token == token).values(data=data))


@pytest.mark.parametrize("damage", ["{", "1" * 5000, "[" * 100_000 + "]" * 100_000],
                         ids=["truncated", "5000 digits", "nested 100000 deep"])  # fmt: skip
def test_a_damaged_game_row_gives_a_notice_and_a_fresh_game(place, damage):
    secrets, engine, _ = place
    at = step(open_page(PAGE, secrets=secrets, browser=ADA), 0.1)
    token = session(at).token
    game_row(engine, token, damage)
    again = open_page(PAGE, secrets=secrets, browser=ADA, game=token)
    assert "could not be found or was damaged" in said(again)
    assert session(again).game.steps == 0 and session(again).token != token


def test_an_edited_row_whose_path_jumps_past_the_stride_is_not_a_win(place):
    secrets, engine, _ = place
    at = open_page(PAGE, secrets=secrets, browser=ADA)
    at.button_group(key="game.mode").set_value("free")
    at = rerun(at)
    token = session(at).token
    record = session(at).record()
    record["game"]["path"].append([0.0, 0.0])  # from (-4, 3) straight onto the minimum
    game_row(engine, token, json.dumps(record))
    again = open_page(PAGE, secrets=secrets, browser=ADA, game=token)
    assert "could not be found or was damaged" in said(again)
    assert session(again).game.status == rules.PLAYING and session(again).best == {}


def test_a_database_file_deleted_while_the_app_runs_is_said_and_nothing_claims_saved(place):
    secrets, _, path = place
    _, room = open_room(secrets)
    at = join(secrets, room, "Ada", ADA)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    at = step(at, 0.5)
    assert session(at).pending
    assert database.GONE in said(at)
    assert not any("Saved" in s.value for s in at.success)


def test_look_alike_names_are_refused_once_a_name_is_taken(place):
    secrets, engine, _ = place
    _, room = open_room(secrets)
    join(secrets, room, "Alice", ADA)
    for i, name in enumerate(["Ａlice", "alice", "A1ice", "Аlice", "ㅤㅤㅤ"]):
        at = join(secrets, room, name, f"mallory-browser-secret-{i}")
        assert session(at).room is None, name
        assert at.error and ("looks just like" in at.error[0].value
                             or "one alphabet" in at.error[0].value
                             or "invisible" in at.error[0].value), name  # fmt: skip
    assert leaderboard.names(engine, room) == ["Alice"]


def test_a_student_gets_no_teacher_controls_and_the_teacher_link_gets_them(place):
    secrets, engine, _ = place
    teacher, room = open_room(secrets)
    link = teacher.session_state["classroom.teacher"]["link"]
    assert any(f"teacher={link}" in c.value for c in teacher.code)  # shown to the teacher once
    student = join(secrets, room, "Ada", ADA)
    keys = {b.key for b in student.button}
    assert not keys & {"classroom.unlock", "classroom.close", "classroom.new_link"}
    forged = open_page(PAGE, secrets=secrets, browser=MALLORY, room=room, teacher="x" * 22)
    assert "teacher link is not" in said(forged) and "classroom.unlock" not in {
        b.key for b in forged.button}  # fmt: skip
    laptop = open_page(PAGE, secrets=secrets, browser="teachers-laptop-secret-1", room=room,
                       teacher=link)  # fmt: skip
    assert "teacher" not in laptop.query_params  # the secret leaves the address bar
    assert not any(link in c.value for c in laptop.code)  # and is not shown again
    laptop = press(laptop, "classroom.unlock")
    assert session(laptop).unlocked == len(rules.LEVELS)
    with engine.connect() as conn:
        stored = conn.execute(select(db.rooms.c.teacher).where(db.rooms.c.code == room)).scalar()
    assert stored == digest(link)


def test_the_teacher_fixes_how_the_room_plays_and_the_board_says_how_each_win_was_played(place):
    secrets, engine, _ = place
    teacher, room = open_room(secrets)
    free = join(secrets, room, "Bob", MALLORY)
    free.button_group(key="game.mode").set_value("free")
    free = rerun(free)  # Bob chose free mode before the teacher fixed it
    teacher.button_group(key=f"classroom.rule.mode.{room}").set_value("gradient")
    teacher.button_group(key=f"classroom.rule.fog.{room}").set_value("hard")
    teacher = rerun(teacher)
    assert leaderboard.room(engine, room) == leaderboard.Room(room, "gradient", "hard", False)
    ada = join(secrets, room, "Ada", ADA)  # a game not begun starts by the room's rules
    assert (session(ada).game.mode, session(ada).game.fog) == ("gradient", "hard")
    assert ada.button_group(key="game.mode").disabled and ada.button_group(key="game.fog").disabled
    ada = step(ada, 0.5)
    assert any("Saved to room" in s.value for s in ada.success)
    free = rerun(free)
    start = rules.level(1).start  # aim at the minimum (0, 0) in equal steps of at most the stride
    steps = math.ceil(math.hypot(*start) / rules.level(1).stride)
    free.number_input(key="game.angle").set_value(math.degrees(math.atan2(-start[1], -start[0])))
    free.number_input(key="game.distance.1").set_value(math.hypot(*start) / steps)
    for _ in range(steps):
        free = press(free, "game.polar")
    assert session(free).game.status == rules.WON and "other settings" in said(free)
    rows = leaderboard.board(engine, room, 1)
    assert [(r["name"], r["mode"], r["fog"]) for r in rows] == [("Ada", "gradient", "hard")]
    teacher = rerun(teacher)
    board = teacher.dataframe[-1].value
    assert list(board["moves"]) == [MODE_NAMES["gradient"]]
    assert list(board["fog"]) == [FOG_NAMES["hard"]]


def test_the_teacher_removes_a_name_and_closes_the_room(place):
    secrets, engine, _ = place
    teacher, room = open_room(secrets)
    rude = step(join(secrets, room, "Rude", MALLORY), 0.5)
    step(join(secrets, room, "Ada", ADA), 0.5)
    teacher = rerun(teacher)
    teacher.selectbox(key="classroom.remove").set_value("Rude")
    teacher = press(teacher, "classroom.remove.go")
    assert [r["name"] for r in leaderboard.board(engine, room, 1)] == ["Ada"]
    again = join(secrets, room, "rude", "another-browser-secret-1")
    assert "removed" in again.error[0].value
    teacher = press(teacher, "classroom.close")  # not without ticking the box
    assert "Tick the box" in teacher.error[0].value and not leaderboard.room(engine, room).closed
    teacher.checkbox(key="classroom.close.sure").check()
    teacher = press(teacher, "classroom.close")
    assert leaderboard.room(engine, room).closed
    late = join(secrets, room, "Late", "late-browser-secret-0001")
    assert "closed" in late.error[0].value and session(late).room is None
    rude = press(rude, "game.again")
    rude = step(rude, 0.5)  # the removed name's next win stays off the board
    assert "removed" in said(rude) or "closed" in said(rude)
    assert [r["name"] for r in leaderboard.board(engine, room, 1)] == ["Ada"]


def test_opening_rooms_is_rate_limited(place):
    secrets, engine, _ = place
    at = open_page(PAGE, secrets=secrets, browser=MALLORY)
    limit, _ = leaderboard.ROOMS_PER_PLAYER
    for _ in range(limit):
        at = press(at, "classroom.open")
    assert not at.error
    at = press(at, "classroom.open")
    assert "rooms were opened from this browser" in at.error[0].value
    with engine.connect() as conn:
        assert len(conn.execute(select(db.rooms.c.code)).all()) == limit
