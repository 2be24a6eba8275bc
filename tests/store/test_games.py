"""Games in progress kept under a token: saved, replaced, read back; bad tokens refused."""

import datetime
import threading

import pytest
from sqlalchemy import update

from gdgame.engine.game import gradient_step, level, new_game
from gdgame.engine.game import saved as saved_game
from gdgame.store.db import games
from gdgame.store.games import MAX_BYTES, forget_old_games, load_game, save_game
from gdgame.store.names import clean_token, new_token


def test_a_saved_game_comes_back_and_is_replaced_by_the_next_save(engine):
    token = new_token()
    game = new_game(level(1))
    save_game(engine, token, {"game": saved_game.dump(game)})
    game = gradient_step(game, 0.3)
    save_game(engine, token, {"game": saved_game.dump(game)})
    restored = saved_game.load(load_game(engine, token)["game"])
    assert restored.path == game.path
    assert load_game(engine, new_token()) is None


def test_many_tabs_saving_one_token_leave_one_row(engine):
    token = new_token()
    errors = []

    def writer(i):
        try:
            for j in range(20):
                save_game(engine, token, {"writer": i, "save": j})
        except Exception as err:  # noqa: BLE001 - collected and reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert load_game(engine, token)["save"] == 19


@pytest.mark.parametrize("bad", ["", "short", "x" * 65, "abc/../../etc/passwd", "a b" * 8, None,
                                 "'; DROP TABLE games; --xxxxxx"])  # fmt: skip
def test_tokens_that_this_app_did_not_make_are_refused(engine, bad):
    with pytest.raises(ValueError, match="token"):
        clean_token(bad)
    with pytest.raises(ValueError):
        save_game(engine, bad, {"x": 1})
    assert load_game(engine, bad) is None


def test_absurd_saves_are_refused(engine):
    with pytest.raises(ValueError):
        save_game(engine, new_token(), {"path": [0.0] * MAX_BYTES})
    with pytest.raises(ValueError):
        save_game(engine, new_token(), {"x": float("nan")})


def test_games_untouched_for_long_are_forgotten_and_recent_ones_kept(engine):
    old, recent = new_token(), new_token()
    save_game(engine, old, {"x": 1})
    save_game(engine, recent, {"x": 2})
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=61)
    with engine.begin() as conn:
        conn.execute(update(games).where(games.c.token == old).values(updated=long_ago))
    assert forget_old_games(engine, days=60) == 1
    assert load_game(engine, old) is None and load_game(engine, recent) == {"x": 2}
