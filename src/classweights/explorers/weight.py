"""The weight explorer (lessons 01 and 03): a slider per class weight and a live per-class loss chart."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from typing import Any

import torch

from .. import i18n
from .._checks import check_reduction
from ..losses import per_class_loss, prepare_loss_inputs
from ..plotting.bars import draw_class_bars
from ..weights import class_counts
from .base import ClassWeightExplorer, WeightSliders, resolve_class_names


def explorer_state(logits: Any, targets: Any, weight: Any = None, reduction: str = "sum") -> dict:
    """What the explorer shows for one choice of weights: the numbers behind the chart.

    Returns a dict with ``weight``, ``counts``, ``per_class`` (each class's part of
    the loss), ``share`` (each part over the total), ``total``, ``denominator``
    (what "mean" divides by: the sum of the targets' weights; 1 for "sum") and
    ``error`` (None, or why the loss is undefined; then the numbers are None).
    """
    reduction = check_reduction(reduction)
    x, y, w = prepare_loss_inputs(logits, targets, weight)
    k = x.shape[1]
    w_used = torch.ones(k, dtype=x.dtype, device=x.device) if w is None else w
    counts = class_counts(y, num_classes=k)
    state = {
        "weight": [float(v) for v in w_used.cpu()],
        "counts": [int(v) for v in counts.cpu()],
        "reduction": reduction,
        "per_class": None,
        "share": None,
        "total": None,
        "denominator": float(w_used[y].sum()) if reduction == "mean" else 1.0,
        "error": None,
    }
    if reduction == "mean" and state["denominator"] == 0:
        state["error"] = "mean_undefined"
        return state
    with torch.no_grad():
        parts = per_class_loss(x, y, w_used, reduction)
    total = float(parts.sum())
    state["per_class"] = [float(v) for v in parts.cpu()]
    state["total"] = total
    state["share"] = [p / total if total > 0 else 0.0 for p in state["per_class"]]
    return state


def state_table_html(state: dict, class_names: Sequence[str], lang: str | None = None) -> str:
    """The numbers behind the chart as a small HTML table."""
    t = lambda key, **f: html.escape(i18n.text(key, lang, **f))  # noqa: E731
    if state["error"]:
        return f"<p style='color:#b00020'><b>{t(state['error'])}</b></p>"
    head = "".join(f"<th style='padding:2px 8px'>{h}</th>"
                   for h in ("", t("count"), t("weight"), t("loss"), t("share")))
    rows = []
    for name, n, w, p, s in zip(class_names, state["counts"], state["weight"], state["per_class"], state["share"]):
        cells = (html.escape(name), f"{n}", f"{w:.3f}", f"{p:.4f}", f"{100 * s:.1f}%")
        rows.append("<tr>" + "".join(f"<td style='padding:2px 8px;text-align:right'>{c}</td>" for c in cells) + "</tr>")
    total = f"<tr style='font-weight:bold'><td style='padding:2px 8px'>{t('total')}</td><td></td><td></td>" \
            f"<td style='padding:2px 8px;text-align:right'>{state['total']:.4f}</td>" \
            "<td style='padding:2px 8px;text-align:right'>100%</td></tr>"
    note = ""
    if state["reduction"] == "mean":
        denom = f"{state['denominator']:.4g}"
        note = f"<div style='font-size:90%;color:#555'>{t('per_sample', denom=denom)}</div>"
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(rows)}{total}</table>{note}"


class WeightExplorer(ClassWeightExplorer):
    """Builds the widgets; ``.widget`` is what a notebook displays (``weight_explorer`` returns it)."""

    def __init__(
        self,
        logits: Any,
        targets: Any,
        weight: Any = None,
        reduction: str = "sum",
        *,
        class_names: Sequence[str] | None = None,
        lang: str | None = None,
        max_weight: float | None = None,
        smoothing: float = 0.1,
    ):
        import ipywidgets as widgets

        super().__init__(lang, chart_width="360px", figsize=(3.8, 3.0))
        self.logits, self.targets, w = prepare_loss_inputs(logits, targets, weight)
        k = self.logits.shape[1]
        self.class_names = resolve_class_names(class_names, k, self.lang)
        start = [1.0] * k if w is None else [float(v) for v in w.cpu()]
        self.controls = WeightSliders(class_counts(self.targets, num_classes=k), self.class_names, start, self.lang,
                                      self._on_weights, max_weight=max_weight, smoothing=smoothing)
        self.sliders, self.preset = self.controls.sliders, self.controls.preset
        self.reduction = widgets.ToggleButtons(options=[(i18n.text(r, self.lang), r) for r in ("sum", "mean")],
                                               value=check_reduction(reduction),
                                               description=i18n.text("reduction", self.lang),
                                               style={"description_width": "initial", "button_width": "90px"})
        self._ytop = None
        self.reduction.observe(lambda change: self._on_weights(reset=True), names="value")
        controls = widgets.VBox([self.preset, self.reduction, *self.sliders])
        self._show("HBox", [controls, widgets.VBox([self.chart, self.table])])

    def _on_weights(self, reset: bool) -> None:
        if reset:  # a preset or a new reduction rescales the chart; slider moves keep the scale
            self._ytop = None
        self.update()

    def compute(self) -> dict:
        w = torch.tensor(self.weights, dtype=self.logits.dtype, device=self.logits.device)
        return explorer_state(self.logits, self.targets, w, self.reduction.value)

    def table_html(self) -> str:
        return state_table_html(self.state, self.class_names, self.lang)

    def render_png(self) -> bytes:
        st = self.state
        fig = self.figure
        ax = fig.axes[0]
        ax.clear()
        red = i18n.text(st["reduction"], self.lang)
        if st["error"]:
            values, total = [0.0] * len(self.sliders), "—"
        else:
            values, total = st["per_class"], f"{st['total']:.3f}"
        # The y axis only grows while sliders move, so a bar that shrinks is seen to shrink.
        need = max(max(values), 1e-9) * 1.18
        self._ytop = need if self._ytop is None else max(self._ytop, need)
        title = i18n.text("title", self.lang, reduction=red) + f"\n{i18n.text('total', self.lang)} = {total}"
        draw_class_bars(ax, values, class_names=self.class_names, title=title, ylim=self._ytop, lang=self.lang)
        buf = io.BytesIO()
        fig.canvas.print_png(buf)
        return buf.getvalue()


def weight_explorer(logits: Any, targets: Any, weight: Any = None, reduction: str = "sum", **kwargs):
    """A widget to explore class weights on fixed logits and targets.

    A slider per class weight, presets (no weights / inverse frequency / smoothed /
    balanced), a reduction choice, a live per-class loss bar chart and the numbers
    behind it (each class's loss, its share of the total, the total).
    The returned widget's ``.explorer`` attribute holds the :class:`WeightExplorer`
    (its ``state``, ``sliders``, ``set_weights``...).
    """
    return WeightExplorer(logits, targets, weight, reduction, **kwargs).widget
