"""Bar charts of per-class numbers: one class per bar, its value written above it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import i18n
from .style import BAR_COLORS, styled


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
    fontsize: float | None = None,
):
    """Draw one bar per class on ``ax``, each with its value written above it.

    ``fontsize`` (points) sets the values, tick labels and axis label; the title gets one point more.
    Left out: the compact sizes of the widgets.
    """
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
                    textcoords="offset points", ha="center", va="bottom", fontsize=fontsize or 9)
    ax.set_ylabel(ylabel if ylabel is not None else i18n.text("loss", lang), fontsize=fontsize)
    if fontsize:
        ax.tick_params(labelsize=fontsize)
    if title:
        ax.set_title(title, fontsize=fontsize + 1 if fontsize else 10)
    ax.spines[["top", "right"]].set_visible(False)
    return bars


def update_class_bars(bars, labels, values, fmt: str = "{:.2f}") -> None:
    """New heights for the bars :func:`draw_class_bars` drew, each value label moved and rewritten."""
    for bar, label, v in zip(bars, labels, values):
        bar.set_height(v)
        label.xy = (bar.get_x() + bar.get_width() / 2, v)
        label.set_text(fmt.format(v))


@styled
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

        _, ax = plt.subplots(figsize=figsize, dpi=80, layout="constrained")
    draw_class_bars(ax, vals, class_names=class_names, title=title, ylim=ylim, lang=lang)
    return ax.figure


def _num(v: float) -> str:
    """A number with up to 3 significant digits, as :g writes it, but 1000 rather than 1e+03."""
    out = f"{v:.3g}"
    if "e+" in out and abs(v) < 1e7:
        out = f"{v:.0f}"
    return out


@styled
def plot_loss_panels(
    panels: Sequence[tuple[Any, Any]],
    *,
    reduction: str = "sum",
    lang: str | None = None,
    figsize: tuple[float, float] = (12, 3.6),
    class_names: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
):
    """Per-class losses for several weight vectors side by side, on one shared y-axis.

    ``panels`` is a list of ``(weights, parts)`` pairs: K class weights and the K per-class
    losses they give (e.g. ``cw.per_class_loss(logits, targets, weights)``). Each bar chart is
    titled with its weights and total, below its entry of ``labels`` if given (one line per panel,
    e.g. which logits it uses). Returns the (pyplot) figure.
    """
    import math

    import matplotlib.pyplot as plt

    panels = list(panels)
    if not panels:
        raise ValueError("panels is empty: pass a list of (weights, per-class losses) pairs.")
    pairs = [(_values(w), _values(parts)) for w, parts in panels]
    for i, (w, parts) in enumerate(pairs):
        if len(w) != len(parts):
            raise ValueError(f"panel {i} has {len(w)} weights but {len(parts)} per-class losses: "
                             "give one of each per class.")
    if labels is not None:
        labels = list(labels)
        if len(labels) != len(pairs):
            raise ValueError(f"labels has {len(labels)} entries but there are {len(pairs)} panels: "
                             "give one label per panel, or none.")
    finite = [v for _, parts in pairs for v in parts if math.isfinite(v)]
    top = max(max(finite, default=0.0), 1e-9) * 1.2
    red = i18n.text(reduction, lang) if reduction in ("sum", "mean") else str(reduction)
    fig, axes = plt.subplots(1, len(pairs), figsize=figsize, dpi=80, sharey=True, squeeze=False, layout="constrained")
    for i, (ax, (w, parts)) in enumerate(zip(axes[0], pairs)):
        title = f"w = [{', '.join(_num(v) for v in w)}]\n{i18n.text('total', lang)} = {sum(parts):.3f}"
        if labels is not None:
            title = f"{labels[i]}\n{title}"
        draw_class_bars(ax, parts, class_names=class_names, ylim=top, lang=lang, fontsize=12,
                        ylabel=i18n.text("loss", lang) if i == 0 else "")
        ax.set_title(title, fontsize=14)
    fig.suptitle(i18n.text("title", lang, reduction=red), fontsize=15)
    return fig
