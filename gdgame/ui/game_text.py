"""The game page's words and tables (no Streamlit calls: pure strings and dicts)."""

from __future__ import annotations

import numpy as np

from gdgame.engine import game as rules
from gdgame.engine.game.play import steps_said
from gdgame.ui.ladder import ladder

# α over the rules' range (0.0001 to 2) on the one ladder; the chips a coarser rung of it
LOWEST, HIGHEST = rules.play.LR_RANGE
STEP_SIZES = ladder(round(np.log10(LOWEST)), top=HIGHEST)
LADDER = ladder(round(np.log10(LOWEST)), top=1.0, mantissas=(1, 3))  # 1 and 3 per decade
MODE_NAMES = {"gradient": "Downhill: pick α", "free": "Free: aim"}
FOG_NAMES = {"easy": "None", "medium": "Some", "hard": "Blind"}
FOG_HELP = (f"{FOG_NAMES['easy']}: you see everything. {FOG_NAMES['medium']}: only around where "
            f"you have been. {FOG_NAMES['hard']}: only the height and slope where you stand, "
            "until the end. Changing it starts the level again.")  # fmt: skip
BOT_NAMES = {"easy": "Easy (random steps)", "medium": "Medium (plain descent)",
             "hard": "Hard (tuned optimizer)"}  # fmt: skip


def chips(level: rules.Level, count: int = 5) -> tuple[float, ...]:
    """One-click step sizes for a level: ``count`` rungs of the ladder around a sensible α."""
    middle = min(range(len(LADDER)), key=lambda i: abs(LADDER[i] / level.bot_lr - 1))
    first = min(max(middle - count // 2, 0), len(LADDER) - count)
    return LADDER[first : first + count]


def level_label(number: int, session) -> str:
    """A level's chip: its number, with its best stars or a lock."""
    if number > session.unlocked:
        return f"🔒 {number}"
    won = session.best.get(number, 0)
    return f"{number} {'★' * won}" if won else str(number)


def result_line(game: rules.Game) -> str:
    """How the game ended: the engine's message, then stars and score for a win."""
    if game.status != rules.WON:
        return game.message
    won = rules.stars(game)
    return (f"{game.message} {'★' * won}{'☆' * (3 - won)} (par {game.level.par}). "
            f"Score: {rules.score(game)}.")  # fmt: skip


def bot_line(bot: rules.Game, kind: str, game: rules.Game) -> str:
    """What the bot did, told as a race: so far during play, all of it at the end."""
    who = f"The {kind} bot"
    if game.steps == 0:
        return f"🤖 {who} plays the same level from the same start: can you beat it?"
    if not game.over:
        at = min(game.steps, bot.steps)
        height = _height(bot, at)
        steps = "1 step" if at == 1 else f"{at} steps"
        return f"🤖 {who} plays the same level: after {steps} it is at height {height:.4g}."
    if bot.status == rules.WON:
        return f"🤖 {who} reached the bottom in {steps_said(bot.steps)}; you used {game.steps}."
    return f"🤖 {who} did not reach the bottom in its {bot.steps} steps."


def _height(game: rules.Game, step: int) -> float:
    x, y = game.path[step]
    return float(game.level.landscape.f(x, y))


def replay_table(game: rules.Game) -> dict[str, list]:
    """Every step of a finished game: where it went, the height, and what it did wrong."""
    pts = np.array(game.path)
    heights = game.level.landscape.f(pts[:, 0], pts[:, 1])
    marks = rules.step_marks(game.path, game.level)
    words = {"uphill": "went uphill", "overshoot": "overshot the valley floor", "": ""}
    return {
        "step": list(range(len(pts))),
        "x": pts[:, 0].tolist(),
        "y": pts[:, 1].tolist(),
        "height f": heights.tolist(),
        "note": ["start", *(words[m] for m in marks)],
    }
