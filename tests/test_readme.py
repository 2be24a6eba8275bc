"""The README's engine example, saved as a script and run as a user would, prints what the
README says, once."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_readme_example_saved_as_a_script_prints_what_the_readme_shows(tmp_path):
    text = (ROOT / "README.md").read_text()
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL).group(1)
    shown = re.search(r"prints.*?```text\n(.*?)```", text, re.DOTALL).group(1)
    script = tmp_path / "example.py"
    script.write_text(code)
    out = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                         text=True, check=True, timeout=300)  # fmt: skip
    assert out.stdout == shown
