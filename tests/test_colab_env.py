"""The package tests and every lesson under nbval, in an environment like Google Colab's.

Colab ships ipywidgets 7.7.1 and older matplotlib and numpy than requirements.txt, and a lesson
there installs only classweights (--no-deps). This test builds a venv from
tests/colab-requirements.txt (kept in .venv-colab/, rebuilt only when that file or the package's
dependencies in pyproject.toml change) and runs inside it every unit-test file and the Chinese
notebooks under nbval, stored outputs compared (the fast tier runs the English ones with
requirements.txt's versions; both languages run the same code cells).
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


# Files that check the repository's own files (notebooks, guides, README, lint, install), not the package
# under other library versions; every other tests/test_*.py runs in the Colab venv.
REPOSITORY_TESTS = {"test_lessons.py", "test_teachers.py", "test_repo.py", "test_lint.py", "test_install.py",
                    "test_colab_env.py", "test_portability.py", "test_browser.py", "test_slides.py",
                    "test_assignment.py", "test_cheat_sheet.py", "test_overview.py", "test_accessibility.py"}


def unit_test_files() -> list[str]:
    return sorted(f"tests/{p.name}" for p in (ROOT / "tests").glob("test_*.py") if p.name not in REPOSITORY_TESTS)


def _stamp() -> str:
    """What the venv is made from: the Colab pins and the package's declared dependencies (not the rest of
    pyproject.toml, so that a change to the lint or test settings does not rebuild it)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    h = hashlib.sha256(REQUIREMENTS.read_bytes())
    h.update(repr((project.get("dependencies"), project.get("requires-python"))).encode())
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
    env = {k: v for k, v in os.environ.items() if k != "CLASSWEIGHTS_LANG"}
    r = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
                        "--nbval-sanitize-with", "tests/sanitize.cfg", *unit_test_files(), "notebooks/zh-TW"],
                       cwd=ROOT, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout[-6000:]
    assert " passed" in r.stdout and " deselected" not in r.stdout, r.stdout[-2000:]


def test_the_colab_run_covers_every_unit_test_file():
    """A new test file is a unit-test file, run in the Colab venv too, unless it is listed as a repository check."""
    files = unit_test_files()
    assert len(files) >= 14 and "tests/test_widgetbox.py" in files and "tests/test_plotting.py" in files
    for name in REPOSITORY_TESTS:
        assert (ROOT / "tests" / name).exists(), f"REPOSITORY_TESTS names a file that is gone: {name}"
