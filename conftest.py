"""Two tiers (README, "Running the tests").

- ``python -m pytest``: the fast tier. Unit tests, lesson invariants and every lesson once under nbval in English
  (``testpaths``: the code cells of both languages are identical, a test checks it).
- ``python -m pytest --full``: what CI runs (``.ci/run``). The fast tier, plus the tests marked with one of
  ``FULL_ONLY``: the Chinese notebooks under nbval on PyTorch's portable kernels with one thread, the
  Colab-versions venv, JupyterLab and Voila in headless Chromium, the install dry runs.

A marker expression (``-m browser``) or a test file named on the command line selects full-tier tests without
``--full``.
"""

from pathlib import Path

FULL_ONLY = ("browser", "colab", "portable", "install")


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true", default=False,
                     help="the full tier (CI): also the tests marked " + ", ".join(FULL_ONLY))


def _named_on_command_line(config, item) -> bool:
    """A test file (or test id) given as an argument, not found by walking a folder."""
    for arg in config.args:
        path = Path(arg.split("::", 1)[0])
        path = path if path.is_absolute() else Path(str(config.invocation_params.dir)) / path
        if path.is_file() and path.resolve() == Path(str(item.path)).resolve():
            return True
    return False


def pytest_collection_modifyitems(config, items):
    if config.getoption("--full") or config.option.markexpr:
        return
    keep, drop = [], []
    for item in items:
        full_only = any(item.get_closest_marker(m) for m in FULL_ONLY)
        (drop if full_only and not _named_on_command_line(config, item) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_report_header(config):
    if config.getoption("--full"):
        return "tier: full (--full)"
    return "tier: fast (add --full for the Chinese notebooks on portable kernels, the Colab venv and the browser)"
