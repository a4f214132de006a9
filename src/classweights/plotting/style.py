"""The look of the package's figures: fonts, colours and one style context.

Matplotlib's default font (DejaVu Sans) has no CJK glyphs. The package ships a subset of Noto Sans CJK TC
(SIL Open Font License, see ``fonts/``) and, inside :func:`style`, makes it the fallback after DejaVu Sans, so
Latin text keeps its usual look and Chinese text finds its glyphs, on any machine and in Colab, with no system
font install. Importing the package changes no matplotlib setting: every function of the package that draws
does so inside :func:`style`, and a lesson that draws its own figure with Chinese text writes
``with cw.style():`` around it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import matplotlib
from matplotlib import font_manager

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
CJK_FAMILY = "Class Weights Lab CJK TC"

# Colour-blind safe (tests/test_plotting.py simulates deuteranopia, protanopia and tritanopia and checks that the
# colours drawn together stay apart). One colour per class: Okabe and Ito's palette ("Color Universal Design",
# 2008), black last.
BAR_COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# The decision regions: each class's colour at 40 % on white (the points on top keep the full colour).
REGION_COLORS = ("#99C7E0", "#F5D999", "#99D8C7", "#EEBF99", "#EBC9DC", "#BBE1F6", "#F9F4B3", "#999999")
# One marker per class, beside its colour, so that the samples of each class can be told apart without colour
# (the decision regions' scatter): filled shapes whose outlines differ even when small; circle, square and triangle
# first, since most lessons have two or three classes.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
# One colour and one marker per scheme (the markers tell the schemes apart without colour): Okabe-Ito without
# black (the markers' edges are dark), then three colours that keep every pair apart for the three deficiencies.
SCHEME_COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#0022EE",
                 "#006622", "#00EE66")
SCHEME_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">", "h")
# Probabilities of a class-weighted model as trained (raw) and corrected (cw.unweight_probabilities): the threshold
# explorer's reliability curves, and lesson 08's figure of them (drawn with markers "o"/"s" and "s"/"^" as well).
# Okabe-Ito vermillion and blue.
RAW_COLOR, CORRECTED_COLOR = "#D55E00", "#0072B2"


def register_cjk_font() -> None:
    """Add the shipped CJK font to matplotlib's font list (once; changes no setting)."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in known:
        for path in sorted(FONT_DIR.glob("*.[ot]tf")):
            font_manager.fontManager.addfont(str(path))


def font_families(current: Any = None) -> list[str]:
    """DejaVu Sans, then the shipped CJK font, then the other families of ``current`` (default: the current
    ``rcParams["font.family"]``) except the generic "sans-serif"."""
    families = ["DejaVu Sans", CJK_FAMILY]
    current = list(matplotlib.rcParams["font.family"] if current is None else current)
    if current[: len(families)] == families:
        return current
    return families + [f for f in current if f not in families and f != "sans-serif"]


def style() -> contextlib.AbstractContextManager:
    """The package's figure style for a ``with`` block: matplotlib's settings with the shipped CJK font as the
    fallback after DejaVu Sans (``matplotlib.rc_context``); on leaving the block every setting is as before.

    Every figure the package draws is drawn inside it. For a figure of your own with Chinese text::

        with cw.style():
            fig, ax = plt.subplots()
            ax.set_title(cw.tr("validation recall"))
            plt.show()
    """
    register_cjk_font()
    return matplotlib.rc_context({"font.family": font_families()})


F = TypeVar("F", bound=Callable[..., Any])


def styled(func: F) -> F:
    """Run ``func`` inside :func:`style` (for the package's drawing functions)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with style():
            return func(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def use_cjk_font() -> list[str]:
    """Make the shipped CJK font the fallback after DejaVu Sans in matplotlib's global settings, for every later
    figure (what :func:`style` does for one ``with`` block). Returns the new ``rcParams["font.family"]``.

    The package itself never calls it; call it once if you would rather not write ``with cw.style():``.
    """
    register_cjk_font()
    matplotlib.rcParams["font.family"] = font_families()
    return list(matplotlib.rcParams["font.family"])
