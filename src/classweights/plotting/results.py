"""What a trained classifier does: decision regions, per-class recall and the confusion matrix."""

from __future__ import annotations

import functools

from .. import i18n
from .bars import draw_class_bars
from .style import BAR_COLORS, MARKERS, REGION_COLORS, styled


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


@functools.cache
def _marker_area(marker: str) -> float:
    """The filled area of a marker at size 1 (matplotlib's units: a square 1, a circle pi / 4, a triangle 1 / 2)."""
    import numpy as np
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    return float(sum(0.5 * abs(np.dot(p[:, 0], np.roll(p[:, 1], 1)) - np.dot(p[:, 1], np.roll(p[:, 0], 1)))
                     for p in path.to_polygons(closed_only=True)))


def _marker_size(marker: str, size: float) -> float:
    """The scatter size (points squared) that gives ``marker`` the ink of a circle of ``size``: at one size a
    triangle has half a square's area and looks smaller, so every class gets the same area instead."""
    return size * _marker_area("o") / _marker_area(marker)


def _scatter_classes(ax, X, y, names, k: int) -> None:
    import numpy as np

    counts = np.bincount(y.numpy(), minlength=k)
    order = np.argsort(-counts, kind="stable")  # most frequent first, so minorities stay visible
    drawn = {}
    for rank, c in enumerate(order):
        pts = X[y == c]
        color, marker = BAR_COLORS[c % len(BAR_COLORS)], MARKERS[c % len(MARKERS)]  # a shape too: no colour needed
        if rank == 0:  # the majority: a light background of small marks
            drawn[c] = ax.scatter(pts[:, 0], pts[:, 1], s=_marker_size(marker, 6), color=color, marker=marker,
                                  alpha=0.45, linewidths=0, label=names[c], zorder=2)
        else:
            drawn[c] = ax.scatter(pts[:, 0], pts[:, 1], s=_marker_size(marker, 16), color=color, marker=marker,
                                  edgecolors="#1a1a1a", linewidths=0.5, label=names[c], zorder=3)
    ax.set_xticks([])
    ax.set_yticks([])
    # below the plot, not over it: the regions change under a live slider, the legend does not; in class order,
    # as the bars and the matrix beside it
    handles = [drawn[c] for c in sorted(drawn)]
    legend = ax.legend(handles=handles, labels=[h.get_label() for h in handles], loc="upper center",
                       bbox_to_anchor=(0.5, 0.0), ncol=k, fontsize=10, markerscale=1.6, frameon=False,
                       handletextpad=0.2, columnspacing=0.8, borderaxespad=0.2)
    for handle in getattr(legend, "legend_handles", None) or getattr(legend, "legendHandles", []):  # mpl < 3.7
        handle.set_alpha(1)


def sample_cells(X, extent, steps: int):
    """A steps x steps boolean grid, True where at least one sample of ``X`` lies in the region image's cell (row 0
    at the bottom, as ``imshow(origin="lower")`` draws it)."""
    import numpy as np

    lo_x, hi_x, lo_y, hi_y = extent
    x = np.asarray(X[:, 0], dtype=float)
    y = np.asarray(X[:, 1], dtype=float)
    cols = np.clip(np.floor((x - lo_x) / (hi_x - lo_x) * steps), 0, steps - 1).astype(int)
    rows = np.clip(np.floor((y - lo_y) / (hi_y - lo_y) * steps), 0, steps - 1).astype(int)
    occupied = np.zeros((steps, steps), dtype=bool)
    occupied[rows, cols] = True
    return occupied


# A label is about three times as wide as it is tall: one row of room counts as three columns
_LABEL_ASPECT = 3


def _room(free):
    """For each cell, the half-width in columns of the largest label-shaped box (``_LABEL_ASPECT`` columns per row)
    centred on it that holds only ``free`` cells, the grid's edge counting as not free; then, to break ties, a
    thousandth of the cell's plain (round) distance to the nearest cell that is not free."""
    import numpy as np
    from scipy import ndimage

    padded = np.pad(free, 1)
    tall = np.repeat(padded, _LABEL_ASPECT, axis=0)  # each row as _LABEL_ASPECT rows: a square box there is wide here
    box = ndimage.distance_transform_cdt(tall, metric="chessboard")[_LABEL_ASPECT // 2::_LABEL_ASPECT]
    return (box + 1e-3 * ndimage.distance_transform_edt(padded))[1:-1, 1:-1]


def region_label_spots(zz, occupied) -> dict:
    """Where to write each class's name in its decision region: ``{class: (row, col)}`` of the cell with the most
    room around it for a wide label, inside the region and away from the samples (``occupied``): room to the
    region's edge, the plot's edge and the nearest sample (:func:`_room`). A region crowded with samples
    everywhere gets the cell deepest inside it; a region of under three cells gets no label, as its name would
    cover its neighbours. Ties of room go to the cell furthest from the nearest cell that is not free, then to the
    lowest row and column."""
    import numpy as np

    spots = {}
    for c in np.unique(zz):
        region = zz == c
        if region.sum() < 3:
            continue
        for free in (region & ~occupied, region):  # away from the samples if there is room, else anywhere inside
            room = _room(free)
            if room.max() >= 2:
                break
        row, col = np.unravel_index(int(np.argmax(room)), room.shape)
        spots[int(c)] = (int(row), int(col))
    return spots


def place_region_labels(labels, zz, occupied, extent) -> None:
    """Move each class's label (``labels[c]``, a Text) to its spot (:func:`region_label_spots`) in data
    coordinates, the centre of that cell of the region image; hide the label of a class with no region."""
    lo_x, hi_x, lo_y, hi_y = extent
    rows, cols = zz.shape
    spots = region_label_spots(zz, occupied)
    for c, label in enumerate(labels):
        if c in spots:
            row, col = spots[c]
            label.set_position((lo_x + (col + 0.5) * (hi_x - lo_x) / cols, lo_y + (row + 0.5) * (hi_y - lo_y) / rows))
        label.set_visible(c in spots)


def _region_labels(ax, names, k: int) -> list:
    """One label per class, the class's name on a white box edged in its colour, drawn over the samples: each
    region says which class it is, so the regions can be read without colour."""
    return [ax.text(0, 0, names[c], ha="center", va="center", fontsize=9, color="#1a1a1a", zorder=4, clip_on=True,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85,
                          "edgecolor": BAR_COLORS[c % len(BAR_COLORS)], "linewidth": 1.2})
            for c in range(k)]


def draw_decision_regions(ax, model, X, y, *, class_names=None, lang=None, steps: int = 120, title=None):
    """Colour the plane by the class the model predicts, and draw the samples on top.

    The most frequent class is drawn first, small and light; the minorities on top of it, larger
    and with a dark edge, so that a few minority points stay visible among many majority points.
    Each class has its own colour and its own marker shape (circle, square, triangle...: ``MARKERS``), at
    the same area, so the classes can be told apart without colour; the legend below shows both. Each region
    carries its class's name (:func:`region_label_spots` says where), so the regions too can be read without
    colour; the labels are ``ax.texts``, one per class in class order, hidden for a class with no region.
    Returns the image of the regions (``set_data`` redraws them for another model; :func:`place_region_labels`
    moves the labels).
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
    place_region_labels(_region_labels(ax, names, k), zz, sample_cells(X, extent, steps), extent)
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
