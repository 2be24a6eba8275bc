"""The game's rules, pure NumPy: levels, moves, fog, winning and losing, scores, the bot."""

from gdgame.engine.game.bot import BOTS, play_bot
from gdgame.engine.game.custom import CUSTOM, custom_level, formula_of, from_formula
from gdgame.engine.game.levels import LEVELS, Level, daily_seed, level
from gdgame.engine.game.play import (
    FOGS,
    LOST,
    MODES,
    PLAYING,
    WON,
    Game,
    Ground,
    bot_path_shown,
    declare_bottom,
    free_step,
    gradient_step,
    ground,
    move_to,
    new_game,
    polar_step,
    preview,
    reachable,
    score,
    stars,
    step_marks,
    visible,
)

__all__ = [
    "BOTS", "CUSTOM", "FOGS", "LEVELS", "LOST", "MODES", "PLAYING", "WON", "Game", "Ground",
    "Level", "bot_path_shown", "custom_level", "daily_seed", "declare_bottom", "formula_of",
    "free_step", "from_formula", "gradient_step", "ground", "level", "move_to", "new_game",
    "play_bot", "polar_step", "preview", "reachable", "score", "stars", "step_marks", "visible",
]  # fmt: skip
