"""The sandbox in AppTest: a typed formula's LaTeX from our own tree, hostile formulas typed and
linked, a typed Himmelblau racing as the built-in one, basin shares against the engine, domain
errors, the undefined share, a landscape with no bottom, and a link that restores everything."""

from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from gdgame.engine import descent, local_minima, optimizers, surfaces
from gdgame.engine.formula import FormulaError, parse
from gdgame.engine.formula_surface import surface_from
from gdgame.ui import sandbox
from tests.app.charts import figure
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/sandbox.py"
HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
TEN_KB = ("[x](http://127.0.0.1:9/) " * 420)[:10_240]
HOSTILE = ["__import__('os').system('x')", "9**9**9", "x.__class__", "lambda: 1", TEN_KB]
MARKDOWN = ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
            "subheader", "latex", "toast", "exception")  # fmt: skip


def said(at) -> str:
    """Everything the page rendered through Markdown (or KaTeX)."""
    return "\n".join(str(e.value) for kind in MARKDOWN for e in getattr(at, kind))


def refusal(text: str) -> str:
    with pytest.raises(FormulaError) as err:
        parse(text)
    return str(err.value)


def chart(at, name: str) -> dict:
    return figure(next(c for c in at.get("plotly_chart") if name in c.proto.id))


def typed(at, text: str):
    at.text_input(key="sandbox.f").input(text)
    return rerun(at)


def test_a_typed_formula_shows_its_formula_and_gradient_in_latex_from_our_tree():
    at = typed(open_page(PAGE), "3*y^2 + x^2 - 2*x")
    s = surface_from("3*y^2 + x^2 - 2*x")
    shown = [x.value.strip("$\n") for x in at.latex[:2]]
    assert shown == [s.formula, s.gradient_latex]
    assert shown[0] == r"f(x, y) = 3 y^{2} + x^{2} - 2 x"  # not the typed text
    assert "the global minimum, f = -1, at (1, 0)" in said(at)
    # a new formula starts from its own start, with plain descent's α below 1/L (L = 6)
    start = (at.slider(key="sandbox.x0").value, at.slider(key="sandbox.y0").value)
    assert start == pytest.approx(s.start, abs=0.05)
    assert at.select_slider(key="sandbox.sgd_lr").value * 6 < 1
    assert at.selectbox(key="sandbox.preset").value is None  # "your own formula"


def test_hostile_formulas_typed_are_refused_next_to_the_box_as_plain_text():
    at = open_page(PAGE)
    for text in HOSTILE:
        at = typed(at, text)
        assert "This formula cannot be used:" in [e.value for e in at.error]
        assert at.code[0].value == refusal(text)  # e.g. "Formula too long (10240 > 200 …"
        assert "f" not in at.query_params  # a link is never made of a refused formula
        assert text[:20] not in said(at) and "127.0.0.1" not in said(at)
        assert not at.header and not at.dataframe  # the views wait for a formula
    at = typed(at, HIMMELBLAU)  # the page kept working
    assert not at.error and len(at.header) == 3 and at.dataframe


def test_hostile_formulas_in_a_link_are_named_and_the_default_formula_shown():
    default = [x.value for x in open_page(PAGE).latex[:2]]
    for text in HOSTILE:
        at = open_page(PAGE, f=text)
        assert f"f={text[:40]}" in link_notice(at)
        assert [x.value for x in at.latex[:2]] == default and len(at.header) == 3
        assert "127.0.0.1" not in said(at)


def table_of(at) -> dict:
    return at.dataframe[0].value.to_dict(orient="list")


def test_a_typed_himmelblau_races_as_the_race_pages_built_in_one():
    settings = {"racers": ["SGD", "Momentum", "Adam"], "x0": "0.5", "y0": "-1", "sgd_lr": "0.01",
                "momentum_lr": "0.005", "adam_lr": "0.2", "steps": "200"}  # fmt: skip
    built_in = table_of(open_page("pages/race.py", surface="himmelblau", **settings))
    mine = table_of(open_page(PAGE, f=HIMMELBLAU, **settings))
    # the same race run by the engine alone, on the registry's own Himmelblau (minimum 0)
    himmelblau = surfaces.get("himmelblau")
    rates = {"sgd": 0.01, "momentum": 0.005, "adam": 0.2}
    for table in (built_in, mine):
        assert table["optimizer"] == ["SGD", "Momentum", "Adam"]
        for i, (name, lr) in enumerate(rates.items()):
            run = descent.run(himmelblau, optimizers.get(name, lr=lr), (0.5, -1.0), 200, tol=0)
            reached = np.flatnonzero(run.losses <= 1e-4)
            assert table["steps to target"][i] == reached[0]
            assert table["final loss − minimum"][i] == pytest.approx(run.losses[-1], abs=1e-12)
            assert table["status"][i] == "reached the target"


