"""The game page's helpers: saved sessions checked on the way back in, words and chips."""

import pytest

from gdgame.engine import game as rules
from gdgame.engine.game import saved
from gdgame.ui import game_text
from gdgame.ui.game_session import Session, new_session


def test_a_session_round_trips_through_its_record():
    s = new_session(seed=42)
    s = Session(s.token, rules.gradient_step(s.game, 0.3), s.attempt, 42, 3, {1: 2, 2: 3},
                "K7QXM", "Ada", version=5, stored=5)  # fmt: skip
    back = Session.from_record(s.token, s.record(), version=5)
    assert back == s and not back.pending


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: r.update(unlocked=99),
        lambda r: r.update(unlocked="9"),
        lambda r: r.update(seed=-1),
        lambda r: r.update(attempt=""),
        lambda r: r.update(best=[1, 2]),
        lambda r: r.update(name="[x](http://evil)"),
        lambda r: r.update(room="nope!"),
        lambda r: r["game"].update(path=[[0.0, 0.0]]),
        lambda r: r.pop("game"),
    ],
)
def test_edited_records_are_refused(edit):
    record = new_session(seed=1).record()
    edit(record)
    with pytest.raises((ValueError, TypeError)):
        Session.from_record("x" * 22, record, version=1)


def test_a_record_cannot_claim_fewer_levels_than_it_plays():
    s = new_session(seed=1)
    record = {**s.record(), "game": saved.dump(rules.new_game(rules.level(4)))}
    assert Session.from_record(s.token, record, version=1).unlocked == 4


@pytest.mark.parametrize("number", range(1, 10))
def test_every_levels_chips_win_or_make_progress_and_stay_in_range(number):
    lv = rules.level(number)
    chips = game_text.chips(lv)
    assert len(chips) == 5 and list(chips) == sorted(chips)
    assert all(v in game_text.STEP_SIZES for v in chips)  # the slider can pick the same values
    lo, hi = rules.play.LR_RANGE
    assert lo <= chips[0] and chips[-1] <= hi
    f = lv.landscape.f
    start = f(*lv.start)
    assert any(f(*rules.preview(rules.new_game(lv), v)) < start for v in chips)


def test_result_and_bot_lines():
    lv = rules.level(1)
    won = rules.gradient_step(rules.new_game(lv), 0.5)
    assert "★★★" in game_text.result_line(won) and "Score: " in game_text.result_line(won)
    bot = rules.play_bot(lv, "medium")
    assert f"in {bot.steps} steps; you used 1" in game_text.bot_line(bot, "medium", won)
    playing = rules.gradient_step(rules.new_game(lv), 0.1)
    assert "after 1 step it" in game_text.bot_line(bot, "medium", playing)
