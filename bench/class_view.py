"""Class view benchmark: what the teacher's live view costs a real server, and the class.

1. The refresh alone (``--part refresh``): 30 students of a room play level 3 in the database
   from this process, as if on other app processes (a downhill step each 1–3 s, a new game when
   one ends), while one teacher's view, over the websocket, reruns its fragment every 2 s as the
   browser's timer does; the server does nothing else. Prints the server's CPU per refresh
   (whole-process CPU over the run / refreshes) and the bytes each refresh sent, and the first
   open's, the map's grids included.
2. The class with and without the view (``--part clicks``): bench.classroom's students, each
   joined to the room, clicking downhill steps on the game page of the same server, while the
   teacher's view refreshes for 10 s, rests for 10 s, and so on; p95 per click while it
   refreshed against while it rested (interleaved, so a shared machine's load falls on both).

    python -m bench.class_view                    both parts, 30 students, one process, SQLite
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.classroom import cpu_seconds, line, one_class, quantile, start_server
from bench.student import Student
from gdgame.engine import game as rules
from gdgame.engine.game import saved
from gdgame.store import db, prepare
from gdgame.store import leaderboard as lb
from gdgame.store.games import save_game
from gdgame.store.names import digest, new_token

LEVEL = 3
RATES = (0.03, 0.1, 0.2, 0.3)  # the level's chips but the largest


class Watcher:
    """The teacher's browser tab on the class view, refreshing as the browser's timer does."""

    def __init__(self, url: str, room: str, secret: str) -> None:
        self.tab = Student(url, "game", f"room={room}&teacher={secret}&view=class")
        self.refreshes: list[tuple[float, int]] = []  # (seconds, bytes) of each refresh

    async def open(self) -> tuple[float, int]:
        seconds = await self.tab.open()
        if not self.tab.fragments:
            raise RuntimeError(f"the class view did not open: {self.tab.failures}")
        return seconds, self.tab.received

    async def watch(self, until: float) -> None:
        fragment, interval = next(iter(self.tab.fragments.items()))
        while time.monotonic() < until:
            began, before = time.monotonic(), self.tab.received
            seconds = await self.tab.refresh(fragment)
            self.refreshes.append((seconds, self.tab.received - before))
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - began)))


def seat_class(engine, room: str, n: int) -> list[dict]:
    """``n`` students joined to the room, each with a new game saved (version 1)."""
    seats = []
    for i in range(n):
        owner = digest(f"student-{i}")
        name = lb.join(engine, room, f"Student {i}", owner)
        seat = {"owner": owner, "name": name, "token": new_token(), "version": 0,
                "game": rules.new_game(rules.level(LEVEL))}  # fmt: skip
        save(engine, room, seat)
        seats.append(seat)
    return seats


def save(engine, room: str, seat: dict) -> None:
    record = {"game": saved.dump(seat["game"]), "attempt": new_token(), "seed": 0,
              "unlocked": LEVEL, "best": {}, "room": room, "name": seat["name"]}  # fmt: skip
    save_game(engine, seat["token"], seat["owner"], record, version=seat["version"] + 1,
              on=seat["version"])  # fmt: skip
    seat["version"] += 1


async def play(engine, room: str, seat: dict, until: float, rng: random.Random) -> int:
    """One student's moves until ``until``: a step each 1–3 s; returns how many."""
    moves = 0
    while time.monotonic() < until:
        await asyncio.sleep(rng.uniform(1.0, 3.0))
        game = seat["game"]
        seat["game"] = (rules.new_game(game.level) if game.over
                        else rules.gradient_step(game, rng.choice(RATES)))  # fmt: skip
        await asyncio.to_thread(save, engine, room, seat)
        moves += 1
    return moves


