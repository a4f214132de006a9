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

BAR_COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C")
REGION_COLORS = ("#C9D6EA", "#F4D3BC", "#CFE5D3", "#EBC4C5", "#D9D2E9", "#E0D3C8", "#F3D9EC", "#DDDDDD")
SCHEME_COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#7F7F7F",
                 "#B5A42E", "#2E9FBF")
SCHEME_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">", "h")
# Probabilities of a class-weighted model as trained (raw) and corrected (cw.unweight_probabilities): the threshold
# explorer's reliability curves, and lesson 08's figure of them.
RAW_COLOR, CORRECTED_COLOR = "#d62728", "#1f77b4"


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
