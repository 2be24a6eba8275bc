"""Settings never leak from one page to another: every page still shows its own defaults after
every other page has changed every one of its settings, and each page's URL holds only its own.
"""

import pytest

from gdgame.ui import (
    backprop,
    classify,
    fit_line,
    home,
    landscapes,
    learning_rate,
    local_minima,
    network,
    race,
    sandbox,
    settings,
)
from tests.app.pages import open_page, rerun


class Sections:
    """The settings of a page whose sections keep their own (the backprop page: the neuron's,
    then the network's), read through one Page's ``specs`` and ``key``."""

    def __init__(self, *pages: settings.Page) -> None:
        self.pages = pages
        self.specs = {name: spec for page in pages for name, spec in page.specs.items()}
        assert len(self.specs) == sum(len(p.specs) for p in pages)  # no URL name twice

    def key(self, name: str) -> str:
        return next(p.key(name) for p in self.pages if name in p.specs)


PAGES = {
    "pages/home.py": home.SETTINGS,
    "pages/learning_rate.py": learning_rate.SETTINGS,
    "pages/local_minima.py": local_minima.SETTINGS,
    "pages/race.py": race.SETTINGS,
    "pages/fit_line.py": fit_line.SETTINGS,
    "pages/classify.py": classify.SETTINGS,
    "pages/backprop.py": Sections(backprop.SETTINGS, network.SETTINGS),
    "pages/landscapes.py": landscapes.SETTINGS,
    "pages/sandbox.py": sandbox.SETTINGS,
}
KINDS = ("slider", "select_slider", "selectbox", "radio", "multiselect", "text_input",
         "number_input")  # fmt: skip


def widget(at, key: str):
    for kind in KINDS:
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            return found[0]
    raise KeyError(key)


def other_value(spec: settings.Setting):
    """A value of the setting that is not its default."""
    if isinstance(spec, settings.Text):
        return f"({spec.default}) / 2"
    if isinstance(spec, settings.Entry):  # a domain's edge, moved so that the domain stays one
        return spec.default + spec.step
    if isinstance(spec, settings.Number):
        return spec.hi if spec.default != spec.hi else spec.lo
    if isinstance(spec, settings.Many):
        return [o for o in spec.options if o not in spec.default][:1]
    return next(o for o in reversed(spec.options) if o != spec.default)


def change_everything(at, page: str):
    at.switch_page(page)
    at = rerun(at)
    for name, spec in PAGES[page].specs.items():
        try:
            control = widget(at, PAGES[page].key(name))
        except KeyError:
            continue  # drawn only under other settings (a data set's own w and b)
        control.set_value(other_value(spec))
        at = rerun(at)
    return at


def shown(at, page: str) -> dict:
    out = {}
    for name in PAGES[page].specs:
        try:
            out[name] = widget(at, PAGES[page].key(name)).value
        except KeyError:
            continue  # drawn only under some settings (none of which the defaults choose)
    return out


def defaults(page: str) -> dict:
    specs = PAGES[page].specs
    return {name: list(s.default) if isinstance(s, settings.Many) else s.default
            for name, s in specs.items()}  # fmt: skip


@pytest.mark.parametrize("changed", list(PAGES))
def test_every_other_page_keeps_its_defaults_after_one_page_changed_everything(changed):
    at = change_everything(open_page(), changed)
    assert any(v != defaults(changed)[k] for k, v in shown(at, changed).items())
    for page in (p for p in PAGES if p != changed):
        at.switch_page(page)
        at = rerun(at)
        seen = shown(at, page)
        assert seen == {k: v for k, v in defaults(page).items() if k in seen}, page
        assert len(seen) >= len(PAGES[page].specs) - 2, page  # (race: the arrows step, camera)
        assert not at.info, page  # no "this link had settings…" carried over


def test_every_page_after_all_the_others_shows_its_defaults():
    at = open_page()
    for page in PAGES:
        at = change_everything(at, page)
    at.switch_page("pages/game.py")
    at = rerun(at)  # the game opens as usual in between
    for page in PAGES:
        at.switch_page(page)
        at = rerun(at)
        seen = shown(at, page)
        assert seen == {k: v for k, v in defaults(page).items() if k in seen}, page


def test_a_changed_setting_writes_its_short_name_to_the_url_and_only_there():
    at = open_page("pages/race.py")
    widget(at, "race.adam_lr").set_value(0.5)
    at = rerun(at)
    assert at.query_params.get("adam_lr") in (["0.5"], "0.5")
    assert not any(key.startswith("race.") for key in at.query_params)
    at.switch_page("pages/learning_rate.py")
    at = rerun(at)
    assert "adam_lr" not in at.query_params
