"""First visits at the worst allowed settings: how long a page takes to draw with nothing cached.

On one `streamlit run` process (warmed by one visit to the home page, as a server that has
started is), a simulated student (`bench.student`) opens each page with the settings that
make it do the most work, each combination for the first time, so no cache helps. Prints the
seconds until the page is complete and the bytes it sent, slowest first. Target: 2 s.

    python -m bench.first_visit      (from the repository root)
"""

from __future__ import annotations

import asyncio

from bench.classroom import start_server
from bench.student import Student
from gdgame.engine import optimizers

SLOWEST = "lr=1e-06&steps=1000"  # no run stops early: every start takes every step
SURFACES = ("six_hump_camel", "styblinski_tang", "goldstein_price", "himmelblau", "two_valleys",
            "rastrigin")  # fmt: skip
RACE_SURFACES = ("narrow_valley", "rosenbrock", "beale", "himmelblau", "six_hump_camel", "saddle")


def visits() -> list[tuple[str, str]]:
    """(page, query) of every worst case, each one not seen before."""
    found = [("local_minima", f"surface={s}&opt={o}&{SLOWEST}")
             for s in SURFACES for o in optimizers.names()]  # fmt: skip
    everyone = "&".join(f"racers={optimizers.TITLES[n]}" for n in optimizers.names())
    found += [("race", f"surface={s}&{everyone}&steps=1000") for s in RACE_SURFACES]
    found += [("learning_rate", f"land=valley&L={c}") for c in (20, 17.5)]
    found += [("game", f"seed={seed}") for seed in (101, 202, 303)]  # new terrains (level 9)
    return found


async def visit(url: str, page: str, query: str) -> tuple[float, int, list[str]]:
    student = Student(url, page, query)
    seconds = await student.open()
    await student.close()
    return seconds, student.received, student.failures


def main() -> None:
    proc, url = start_server()
    try:
        asyncio.run(visit(url, "", ""))  # the process's own start-up, as a running server has
        rows = [(page, query, *asyncio.run(visit(url, page, query))) for page, query in visits()]
    finally:
        proc.terminate()
    rows.sort(key=lambda r: -r[2])
    print(f"{len(rows)} first visits, slowest first (target: 2 s)")
    for page, query, seconds, size, failures in rows:
        flag = f"  ERRORS: {failures}" if failures else ""
        print(f"{seconds:6.2f} s {size / 1024:7.0f} KB  {page}?{query}{flag}")


if __name__ == "__main__":
    main()
