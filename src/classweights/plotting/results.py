"""What a trained classifier does: decision regions, per-class recall and the confusion matrix."""

from __future__ import annotations

from .. import i18n
from .bars import draw_class_bars
from .style import BAR_COLORS, REGION_COLORS, styled


def region_grid(X, steps: int):
    """A steps x steps grid of points over the data's box (plus a margin): (points, extent)."""
    import torch

    lo, hi = X.min(0).values - 0.5, X.max(0).values + 0.5
    gx, gy = torch.meshgrid(torch.linspace(lo[0], hi[0], steps), torch.linspace(lo[1], hi[1], steps), indexing="xy")
    return torch.stack([gx.reshape(-1), gy.reshape(-1)], 1), (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


def predict_grid(model, points, steps: int):
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
    points, extent = region_grid(X, steps)
    zz = predict_grid(model, points, steps)
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


@styled
def plot_training_result(model, X, y, metrics=None, *, class_names=None, lang=None, title=None,
                         figsize: tuple[float, float] = (12, 4.2)):
    """Decision regions, per-class recall and confusion matrix of a trained model on (X, y), as one figure.

    The title carries balanced accuracy and macro-F1. Returns the (pyplot) figure.
    """
    import matplotlib.pyplot as plt

    from ..metrics import evaluate

    metrics = metrics if metrics is not None else evaluate(model, X, y)
    summary = (f"{i18n.text('balanced_accuracy', lang)} = {metrics['balanced_accuracy']:.3f}   "
               f"{i18n.text('macro_f1', lang)} = {metrics['macro_f1']:.3f}")
    fig = plt.figure(figsize=figsize, dpi=80, layout="constrained")
    draw_training_result(fig, model, X, y, metrics, class_names=class_names, lang=lang,
                         suptitle=f"{title}\n{summary}" if title else summary)
    return fig
