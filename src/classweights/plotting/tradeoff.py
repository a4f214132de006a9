"""The trade-off chart of the scheme lab: each scheme a point (mean over seeds) with error bars."""

from __future__ import annotations

import numpy as np

from .. import i18n
from ..metrics import mean_std
from .labels import place_labels
from .style import SCHEME_COLORS, SCHEME_MARKERS, styled

CROWD = 24  # points: another point nearer than this makes a point part of a crowd, named in the legend
TRADEOFF_METRICS = ("majority_recall", "majority_precision", "minority_recall", "minority_precision",
                    "balanced_accuracy", "macro_f1")


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


@styled
def plot_tradeoff(lab, *, x: str = "majority_recall", y: str = "minority_recall", lang: str | None = None,
                  figsize: tuple[float, float] | None = None):
    """Each weighting scheme as a point (x metric, y metric): the mean over seeds, with error bars of
    plus or minus one standard deviation over seeds; one panel per imbalance ratio.

    Schemes with identical points share one marker and one label ("inverse frequency = balanced"). A point
    is labelled beside it when no other point is within ``CROWD`` points of it; the points of a crowd are
    named in a legend below the panels instead (marker and colour), since no label could be tied to one of
    them.

    ``lab`` is what :func:`scheme_lab` returns: ``lab.results[ratio][scheme]`` is a list of :func:`evaluate`
    results, one per seed. Metrics: ``"majority_recall"``,
    ``"majority_precision"``, ``"minority_recall"`` and ``"minority_precision"`` (means over the minority
    classes 1..), ``"balanced_accuracy"``, ``"macro_f1"``. Returns the (pyplot) figure.
    """
    import matplotlib.pyplot as plt

    from ..schemes import SchemeLab

    for name in (x, y):
        if name not in TRADEOFF_METRICS:
            raise ValueError(f"metric is {name!r}: use one of {', '.join(map(repr, TRADEOFF_METRICS))}.")
    if not isinstance(lab, SchemeLab):
        raise TypeError(f"lab is a {type(lab).__name__}: pass what cw.scheme_lab returns (a cw.SchemeLab).")
    ratios = lab.ratios
    if not ratios:
        raise ValueError("lab has no imbalance ratio: run cw.scheme_lab with at least one ratio.")
    if figsize is None:
        figsize = (min(6.6 * len(ratios), 18), 5.6)
    fig, axes = plt.subplots(1, len(ratios), figsize=figsize, dpi=80, squeeze=False, layout="constrained")
    axes = list(axes[0])
    drawn = []
    for ax, ratio in zip(axes, ratios):
        stats = {}  # (mx, sx, my, sy) -> [index of its first scheme, its labels]
        for n, key in enumerate(lab.results[ratio]):
            runs = lab.results[ratio][key]
            if not runs:
                raise ValueError(f"lab.results[{ratio!r}][{key!r}] is empty: it needs one evaluate() result per seed.")
            (mx, sx), (my, sy) = mean_std(runs, x), mean_std(runs, y)
            stats.setdefault((mx, sx, my, sy), [n, []])[1].append(_scheme_label(key, lang))
        points, errors, labels = [], [], []
        for (mx, sx, my, sy), (n, names) in stats.items():
            label = " = ".join(names)  # identical results: one marker, one label
            ax.errorbar(mx, my, xerr=sx, yerr=sy, fmt=SCHEME_MARKERS[n % len(SCHEME_MARKERS)], ms=8,
                        color=SCHEME_COLORS[n % len(SCHEME_COLORS)], mec="#1a1a1a", mew=0.6, elinewidth=1.4,
                        capsize=3, zorder=3, label=label)
            points.append((mx, my))
            errors.append((sx, sy))
            labels.append(label)
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
        drawn.append((ax, points, errors, labels))
    legend = {}  # label -> handle, for the points of a crowd, in the order of the schemes
    if any(len(labels) > 1 for *_, labels in drawn):
        # a legend row below the panels, if any point needs it: the layout must know its height first
        probe = fig.legend(handles=[ax.containers[0]], loc="outside lower center", fontsize=12, frameon=False)
        fig.draw_without_rendering()
        crowded = []
        for ax, points, _, _labels in drawn:
            xy = ax.transData.transform(points)
            near = CROWD * fig.dpi / 72
            crowded.append([any(j != i and np.hypot(*(xy[i] - xy[j])) < near for j in range(len(points)))
                            for i in range(len(points))])
        probe.remove()
        for (ax, _, _, labels), crowd in zip(drawn, crowded):
            for container, label, c in zip(ax.containers, labels, crowd):
                if c:
                    legend.setdefault(label, container)
        if legend:
            fig.legend(handles=list(legend.values()), labels=list(legend), loc="outside lower center",
                       ncols=min(len(legend), 4 if lang == "zh-TW" else 3), fontsize=12, frameon=False,
                       columnspacing=1.6, handletextpad=0.4)
    fig.draw_without_rendering()  # the layout fixes where the axes are, before the labels are placed
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else fig._get_renderer()
    for ax, points, errors, labels in drawn:
        place_labels(ax, points, errors, [None if label in legend else label for label in labels], renderer,
                     fontsize=12)
    return fig
