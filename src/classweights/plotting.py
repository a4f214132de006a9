"""Per-class loss bar charts, with Chinese text drawn in real glyphs.

Matplotlib's default font (DejaVu Sans) has no CJK glyphs. The package ships a
subset of Noto Sans CJK TC (SIL Open Font License, see ``fonts/``) and adds it
as a fallback after DejaVu Sans, so Latin text keeps its usual look and Chinese
text finds its glyphs, on any machine and in Colab, with no system font install.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def _region_grid(X, steps: int):
    """A steps x steps grid of points over the data's box (plus a margin): (points, extent)."""
    import torch

    lo, hi = X.min(0).values - 0.5, X.max(0).values + 0.5
    gx, gy = torch.meshgrid(torch.linspace(lo[0], hi[0], steps), torch.linspace(lo[1], hi[1], steps), indexing="xy")
    return torch.stack([gx.reshape(-1), gy.reshape(-1)], 1), (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


def _predict_grid(model, points, steps: int):
    import torch

    device = next(model.parameters()).device
    with torch.no_grad():
        return model(points.to(device)).argmax(1).cpu().reshape(steps, steps).numpy()


def _scatter_classes(ax, X, y, names, k: int) -> None:
    import numpy as np

    counts = np.bincount(y.numpy(), minlength=k)
    order = np.argsort(-counts, kind="stable")  # most frequent first, so minorities stay visible
    for rank, c in enumerate(order):
        pts = X[y == c]
        color = BAR_COLORS[c % len(BAR_COLORS)]
        if rank == 0:  # the majority: a light background of small dots
            ax.scatter(pts[:, 0], pts[:, 1], s=6, color=color, alpha=0.45, linewidths=0, label=names[c], zorder=2)
        else:
            ax.scatter(pts[:, 0], pts[:, 1], s=16, color=color, edgecolors="#1a1a1a", linewidths=0.5,
                       label=names[c], zorder=3)
    ax.set_xticks([])
    ax.set_yticks([])
    # below the plot, not over it: the regions change under a live slider, the legend does not
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=k, fontsize=10, markerscale=1.6,
                       frameon=False, handletextpad=0.2, columnspacing=0.8, borderaxespad=0.2)
    for handle in getattr(legend, "legend_handles", None) or getattr(legend, "legendHandles", []):  # mpl < 3.7
        handle.set_alpha(1)


def draw_decision_regions(ax, model, X, y, *, class_names=None, lang=None, steps: int = 120, title=None):
    """Colour the plane by the class the model predicts, and draw the samples on top.

    The most frequent class is drawn first, small and light; the minorities on top of it, larger
    and with a dark edge, so that a few minority points stay visible among many majority points.
    Returns the image of the regions (``set_data`` redraws them for another model).
    """
    from matplotlib.colors import ListedColormap

    X = X.detach().cpu()
    y = y.detach().cpu()
    points, extent = _region_grid(X, steps)
    zz = _predict_grid(model, points, steps)
    k = int(max(int(y.max()), int(zz.max()))) + 1
    image = ax.imshow(zz, origin="lower", extent=extent, aspect="auto", interpolation="nearest", zorder=0,
                      cmap=ListedColormap(REGION_COLORS[:k]), vmin=-0.5, vmax=k - 0.5)
    names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
    _scatter_classes(ax, X, y, names, k)
    ax.set_title(title if title is not None else i18n.text("regions", lang), fontsize=12)
    return image


def row_shares(matrix):
    """Each row of a confusion matrix divided by its total (the share of each true class predicted as each
    class); a row with no samples gives zeros."""
    import numpy as np

    m = np.asarray(matrix, dtype=float)
    totals = m.sum(axis=1, keepdims=True)
    return np.divide(m, totals, out=np.zeros_like(m), where=totals > 0)


def _cell_style(cmap, share: float) -> str:
    r, g, b, _ = cmap(float(share))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else "black"


def _cell_text(count, share: float) -> str:
    return f"{int(count)}\n{100 * share:.0f}%"


