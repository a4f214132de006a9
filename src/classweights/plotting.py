"""Per-class loss bar charts, with Chinese text drawn in real glyphs.

Matplotlib's default font (DejaVu Sans) has no CJK glyphs. The package ships a
subset of Noto Sans CJK TC (SIL Open Font License, see ``fonts/``) and adds it
as a fallback after DejaVu Sans, so Latin text keeps its usual look and Chinese
text finds its glyphs, on any machine and in Colab, with no system font install.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from . import i18n

FONT_DIR = Path(__file__).resolve().parent / "fonts"
CJK_FAMILY = "Class Weights Lab CJK TC"
BAR_COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C")


def use_cjk_font() -> list[str]:
    """Register the shipped CJK font and make it the fallback for text DejaVu Sans cannot draw.

    Returns the font family list now in ``rcParams["font.family"]``. Safe to call repeatedly.
    """
    known = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in known:
        for path in sorted(FONT_DIR.glob("*.[ot]tf")):
            font_manager.fontManager.addfont(str(path))
    families = ["DejaVu Sans", CJK_FAMILY]
    current = list(matplotlib.rcParams["font.family"])
    if current[: len(families)] != families:
        matplotlib.rcParams["font.family"] = families + [f for f in current if f not in families and f != "sans-serif"]
    return list(matplotlib.rcParams["font.family"])


def _values(values: Any) -> list[float]:
    try:
        import torch

        if isinstance(values, torch.Tensor):
            return [float(v) for v in values.detach().cpu().reshape(-1)]
    except ImportError:  # pragma: no cover
        pass
    return [float(v) for v in values]


def draw_class_bars(
    ax,
    values: Any,
    *,
    class_names: Sequence[str] | None = None,
    title: str | None = None,
    ylabel: str | None = None,
    ylim: float | None = None,
    lang: str | None = None,
    fmt: str = "{:.3f}",
):
    """Draw one bar per class on ``ax``, each with its value written above it."""
    vals = _values(values)
    names = list(class_names) if class_names is not None else i18n.class_names(len(vals), lang)
    if len(names) != len(vals):
        raise ValueError(f"class_names has {len(names)} names for {len(vals)} values: give one name per class.")
    colors = [BAR_COLORS[i % len(BAR_COLORS)] for i in range(len(vals))]
    bars = ax.bar(range(len(vals)), vals, color=colors, width=0.6)
    ax.set_xticks(range(len(vals)))
    ax.set_xticklabels(names)
    top = ylim if ylim is not None else max(max(vals, default=0.0), 1e-9) * 1.18
    ax.set_ylim(0, top)
    for bar, v in zip(bars, vals):
        ax.annotate(fmt.format(v), (bar.get_x() + bar.get_width() / 2, v), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9)
    ax.set_ylabel(ylabel if ylabel is not None else i18n.text("loss", lang))
    if title:
        ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return bars


def plot_class_losses(
    losses: Any,
    *,
    reduction: str = "sum",
    class_names: Sequence[str] | None = None,
    title: str | None = None,
    ylim: float | None = None,
    lang: str | None = None,
    figsize: tuple[float, float] = (3.4, 2.8),
    ax=None,
):
    """A bar chart of per-class losses (e.g. from :func:`per_class_loss`), titled with their total.

    Draws on ``ax`` if given, else on a new pyplot figure; returns the figure.
    """
    vals = _values(losses)
    if title is None:
        red = i18n.text(reduction, lang) if reduction in ("sum", "mean") else str(reduction)
        title = i18n.text("title", lang, reduction=red) + f"\n{i18n.text('total', lang)} = {sum(vals):.3f}"
    if ax is None:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figsize, dpi=80, layout="constrained")
    draw_class_bars(ax, vals, class_names=class_names, title=title, ylim=ylim, lang=lang)
    return ax.figure


def new_figure(figsize: tuple[float, float] = (3.8, 3.0), dpi: int = 80) -> Figure:
    """A figure not managed by pyplot (no global state, no backend), for widgets.

    Fixed margins instead of a layout engine: a widget redraws it on every slider
    move, and constrained layout would double the cost of each redraw.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=figsize, dpi=dpi)
    fig.add_axes((0.19, 0.1, 0.78, 0.7))
    FigureCanvasAgg(fig)
    return fig
