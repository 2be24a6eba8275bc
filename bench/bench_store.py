"""Storage benchmark: score writes per second on SQLite and PostgreSQL, one writer against eight.

Each write is a whole transaction (what a student's win costs). Prints, per backend, the rate of
2000 writes from one thread and from 8 threads × 250, and their ratio (above 1: concurrent
writers get more done; below 1: they queue for the lock). PostgreSQL is measured when
GDGAME_TEST_POSTGRES_URL is set (`make bench-store` starts Debian's).

    python -m bench.bench_store      (from the repository root)
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid

from sqlalchemy import create_engine

from gdgame.store import db, leaderboard, migrate

WRITES, THREADS = 2000, 8


def write(engine, count: int, name: str) -> None:
    for i in range(count):
        leaderboard.save_score(engine, room="BENCH", level=1, name=name, score=i, steps=3,
                               stars=3, token=uuid.uuid4().hex)  # fmt: skip


def rate(engine, threads: int) -> float:
    workers = [threading.Thread(target=write, args=(engine, WRITES // threads, f"p{i}"))
               for i in range(threads)]  # fmt: skip
    began = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return WRITES / (time.perf_counter() - began)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engines = {"sqlite (WAL, IMMEDIATE)": db.sqlite_engine(f"{tmp}/bench.sqlite")}
        if url := os.environ.get("GDGAME_TEST_POSTGRES_URL"):
            engines["postgresql"] = create_engine(url, pool_size=THREADS)
        for name, engine in engines.items():
            db.drop_all(engine)
            migrate.upgrade(engine)
            leaderboard.open_room(engine, "BENCH")
            one, many = rate(engine, 1), rate(engine, THREADS)
            print(f"{name:24s} 1 writer {one:7.0f}/s | {THREADS} writers {many:7.0f}/s | "
                  f"ratio {many / one:4.2f}")  # fmt: skip
            db.drop_all(engine)
            engine.dispose()


if __name__ == "__main__":
    main()