async def refresh_part(url: str, pid: int, engine, room: str, secret: str, n: int,
                       seconds: float) -> None:  # fmt: skip
    seats = seat_class(engine, room, n)
    watcher = Watcher(url, room, secret)
    opened, first = await watcher.open()
    until = time.monotonic() + seconds
    rng = random.Random(0)
    cpu0 = cpu_seconds([pid])
    players = [asyncio.create_task(play(engine, room, s, until, rng)) for s in seats]
    await watcher.watch(until)
    cpu = cpu_seconds([pid]) - cpu0
    moves = sum(await asyncio.gather(*players))
    took = [s for s, _ in watcher.refreshes]
    sent = [b for _, b in watcher.refreshes]
    k = len(watcher.refreshes)
    print(
        f"class view, {n} students playing in the database: open {opened:.2f} s, "
        f"{first / 1024:.0f} KB (the grids come as files after it)"
    )
    print(
        f"  {k} refreshes over {seconds:.0f} s, {moves} moves: server CPU "
        f"{1000 * cpu / k:.1f} ms per refresh | bytes per refresh median "
        f"{statistics.median(sent) / 1024:.1f} KB, max {max(sent) / 1024:.1f} KB | "
        f"refresh round trip p50 {1000 * quantile(took, 0.5):.0f} ms, "
        f"p95 {1000 * quantile(took, 0.95):.0f} ms | failures {watcher.tab.failures[:2]}"
    )


async def clicks_part(url: str, pid: int, engine, n: int, clicks: int, period: float) -> None:
    """A class clicking while the teacher's view refreshes for ``period`` seconds, then rests
    for as long (a tab left open and idle costs nothing), and so on: each click counts for the
    condition it started in, so the machine's other load falls on both alike."""
    opened = lb.open_room(engine, digest("teacher"))
    watcher = Watcher(url, opened.code, opened.teacher)
    await watcher.open()
    windows: list[tuple[float, float]] = []

    async def alternate() -> None:
        while True:
            began = time.monotonic()
            await watcher.watch(began + period)
            windows.append((began, time.monotonic()))
            await asyncio.sleep(period)

    toggling = asyncio.create_task(alternate())
    result = await one_class(url, "game", n, clicks, [pid], seed=1, room=opened.code)
    toggling.cancel()
    split = {False: [], True: []}
    for at, took in zip(result["click_at"], result["click"], strict=True):
        split[any(a <= at < b for a, b in windows)].append(took)
    print(line(f"{n} students, view open half the time", result))
    for failure in sorted(set(result["failures"]))[:3]:
        print(f"    failure: {failure}")
    p95 = {k: quantile(v, 0.95) for k, v in split.items()}
    print(
        f"  clicks while the view refreshed: p95 {p95[True]:.3f} s, p50 "
        f"{quantile(split[True], 0.5):.3f} s ({len(split[True])} clicks); while it rested: p95 "
        f"{p95[False]:.3f} s, p50 {quantile(split[False], 0.5):.3f} s ({len(split[False])}); "
        f"p95 {100 * (p95[True] / p95[False] - 1):+.0f} % with the view | "
        f"{len(watcher.refreshes)} refreshes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument(
        "--period",
        type=float,
        default=10.0,
        help="seconds the view refreshes, then rests, in the clicks part",
    )
    parser.add_argument("--part", choices=("refresh", "clicks", "both"), default="both")
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="gdgame-class-view-")) / "bench.sqlite"
    engine = prepare(db.sqlite_engine(path))
    proc, url = start_server(database=path)
    try:
        if args.part in ("refresh", "both"):
            opened = lb.open_room(engine, digest("teacher"))
            asyncio.run(refresh_part(url, proc.pid, engine, opened.code, opened.teacher,
                                     args.students, args.seconds))  # fmt: skip
        if args.part in ("clicks", "both"):
            asyncio.run(clicks_part(url, proc.pid, engine, args.students, args.clicks,
                                    args.period))  # fmt: skip
    finally:
        proc.terminate()
        proc.wait()
        engine.dispose()


if __name__ == "__main__":
    main()
