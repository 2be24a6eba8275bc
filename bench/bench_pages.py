"""Page benchmark: server-side time of one rerun, and the figure bytes it sends.

For each page, 20 reruns driven through AppTest after a warm-up: on the home page a Step
click, on the learning-rate page a change of the α slider, in the game a one-click step (its
save to the database included, SQLite in a temporary directory), on "Fitting a line" a Step,
a new w and a new batch size or α (a new training), on "Classifying" a new iris α and a new
digits α (a new training of 30 epochs; target for the new pages: 150 ms), on the local-minima page a
new α (a new basin map of 22 500 runs, restarts and their odds; target there: under 1 s),
in this process as the app runs it, and once more with those batches shared out over two
worker processes (``parallel.Pool(2)``): the measurement that decides whether the app should
ask for them. Prints the median time and the bytes of plotly figure specs in one rerun.
Targets on a 2-core machine: median ≤ 100 ms and ≤ 150 KB per Step.

    python -m bench.bench_pages      (from the repository root)
"""

from __future__ import annotations

import functools
import statistics
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from gdgame.engine import local_minima as minima_engine
from gdgame.engine import parallel
from gdgame.ui import classify, classify_digits, fit_line, learning_rate, local_minima

APP = Path(__file__).parents[1] / "app.py"
RERUNS = 20


def figure_bytes(at: AppTest) -> int:
    """Plotly specs, and what the 3-D component receives (its surface goes out once, apart)."""
    charts = sum(len(chart.proto.spec) for chart in at.get("plotly_chart"))
    return charts + sum(len(view.proto.json) for view in at.get("bidi_component"))


def home_steps() -> tuple[list[float], int]:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    times = []
    for _ in range(RERUNS):
        at.button(key="home.step").click()
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times, figure_bytes(at)


def rate_changes() -> tuple[list[float], int]:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/learning_rate.py")
    at.run()
    first = at.select_slider(key="learning_rate.lr").value
    options = [r for r in learning_rate.RATES if r != first][-RERUNS:]
    times = []
    for value in options:  # every rerun a rate not seen before: nothing comes from a cache
        at.select_slider(key="learning_rate.lr").set_value(value)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times, figure_bytes(at)


def game_steps() -> tuple[list[float], int]:
    with tempfile.TemporaryDirectory() as tmp:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.secrets = {"connections": {"leaderboard": {"url": f"sqlite:///{tmp}/bench.sqlite"}}}
        at.switch_page("pages/game.py")
        at.run()
        times = []
        while len(times) < RERUNS:
            if at.session_state["game.session"].game.over:
                at.button(key="game.again").click().run()
            next(g for g in at.button_group if g.key.startswith("game.chip.")).set_value(0.01)
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
        return times, figure_bytes(at)


def _page_changes(page: str, changes) -> tuple[list[float], int]:
    """Reruns of ``page`` after each change in turn (a callable that sets one widget)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(page)
    at.run()
    times = []
    for change in changes:
        change(at)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times, figure_bytes(at)


def fit_steps() -> tuple[list[float], int]:
    """Fitting a line: a Step of descent from the hand-set line, then its new w's."""
    return _page_changes("pages/fit_line.py", [lambda at: at.button(key="fit_line.step").click()]
                         * RERUNS)  # fmt: skip


def fit_lines() -> tuple[list[float], int]:
    """Fitting a line: the w slider moved to values not seen before."""
    values = [round(0.1 + 0.005 * i, 3) for i in range(RERUNS)]
    return _page_changes("pages/fit_line.py",
                         [lambda at, v=v: at.slider(key="fit_line.w").set_value(v)
                          for v in values])  # fmt: skip


def fit_batches() -> tuple[list[float], int]:
    """Fitting a line: a new batch size or learning rate (a new training, its comparison)."""
    changes = [
        lambda at, b=b: at.select_slider(key="fit_line.batch").set_value(b)
        for b in fit_line.BATCHES
        if b != 16
    ]
    changes += [lambda at, r=r: at.select_slider(key="fit_line.lr").set_value(r)
                for r in fit_line.RATES if r not in (0.05, 1.0)]  # fmt: skip
    return _page_changes("pages/fit_line.py", changes[:RERUNS])


def classify_rates() -> tuple[list[float], int]:
    """Classifying: the iris learning rate moved to values not seen before."""
    rates = [r for r in classify.RATES if r != classify.SETTINGS["lr"].default][:RERUNS]
    return _page_changes("pages/classify.py",
                         [lambda at, r=r: at.select_slider(key="classify.lr").set_value(r)
                          for r in rates])  # fmt: skip


def digits_trainings() -> tuple[list[float], int]:
    """Classifying: a new digits learning rate (a new 30-epoch training of softmax)."""
    rates = [r for r in classify_digits.RATES if 0.01 <= r <= 2][:RERUNS]
    return _page_changes("pages/classify.py",
                         [lambda at, r=r: at.select_slider(key="classify.rate").set_value(r)
                          for r in rates])  # fmt: skip


def basin_refreshes() -> tuple[list[float], int]:
    """A new α on the local-minima page: a new 150 × 150 basin map, restarts and odds."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/local_minima.py")
    at.run()
    times = []
    for value in [r for r in local_minima.LONG_LADDER if 0.002 <= r <= 0.03][:RERUNS]:
        at.select_slider(key="local_minima.lr").set_value(value)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times, figure_bytes(at)


def pooled_basin_refreshes() -> tuple[list[float], int]:
    """The same new α, with the basin map and the restart odds run by a Pool(2)."""
    plain = minima_engine.basin_map, minima_engine.restart_odds
    st.cache_data.clear()  # the same rates again, computed again
    with parallel.Pool(workers=2) as pool:
        minima_engine.basin_map = functools.partial(plain[0], pool=pool)
        minima_engine.restart_odds = functools.partial(plain[1], pool=pool)
        try:
            return basin_refreshes()
        finally:
            minima_engine.basin_map, minima_engine.restart_odds = plain


def main() -> None:
    print(f"median of {RERUNS} reruns after the first; figure specs of the last rerun")
    for name, bench, target in (("home: Step", home_steps, 100),
                                ("learning rate: α slider", rate_changes, 100),
                                ("game: one-click step", game_steps, 100),
                                ("fit a line: Step", fit_steps, 150),
                                ("fit a line: new w", fit_lines, 150),
                                ("fit a line: batch or α", fit_batches, 150),
                                ("classify: new iris α", classify_rates, 150),
                                ("classify: new digits α", digits_trainings, 150),
                                ("local minima: new α", basin_refreshes, 1000),
                                ("  the same, Pool(2)", pooled_basin_refreshes, 1000)):  # fmt: skip
        times, size = bench()
        median = statistics.median(times) * 1000
        print(f"{name:26s} {median:6.1f} ms (target <= {target}) | {size / 1024:6.1f} KB of "
              "figures")  # fmt: skip


if __name__ == "__main__":
    main()
