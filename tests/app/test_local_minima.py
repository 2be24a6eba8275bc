"""The local-minima page in AppTest: which minimum each run reaches, the basin shares, restarts,
the momentum escape, flat ground, and a junk link."""

import numpy as np

from gdgame.engine import local_minima, optimizers, surfaces
from gdgame.ui import local_minima as lesson
from gdgame.ui import local_minima_text
from tests.app.charts import figure, trace
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/local_minima.py"


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_first_sight_left_well_is_local_right_well_is_global_and_the_start_is_trapped():
    at = open_page(PAGE)
    endings = [m.value for m in at.markdown if m.value.startswith("Ended")]
    assert "a local minimum, not the global one" in endings[0]  # the left well
    assert "the global minimum" in endings[1]  # the right well
    assert "a local minimum, not the global one" in endings[2]  # six-hump camel from (2.2, −1)


def test_the_basin_table_matches_the_engines_basin_map():
    at = open_page(PAGE)
    table = at.dataframe[0].value
    camel = surfaces.get("six_hump_camel")
    basins = local_minima.basin_map(camel, optimizers.get("sgd", lr=0.02), 150, 500)
    assert np.isclose(table["share of starts"].sum(), 1.0)
    globals_ = table[table["ends in"].str.startswith("global")]["share of starts"].sum()
    assert globals_ == basins.share_global
    assert f"**{basins.share_global:.1%}**" in texts(at)


def test_another_optimizer_and_rate_redraw_the_basin_map():
    at = open_page(PAGE)
    before = at.dataframe[0].value
    at.selectbox(key="local_minima.opt").set_value("adam")
    at.select_slider(key="local_minima.lr").set_value(0.1)
    at = rerun(at)
    after = at.dataframe[0].value
    assert not before.equals(after)
    assert "opt=adam" in at.code[0].value  # the share link: registry names, as for surfaces


def test_changing_the_surface_moves_the_start_to_its_own_and_sets_a_rate_that_fits():
    at = open_page(PAGE)
    at.selectbox(key="local_minima.surface").set_value("goldstein_price")
    at = rerun(at)
    gp = surfaces.get("goldstein_price")
    assert (
        at.slider(key="local_minima.x0").value,
        at.slider(key="local_minima.y0").value,
    ) == tuple(gp.start)
    assert at.select_slider(key="local_minima.lr").value == lesson.SURFACE_LR["goldstein_price"]
    assert "Diverged" not in texts(at)


def test_random_restarts_and_their_odds():
    at = open_page(PAGE, restarts="1")
    one = texts(at)
    at.slider(key="local_minima.restarts").set_value(30)
    at = rerun(at)
    assert "30 starts:" in texts(at) and "1 starts:" in one
    odds = next(c for c in at.get("plotly_chart") if "odds" in c.proto.id)
    measured = trace(figure(odds), "measured")["y"]
    assert len(measured) == lesson.MAX_RESTARTS and np.all(np.diff(measured) >= 0)


def test_momentum_escapes_and_without_momentum_it_stays():
    at = open_page(PAGE)
    md = texts(at)
    assert "**Gradient descent**, α = 0.02: Ended" in md and "not the global one" in md
    assert (
        "μ = 0.9: Ended" in md.split("**Momentum**")[1]
        and "**the global minimum**" in (md.split("**Momentum**")[1])
    )
    at.slider(key="local_minima.mu").set_value(0.0)
    at = rerun(at)
    assert "not the global one" in texts(at).split("**Momentum**")[1]


def test_saddle_and_plateau():
    at = open_page(PAGE)
    assert "**a saddle" in texts(at)
    at.radio(key="local_minima.flat").set_value("plateau")
    at = rerun(at)
    assert "**flat ground" in texts(at)


def test_a_junk_link_shows_the_defaults_and_says_so():
    at = open_page(PAGE, surface="nonsense", lr="-1", x0="nan", opt="lbfgs")
    notice = link_notice(at)
    assert all(bad in notice for bad in ("surface=", "lr=", "x0=", "opt="))
    assert at.selectbox(key="local_minima.surface").value == "six_hump_camel"


def test_an_egg_crate_keeps_the_basin_table_and_legend_short_with_the_global_first():
    at = open_page(PAGE)
    at.selectbox(key="local_minima.surface").set_value("rastrigin")
    at = rerun(at)
    table = at.dataframe[0].value
    assert len(table) <= local_minima_text.TABLE_ROWS and table["ends in"].iloc[0].startswith(
        "global"
    )
    assert table["ends in"].iloc[-1].endswith("others")
    assert np.isclose(table["share of starts"].sum(), 1.0)
    basins = next(c for c in at.get("plotly_chart") if "basins" in c.proto.id)
    assert len(figure(basins)["data"]) == 3  # the heatmap, the local minima, the global one
