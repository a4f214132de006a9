"""ruff, configured in pyproject.toml ([tool.ruff]), passes on the package, the tools, the tests, the benchmarks and
the lesson sources (which must therefore be valid Python)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ("src", "tools", "tests", "benchmarks", "lessons", "assignments")


def ruff(*args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "ruff", *args, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    if "No module named ruff" in r.stderr:
        pytest.fail("ruff is not installed in this environment: pip install -r requirements.txt")
    return r


def test_ruff_passes():
    r = ruff("check", *PATHS)
    assert r.returncode == 0, f"ruff check {' '.join(PATHS)}:\n{r.stdout[-6000:]}{r.stderr[-2000:]}"


def test_the_lessons_code_cells_keep_to_the_line_length():
    """A lesson source's prose is comment lines, exempt from E501 (pyproject.toml says why); its code is not.
    ruff reads only the code cells of a notebook, and the English notebooks hold every lesson's code cells
    (tests/test_lessons.py: built from the sources, the same code in both languages)."""
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks" / "en").glob("*.ipynb"))
    assert notebooks, "no notebooks in notebooks/en"
    r = ruff("check", "--select", "E501", *notebooks)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]


def test_ruff_would_catch_a_problem(tmp_path):
    """The check is live: with the project's settings, ruff reports an unused import and a line over 120."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\nx = '" + "a" * 130 + "'\n", encoding="utf-8")
    r = ruff("check", "--config", str(ROOT / "pyproject.toml"), str(bad))
    assert r.returncode == 1 and "F401" in r.stdout and "E501" in r.stdout, r.stdout + r.stderr
