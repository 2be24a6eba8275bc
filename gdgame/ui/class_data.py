"""The class a teacher watches: its players and their games, read from the database and followed
version by version, and what the view draws for a level (computed once per process).

Each refresh reads the room's recent game rows (`store.live`); a row whose version this process
has parsed before is not parsed again, and one that moved on is replayed from where it was
(`engine.game.follow`), so a refresh costs a few moves of the rules, not every step of every
game. A row that is not a game (edited, damaged, from an older release) is skipped until it
changes. Only names their players hold in the room, not removed, are shown.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gdgame.engine import game as rules
from gdgame.engine import local_minima, optimizers
from gdgame.engine.game.follow import follow
from gdgame.engine.game.tally import Player
from gdgame.figures.class_view import basin_grid
from gdgame.figures.game import shaded
from gdgame.figures.surface import Grid
from gdgame.store import live
from gdgame.store.leaderboard import Room
from gdgame.ui import cache, database, game_session, rooms

CLASS = "class"  # the level the class plays: the room's, else the one most players are on
KEPT_GAMES = 4096  # parsed game rows kept per process (a class of 30 uses 30 to 60)
MAP_GRID, GRID_3D = 100, 150  # the map's grid per side, and the 3-D view's
BASIN_GRID, BASIN_STEPS = 100, 1000  # the engine's basin map: starts per side, steps per run


@dataclass(frozen=True)
class Seen:
    """One game row as this process last parsed it (no game: not one to show)."""

    version: int
    name: str | None = None
    record: dict | None = None
    game: rules.Game | None = None


@dataclass(frozen=True)
class Views:
    """What the class view draws for one level, made once per process."""

    shade: Grid  # the map's heights, shaded for contours
    grid: Grid  # the 3-D view's
    basins: local_minima.BasinMap  # plain descent at the medium bot's α from every start
    basin_grid: Grid
    bot: rules.Game  # the medium bot's game


@dataclass(frozen=True)
class OnLevel:
    """The class on the level the view shows."""

    level: rules.Level
    players: list[Player]  # the players on it, by name
    elsewhere: int  # how many play another level
    views: Views


def on_level(code: str, choice: object) -> OnLevel:
    """Room ``code``'s class on the level ``choice`` names (see `level_shown`)."""
    everyone = players(code)
    level = level_shown(choice, rooms.rules(code), everyone)
    here = [p for p in everyone if p.game.level == level]
    return OnLevel(level, here, len(everyone) - len(here), views(level))


def players(code: str) -> list[Player]:
    """Room ``code``'s players and their latest game each, by name (SQLAlchemyError if the
    database cannot be read)."""
    found = live.class_games(database.engine(), code)
    kept = cache.kept("class_view.games", KEPT_GAMES)
    shown, taken = [], set()
    for row in found.games:  # newest first: a player's latest game wins
        seen = kept.get(row.token)
        if seen is None or seen.version != row.version:
            seen = parse(row.data, row.version, found.code, seen)
            kept.put(row.token, seen)
        who = (row.owner, seen.name)
        if seen.game is not None and who in found.names and who not in taken:
            taken.add(who)
            shown.append(Player(seen.name, seen.game))
    return sorted(shown, key=lambda p: (p.name.casefold(), p.name))


def parse(text: str, version: int, code: str, before: Seen | None = None) -> Seen:
    """A game row's JSON as a `Seen`, replayed from ``before`` (the same row, parsed earlier)
    where it continues it; a row that is not a game of room ``code`` gives no game."""
    try:
        data = json.loads(text)
        if not (isinstance(data, dict) and data.get("room") == code
                and isinstance(data.get("name"), str)):  # fmt: skip
            raise ValueError("not a game of this room")
        prior = None if before is None or before.game is None else (before.record, before.game)
        return Seen(version, data["name"], data.get("game"), follow(prior, data.get("game")))
    except (ValueError, TypeError, KeyError, RecursionError):
        return Seen(version)


def level_shown(choice: object, room: Room | None, playing: Sequence[Player]) -> rules.Level:
    """The level the map shows: ``choice`` (a level's number), or for `CLASS` the level the
    teacher moved the room to, else the one most players are on (level 1 if nobody plays)."""
    if choice == CLASS:
        if room is not None and room.level is not None:
            choice = room.level
        elif playing:
            return Counter(p.game.level for p in playing).most_common(1)[0][0]
        else:
            choice = 1
    if choice == rules.CUSTOM and room is not None and room.formula is not None:
        try:
            return rules.from_formula(room.formula)
        except ValueError:
            return rules.level(1)
    if choice == game_session.LEVEL_COUNT:  # the random terrain: the seed most players have
        seeds = Counter(p.game.level for p in playing if p.game.level.number == choice)
        return (
            seeds.most_common(1)[0][0] if seeds else rules.level(choice, game_session.today_seed())
        )
    return rules.level(choice if isinstance(choice, int) and choice >= 1 else 1)


def views(level: rules.Level) -> Views:
    """The level's map, 3-D grid, basin map and bot, made on first use in this process."""

    def make(_bar) -> Views:
        basins = local_minima.basin_map(level.landscape, optimizers.get("sgd", lr=level.bot_lr),
                                        BASIN_GRID, BASIN_STEPS)  # fmt: skip
        return Views(shaded(cache.grid(level.surface, level.params, MAP_GRID)),
                     cache.grid(level.surface, level.params, GRID_3D), basins,
                     basin_grid(basins), rules.play_bot(level, "medium"))  # fmt: skip

    return cache.made_once("class_view.level", 16, level, make)
