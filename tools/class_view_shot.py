"""The README's picture of the class view (docs/class_view.png): a class of fourteen on the two
valleys, built in a throw-away database, as its teacher sees it in Chromium.

    python tools/class_view_shot.py [docs/class_view.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from bench.classroom import start_server  # noqa: E402
from gdgame.engine import game as rules  # noqa: E402
from gdgame.engine.game import saved  # noqa: E402
from gdgame.store import db, prepare  # noqa: E402
from gdgame.store import leaderboard as lb  # noqa: E402
from gdgame.store.games import save_game  # noqa: E402
from gdgame.store.names import digest, new_token  # noqa: E402

CLASS = {  # name: the α of each downhill step on level 3, "!" to say "I'm at the bottom"
    "Ada": [0.2] * 5, "Bram": [0.01, 0.01] + [0.2] * 6, "Chen": [0.001] + [0.2] * 5,
    "Dara": [0.1] * 20, "Eli": [0.1] * 8 + ["!"], "Femi": [0.05] * 9, "Gus": [0.03] * 6,
    "Hana": [0.01] * 4, "Ines": [0.3] * 3, "Jon": [0.1] * 4, "Kai": [1.0], "Lea": [0.03, 0.1],
    "Mo": [0.003] * 7, "Noor": [0.03, 0.03, 0.2],
}  # fmt: skip


def build(path: Path) -> tuple[str, str]:
    """The room and its teacher link's secret, with the class's games in it."""
    engine = prepare(db.sqlite_engine(path))
    opened = lb.open_room(engine, digest("the teacher"))
    for name, moves in CLASS.items():
        game = rules.new_game(rules.level(3))
        for move in moves:
            game = rules.declare_bottom(game) if move == "!" else rules.gradient_step(game, move)
        owner = digest(name)
        lb.join(engine, opened.code, name, owner)
        record = {"game": saved.dump(game), "attempt": new_token(), "seed": 0, "unlocked": 3,
                  "best": {}, "room": opened.code, "name": name}  # fmt: skip
        save_game(engine, new_token(), owner, record, version=1, on=0)
    engine.dispose()
    return opened.code, opened.teacher


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "class_view.png")
    path = Path(tempfile.mkdtemp(prefix="gdgame-shot-")) / "shot.sqlite"
    room, secret = build(path)
    proc, url = start_server(database=path)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
            pg = browser.new_page(viewport={"width": 1500, "height": 1900})
            pg.goto(f"{url}/game?room={room}&teacher={secret}&view=class",
                    wait_until="networkidle")  # fmt: skip
            pg.wait_for_selector(".st-key-class-basins div.gd-landscape .main-svg", timeout=60_000)
            pg.wait_for_timeout(2_500)
            pg.screenshot(path=str(out))
            browser.close()
    finally:
        proc.terminate()
        proc.wait()
    print(f"saved {out}")


if __name__ == "__main__":
    main()
