"""Check the simulated student against Chromium: the same interactions, the same messages.

Chromium (Playwright, Debian's build) and `bench.student.Student` each open the game, the
learning-rate and the home page of one server and make the same interaction (a chip α = 0.01;
α one notch up the slider; Step). Every `BackMsg` each sends is decoded and compared field by
field: the query string and page name, the page's script hash, and every widget's key, kind and
value. Names that hold a random token (the game's token, a chip's key) are compared with the
token masked, and widgets are compared as a set (the frontend's order follows its own map).
"""

from __future__ import annotations

import asyncio
import re
import time

from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.classroom import start_server
from bench.student import Student

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def summary(msg: BackMsg) -> tuple:
    """What a rerun request says, with random tokens masked."""
    run = msg.rerun_script
    widgets = set()
    for w in run.widget_states.widgets:
        kind = w.WhichOneof("value")
        value = getattr(w, kind)
        value = tuple(value.data) if hasattr(value, "data") else value
        widgets.add((TOKEN.sub("*", w.id.split("-", 2)[-1]), kind, value))
    return (TOKEN.sub("*", run.query_string), run.page_name, run.page_script_hash,
            frozenset(widgets))  # fmt: skip


def in_chromium(url: str) -> dict[str, list[tuple]]:
    sent: dict[str, list] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for page, act in (("game", "chip"), ("learning_rate", "slider"), ("home", "step")):
            frames: list = []
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.on("websocket", lambda ws, f=frames: ws.on("framesent", lambda b: f.append(b)))
            tab.goto(f"{url}/{'' if page == 'home' else page}")
            tab.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=60_000)
            time.sleep(4)
            if act == "chip":
                tab.locator("[data-testid='stButtonGroup'] button", has_text="0.01").click()
            elif act == "slider":
                tab.get_by_role("slider").nth(1).focus()
                tab.keyboard.press("ArrowRight")
            else:
                tab.get_by_role("button", name="Step", exact=True).click()
            time.sleep(4)
            tab.close()
            msgs = [parse(f) for f in frames if isinstance(f, bytes)]
            sent[page] = [summary(m) for m in msgs if m.HasField("rerun_script")]
        browser.close()
    return sent


def parse(raw: bytes) -> BackMsg:
    msg = BackMsg()
    msg.ParseFromString(raw)
    return msg


async def in_client(url: str) -> dict[str, list[tuple]]:
    sent = {}
    for page, key, value in (("game", None, ["0.01"]), ("learning_rate", "learning_rate.lr",
                             ["0.25"]), ("home", "home.step", True)):  # fmt: skip
        student = Student(url, page if page != "home" else "")
        await student.open()
        chip = key or next(w.key for w in student.page.widgets() if w.key.startswith("game.chip."))
        await student.interact(chip, value)
        await student.close()
        sent[page] = [summary(m) for m in student.sent if m.HasField("rerun_script")]
    return sent


def validate() -> None:
    proc, url = start_server()
    try:
        browser, client = in_chromium(url), asyncio.run(in_client(url))
    finally:
        proc.terminate()
    for page in browser:
        b = browser[page]
        ok = b == client[page]
        print(f"{page:14s} Chromium sent {len(b)} rerun requests, the client {len(client[page])}:"
              f" {'identical' if ok else 'DIFFERENT'}")  # fmt: skip
        if not ok:
            for mine, theirs in zip(client[page], b, strict=False):
                print("  client  ", mine[:3], sorted(mine[3]))
                print("  chromium", theirs[:3], sorted(theirs[3]))
