"""The leaderboard on SQLite and PostgreSQL: concurrent writes, idempotent retries, ordering,
names."""

import threading
import uuid

import pytest
from sqlalchemy import func, select

from gdgame.store import db
from gdgame.store import leaderboard as lb
from gdgame.store.names import ROOM_ALPHABET, clean_name, clean_room, new_room_code


def count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(db.scores)).scalar_one()


def test_eight_threads_of_250_writes_lose_none_and_duplicate_none(engine):
    room = lb.open_room(engine, "ABCDE")
    tokens = [[uuid.uuid4().hex for _ in range(250)] for _ in range(8)]
    errors = []

    def writer(i):
        try:
            for j, token in enumerate(tokens[i]):
                assert lb.save_score(engine, room=room, level=1, name=f"p{i}", score=j,
                                     steps=3, stars=3, token=token)  # fmt: skip
        except Exception as err:  # noqa: BLE001 - collected and reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert count(engine) == 2000
    with engine.connect() as conn:
        stored = set(conn.execute(select(db.scores.c.token)).scalars())
    assert stored == {t for ts in tokens for t in ts}


def test_a_retry_with_the_same_token_is_stored_once(engine):
    room = lb.open_room(engine, "k7qxm ")
    kwargs = {"room": room, "level": 2, "name": "Ada", "score": 900, "steps": 4, "stars": 3}
    assert lb.save_score(engine, token="t-1", **kwargs) is True
    assert lb.save_score(engine, token="t-1", **kwargs) is False
    assert count(engine) == 1


def test_the_board_keeps_each_players_best_and_orders_it(engine):
    room = lb.open_room(engine, "QQQQQ")
    games = [("Ada", 800, 6), ("Ada", 950, 3), ("Bob", 950, 4), ("Cy", 500, 9), ("Bob", 100, 20)]
    for i, (name, score, steps) in enumerate(games):
        lb.save_score(engine, room=room, level=3, name=name, score=score, steps=steps, stars=2,
                      token=f"g{i}")  # fmt: skip
    lb.save_score(engine, room=room, level=4, name="Dee", score=999, steps=1, stars=3, token="x")
    rows = lb.board(engine, room, 3)
    assert [(r["name"], r["score"], r["steps"]) for r in rows] == [
        ("Ada", 950, 3), ("Bob", 950, 4), ("Cy", 500, 9),
    ]  # fmt: skip
    assert lb.board(engine, "ZZZZZ", 3) == []


def test_rooms_open_once_and_codes_are_checked(engine):
    lb.open_room(engine, "ABCDE")
    lb.open_room(engine, "abcde")
    assert lb.room_exists(engine, "ABCDE") and not lb.room_exists(engine, "EDCBA")
    code = new_room_code()
    assert len(code) == 5 and set(code) <= set(ROOM_ALPHABET)
    for bad in ("", "ABCD", "ABCDEF", "AB0DE", "AB DE", None, 12345, "<scr"):
        with pytest.raises(ValueError):
            clean_room(bad)


@pytest.mark.parametrize("raw, clean", [("Ada", "Ada"), ("  José  Núñez ", "José Núñez"),
                                        ("O'Neil-Smith_2", "O'Neil-Smith_2"), ("Ｂｏｂ", "Bob"),
                                        ("李雷", "李雷"), ("x" * 24, "x" * 24),
                                        ("tab\there", "tab here")])  # fmt: skip
def test_names_are_normalized(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "x" * 25, "[link](http://evil)", "![img](x.png)", "$\\LaTeX$", "<b>hi</b>",
     "a\u202eb", "emoji 🙂", "semi;colon", "new\u200bline", None, 42],
)  # fmt: skip
def test_hostile_names_are_refused_with_a_message(raw, engine):
    with pytest.raises(ValueError, match="name"):
        clean_name(raw)
    with pytest.raises(ValueError):
        lb.save_score(engine, room="ABCDE", level=1, name=raw, score=1, steps=1, stars=1,
                      token="t")  # fmt: skip
    assert count(engine) == 0
