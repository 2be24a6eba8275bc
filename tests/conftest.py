"""Tests run in parallel (`make test`: pytest-xdist, one worker per core). Each worker gets a
schema of its own in the test PostgreSQL database, so that one worker's storage tests, which
drop and make the tables, never meet another's."""

import os

from sqlalchemy import create_engine


def pytest_configure(config) -> None:
    worker = getattr(config, "workerinput", {}).get("workerid")  # "gw0", … (None: no xdist)
    url = os.environ.get("GDGAME_TEST_POSTGRES_URL")
    if not (worker and url) or "search_path" in url:
        return
    schema = f"test_{worker}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    engine.dispose()
    joint = "&" if "?" in url else "?"
    os.environ["GDGAME_TEST_POSTGRES_URL"] = f"{url}{joint}options=-csearch_path%3D{schema}"