def draw_confusion_matrix(ax, matrix, *, class_names=None, lang=None, title=None):
    """Counts of (true class, predicted class) and each count's share of its row, written in each cell.

    The colour is the share of the row (0 to 1), so a minority row with few samples is as visible
    as the majority's: a dark diagonal cell means that class is mostly recognised.
    Returns the image and the k x k cell texts (to update them for another matrix).
    """
    import matplotlib
    import numpy as np

    m = np.asarray(matrix)
    k = m.shape[0]
    shares = row_shares(m)
    names = list(class_names) if class_names is not None else [str(c) for c in range(k)]
    cmap = matplotlib.colormaps["Blues"]
    image = ax.imshow(shares, cmap=cmap, vmin=0, vmax=1)
    size = 12 if k <= 4 else max(7, 12 - (k - 4))
    texts = [[ax.text(j, i, _cell_text(m[i, j], shares[i, j]), ha="center", va="center", fontsize=size,
                      linespacing=1.15, color=_cell_style(cmap, shares[i, j])) for j in range(k)] for i in range(k)]
    ax.set_xticks(range(k))
    ax.set_xticklabels(names, fontsize=11)
    ax.set_yticks(range(k))
    ax.set_yticklabels(names, fontsize=11)
    ax.set_xlabel(i18n.text("predicted_class", lang), fontsize=11)
    ax.set_ylabel(i18n.text("true_class", lang), fontsize=11)
    if title is None:
        title = f"{i18n.text('confusion', lang)}\n{i18n.text('confusion_row_share', lang)}"
    ax.set_title(title, fontsize=12)
    return image, texts


def update_confusion_matrix(image, texts, matrix) -> None:
    """Show another matrix in what :func:`draw_confusion_matrix` drew: its colours, cell texts and text colours."""
    import matplotlib

    shares = row_shares(matrix)
    image.set_data(shares)
    cmap = matplotlib.colormaps["Blues"]
    for i, row in enumerate(texts):
        for j, text in enumerate(row):
            text.set_text(_cell_text(matrix[i][j], shares[i, j]))
            text.set_color(_cell_style(cmap, shares[i, j]))


def update_class_bars(bars, labels, values, fmt: str = "{:.2f}") -> None:
    """New heights for the bars :func:`draw_class_bars` drew, each value label moved and rewritten."""
    for bar, label, v in zip(bars, labels, values):
        bar.set_height(v)
        label.xy = (bar.get_x() + bar.get_width() / 2, v)
        label.set_text(fmt.format(v))


def draw_training_result(fig, model, X, y, metrics, *, class_names=None, lang=None, suptitle=None):
    """Three panels on ``fig``: decision regions, recall per class, confusion matrix."""
    axes = fig.axes if len(fig.axes) == 3 else [fig.add_subplot(1, 3, i + 1) for i in range(3)]
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "w_pad" in engine.get():
        engine.set(w_pad=8 / 72, wspace=0.04)  # room between a panel and the next one's axis label
    for ax in axes:
        ax.clear()
    k = len(metrics["recall"])
    names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
    draw_decision_regions(axes[0], model, X, y, class_names=names, lang=lang)
    draw_class_bars(axes[1], metrics["recall"], class_names=names, ylim=1.12, lang=lang, fmt="{:.2f}",
                    ylabel=i18n.text("recall", lang), title=i18n.text("recall_title", lang), fontsize=11)
    draw_confusion_matrix(axes[2], metrics["confusion_matrix"], class_names=names, lang=lang)
    if suptitle:
        fig.suptitle(suptitle, fontsize=13)
    return fig


class Blit:
    """Draw a figure once, keep a picture of everything that never changes, and redraw only ``dynamic``.

    ``dynamic`` lists the artists an update changes, in drawing order (matplotlib's blitting): they are
    left out of the kept picture, and :meth:`redraw` draws just them over it. The figure's layout is frozen
    after the first draw, so later updates do not move anything. :meth:`png` encodes what is drawn now.
    """

    def __init__(self, fig, dynamic):
        self.fig, self.dynamic = fig, list(dynamic)
        for artist in self.dynamic:
            artist.set_animated(True)
        fig.canvas.draw()  # lays out the figure and draws everything else
        fig.set_layout_engine("none")  # keep these positions
        self.background = fig.canvas.copy_from_bbox(fig.bbox)
        self.redraw()

    def redraw(self) -> None:
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        renderer = canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)

    def png(self) -> bytes:
        """The figure as drawn now, as PNG bytes (fast compression: the picture is sent, not stored)."""
        import io

        from PIL import Image

        canvas = self.fig.canvas
        buf = io.BytesIO()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buf, format="png", compress_level=1)
        return buf.getvalue()


