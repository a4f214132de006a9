"""The tau explorer (lesson 07): post-hoc logit adjustment of a trained model's logits, no retraining."""

from __future__ import annotations

import html
from typing import Any

from matplotlib.patches import Patch

from .. import i18n
from .._checks import as_labels, as_tensor, check_param
from ..digits import per_class_accuracy
from ..plotting.bars import draw_class_bars, update_class_bars
from ..plotting.canvas import Blit
from ..plotting.style import BAR_COLORS
from ..weights import logit_adjustment
from .base import Explorer


def tau_state(logits: Any, y: Any, counts: Any, tau: float) -> dict:
    """Post-hoc logit adjustment of a trained model: predict argmax(logits - tau * log prior).

    ``counts``: the training set's images per class (the prior). Returns ``per_class`` (each class's accuracy)
    and ``balanced_accuracy`` (their mean) on (logits, y).
    """
    t = check_param("tau", tau, 0.0, None)
    acc = per_class_accuracy(logits, y, logit_adjustment(counts, tau=t))
    return {"tau": t, "per_class": acc.tolist(), "balanced_accuracy": float(acc.mean())}


# Head, middle and tail digits: a colour and a hatch each, so that the groups differ without colour too.
GROUPS = (("head_digits", BAR_COLORS[0], ""), ("middle_digits", BAR_COLORS[2], ".."),
          ("tail_digits", BAR_COLORS[1], "//"))


def digit_group(i: int, k: int) -> int:
    """0 for the first three classes (head), 2 for the last three (tail), 1 for those between."""
    return 0 if i < 3 else 2 if i >= k - 3 else 1


class TauExplorer(Explorer):
    """A slider for post-hoc logit adjustment's tau; the per-class accuracy bars and balanced accuracy follow.

    No retraining: the model's logits on (X, y) are computed once and shifted by ``tau * log prior``. The bars
    are coloured and hatched by group (head digits 0-2, digits 3-6, tail digits 7-9); the dashed outlines are the
    accuracies at tau = 0 (the model as trained). ``tau``: the starting value, which the picture shown without a
    kernel keeps (give the tau chosen on validation). ``.sliders`` is ``[tau slider]``.
    """

    def __init__(self, logits: Any, y: Any, counts: Any, *, tau: float = 0.0, max_tau: float = 2.0,
                 lang: str | None = None):
        import ipywidgets as widgets

        super().__init__(lang, chart_width="600px", figsize=(7.5, 3.5))
        self.logits, self.y, self.counts = as_tensor(logits, "logits").detach(), as_labels(y, "y"), counts
        self.start = tau_state(self.logits, self.y, counts, 0.0)
        self.tau = widgets.FloatSlider(value=float(tau), min=0.0, max=float(max_tau), step=0.05, readout_format=".2f",
                                       description="τ", continuous_update=True, style={"description_width": "initial"},
                                       layout=widgets.Layout(width="360px"))
        self.sliders = [self.tau]
        self.figure.axes[0].set_position((0.09, 0.14, 0.89, 0.64))
        self.tau.observe(lambda change: self.update(), names="value")
        self._show("VBox", [self.tau, self.table, self.chart])

    def compute(self) -> dict:
        return tau_state(self.logits, self.y, self.counts, self.tau.value)

    def table_html(self) -> str:
        t = lambda key: html.escape(i18n.text(key, self.lang))  # noqa: E731
        acc = self.state["per_class"]
        return (f"{t('balanced_accuracy')} <b>{self.state['balanced_accuracy']:.3f}</b> "
                f"({t('at_tau_0')} {self.start['balanced_accuracy']:.3f}) &nbsp; "
                f"{t('head_digits')} <b>{sum(acc[:3]) / 3:.3f}</b> &nbsp; {t('tail_digits')} "
                f"<b>{sum(acc[-3:]) / 3:.3f}</b>")

    def render_png(self) -> bytes:
        acc = self.state["per_class"]
        ax = self.figure.axes[0]
        title = i18n.text("tau_title", self.lang, tau=f"{self.state['tau']:.2f}",  # the balanced accuracy in the
                          ba=f"{self.state['balanced_accuracy']:.3f}",  # picture too: the table shows only live
                          ba0=f"{self.start['balanced_accuracy']:.3f}")
        if not hasattr(self, "_bars"):  # draw once; later moves only change heights, labels and the title
            self._bars = draw_class_bars(ax, acc, class_names=[str(d) for d in range(len(acc))], ylim=1.15,
                                         fmt="{:.2f}", ylabel=i18n.text("accuracy", self.lang), title=title)
            self._labels = list(ax.texts)
            for label in self._labels:  # readable where a dashed outline crosses it
                label.set_bbox(dict(facecolor="white", edgecolor="none", alpha=0.8, pad=0.6))
            for i, bar in enumerate(self._bars):
                _, color, hatch = GROUPS[digit_group(i, len(acc))]
                bar.set_facecolor(color)
                bar.set_hatch(hatch)
                bar.set_edgecolor("white")
            outlines = ax.bar(range(len(acc)), self.start["per_class"], width=0.6, fill=False, edgecolor="0.1", lw=1.3,
                              ls="--", label=i18n.text("tau_0_outline", self.lang))  # the series' name in the alt text
            self._bars.set_label(i18n.text("accuracy", self.lang))
            ax.set_xlabel(i18n.text("digit_head_to_tail", self.lang))
            groups = sorted({digit_group(i, len(acc)) for i in range(len(acc))})
            handles = [Patch(facecolor=GROUPS[g][1], hatch=GROUPS[g][2], edgecolor="white",
                             label=i18n.text(GROUPS[g][0], self.lang)) for g in groups]
            handles.append(Patch(fill=False, edgecolor="0.1", lw=1.3, ls="--",
                                 label=i18n.text("tau_0_outline", self.lang)))
            ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(handles),
                      fontsize=8, frameon=False, handlelength=2.2)
            ax.set_title(title, fontsize=10, pad=18)  # room for the legend between the title and the bars
            # what tau changes, in drawing order (the tau = 0 outlines lie over the bars)
            self._blit = Blit(self.figure, [*self._bars, *outlines, *self._labels, ax.title, *ax.spines.values()])
        else:
            update_class_bars(self._bars, self._labels, acc)
            ax.title.set_text(title)
            self._blit.redraw()
        return self._blit.png()


def tau_explorer(logits: Any, y: Any, counts: Any, **kwargs):
    """A widget: a tau slider for post-hoc logit adjustment of trained logits on (logits, y), with per-class
    accuracy bars and balanced accuracy. The returned widget's ``.explorer`` holds the :class:`TauExplorer`."""
    return TauExplorer(logits, y, counts, **kwargs).widget
