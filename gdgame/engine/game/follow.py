"""Following a saved game as it is played: each new version replayed from the one read before.

A saved game is replayed through the rules whenever it is read (`saved.load`), at about 0.15 ms
a step: a teacher's view that reads thirty games every two seconds would replay every step of
every game at every refresh. `follow` replays only the steps added since the version it was
given, with the same checks as `saved.load` (each point one legal move of the game's mode from
the one before, on the map, the rules deciding won or lost), and hands anything else to
`saved.load` itself: a first read, another level, mode or fog, a path that is not the old one
continued, a game that had ended. So it returns exactly what `saved.load` would.
"""

from __future__ import annotations

from gdgame.engine.game import saved
from gdgame.engine.game.play import Game

MOVING = ("path", "declared")  # what a move changes in a saved game; the rest stays


def follow(before: tuple[dict, Game] | None, record: object) -> Game:
    """The game ``record`` (a `saved.dump`) describes, replayed from ``before`` (an earlier
    record of the same game and the game it gave) where it continues it; ValueError if the
    record is not a game, as from `saved.load`."""
    grown = _continued(before, record)
    return saved.load(record) if grown is None else grown


def _continued(before: tuple[dict, Game] | None, record: object) -> Game | None:
    if before is None or not isinstance(record, dict):
        return None
    old, game = before
    if record == old:
        return game
    path, old_path = record.get("path"), old.get("path")
    same_level = {k: v for k, v in record.items() if k not in MOVING} == {
        k: v for k, v in old.items() if k not in MOVING}  # fmt: skip
    if not (same_level and old.get("declared") is False and not game.over
            and isinstance(path, list) and isinstance(old_path, list)
            and len(old_path) == len(game.path) < len(path) <= game.level.budget + 1
            and path[: len(old_path)] == old_path):  # fmt: skip
        return None
    try:
        return saved.replay(game, path[len(old_path) :], record.get("declared") is True)
    except (TypeError, ValueError):
        return None  # `saved.load` says what is wrong with it