class TrainingView:
    """The training explorer's three panels (regions, recall, confusion matrix), drawn once.

    The first draw lays out the figure and keeps a picture of everything that never changes (axes,
    ticks, titles: most of the text). :meth:`update` then changes only what a new model changes, the
    regions' image, the bar heights and labels, the matrix's colours and cell texts, and draws just
    those over the kept picture (matplotlib's blitting). :meth:`png` encodes the result.
    """

    def __init__(self, fig, model, X, y, metrics, *, class_names=None, lang=None, steps: int = 120):
        self.fig, self.steps = fig, steps
        self.X, self.y = X.detach().cpu(), y.detach().cpu()
        self.points, _ = _region_grid(self.X, steps)
        k = len(metrics["recall"])
        names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
        draw_training_result(fig, model, X, y, metrics, class_names=names, lang=lang)
        ax_regions, ax_recall, ax_conf = fig.axes
        self.regions = ax_regions.images[0]
        self.bars = list(ax_recall.patches)
        self.bar_labels = list(ax_recall.texts)
        self.matrix = ax_conf.images[0]
        self.cells = [[ax_conf.texts[i * k + j] for j in range(k)] for i in range(k)]
        # what a new model changes, in drawing order (the samples and legend lie over the regions)
        self.blit = Blit(fig, [self.regions, *ax_regions.collections, *ax_regions.spines.values(),
                               *self.bars, *self.bar_labels, *ax_recall.spines.values(),
                               self.matrix, *[t for row in self.cells for t in row], *ax_conf.spines.values()])

    def update(self, model, metrics) -> None:
        self.regions.set_data(_predict_grid(model, self.points, self.steps))
        update_class_bars(self.bars, self.bar_labels, metrics["recall"])
        update_confusion_matrix(self.matrix, self.cells, metrics["confusion_matrix"])
        self.blit.redraw()

    def png(self) -> bytes:
        return self.blit.png()


def plot_training_result(model, X, y, metrics=None, *, class_names=None, lang=None, title=None,
                         figsize: tuple[float, float] = (12, 4.2)):
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


def _num(v: float) -> str:
    """A number with up to 3 significant digits, as :g writes it, but 1000 rather than 1e+03."""
    out = f"{v:.3g}"
    if "e+" in out and abs(v) < 1e7:
        out = f"{v:.0f}"
    return out


