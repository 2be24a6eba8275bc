"""Classroom benchmark: N simulated students on one page of a real server, over the websocket.

Each student (`bench.student.Student`) opens the page, then makes ``--clicks`` interactions with
1–3 s between them, as a student does: in the game a one-click step (checked to have moved the
player: the step counter went up), on the learning-rate page a new α on the slider (checked in
the page's sentence about 1 − αL), on the home page a Step (checked in the update's formula).
All students open the page at once; their clicks start when every page is open. Prints, per
class, p50/p95/max seconds per click and per page open, failures (errors, timeouts, clicks that
did not do what they should), the server's CPU per click and the bytes it sent per click, and
its memory after the class. ``--classes 3`` runs three classes in turn on the same server.

    python -m bench.classroom                       one `streamlit run` process, SQLite
    python -m bench.classroom --serve               make serve's stack: nginx, a process per
                                                    core, PostgreSQL (deploy/serve.sh)
    python -m bench.classroom --url http://host:8080 --pids 1,2   a server already running
    python -m bench.classroom --validate            the client against Chromium's frames
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.student import Student

ROOT = Path(__file__).parents[1]
PAGES = ("game", "learning_rate", "home")
TICK = os.sysconf("SC_CLK_TCK")


def start_server(extra: list[str] | None = None,
                 database: Path | None = None) -> tuple[subprocess.Popen, str]:  # fmt: skip
    """`streamlit run app.py` on a free port with a throw-away SQLite database (or the file
    ``database``; its log in the file GDGAME_BENCH_LOG names, if set)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    secrets = Path(tempfile.mkdtemp(prefix="gdgame-bench-")) / "secrets.toml"
    database = database or secrets.parent / "bench.sqlite"
    secrets.write_text(f'[connections.leaderboard]\nurl = "sqlite:///{database}"\n')
    log = open(os.environ.get("GDGAME_BENCH_LOG", os.devnull), "ab")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--secrets.files", str(secrets), *(extra or [])],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def start_stack() -> tuple[subprocess.Popen, str, list[int]]:
    """deploy/serve.sh (nginx, one app process per core, PostgreSQL) on a free port."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    where = Path(tempfile.mkdtemp(prefix="gdgame-serve-"))
    env = {**os.environ, "PORT": str(port), "APP_PORT": str(port + 1), "SERVE_DIR": str(where)}
    proc = subprocess.Popen(["deploy/serve.sh"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        if (where / "nginx.pid").exists():
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    return proc, url, [int(p) for p in (where / "pids").read_text().split()]
            except OSError:
                pass
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise RuntimeError("deploy/serve.sh did not start")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total / 1024


class Checks:
    """One click of each page, and how to tell that it did what it should."""

    @staticmethod
    def click(page: str, student: Student, rng: random.Random) -> tuple[str, object]:
        if page == "game":
            chips = [w for w in student.page.widgets() if w.key.startswith("game.chip.")]
            if not chips:  # the game is over: start the level again
                return "game.again", True
            return chips[0].key, ["0.01"]
        if page == "learning_rate":
            slider = student.page.widget("learning_rate.lr")
            options = [o for o in slider.element.options if [o] != student.value(slider.key)]
            return "learning_rate.lr", [rng.choice(options)]
        step = student.page.widget("home.step")
        return ("home.reset", True) if step.element.disabled else ("home.step", True)

    @staticmethod
    def facts(page: str, student: Student) -> str:
        """What a click must change: the step counter, the charts of the new α (its regime
        sentence can stay: 1 − αL rounds alike for α = 0.0010 and 0.0012), the formula."""
        if page == "game":
            return student.page.metric("Steps")
        elements = student.page.elements.values()
        if page == "learning_rate":
            return "".join(e.plotly_chart.spec for e in elements
                           if e.WhichOneof("type") == "plotly_chart")  # fmt: skip
        return next(e.markdown.body for e in elements if e.WhichOneof("type") == "markdown"
                    and r"\frac{dy}{dx}" in e.markdown.body)  # fmt: skip


async def join(student: Student, name: str) -> None:
    """Join the room the student's link names (the game page's form), as ``name``."""
    field = student.page.widget("classroom.name")
    student.held[field.id] = name
    submit = next(w for w in student.page.widgets()
                  if w.kind == "trigger_value" and w.element.label == "Join the room")  # fmt: skip
    await student.interact(submit.key, True)
    if "classroom.leave" not in {w.key for w in student.page.widgets()}:
        raise RuntimeError(f"{name} could not join the room")


async def one_student(url: str, page: str, clicks: int, seed: int, opened: asyncio.Barrier,
                      record: dict, room: str | None = None) -> None:  # fmt: skip
    rng = random.Random(seed)
    student = Student(url, page, f"room={room}" if room else "")
    try:
        record["open"].append(await student.open())
        record["open_bytes"].append(student.received)
        if room:
            await join(student, f"Student {seed}")
    except (OSError, TimeoutError, Exception) as err:  # noqa: BLE001
        record["failures"].append(f"open: {err!r}")
        await opened.wait()
        return
    await opened.wait()
    try:
        for _ in range(clicks):
            await asyncio.sleep(rng.uniform(1.0, 3.0))
            before = Checks.facts(page, student)
            key, value = Checks.click(page, student, rng)
            record["click_at"].append(time.monotonic())
            record["click"].append(await student.interact(key, value))
            if Checks.facts(page, student) == before:
                record["failures"].append(f"{key} = {value}: nothing changed ({before[:60]!r})")
        record["failures"].extend(f"script error: {e}" for e in student.failures)
    except Exception as err:  # noqa: BLE001 - a failed student is counted, the class goes on
        record["failures"].append(f"click: {err!r}")
    finally:
        record["bytes"].append(student.received - record["open_bytes"][-1])
        await student.close()


async def one_class(url: str, page: str, students: int, clicks: int, pids: list[int],
                    seed: int, room: str | None = None) -> dict:  # fmt: skip
    """A class on ``page`` (in ``room``: each student joins it first, as Student <seed>)."""
    record = {"open": [], "click": [], "click_at": [], "failures": [], "bytes": [],
              "open_bytes": []}  # fmt: skip
    opened = asyncio.Barrier(students + 1)
    tasks = [asyncio.create_task(one_student(url, page, clicks, seed * 1000 + i, opened, record,
                                             room)) for i in range(students)]  # fmt: skip
    await opened.wait()
    cpu0 = cpu_seconds(pids) if pids else 0.0
    await asyncio.gather(*tasks)
    record["cpu"] = (cpu_seconds(pids) - cpu0) if pids else float("nan")
    record["rss"] = rss_mb(pids) if pids else float("nan")
    return record


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1] if len(
        values) > 1 else values[0]  # fmt: skip


def line(label: str, r: dict) -> str:
    n = max(len(r["click"]), 1)
    return (f"{label:34s} click p50 {quantile(r['click'], 0.5):5.2f} p95 "
            f"{quantile(r['click'], 0.95):5.2f} max {max(r['click'], default=float('nan')):5.2f}"
            f" s | open p95 {quantile(r['open'], 0.95):5.2f} max "
            f"{max(r['open'], default=float('nan')):5.2f} s | failures {len(r['failures']):3d} | "
            f"CPU/click {1000 * r['cpu'] / n:5.0f} ms | {sum(r['bytes']) / n / 1024:6.1f} KB/click"
            f" | RSS {r['rss']:6.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="1,10,30")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--classes", type=int, default=1)
    parser.add_argument("--url", help="a running server; default: start one streamlit process")
    parser.add_argument("--pids", default="", help="the server's app processes, for CPU and RSS")
    parser.add_argument("--serve", action="store_true", help="through deploy/serve.sh")
    parser.add_argument("--validate", action="store_true")
    args = parser.parse_args()
    if args.validate:
        from bench.validate_student import validate

        validate()
        return
    proc = None
    url, pids = args.url, [int(p) for p in args.pids.split(",") if p]
    if args.serve:
        proc, url, pids = start_stack()
    elif url is None:
        proc, url = start_server()
        pids = [proc.pid]
    try:
        for page in args.pages.split(","):
            for n in (int(s) for s in args.students.split(",")):
                for c in range(args.classes):
                    r = asyncio.run(one_class(url, page, n, args.clicks, pids, seed=c))
                    print(line(f"{page}, {n} students, class {c + 1}", r), flush=True)
                    for f in sorted(set(r["failures"]))[:3]:
                        print(f"    failure: {f}")
    finally:
        if proc is not None:
            if args.serve:
                os.killpg(proc.pid, signal.SIGTERM)
            else:
                proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
