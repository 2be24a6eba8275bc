"""Games in progress on SQLite and PostgreSQL: each save a new version made on the last one,
owned by one player; damaged rows, held locks and a deleted file said, never raised."""

import datetime
import os
import threading
import time

import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.exc import OperationalError

from gdgame.engine.game import gradient_step, level, new_game
from gdgame.engine.game import saved as saved_game
from gdgame.store import db, leaderboard, migrate
from gdgame.store.db import DatabaseGone, games
from gdgame.store.games import (
    MAX_BYTES,
    Stale,
    claim_game,
    forget_old_games,
    load_game,
    save_game,
)
from gdgame.store.names import clean_token, new_token

ME, YOU = "a" * 64, "b" * 64


def version_of(engine, token) -> int:
    with engine.connect() as conn:
        return conn.execute(select(games.c.version).where(games.c.token == token)).scalar_one()


def test_a_saved_game_comes_back_and_each_save_is_the_next_version(engine):
    token = new_token()
    game = new_game(level(1))
    save_game(engine, token, ME, {"game": saved_game.dump(game)}, version=1, on=0)
    game = gradient_step(game, 0.3)
    save_game(engine, token, ME, {"game": saved_game.dump(game)}, version=2, on=1)
    stored = load_game(engine, token)
    assert saved_game.load(stored.data["game"]).path == game.path
    assert (stored.owner, stored.version) == (ME, 2)
    assert load_game(engine, new_token()) is None


def test_a_save_made_on_an_old_version_is_refused_and_the_row_never_moves_back(engine):
    """Two tabs on one game: A saves 3 steps, B (still on the first version) 1; B is refused."""
    token = new_token()
    save_game(engine, token, ME, {"steps": 0}, version=1, on=0)
    for v in (2, 3, 4):  # tab A
        save_game(engine, token, ME, {"steps": v - 1}, version=v, on=v - 1)
    with pytest.raises(Stale):  # tab B, made on version 1
        save_game(engine, token, ME, {"steps": 1}, version=2, on=1)
    stored = load_game(engine, token)
    assert (stored.data, stored.version) == ({"steps": 3}, 4)


def test_another_player_can_neither_overwrite_nor_take_over_a_game(engine):
    token = new_token()
    save_game(engine, token, ME, {"mine": True}, version=1, on=0)
    with pytest.raises(Stale):
        save_game(engine, token, YOU, {"mine": False}, version=2, on=1)
    with pytest.raises(Stale):  # nor start a "new" game under the same token
        save_game(engine, token, YOU, {"mine": False}, version=1, on=0)
    assert not claim_game(engine, token, YOU)
    assert load_game(engine, token).data == {"mine": True}