def test_the_basin_shares_of_a_typed_formula_are_the_engines():
    text, x, y = sandbox.text.PRESETS["Two valleys"]
    at = open_page(PAGE, f=text, xmin="-4", xmax="4", ymin="-3", ymax="3", opt="momentum",
                   lr="0.01", steps="300")  # fmt: skip
    shares = at.dataframe[1].value
    land = surface_from(text, (x, y))
    basins = local_minima.basin_map(land, optimizers.get("momentum", lr=0.01), 150, 300)
    expected = sorted(basins.share(i) for i in range(len(basins.minima)))
    assert sorted(shares["share of starts"]) == pytest.approx(expected, abs=1e-12)
    assert f"**{basins.share_global:.1%}**" in said(at)
    assert 0.2 < basins.share_global < 0.8  # two basins, neither empty


def test_domain_errors_are_said_and_mended():
    at = open_page(PAGE, xmin="5", xmax="-5")
    assert "This domain cannot be used:" in [e.value for e in at.error]
    assert "The range of x must go from low to high (5 ≥ -5)." in at.code[0].value
    assert not at.header
    at.number_input(key="sandbox.xmin").set_value(-5.0)
    at.number_input(key="sandbox.xmax").set_value(5.0)
    at.number_input(key="sandbox.ymax").set_value(-4.9995)
    at = rerun(at)
    assert "The range of y must be 0.001 to 10000 wide (0.0005)." in at.code[0].value
    at.number_input(key="sandbox.ymax").set_value(-3.0)
    at = rerun(at)
    assert not at.error and len(at.header) == 3
    y0 = at.slider(key="sandbox.y0")
    assert (y0.min, y0.max, y0.value) == (-5.0, -3.0, -3.0)  # the start kept on the map
    assert "xmin=1e7" in link_notice(open_page(PAGE, xmin="1e7"))  # beyond any domain's reach


def test_log_y_says_where_it_is_undefined_and_draws_nothing_there():
    at = typed(open_page(PAGE), "log(y)")
    assert [i.value for i in at.info] == [
        ("f is undefined (not a finite number) on 50 % of the domain. Those points are left "
         "blank on the maps.")
    ]  # fmt: skip
    z = next(t for t in chart(at, "sandbox.playback")["data"] if t["type"] == "contour")["z"]
    below = np.linspace(-5, 5, 150) < 0  # the rows of the map where y < 0
    assert np.isnan(z[below]).all() and np.isfinite(z[~below]).all()
    assert "no minimum inside the domain" in said(at)  # and no bottom, so:
    assert not at.dataframe and "there are no basins" in said(at)
    assert not [c for c in at.get("plotly_chart") if "sandbox.regime" in c.proto.id]
    assert not at.warning  # typed, it starts at its own start, where f is defined
    linked = open_page(PAGE, f="log(y)", y0="-2")
    assert [w.value for w in linked.warning] == [
        "f is undefined at the start (-1, -2): click the map where it is drawn."
    ]


def test_a_preset_brings_its_domain_and_rates_that_fit_its_curvature():
    at = open_page(PAGE)
    at.selectbox(key="sandbox.preset").set_value("Rosenbrock")
    at = rerun(at)
    assert at.text_input(key="sandbox.f").value == "(1 - x)^2 + 100*(y - x^2)^2"
    assert [at.number_input(key=f"sandbox.{n}").value for n in sandbox.DOMAIN] == [-2, 2, -1, 3]
    assert at.slider(key="sandbox.x0").max == 2.0
    assert "**monotone**" in said(at)  # your α is below 1/L at the bottom
    assert "diverged" not in str(table_of(at)["status"])


def test_a_link_restores_the_formula_the_domain_and_every_view():
    at = typed(open_page(PAGE), "x^2 + 4*y^2 + x*y")
    at.number_input(key="sandbox.ymin").set_value(-3.0)
    at.multiselect(key="sandbox.racers").set_value(["nesterov", "adagrad"])
    at.select_slider(key="sandbox.adagrad_lr").set_value(0.5)
    at.slider(key="sandbox.x0").set_value(2.0)
    at.select_slider(key="sandbox.lr").set_value(0.05)
    at.selectbox(key="sandbox.opt").set_value("adam")
    at.slider(key="sandbox.restarts").set_value(20)
    at = rerun(at)
    link = next(c.value for c in at.code if "?" in c.value)
    query = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    again = open_page(PAGE, **query)
    assert not link_notice(again)
    for name in sandbox.SETTINGS.specs:
        key = sandbox.SETTINGS.key(name)
        shown = [w.value for kind in ("text_input", "number_input", "slider", "select_slider",
                                      "selectbox", "multiselect", "radio")
                 for w in getattr(at, kind) if w.key == key]  # fmt: skip
        restored = [w.value for kind in ("text_input", "number_input", "slider", "select_slider",
                                         "selectbox", "multiselect", "radio")
                    for w in getattr(again, kind) if w.key == key]  # fmt: skip
        assert shown == restored, name
    assert again.dataframe[0].value.equals(at.dataframe[0].value)
    assert [x.value for x in again.latex[:2]] == [x.value for x in at.latex[:2]]
