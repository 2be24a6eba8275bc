"""Hostile links: Markdown, HTML, KaTeX and 10 KB values in every URL parameter of every page.

Nothing from a URL may reach a Markdown-rendering element (a notice, a caption, a title): a
page names what it could not use as plain text (st.code). The browser half, which also watches
for outside requests, is tests/e2e/test_hostile_links.py.
"""

import pytest

from gdgame.ui import (
    backprop,
    classify,
    fit_line,
    game,
    home,
    landscapes,
    learning_rate,
    local_minima,
    network,
    race,
    sandbox,
)
from tests.app.pages import open_page

PARAMETERS = {
    "pages/home.py": list(home.SETTINGS.specs),
    "pages/learning_rate.py": list(learning_rate.SETTINGS.specs),
    "pages/local_minima.py": list(local_minima.SETTINGS.specs),
    "pages/race.py": list(race.SETTINGS.specs),
    "pages/fit_line.py": list(fit_line.SETTINGS.specs),
    "pages/classify.py": list(classify.SETTINGS.specs),
    "pages/backprop.py": [*backprop.SETTINGS.specs, *network.SETTINGS.specs],
    "pages/landscapes.py": list(landscapes.SETTINGS.specs),
    "pages/game.py": list(game.URL),
    "pages/sandbox.py": list(sandbox.SETTINGS.specs),
}
PAYLOADS = {
    "markdown": "[Log in again here](http://127.0.0.1:9/phish) ![p](http://127.0.0.1:9/pixel.png)",
    "html": "<img src=http://127.0.0.1:9/x.png onerror=alert(1)><a href=http://127.0.0.1:9/>go</a>",
    "katex": "$\\href{http://127.0.0.1:9/k}{x}$ $$\\frac{1}{0}$$ :red[red] **bold** `code`",
    "10 KB": ("[more](http://127.0.0.1:9/more) " * 320)[:10_240],
}
SIGNS = ("127.0.0.1:9", "<img", ":red[", "\\href", "**bold**", "[more]")
MARKDOWN = ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
            "subheader", "latex", "toast", "exception")  # fmt: skip


@pytest.fixture
def secrets(tmp_path):
    return {"connections": {"leaderboard": {"url": f"sqlite:///{tmp_path / 'db.sqlite'}"}}}


def rendered_as_markdown(at) -> str:
    return "\n".join(str(e.value) for kind in MARKDOWN for e in getattr(at, kind))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("page", PARAMETERS)
def test_a_hostile_value_in_every_parameter_is_shown_as_plain_text_or_not_at_all(
    page, payload, secrets
):
    query = dict.fromkeys(PARAMETERS[page], payload)
    at = open_page(page, secrets=secrets, **query)
    markdown = rendered_as_markdown(at)
    assert not [sign for sign in SIGNS if sign in markdown]
    plain = "\n".join(c.value for c in at.code)
    if page != "pages/game.py":  # the lessons name every value they could not use
        for name in PARAMETERS[page]:
            assert f"{name}={payload[:40]}" in plain
        assert all(len(line) < 400 for line in plain.splitlines())  # 10 KB shortened
    else:  # the game names the seed; a junk token or room code is refused in its own words
        assert f"{payload[:40]}" in plain
        assert "terrain seed" in markdown and "could not be found" in markdown


def test_the_game_names_a_hostile_teacher_secret_without_repeating_it(secrets):
    at = open_page("pages/game.py", room="K7QXM", teacher=PAYLOADS["markdown"], secrets=secrets)
    assert "teacher link is not" in rendered_as_markdown(at)
    assert "teacher" not in at.query_params
    assert not [sign for sign in SIGNS if sign in rendered_as_markdown(at)]
