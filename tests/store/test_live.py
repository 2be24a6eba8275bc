"""The class a teacher's live view reads, on SQLite and PostgreSQL: a game's row says its room,
the room's recent games come newest first with their versions, and only names held and not
removed may be shown."""

import datetime

from sqlalchemy import select, update

from gdgame.store import db
from gdgame.store import leaderboard as lb
from gdgame.store.games import save_game
from gdgame.store.live import class_games
from gdgame.store.names import digest, new_token

TEACHER, ADA, BOB = (digest(who) for who in ("teacher", "ada", "bob"))


def room_of(engine, token):
    with engine.connect() as conn:
        return conn.execute(select(db.games.c.room).where(db.games.c.token == token)).scalar()


def test_a_game_row_says_which_room_it_is_played_in(engine):
    room = lb.open_room(engine, TEACHER).code
    token, alone, junk = new_token(), new_token(), new_token()
    save_game(engine, token, ADA, {"room": room.lower(), "name": "Ada"}, version=1, on=0)
    save_game(engine, alone, ADA, {"room": None}, version=1, on=0)
    save_game(engine, junk, ADA, {"room": "<b>x</b>"}, version=1, on=0)
    assert (room_of(engine, token), room_of(engine, alone), room_of(engine, junk)) == (
        room, None, None)  # fmt: skip
    save_game(engine, token, ADA, {"room": None}, version=2, on=1)  # she left the room
    assert room_of(engine, token) is None


def test_a_class_is_its_rooms_recent_games_with_versions_and_names_held(engine):
    room, other = lb.open_room(engine, TEACHER).code, lb.open_room(engine, TEACHER).code
    lb.join(engine, room, "Ada", ADA)
    lb.join(engine, room, "Bob", BOB)
    ada, bob, old, elsewhere = (new_token() for _ in range(4))
    save_game(engine, old, ADA, {"room": room, "name": "Ada", "n": 0}, version=1, on=0)
    save_game(engine, ada, ADA, {"room": room, "name": "Ada", "n": 1}, version=1, on=0)
    save_game(engine, ada, ADA, {"room": room, "name": "Ada", "n": 2}, version=2, on=1)
    save_game(engine, bob, BOB, {"room": room, "name": "Bob"}, version=1, on=0)
    save_game(engine, elsewhere, BOB, {"room": other, "name": "Bob"}, version=1, on=0)
    with engine.begin() as conn:  # a game from last week's lesson in the same room
        conn.execute(update(db.games).where(db.games.c.token == old).values(
            updated=db.now() - datetime.timedelta(days=7)))  # fmt: skip
    found = class_games(engine, room.lower())
    assert found.code == room
    assert [(g.token, g.owner, g.version) for g in found.games] == [(bob, BOB, 1), (ada, ADA, 2)]
    assert '"n":2' in found.games[1].data
    assert found.names == {(ADA, "Ada"), (BOB, "Bob")}
    lb.remove_name(engine, room, TEACHER, None, "Bob")
    assert class_games(engine, room).names == {(ADA, "Ada")}
    assert class_games(engine, lb.open_room(engine, TEACHER).code).games == ()
