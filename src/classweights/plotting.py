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


def new_figure(figsize: tuple[float, float] = (3.8, 3.0), dpi: int = 80, axes: bool = True) -> Figure:
    """A figure not managed by pyplot (no global state, no backend), for widgets.

    With ``axes``: one axes at fixed margins instead of a layout engine, because a widget
    redraws it on every slider move and constrained layout would double the cost of each
    redraw. Without: an empty figure with constrained layout, for multi-panel redraws that
    happen once per (slower) retraining.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=figsize, dpi=dpi, layout=None if axes else "constrained")
    if axes:
        fig.add_axes((0.19, 0.1, 0.78, 0.7))
    FigureCanvasAgg(fig)
    return fig


REGION_COLORS = ("#C9D6EA", "#F4D3BC", "#CFE5D3", "#EBC4C5", "#D9D2E9", "#E0D3C8", "#F3D9EC", "#DDDDDD")


def draw_decision_regions(ax, model, X, y, *, class_names=None, lang=None, steps: int = 120, title=None):
    """Colour the plane by the class the model predicts, and draw the samples on top (minorities last)."""
    import numpy as np
    import torch

    X = X.detach().cpu()
    y = y.detach().cpu()
    lo, hi = X.min(0).values - 0.5, X.max(0).values + 0.5
    gx, gy = torch.meshgrid(torch.linspace(lo[0], hi[0], steps), torch.linspace(lo[1], hi[1], steps), indexing="xy")
    device = next(model.parameters()).device
    with torch.no_grad():
        zz = model(torch.stack([gx.reshape(-1), gy.reshape(-1)], 1).to(device)).argmax(1).cpu().reshape(gx.shape)
    k = int(max(int(y.max()), int(zz.max()))) + 1
    from matplotlib.colors import ListedColormap

    ax.pcolormesh(gx.numpy(), gy.numpy(), zz.numpy(), cmap=ListedColormap(REGION_COLORS[:k]), vmin=-0.5,
                  vmax=k - 0.5, shading="auto", rasterized=True)
    names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
    order = np.argsort(-np.bincount(y.numpy(), minlength=k))  # most frequent first, so minorities stay visible
    for c in order:
        pts = X[y == c]
        ax.scatter(pts[:, 0], pts[:, 1], s=7, color=BAR_COLORS[c % len(BAR_COLORS)], label=names[c],
                   edgecolors="white", linewidths=0.3)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(loc="upper left", fontsize=7, markerscale=1.5, framealpha=0.8)
    ax.set_title(title if title is not None else i18n.text("regions", lang), fontsize=10)


def draw_confusion_matrix(ax, matrix, *, class_names=None, lang=None, title=None):
    """Counts of (true class, predicted class), written in each cell."""
    import numpy as np

    m = np.asarray(matrix)
    k = m.shape[0]
    names = list(class_names) if class_names is not None else [str(c) for c in range(k)]
    ax.imshow(m, cmap="Blues", vmin=0, vmax=max(int(m.max()), 1))
    for i in range(k):
        for j in range(k):
            dark = m[i, j] > 0.6 * m.max()
            ax.text(j, i, str(int(m[i, j])), ha="center", va="center", fontsize=9, color="white" if dark else "black")
    ax.set_xticks(range(k))
    ax.set_xticklabels(names, fontsize=8)
    ax.set_yticks(range(k))
    ax.set_yticklabels(names, fontsize=8)
    ax.set_xlabel(i18n.text("predicted_class", lang))
    ax.set_ylabel(i18n.text("true_class", lang))
    ax.set_title(title if title is not None else i18n.text("confusion", lang), fontsize=10)


def draw_training_result(fig, model, X, y, metrics, *, class_names=None, lang=None, suptitle=None):
    """Three panels on ``fig``: decision regions, recall per class, confusion matrix."""
    axes = fig.axes if len(fig.axes) == 3 else [fig.add_subplot(1, 3, i + 1) for i in range(3)]
    for ax in axes:
        ax.clear()
    k = len(metrics["recall"])
    names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
    draw_decision_regions(axes[0], model, X, y, class_names=names, lang=lang)
    draw_class_bars(axes[1], metrics["recall"], class_names=names, ylim=1.1, lang=lang, fmt="{:.2f}",
                    ylabel=i18n.text("recall", lang), title=i18n.text("recall_title", lang))
    draw_confusion_matrix(axes[2], metrics["confusion_matrix"], class_names=names, lang=lang)
    if suptitle:
        fig.suptitle(suptitle, fontsize=11)
    return fig


def plot_training_result(model, X, y, metrics=None, *, class_names=None, lang=None, title=None,
                         figsize: tuple[float, float] = (10.5, 3.3)):
    """Decision regions, per-class recall and confusion matrix of a trained model on (X, y), as one figure.

    The title carries balanced accuracy and macro-F1. Returns the (pyplot) figure.
    """
    import matplotlib.pyplot as plt

    from .training import evaluate

    metrics = metrics if metrics is not None else evaluate(model, X, y)
    summary = (f"{i18n.text('balanced_accuracy', lang)} = {metrics['balanced_accuracy']:.3f}   "
               f"{i18n.text('macro_f1', lang)} = {metrics['macro_f1']:.3f}")
    fig = plt.figure(figsize=figsize, dpi=80, layout="constrained")
    draw_training_result(fig, model, X, y, metrics, class_names=class_names, lang=lang,
                         suptitle=f"{title}\n{summary}" if title else summary)
    return fig
