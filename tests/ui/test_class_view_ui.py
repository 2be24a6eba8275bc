"""The class view's tables, in words: each valley named, ground that leads nowhere said as such,
names as given; each α with its verdict."""

from gdgame.engine.game.tally import Rate, Tally, Valley
from gdgame.engine.landscape import Minimum
from gdgame.engine.local_minima import LABEL_DIVERGED, LABEL_NONE
from gdgame.ui.class_view import rates_table, valleys_table


def test_the_tables_name_every_valley_and_rate():
    deep = Minimum((2.0875, 0.4346), -5.5336, True)
    counted = Tally(playing=3, won=1, lost=0, median_steps=5.0,
                    valleys=(Valley(1, deep, ("Ada", "Bo")), Valley(LABEL_NONE, None, ("Cy",)),
                             Valley(LABEL_DIVERGED, None, ("Dee",))),
                    rates=(Rate(0.2, 5, 0.61234, 0), Rate(0.1, 3, 0.1, 0),
                           Rate(2.0, 1, -3.0, 1)))  # fmt: skip
    table = valleys_table(counted, 0.05)
    assert table["valley"] == [
        "global minimum at (2.09, 0.43), f = -5.53",
        (
            "where plain descent at α = 0.05 reaches no bottom within 1000 steps "
            "(a long slope or a plateau)"
        ),
        "where plain descent at α = 0.05 flies off",
    ]
    assert (table["players"], table["names"]) == ([2, 1, 1], ["Ada, Bo", "Cy", "Dee"])
    rates = rates_table(counted)
    assert rates["α"] == ["0.2", "0.1", "2"] and rates[""] == ["best", "", "worst"]
    assert rates["median progress"] == [0.61, 0.1, -3.0]
