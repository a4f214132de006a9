"""The multi-label explorer (lesson 09): one pos_weight slider per label, recall and precision per label.

The arithmetic lives in :func:`multilabel_state`, a plain function that tests call without a browser;
:class:`MultiLabelExplorer` wires a slider per label to it and draws the per-label bars. A linear model with
one output per label and ``BCEWithLogitsLoss`` is L separate yes/no models (output j depends only on its own
row of weights, and the loss is a sum over labels), so moving label j's slider retrains label j only.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Sequence
from typing import Any

import torch
from matplotlib.patches import Patch

from .. import i18n
from .._checks import as_tensor
from ..plotting.style import BAR_COLORS
from ..training import WarmStartSolver
from .base import Explorer

# Recall and precision: two colours of the palette, and a hatch on precision, so that they differ without colour too
# (tests/test_plotting.py checks the pair for colour-blind readers).
RECALL_COLOR, PRECISION_COLOR = BAR_COLORS[0], BAR_COLORS[1]
RECALL_HATCH, PRECISION_HATCH = "", "//"


def _zero_one(t: torch.Tensor, name: str) -> torch.Tensor:
    if t.dim() != 2 or t.shape[0] == 0 or t.shape[1] == 0:
        raise ValueError(f"{name} must have shape (N, L): one row per sample, one 0/1 column per label; "
                         f"got shape {tuple(t.shape)}.")
    if not bool(((t == 0) | (t == 1)).all()):
        raise ValueError(f"{name} must hold only 0 and 1 (label absent / present); convert it with ({name} > 0).")
    return t


def multilabel_state(logits: Any, targets: Any, threshold: float = 0.5) -> dict:
    """Per-label decisions ``sigmoid(logit) >= threshold`` against 0/1 targets, scored by scikit-learn.

    ``logits`` and ``targets``: shape (N, L), one column per label. Returns a dict of lists, one entry per
    label: ``positives`` (true positives in the targets), ``predicted`` (samples predicted positive),
    ``recall``, ``precision`` and ``f1`` (``zero_division=0``: a label never predicted has precision 0).
    """
    from sklearn import metrics

    t = float(threshold)
    if not 0.0 < t < 1.0:
        raise ValueError(f"threshold is {threshold!r}: it must lie strictly between 0 and 1.")
    x = as_tensor(logits, "logits").detach().cpu()
    y = _zero_one(as_tensor(targets, "targets").detach().cpu(), "targets")
    if x.shape != y.shape:
        raise ValueError(f"logits have shape {tuple(x.shape)} but targets {tuple(y.shape)}: give one logit per "
                         "sample and label.")
    pred = (torch.sigmoid(x.double()) >= t).long().numpy()
    true = y.long().numpy()
    precision, recall, f1, _ = metrics.precision_recall_fscore_support(true, pred, average=None, zero_division=0)
    return {"positives": [int(v) for v in true.sum(0)], "predicted": [int(v) for v in pred.sum(0)],
            "recall": [float(v) for v in recall], "precision": [float(v) for v in precision],
            "f1": [float(v) for v in f1]}


class MultiLabelExplorer(Explorer):
    """A ``pos_weight`` slider per label; each retrains that label's linear model and redraws the bars.

    Each label's model is the one training converges to (:class:`~classweights.training.WarmStartSolver`
    with class weights ``[1, pos_weight]`` on that label's two classes, the same decisions as
    ``BCEWithLogitsLoss(pos_weight=...)``), fitted on (X, Y) and scored on (X_val, Y_val). The dashed outlines
    are the scores without weights (``pos_weight`` 1 for every label), so the picture shown without a kernel, at
    the starting ``pos_weight``, shows what the weights changed. ``.sliders``: one per label; ``.state``: the last
    :func:`multilabel_state` plus ``pos_weight``; ``.start``: the same at ``pos_weight`` 1 (the outlines).
    """

    def __init__(self, X: Any, Y: Any, X_val: Any, Y_val: Any, *, pos_weight: Sequence[float] | None = None,
                 max_pos_weight: float = 100.0, label_names: Sequence[str] | None = None, lang: str | None = None):
        import ipywidgets as widgets

        super().__init__(lang, chart_width="520px", figsize=(6.2, 3.4))
        self.figure.axes[0].set_position((0.09, 0.1, 0.88, 0.7))
        X, X_val = as_tensor(X, "X").float(), as_tensor(X_val, "X_val").float()
        Y = _zero_one(as_tensor(Y, "Y"), "Y")
        self.Y_val = _zero_one(as_tensor(Y_val, "Y_val"), "Y_val")
        if Y.shape[1] != self.Y_val.shape[1]:
            raise ValueError(f"Y has {Y.shape[1]} labels but Y_val has {self.Y_val.shape[1]}: use the same labels.")
        k = Y.shape[1]
        if not (math.isfinite(max_pos_weight) and float(max_pos_weight) >= 1.0):
            raise ValueError(f"max_pos_weight is {max_pos_weight!r}: give a finite number of at least 1.")
        start = [1.0] * k if pos_weight is None else [float(v) for v in torch.as_tensor(pos_weight).flatten()]
        if len(start) != k:
            raise ValueError(f"pos_weight has {len(start)} values for {k} labels: give one per label.")
        for v in start:
            if not 0.0 < v <= max_pos_weight:
                raise ValueError(f"pos_weight {v!r} must be positive and at most max_pos_weight ({max_pos_weight:g}).")
        names = list(label_names) if label_names is not None else [i18n.text("label", self.lang, j=j) for j in range(k)]
        if len(names) != k:
            raise ValueError(f"label_names has {len(names)} names for {k} labels: give one name per label.")
        self.label_names, self.X_val = names, X_val
        self.solvers = [WarmStartSolver(X, Y[:, j].long(), num_classes=2) for j in range(k)]
        self._logits = torch.zeros(self.Y_val.shape, dtype=torch.float64)
        self._fitted = [None] * k
        style, layout = {"description_width": "initial"}, widgets.Layout(width="340px")
        self.sliders = [widgets.FloatLogSlider(value=v, base=10, min=-1.0, max=math.log10(max_pos_weight), step=0.01,
                                               readout_format=".2f", continuous_update=True, style=style,
                                               description=f"pos_weight, {name}" if self.lang == "en"
                                               else f"pos_weight，{name}", layout=layout)
                        for v, name in zip(start, names)]
        self.start = {"pos_weight": [1.0] * k, **self._scores([1.0] * k)}  # the outlines: no weights
        for sl in self.sliders:
            sl.observe(lambda change: self.update(), names="value")
        self._show("HBox", [widgets.VBox([*self.sliders, self.table]), self.chart])

    def _scores(self, pos_weights: Sequence[float]) -> dict:
        """Retrain the labels whose pos_weight differs from the last fit, then score every label on validation."""
        for j, (pw, solver) in enumerate(zip(pos_weights, self.solvers)):
            if self._fitted[j] != pw:
                model = solver.fit(torch.tensor([1.0, pw]))
                with torch.no_grad():
                    out = model(self.X_val.to(solver.X.dtype))
                self._logits[:, j] = (out[:, 1] - out[:, 0]).double().cpu()  # the logit of "label present"
                self._fitted[j] = pw
        return multilabel_state(self._logits, self.Y_val)

    def compute(self) -> dict:
        """Retrain the labels whose slider moved, then score every label on validation."""
        pws = [float(sl.value) for sl in self.sliders]
        return {"pos_weight": pws, **self._scores(pws)}

    def table_html(self) -> str:
        t = lambda key: html.escape(i18n.text(key, self.lang))  # noqa: E731
        st = self.state
        head = "".join(f"<th style='padding:1px 8px'>{h}</th>"
                       for h in ("", "pos_weight", t("recall"), t("precision"), "F1", t("predicted_positive")))
        rows = "".join(
            "<tr>" + "".join(f"<td style='padding:1px 8px;text-align:right'>{c}</td>" for c in
                             (html.escape(n), f"{w:.2f}", f"{r:.3f}", f"{p:.3f}", f"{f:.3f}", f"{k} / {pos}")) + "</tr>"
            for n, w, r, p, f, k, pos in zip(self.label_names, st["pos_weight"], st["recall"], st["precision"],
                                             st["f1"], st["predicted"], st["positives"]))
        note = html.escape(i18n.text("predicted_note", self.lang))
        return f"<table style='border-collapse:collapse'><tr>{head}</tr>{rows}</table>" \
               f"<div style='font-size:90%'>{note}</div>"

    def render_png(self) -> bytes:
        fig = self.figure
        ax = fig.axes[0]
        ax.clear()
        k, width = len(self.label_names), 0.38
        handles = []
        for shift, key, colour, hatch in ((-width / 2, "recall", RECALL_COLOR, RECALL_HATCH),
                                          (width / 2, "precision", PRECISION_COLOR, PRECISION_HATCH)):
            xs = [j + shift for j in range(k)]
            # labels: the series' names in the chart's text alternative (the legend is made from handles below)
            bars = ax.bar(xs, self.state[key], width=width, color=colour, hatch=hatch, edgecolor="white",
                          label=i18n.text(key, self.lang))
            ax.bar(xs, self.start[key], width=width, fill=False, edgecolor="0.1", linestyle="--", linewidth=1.3,
                   label=i18n.text("alt_no_weights_series", self.lang, metric=i18n.text(key, self.lang)))
            for bar, v in zip(bars, self.state[key]):  # white boxes: readable where a dashed outline crosses
                ax.annotate(f"{v:.2f}", (bar.get_x() + bar.get_width() / 2, v), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", fontsize=9,
                            bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=0.6))
            handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=i18n.text(key, self.lang)))
        handles.append(Patch(fill=False, edgecolor="0.1", lw=1.3, ls="--",
                             label=i18n.text("no_weights_outline", self.lang)))
        ax.set_xticks(range(k))
        ax.set_xticklabels(self.label_names)
        ax.set_ylim(0, 1.15)
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(handles), fontsize=8,
                  frameon=False, handlelength=2.2)
        ax.set_title(i18n.text("multilabel_title", self.lang), fontsize=10, pad=18)  # the legend sits below it
        ax.spines[["top", "right"]].set_visible(False)
        buf = io.BytesIO()
        fig.canvas.print_png(buf)
        return buf.getvalue()


def multilabel_explorer(X: Any, Y: Any, X_val: Any, Y_val: Any, **kwargs):
    """A widget with one ``pos_weight`` slider per label of a multi-label problem (lesson 09).

    Retrains that label's linear model on (X, Y) when its slider moves; shows each label's recall and
    precision on (X_val, Y_val), with the values without weights (pos_weight 1) as dashed outlines. The returned
    widget's ``.explorer`` holds the :class:`MultiLabelExplorer`.
    """
    return MultiLabelExplorer(X, Y, X_val, Y_val, **kwargs).widget
