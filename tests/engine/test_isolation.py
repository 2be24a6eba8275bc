"""The engine must be usable without Streamlit or plotly (a notebook, a script)."""

import json
import subprocess
import sys


def test_engine_imports_neither_streamlit_nor_plotly():
    code = (
        "import json, sys\n"
        "from gdgame.engine import surfaces, optimizers, descent, analysis, curves, schedules\n"
        "descent.run(surfaces.get('himmelblau'), optimizers.get('adam', lr=0.05), (0, 0))\n"
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert "numpy" in loaded
    assert not loaded & {"streamlit", "plotly", "pandas", "torch"}
