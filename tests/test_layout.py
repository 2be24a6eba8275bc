"""The architecture's plain rules, checked on the files: thin pages that import only the ui
layer, small modules, layers that import downward only."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PAGES = sorted((ROOT / "pages").glob("*.py"))
MODULES = sorted((ROOT / "gdgame").rglob("*.py"))
LAYERS = {"engine": set(), "figures": {"engine"}, "store": set(), "components": {"figures"},
          "ui": {"engine", "figures", "store", "components"}}  # fmt: skip


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_every_page_has_its_own_ui_module():
    assert {p.stem for p in PAGES} <= {m.stem for m in (ROOT / "gdgame" / "ui").glob("*.py")}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_is_thin_and_imports_only_the_ui_layer(page):
    assert len(page.read_text().splitlines()) < 100
    ours = {m for m in imports(page) if m.startswith("gdgame")}
    assert ours and all(m.startswith("gdgame.ui") for m in ours), ours
    assert f"gdgame.ui.{page.stem}" in ours  # its own lesson module


@pytest.mark.parametrize("module", MODULES, ids=lambda m: str(m.relative_to(ROOT)))
def test_modules_are_small_and_import_downward_only(module):
    assert len(module.read_text().splitlines()) <= 300
    layer = module.relative_to(ROOT / "gdgame").parts[0]
    if layer not in LAYERS:
        return
    ours = {m.split(".")[1] for m in imports(module) if m.startswith("gdgame.")}
    assert ours <= LAYERS[layer] | {layer}, ours
    if layer in ("engine", "figures", "store"):
        assert not {m.split(".")[0] for m in imports(module)} & {"streamlit"}


def test_descent_does_not_import_parallel():
    assert not any("parallel" in m for m in imports(ROOT / "gdgame" / "engine" / "descent.py"))