def plot_loss_panels(
    panels: Sequence[tuple[Any, Any]],
    *,
    reduction: str = "sum",
    lang: str | None = None,
    figsize: tuple[float, float] = (12, 3.6),
    class_names: Sequence[str] | None = None,
):
    """Per-class losses for several weight vectors side by side, on one shared y-axis.

    ``panels`` is a list of ``(weights, parts)`` pairs: K class weights and the K per-class
    losses they give (e.g. ``cw.per_class_loss(logits, targets, weights)``). Each bar chart is
    titled with its weights and total. Returns the (pyplot) figure.
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
    finite = [v for _, parts in pairs for v in parts if math.isfinite(v)]
    top = max(max(finite, default=0.0), 1e-9) * 1.2
    red = i18n.text(reduction, lang) if reduction in ("sum", "mean") else str(reduction)
    fig, axes = plt.subplots(1, len(pairs), figsize=figsize, dpi=80, sharey=True, squeeze=False, layout="constrained")
    for i, (ax, (w, parts)) in enumerate(zip(axes[0], pairs)):
        title = f"w = [{', '.join(_num(v) for v in w)}]\n{i18n.text('total', lang)} = {sum(parts):.3f}"
        draw_class_bars(ax, parts, class_names=class_names, ylim=top, lang=lang, fontsize=12,
                        ylabel=i18n.text("loss", lang) if i == 0 else "")
        ax.set_title(title, fontsize=14)
    fig.suptitle(i18n.text("title", lang, reduction=red), fontsize=15)
    return fig


TRADEOFF_METRICS = ("majority_recall", "majority_precision", "minority_recall", "minority_precision",
                    "balanced_accuracy", "macro_f1")
SCHEME_COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#7F7F7F",
                 "#B5A42E", "#2E9FBF")
SCHEME_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">", "h")


def tradeoff_metric(result: dict, name: str) -> float:
    """One number of an :func:`evaluate` result; class 0 is the majority, classes 1.. the minorities."""
    from .schemes import metric

    if name not in TRADEOFF_METRICS:
        raise ValueError(f"metric is {name!r}: use one of {', '.join(map(repr, TRADEOFF_METRICS))}.")
    return float(metric(result, name))


def _scheme_label(key: str, lang: str | None) -> str:
    """The scheme's name in the lesson's language; a key with its parameters ("smoothed, s = 10")
    gets its known part translated; an unknown key is shown as it is."""
    if key in i18n.SCHEMES:
        return i18n.scheme_name(key, lang)
    for known in sorted(i18n.SCHEMES, key=len, reverse=True):
        if key.startswith(known + ","):
            return i18n.scheme_name(known, lang) + key[len(known):]
    return key


def _axis_limits(lo: float, hi: float) -> tuple[float, float]:
    """Limits around the data [lo, hi] (metrics, in 0..1) with a small margin: at least 0.04 wide,
    and not reaching past 0 or 1 by more than the margin."""
    span = max(hi - lo, 0.04)
    mid = (lo + hi) / 2
    lo, hi = mid - span / 2, mid + span / 2
    if hi > 1:
        lo, hi = lo - (hi - 1), 1.0
    if lo < 0:
        lo, hi = 0.0, hi - lo
    margin = 0.12 * span
    return lo - margin, hi + margin


def _place_labels(ax, points, errors, labels, renderer, *, fontsize: float) -> list:
    """Write each label next to its point, away from the other labels, points and error bars.

    Each label tries offsets in 16 directions at growing distances and takes the cheapest: covering
    another label, leaving the axes or a leader line crossing a label or another line cost most,
    covering a point or an error bar less, distance a little. Labels far from their point get a thin
    leader line. Greedy, most crowded points first, then two passes that move each label again.
    """
    import math

    px = ax.figure.dpi / 72.0
    f = ax.get_window_extent(renderer)
    frame = (f.x0, f.y0, f.x1, f.y1)
    n = len(points)
    xy = [tuple(ax.transData.transform(p)) for p in points]
    obstacles = []  # (owner, box, weight)
    for i, ((mx, my), (sx, sy)) in enumerate(zip(points, errors)):
        cx, cy = xy[i]
        obstacles.append((i, (cx - 6 * px, cy - 6 * px, cx + 6 * px, cy + 6 * px), 4.0))
        (x0, _), (x1, _) = ax.transData.transform([(mx - sx, my), (mx + sx, my)])
        (_, y0), (_, y1) = ax.transData.transform([(mx, my - sy), (mx, my + sy)])
        obstacles.append((i, (x0, cy - 3 * px, x1, cy + 3 * px), 1.0))
        obstacles.append((i, (cx - 3 * px, y0, cx + 3 * px, y1), 1.0))
    sizes = []
    for label in labels:
        t = ax.text(0, 0, label, fontsize=fontsize)
        e = t.get_window_extent(renderer)
        t.remove()
        sizes.append((e.width + 6 * px, e.height + 4 * px))  # with the white pad behind the text

    def overlap(a, b):
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    candidates = []
    for radius in (9, 16, 26, 40, 58, 80, 105, 135):
        for k in range(16):
            a = 2 * math.pi * k / 16
            c, s_ = math.cos(a), math.sin(a)
            ha = "left" if c > 0.38 else "right" if c < -0.38 else "center"
            va = "bottom" if s_ > 0.38 else "top" if s_ < -0.38 else "center"
            candidates.append((radius, radius * c, radius * s_, ha, va))

    def layout(i, cand):
        radius, dx, dy, ha, va = cand
        w, h = sizes[i]
        x = xy[i][0] + dx * px
        y = xy[i][1] + dy * px
        x0 = x if ha == "left" else x - w if ha == "right" else x - w / 2
        y0 = y if va == "bottom" else y - h if va == "top" else y - h / 2
        box = (x0, y0, x0 + w, y0 + h)
        end = (min(max(xy[i][0], box[0]), box[2]), min(max(xy[i][1], box[1]), box[3]))
        line = (xy[i], end) if radius >= 16 else None
        return box, line

    import numpy as np

    T = np.arange(1, 12)[None, :, None] / 12.0  # the 11 inner points of a segment cut in 12

    def overlap_many(B, b):  # overlap area of each box in B (C, 4) with the box b
        w = np.minimum(B[:, 2], b[2]) - np.maximum(B[:, 0], b[0])
        h = np.minimum(B[:, 3], b[3]) - np.maximum(B[:, 1], b[1])
        return np.where((w > 0) & (h > 0), w * h, 0.0)

    def inside(P, b):  # (..., 2) points inside the box b
        return (b[0] <= P[..., 0]) & (P[..., 0] <= b[2]) & (b[1] <= P[..., 1]) & (P[..., 1] <= b[3])

    def side(a, b, c):
        return (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0])

    def gap_many(B, q):  # distance from each box to the point q
        return np.hypot(np.maximum.reduce([B[:, 0] - q[0], np.zeros(len(B)), q[0] - B[:, 2]]),
                        np.maximum.reduce([B[:, 1] - q[1], np.zeros(len(B)), q[1] - B[:, 3]]))

    def costs(i, chosen):
        """The cost of every candidate place of label i, given the labels placed so far (one array)."""
        boxes, lines = zip(*(layout(i, cand) for cand in candidates))
        B = np.array(boxes)
        has_line = np.array([ln is not None for ln in lines])
        ends = np.array([ln[1] if ln is not None else xy[i] for ln in lines])
        start_pt = np.array(xy[i])
        on_line = start_pt[None, None, :] + (ends - start_pt)[:, None, :] * T  # (C, 11, 2)
        area = (B[:, 2] - B[:, 0]) * (B[:, 3] - B[:, 1])
        total = 50 * (area - overlap_many(B, frame))
        for j, (obox, oline) in chosen.items():
            if j == i:
                continue
            total += 50 * overlap_many(B, obox)
            if oline is not None:
                pts = np.array(oline[0])[None, :] + (np.array(oline[1]) - np.array(oline[0]))[None, :] * T[0]
                hit = (B[:, None, 0] <= pts[None, :, 0]) & (pts[None, :, 0] <= B[:, None, 2]) & \
                      (B[:, None, 1] <= pts[None, :, 1]) & (pts[None, :, 1] <= B[:, None, 3])
                total += np.where(hit.any(axis=1), 400 * px * px, 0.0)
                q1, q2 = np.array(oline[0]), np.array(oline[1])
                a = np.broadcast_to(start_pt, ends.shape)
                cross = (side(a, ends, q1) * side(a, ends, q2) < 0) & \
                        (side(q1, q2, a) * side(q1, q2, ends) < 0)
                total += np.where(has_line & cross, 300 * px * px, 0.0)
            total += np.where(has_line & inside(on_line, obox).any(axis=1), 400 * px * px, 0.0)
        own = gap_many(B, xy[i])
        for j in range(n):  # a label nearer to another point than to its own reads as that point's label
            if j != i:
                total += np.where(gap_many(B, xy[j]) < np.minimum(own, 40 * px), 2000 * px * px, 0.0)
        for owner, obox, weight in obstacles:
            if owner != i or weight < 2:
                total += weight * overlap_many(B, obox) * (1 if owner != i else 0.3)
            if owner != i and weight > 2:
                total += np.where(has_line & inside(on_line, obox).any(axis=1), 150 * px * px, 0.0)
        return total + np.array([cand[0] for cand in candidates]) * px * px * 3, boxes, lines

    crowd = [sum(math.dist(xy[i], xy[j]) < 60 * px for j in range(n)) for i in range(n)]
    chosen: dict = {}
    choice: dict = {}
    for sweep in range(3):
        order = sorted(range(n), key=lambda i: -crowd[i]) if sweep == 0 else list(range(n))
        for i in order:
            total, boxes, lines = costs(i, chosen)
            best = int(np.argmin(total))  # the first of equal costs, as a strict "<" scan would keep
            choice[i] = candidates[best]
            chosen[i] = (boxes[best], lines[best])
    texts = []
    for i in range(n):
        radius, dx, dy, ha, va = choice[i]
        rel = ({"left": 0.0, "right": 1.0, "center": 0.5}[ha], {"bottom": 0.0, "top": 1.0, "center": 0.5}[va])
        arrow = (dict(arrowstyle="-", color="#666666", lw=0.9, shrinkA=0, shrinkB=5, relpos=rel)
                 if radius >= 16 else None)
        texts.append(ax.annotate(labels[i], points[i], xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                 fontsize=fontsize, color="#1a1a1a", arrowprops=arrow, zorder=5,
                                 bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75)))
    return texts


def plot_tradeoff(lab: dict, *, x: str = "majority_recall", y: str = "minority_recall", lang: str | None = None,
                  figsize: tuple[float, float] | None = None):
    """Each weighting scheme as a point (x metric, y metric): the mean over seeds, with error bars of
    plus or minus one standard deviation over seeds; one panel per imbalance ratio.

    ``lab[ratio][scheme]`` is a list of :func:`evaluate` results, one per seed (as :func:`scheme_lab`
    returns); keys of ``lab`` that are not ints (``"counts"``...) are ignored. Metrics: ``"majority_recall"``,
    ``"majority_precision"``, ``"minority_recall"`` and ``"minority_precision"`` (means over the minority
    classes 1..), ``"balanced_accuracy"``, ``"macro_f1"``. Returns the (pyplot) figure.
    """
    import numbers

    import matplotlib.pyplot as plt

    from .schemes import mean_std

    for name in (x, y):
        if name not in TRADEOFF_METRICS:
            raise ValueError(f"metric is {name!r}: use one of {', '.join(map(repr, TRADEOFF_METRICS))}.")
    ratios = [r for r in lab if isinstance(r, numbers.Integral) and not isinstance(r, bool)]
    if not ratios:
        raise ValueError("lab has no imbalance ratio (int key): pass what cw.scheme_lab returns.")
    if figsize is None:
        figsize = (min(6.6 * len(ratios), 18), 5.6)
    fig, axes = plt.subplots(1, len(ratios), figsize=figsize, dpi=80, squeeze=False, layout="constrained")
    axes = list(axes[0])
    drawn = []
    for ax, ratio in zip(axes, ratios):
        schemes = list(lab[ratio])
        points, errors = [], []
        for n, key in enumerate(schemes):
            runs = lab[ratio][key]
            if not runs:
                raise ValueError(f"lab[{ratio!r}][{key!r}] is empty: it needs one evaluate() result per seed.")
            (mx, sx), (my, sy) = mean_std(runs, x), mean_std(runs, y)
            ax.errorbar(mx, my, xerr=sx, yerr=sy, fmt=SCHEME_MARKERS[n % len(SCHEME_MARKERS)], ms=8,
                        color=SCHEME_COLORS[n % len(SCHEME_COLORS)], mec="#1a1a1a", mew=0.6, elinewidth=1.4,
                        capsize=3, zorder=3, label=_scheme_label(key, lang))
            points.append((mx, my))
            errors.append((sx, sy))
        ax.set_xlim(*_axis_limits(min(m - s for (m, _), (s, _) in zip(points, errors)),
                                  max(m + s for (m, _), (s, _) in zip(points, errors))))
        ax.set_ylim(*_axis_limits(min(m - s for (_, m), (_, s) in zip(points, errors)),
                                  max(m + s for (_, m), (_, s) in zip(points, errors))))
        ax.set_xlabel(i18n.text(x, lang), fontsize=14)
        ax.set_ylabel(i18n.text(y, lang), fontsize=14)
        ax.tick_params(labelsize=12)
        ax.grid(True, color="#dddddd", lw=0.8, zorder=0)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_title(i18n.tr("imbalance 1:{r}", lang, r=ratio), fontsize=15)
        drawn.append((ax, points, errors, [_scheme_label(k, lang) for k in schemes]))
    fig.draw_without_rendering()  # the layout fixes where the axes are, before the labels are placed
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else fig._get_renderer()
    for ax, points, errors, labels in drawn:
        _place_labels(ax, points, errors, labels, renderer, fontsize=12)
    return fig
