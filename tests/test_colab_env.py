"""The package tests and every lesson under nbval, in an environment like Google Colab's.

Colab ships ipywidgets 7.7.1 and older matplotlib and numpy than requirements.txt, and a lesson
there installs only classweights (--no-deps). This test builds a venv from
tests/colab-requirements.txt (kept in .venv-colab/, rebuilt when that file or pyproject.toml
changes) and runs the same checks inside it, stored outputs compared.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-colab"
REQUIREMENTS = ROOT / "tests" / "colab-requirements.txt"

pytestmark = pytest.mark.colab


def _stamp() -> str:
    h = hashlib.sha256()
    for p in (REQUIREMENTS, ROOT / "pyproject.toml"):
        h.update(p.read_bytes())
    return h.hexdigest()


def colab_python() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / "stamp"
    if python.exists() and stamp.exists() and stamp.read_text() == _stamp():
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    r = subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    stamp.write_text(_stamp())
    return python


def test_versions_are_colabs():
    python = colab_python()
    out = subprocess.run([str(python), "-c", "import ipywidgets, matplotlib, numpy; "
                          "print(ipywidgets.__version__, matplotlib.__version__, numpy.__version__)"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "7.7.1" and out[1].startswith("3.7.") and out[2].startswith("1."), out


def test_tests_and_lessons_pass_with_colabs_versions():
    python = colab_python()
    tests = ["test_explorer.py", "test_training.py", "test_fonts.py", "test_losses.py", "test_weights.py",
             "test_schemes.py", "test_exercises.py", "test_i18n.py"]
    env = {k: v for k, v in os.environ.items() if k != "CLASSWEIGHTS_LANG"}
    r = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
                        "--nbval-sanitize-with", "tests/sanitize.cfg", *[f"tests/{t}" for t in tests], "notebooks"],
                       cwd=ROOT, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout[-6000:]
