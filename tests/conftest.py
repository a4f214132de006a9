import os

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
