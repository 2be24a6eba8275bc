"""Soak test: a server's memory over a long lesson, with students joining and leaving.

One `streamlit run` process (the app's own settings: no forced garbage collection after each
run, the start-up heap frozen). ``--students`` simulated students (`bench.student`) are online
at any time; each plays a page (mostly the game) for 10 to 40 clicks, 1 to 3 s apart, then
leaves and a new one joins, for ``--minutes``. Every 30 s it prints the server's memory (RSS),
the sessions so far and the clicks so far; at the end, the first and last five minutes' memory.

    python -m bench.soak --minutes 45      (from the repository root)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time

from bench.classroom import Checks, rss_mb, start_server
from bench.student import Student

PAGES = ("game",) * 6 + ("learning_rate", "home", "local_minima", "race")


class Tally:
    def __init__(self) -> None:
        self.sessions = self.clicks = self.failures = 0


async def one_student(url: str, rng: random.Random, tally: Tally) -> None:
    page = rng.choice(PAGES)
    student = Student(url, page)
    try:
        await student.open()
        tally.sessions += 1
        for _ in range(rng.randint(10, 40)):
            await asyncio.sleep(rng.uniform(1.0, 3.0))
            if page in ("game", "learning_rate", "home"):
                key, value = Checks.click(page, student, rng)
            else:  # the lessons' first setting, a new value: a full rerun
                key, value = "local_minima.mu" if page == "local_minima" else "race.scrub", None
                value = [rng.uniform(0, 0.99)] if page == "local_minima" else [rng.randint(0, 50)]
            await student.interact(key, value)
            tally.clicks += 1
        tally.failures += len(student.failures)
    except Exception:  # noqa: BLE001 - counted; the lesson goes on
        tally.failures += 1
    finally:
        await student.close()


async def seat(url: str, seed: int, until: float, tally: Tally) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, 10))
    while time.monotonic() < until:
        await one_student(url, rng, tally)


async def soak(url: str, pid: int, students: int, minutes: float) -> list[tuple[float, float]]:
    began, tally, samples = time.monotonic(), Tally(), []
    until = began + 60 * minutes
    seats = [asyncio.create_task(seat(url, i, until, tally)) for i in range(students)]
    while time.monotonic() < until:
        await asyncio.sleep(30)
        minute, rss = (time.monotonic() - began) / 60, rss_mb([pid])
        samples.append((minute, rss))
        print(f"{minute:5.1f} min  RSS {rss:6.0f} MB  sessions {tally.sessions:5d}  clicks "
              f"{tally.clicks:6d}  failures {tally.failures}", flush=True)  # fmt: skip
    await asyncio.gather(*seats)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=45)
    parser.add_argument("--students", type=int, default=30)
    args = parser.parse_args()
    proc, url = start_server()
    try:
        samples = asyncio.run(soak(url, proc.pid, args.students, args.minutes))
    finally:
        proc.terminate()
    early = [r for m, r in samples if m <= 5]
    late = [r for m, r in samples if m >= samples[-1][0] - 5]
    print(f"RSS: first five minutes {min(early):.0f}–{max(early):.0f} MB, last five minutes "
          f"{min(late):.0f}–{max(late):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
