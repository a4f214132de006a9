"""Fixtures of the tests (the two tiers are set up in the repository's conftest.py)."""

import os
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
# The tests fix the language themselves; the environment must not leak into them.
os.environ.pop("CLASSWEIGHTS_LANG", None)


@pytest.fixture(autouse=True)
def _english_by_default():
    import classweights as cw

    cw.set_language("en")
    yield
    cw.set_language(None)


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium, driven by Playwright (tools/browser.py), for the browser tests; CI must have it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import browser as B

    if B.chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium for the browser tests (apt-get install chromium)")
        pytest.skip("no Chromium here: apt-get install chromium to run the browser tests")
    with B.browser() as b:
        yield b
