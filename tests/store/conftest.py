"""Every storage test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from GDGAME_TEST_POSTGRES_URL (`make test` starts Debian's and sets it).
Without it the PostgreSQL half is skipped on a developer's machine and fails under CI.
"""

import os

import pytest
from sqlalchemy import create_engine

from gdgame.store import db

POSTGRES_URL = os.environ.get("GDGAME_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An empty database with the schema, on each backend."""
    if request.param == "sqlite":
        engine = db.sqlite_engine(tmp_path / "data" / "leaderboard.sqlite")
    else:
        if not POSTGRES_URL:
            message = "GDGAME_TEST_POSTGRES_URL is not set (make test starts PostgreSQL)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        engine = create_engine(POSTGRES_URL)
        db.metadata.drop_all(engine)
    db.create_schema(engine)
    db.create_schema(engine)  # twice: harmless
    yield engine
    engine.dispose()