def test_many_tabs_racing_on_one_game_lose_no_save_that_was_acknowledged(engine):
    token = new_token()
    save_game(engine, token, ME, {"n": 0}, version=1, on=0)
    acknowledged, errors = [], []

    def tab(i):
        try:
            for _ in range(15):
                while True:
                    stored = load_game(engine, token)
                    try:
                        save_game(engine, token, ME, {"n": stored.data["n"] + 1, "tab": i},
                                  version=stored.version + 1, on=stored.version)  # fmt: skip
                        acknowledged.append(i)
                        break
                    except Stale:
                        continue
        except Exception as err:  # noqa: BLE001 - collected and reported below
            errors.append(err)

    threads = [threading.Thread(target=tab, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    stored = load_game(engine, token)
    assert len(acknowledged) == 60
    assert stored.data["n"] == 60 and stored.version == 61  # every save built on the last


def test_a_game_saved_before_games_had_owners_goes_to_the_first_player_to_open_it(engine):
    token = new_token()
    with engine.begin() as conn:
        conn.execute(games.insert().values(token=token, data='{"old": 1}', updated=db.now()))
    assert load_game(engine, token).owner is None
    assert claim_game(engine, token, ME)
    assert not claim_game(engine, token, YOU)
    assert load_game(engine, token).owner == ME


@pytest.mark.parametrize(
    "damage",
    ["{", "[]", "null", "1" * 5000, "[" * 100_000 + "]" * 100_000, '{"a": ' * 50_000, "\x00"],
    ids=["truncated", "a list", "null", "5000 digits", "nested 100000 deep", "open 50000", "nul"],
)
def test_a_damaged_row_reads_as_damaged_and_raises_nothing_else(engine, damage):
    token = new_token()
    with engine.begin() as conn:
        conn.execute(games.insert().values(token=token, data=damage.replace("\x00", "?"),
                                           updated=db.now(), owner=ME))  # fmt: skip
    with pytest.raises(ValueError, match="damaged"):
        load_game(engine, token)


@pytest.mark.parametrize("bad", ["", "short", "x" * 65, "abc/../../etc/passwd", "a b" * 8, None,
                                 "'; DROP TABLE games; --xxxxxx"])  # fmt: skip
def test_tokens_that_this_app_did_not_make_are_refused(engine, bad):
    with pytest.raises(ValueError, match="token"):
        clean_token(bad)
    with pytest.raises(ValueError):
        save_game(engine, bad, ME, {"x": 1}, version=1, on=0)
    assert load_game(engine, bad) is None


def test_absurd_saves_are_refused(engine):
    with pytest.raises(ValueError):
        save_game(engine, new_token(), ME, {"path": [0.0] * MAX_BYTES}, version=1, on=0)
    with pytest.raises(ValueError):
        save_game(engine, new_token(), ME, {"x": float("nan")}, version=1, on=0)
    with pytest.raises(ValueError):  # a save never goes back a version
        save_game(engine, new_token(), ME, {"x": 1}, version=1, on=1)


def test_games_untouched_for_long_are_forgotten_and_recent_ones_kept(engine):
    old, recent = new_token(), new_token()
    save_game(engine, old, ME, {"x": 1}, version=1, on=0)
    save_game(engine, recent, ME, {"x": 2}, version=1, on=0)
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=61)
    with engine.begin() as conn:
        conn.execute(update(games).where(games.c.token == old).values(updated=long_ago))
    assert forget_old_games(engine, days=60) == 1
    assert load_game(engine, old) is None and load_game(engine, recent).data == {"x": 2}


def win(room, token, **changes):
    row = {"room": room, "level": 1, "name": "Ada", "owner": ME, "mode": "gradient",
           "fog": "easy", "score": 900, "steps": 2, "stars": 3, "token": token}  # fmt: skip
    return row | changes


def on_board(engine, token) -> bool:
    return leaderboard.on_board(engine, token)


def test_a_win_and_its_game_are_stored_together_or_not_at_all(engine):
    room = leaderboard.open_room(engine, ME).code
    leaderboard.join(engine, room, "Ada", ME)
    token, attempt = new_token(), new_token()
    save_game(engine, token, ME, {"n": 0}, version=1, on=0)
    assert save_game(engine, token, ME, {"n": 1}, version=2, on=1, score=win(room, attempt)) is None
    assert on_board(engine, attempt) and version_of(engine, token) == 2
    # a stale tab's win: neither its game nor its score is stored
    late = new_token()
    with pytest.raises(Stale):
        save_game(engine, token, ME, {"n": 9}, version=2, on=1, score=win(room, late))
    assert not on_board(engine, late) and load_game(engine, token).data == {"n": 1}


def test_the_same_win_saved_again_is_on_the_board_once(engine):
    room = leaderboard.open_room(engine, ME).code
    leaderboard.join(engine, room, "Ada", ME)
    token, attempt = new_token(), new_token()
    for v in (1, 2):  # a retry after a save whose answer was lost
        assert (
            save_game(engine, token, ME, {}, version=v, on=v - 1, score=win(room, attempt)) is None
        )
    assert len(leaderboard.board(engine, room, 1)) == 1
    other = win(room, attempt, score=100, steps=9)  # a different result of the same game
    said = save_game(engine, token, ME, {}, version=3, on=2, score=other)
    assert "different result" in said
    assert leaderboard.board(engine, room, 1)[0]["score"] == 900


def hold_the_write_lock(engine, seconds: float, ready: threading.Event) -> None:
    """Another process's long transaction: it holds the games table's lock for ``seconds``."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.begin()
            conn.execute(text("LOCK TABLE games IN EXCLUSIVE MODE"))
        ready.set()
        time.sleep(seconds)
        conn.rollback()


def test_a_save_behind_a_held_lock_fails_within_seconds_and_succeeds_after(engine, tmp_path):
    if engine.dialect.name == "sqlite":
        holder = create_engine(engine.url)  # a plain engine: the other process
    else:
        holder = create_engine(engine.url.render_as_string(hide_password=False))
    token = new_token()
    save_game(engine, token, ME, {"n": 0}, version=1, on=0)
    ready = threading.Event()
    thread = threading.Thread(target=hold_the_write_lock, args=(holder, 8, ready))
    thread.start()
    ready.wait(10)
    assert load_game(engine, token).data == {"n": 0}  # reads never wait for the lock
    assert leaderboard.board(engine, "K7QXM", 1) == []
    began = time.monotonic()
    with pytest.raises(OperationalError):
        save_game(engine, token, ME, {"n": 1}, version=2, on=1)
    waited = time.monotonic() - began
    thread.join()
    assert waited < 6, f"waited {waited:.1f} s for a lock held 8 s"
    assert version_of(engine, token) == 1  # nothing half-written
    save_game(engine, token, ME, {"n": 1}, version=2, on=1)  # the retry, once the lock is free
    assert load_game(engine, token).data == {"n": 1}
    holder.dispose()


def test_a_sqlite_file_deleted_or_replaced_while_the_app_runs_is_noticed(tmp_path):
    path = tmp_path / "leaderboard.sqlite"
    engine = db.sqlite_engine(path)
    migrate.upgrade(engine)
    token = new_token()
    save_game(engine, token, ME, {"n": 0}, version=1, on=0)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    with pytest.raises(DatabaseGone):
        save_game(engine, token, ME, {"n": 1}, version=2, on=1)
    fresh = db.sqlite_engine(path)  # someone puts a new, empty database in its place
    migrate.upgrade(fresh)
    with pytest.raises(DatabaseGone):
        save_game(engine, token, ME, {"n": 1}, version=2, on=1)
    engine.dispose()
    fresh.dispose()
