"""Every storage test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from GDGAME_TEST_POSTGRES_URL (`make test` starts Debian's and sets it).
Without it the PostgreSQL half is skipped on a developer's machine and fails under CI.
"""

import os

import pytest
from sqlalchemy import create_engine

from gdgame.store import db, migrate


@pytest.fixture(params=["sqlite", "postgresql"])
def blank(request, tmp_path):
    """A database with no tables at all, on each backend."""
    if request.param == "sqlite":
        engine = db.sqlite_engine(tmp_path / "data" / "leaderboard.sqlite")
    else:
        url = os.environ.get("GDGAME_TEST_POSTGRES_URL")  # read now: a worker's own schema
        if not url:
            message = "GDGAME_TEST_POSTGRES_URL is not set (make test starts PostgreSQL)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        engine = db.make_safe(create_engine(url))
        db.drop_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(blank):
    """An empty database with the newest schema, on each backend."""
    migrate.upgrade(blank)
    migrate.upgrade(blank)  # twice: harmless
    return blank
