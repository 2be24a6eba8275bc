"""A server killed with kill -9 leaves no process of ours behind (a pool's workers once stayed,
78 MB each, until killed by hand)."""

import os
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import start_server

pytestmark = pytest.mark.e2e


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid``, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_server_killed_with_sigkill_leaves_no_process_behind(browser):
    proc, url = start_server()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    for path in ("/local_minima", "/race", "/game", "/learning_rate"):  # every page's work
        pg.goto(url + path, wait_until="networkidle")
        pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    context.close()
    below = descendants(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in below if alive(pid)]
    print(f"{len(below)} processes below the server before the kill; none after")
