"""The schema brought up to date on start, on SQLite and PostgreSQL: from the release before
migrations with its data, from nothing, by two processes at once, and back down and up."""

import threading

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select

from gdgame import store
from gdgame.store import db, leaderboard, migrate
from gdgame.store.games import claim_game, load_game, save_game
from gdgame.store.names import digest
from tests.store import previous_release as old

ADA = digest("ada's browser")


def fill_the_previous_release(engine) -> None:
    old.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(old.rooms).values(code=old.ROOM, created=db.now()))
        conn.execute(insert(old.scores), [row | {"saved": db.now()} for row in old.SCORES])
        conn.execute(insert(old.games).values(token=old.GAME_TOKEN, data=old.GAME,
                                              updated=db.now()))  # fmt: skip


def differences(engine) -> list:
    """What the database's schema lacks or has beyond the models' (none, when up to date)."""
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), db.metadata)


def test_a_database_of_the_release_before_migrations_is_upgraded_with_its_data(blank):
    fill_the_previous_release(blank)
    assert migrate.current(blank) is None
    store.prepare(blank)  # what the app does on start
    assert migrate.current(blank) == migrate.head() == "0003"
    assert differences(blank) == []
    # the old scores are on the board, their way of playing unknown
    rows = leaderboard.board(blank, old.ROOM, 1)
    assert [(r["name"], r["score"], r["mode"], r["fog"]) for r in rows] == [
        ("Ada", 990, None, None), ("Bob", 700, None, None)]  # fmt: skip
    # the old game is there, as its first version, for the first player to open it
    stored = load_game(blank, old.GAME_TOKEN)
    assert (stored.owner, stored.version) == (None, 1)
    assert stored.data["name"] == "Ada" and stored.data["game"]["path"][1] == [-3.2, 2.4]
    assert claim_game(blank, old.GAME_TOKEN, ADA)
    save_game(blank, old.GAME_TOKEN, ADA, stored.data, version=2, on=1)
    # the old room has no teacher, and its names are taken by whoever plays them next
    assert not leaderboard.is_teacher(blank, old.ROOM, ADA)
    assert leaderboard.join(blank, old.ROOM, "Ada", ADA) == "Ada"


def test_a_new_database_gets_the_newest_schema_and_a_second_start_changes_nothing(blank):
    store.prepare(blank)
    store.prepare(blank)
    assert migrate.current(blank) == migrate.head()
    assert differences(blank) == []


def test_two_app_processes_starting_at_once_upgrade_the_database_once(blank):
    url = blank.url.render_as_string(hide_password=False)
    engines = [create_engine(url) for _ in range(2)]
    errors = []

    def start(engine):
        try:
            store.prepare(engine)
        except Exception as err:  # noqa: BLE001 - collected and reported below
            errors.append(err)

    fill_the_previous_release(blank)
    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert migrate.current(blank) == migrate.head() and differences(blank) == []
    with blank.connect() as conn:
        assert len(conn.execute(select(db.scores.c.id)).all()) == len(old.SCORES)
    for engine in engines:
        engine.dispose()


def test_downgrading_to_the_first_schema_and_back_keeps_the_data(blank):
    fill_the_previous_release(blank)
    store.prepare(blank)
    with blank.begin() as conn:
        command.downgrade(migrate.config(conn), migrate.FIRST)
    assert migrate.current(blank) == migrate.FIRST
    with blank.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("games")}
    assert columns == {"token", "data", "updated"}
    migrate.upgrade(blank)
    assert differences(blank) == []
    assert len(leaderboard.board(blank, old.ROOM, 1)) == 2
    assert load_game(blank, old.GAME_TOKEN).version == 1


def test_the_head_the_app_checks_on_start_is_alembics():
    assert migrate.head() == migrate.HEAD
