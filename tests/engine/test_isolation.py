"""The engine must be usable without Streamlit or plotly (a notebook, a script)."""

import json
import subprocess
import sys


def test_no_engine_module_imports_streamlit_or_plotly():
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import gdgame.engine\n"
        "for m in pkgutil.walk_packages(gdgame.engine.__path__, 'gdgame.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "from gdgame.engine import surfaces, optimizers, descent\n"
        "descent.run(surfaces.get('himmelblau'), optimizers.get('adam', lr=0.05), (0, 0))\n"
        "print(json.dumps(sorted(m for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert {"numpy", "gdgame.engine.game", "gdgame.engine.parallel"} <= loaded
    top = {m.split(".")[0] for m in loaded}
    assert not top & {"streamlit", "plotly", "pandas", "torch"}
