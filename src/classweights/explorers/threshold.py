"""The threshold explorer (lesson 08): a positive-class weight and a decision threshold, on a two-class problem.

The arithmetic lives in :func:`threshold_state`, a plain function that tests call
without a browser; :class:`ThresholdExplorer` wires two sliders to it and draws
the confusion matrix and the reliability diagram (scikit-learn's
``calibration_curve``) of the model's probabilities, raw and corrected with
:func:`unweight_probabilities`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import torch

from .. import i18n
from .._checks import as_labels, as_tensor
from ..plotting.canvas import Blit
from ..plotting.results import draw_confusion_matrix, update_confusion_matrix
from ..plotting.style import CORRECTED_COLOR, RAW_COLOR
from ..probabilities import expected_calibration_error, unweight_probabilities
from ..training import WarmStartSolver
from .base import Explorer, resolve_class_names


def threshold_state(logits: Any, targets: Any, weight: Any, threshold: float = 0.5, n_bins: int = 10) -> dict:
    """What a two-class model trained with class weights ``weight`` gives on (logits, targets) at a threshold.

    ``logits``: (N, 2) of the model; ``weight``: the two class weights it was trained with (``[1, pos_weight]``).
    A sample is predicted positive (class 1) when the model's own P(class 1) is at least ``threshold``.
    Returns a dict: ``confusion_matrix`` (rows: true class), ``precision``, ``recall`` and ``f1`` of class 1,
    ``ece_raw`` and ``ece_corrected`` (top-label, :func:`expected_calibration_error`), ``mean_raw`` and
    ``mean_corrected`` (the mean predicted P(class 1)), ``positive_share`` (the share of class 1 in the
    targets), ``curve_raw`` / ``curve_corrected``: (mean predicted probability, fraction of positives)
    per non-empty bin, from ``sklearn.calibration.calibration_curve``, and ``raw``: each sample's P(class 1).
    """
    t = float(threshold)
    if not 0.0 < t < 1.0:
        raise ValueError(f"threshold is {threshold!r}: it must lie strictly between 0 and 1.")
    probs = probability_state(logits, targets, weight, n_bins)
    return {**probs, **decision_state(probs["raw"], probs["targets"], t)}


def probability_state(logits: Any, targets: Any, weight: Any, n_bins: int = 10) -> dict:
    """The part of :func:`threshold_state` that does not depend on the threshold (calibration)."""
    from sklearn.calibration import calibration_curve

    x = as_tensor(logits, "logits")
    if x.dim() != 2 or x.shape[1] != 2:
        raise ValueError(f"logits must have shape (N, 2) for a two-class model, got {tuple(x.shape)}.")
    y = as_labels(targets, "targets").cpu()
    x = x.detach()
    raw = torch.softmax(x, dim=1)
    corrected = unweight_probabilities(x, weight)
    true = y.numpy()
    curves = {}
    for name, p in (("raw", raw), ("corrected", corrected)):
        frac, mean = calibration_curve(true, p[:, 1].cpu().double().numpy(), n_bins=n_bins, strategy="uniform")
        curves[name] = (mean.tolist(), frac.tolist())
    return {
        "raw": raw[:, 1].cpu(), "targets": y,
        "weight": [float(v) for v in torch.as_tensor(weight).flatten()],
        "ece_raw": expected_calibration_error(raw, y, n_bins),
        "ece_corrected": expected_calibration_error(corrected, y, n_bins),
        "mean_raw": float(raw[:, 1].mean()), "mean_corrected": float(corrected[:, 1].mean()),
        "positive_share": float((y == 1).double().mean()),
        "curve_raw": curves["raw"], "curve_corrected": curves["corrected"],
    }


def decision_state(p_positive: torch.Tensor, targets: torch.Tensor, threshold: float) -> dict:
    """Decisions ``P(class 1) >= threshold``: confusion matrix, precision, recall and F1 of class 1 (scikit-learn)."""
    from sklearn import metrics

    pred = (p_positive >= threshold).long().numpy()
    true = targets.numpy()
    precision, recall, f1, _ = metrics.precision_recall_fscore_support(true, pred, labels=[1], average=None,
                                                                       zero_division=0)
    return {"threshold": threshold, "confusion_matrix": metrics.confusion_matrix(true, pred, labels=[0, 1]).tolist(),
            "precision": float(precision[0]), "recall": float(recall[0]), "f1": float(f1[0])}


def threshold_table_html(state: dict, lang: str | None = None) -> str:
    t = lambda key, **kw: html.escape(i18n.text(key, lang, **kw))  # noqa: E731
    rows = [(t("precision"), f"{state['precision']:.3f}"), (t("recall"), f"{state['recall']:.3f}"),
            ("F1", f"{state['f1']:.3f}"),
            (t("mean_p_pos"), f"{state['mean_raw']:.3f} / {state['mean_corrected']:.3f}"),
            (t("positive_share"), f"{state['positive_share']:.3f}"),
            ("ECE", f"{state['ece_raw']:.3f} / {state['ece_corrected']:.3f}")]
    cell = "<td style='padding:1px 8px'>{}</td>"
    body = "".join("<tr>" + cell.format(a) + cell.format(f"<b>{b}</b>") + "</tr>" for a, b in rows)
    note = t("raw_corrected_note")
    return f"<table style='border-collapse:collapse'>{body}</table><div style='font-size:90%'>{note}</div>"


class ThresholdExplorer(Explorer):
    """Two sliders on a two-class problem: the positive class's weight (retrains) and the threshold.

    Moving ``pos_weight`` retrains the linear model with class weights ``[1, pos_weight]`` on (X, y), to the
    model that training converges to (:class:`~classweights.training.WarmStartSolver`, a few milliseconds):
    the same decisions as ``BCEWithLogitsLoss(pos_weight=...)`` (lesson 08 shows it). Moving the threshold
    changes only the decisions. Both redraw the confusion matrix, the reliability diagram and the numbers,
    on the validation data (X_val, y_val), while a slider is dragged.
    ``.sliders`` is ``[pos_weight slider, threshold slider]``; ``.state`` the last :func:`threshold_state`.
    """

    def __init__(self, X: Any, y: Any, X_val: Any, y_val: Any, *, pos_weight: float = 1.0, threshold: float = 0.5,
                 max_pos_weight: float = 100.0, class_names: Sequence[str] | None = None, lang: str | None = None):
        import ipywidgets as widgets

        super().__init__(lang, chart_width="720px", figsize=(9.0, 3.6), axes=False)
        y = as_labels(y, "y")
        self.X_val, self.y_val = as_tensor(X_val, "X_val"), as_labels(y_val, "y_val")
        for name, labels in (("y", y), ("y_val", self.y_val)):
            if labels.numel() and (int(labels.min()) < 0 or int(labels.max()) > 1):
                raise ValueError(f"{name} must hold the labels 0 and 1 of a two-class problem.")
        if not (float(max_pos_weight) >= 1.0 and math.isfinite(max_pos_weight)):
            raise ValueError(f"max_pos_weight is {max_pos_weight!r}: give a finite number of at least 1.")
        if not 0.0 < float(pos_weight) <= max_pos_weight:
            raise ValueError(f"pos_weight is {pos_weight!r}: it must be positive and at most max_pos_weight "
                             f"({max_pos_weight:g}).")
        self.class_names = resolve_class_names(class_names, 2, self.lang)
        self.solver = WarmStartSolver(X, y, num_classes=2)
        style, layout = {"description_width": "initial"}, widgets.Layout(width="360px")
        self.pos_weight = widgets.FloatLogSlider(value=float(pos_weight), base=10, min=-1.0,
                                                 max=math.log10(max_pos_weight), step=0.01, readout_format=".2f",
                                                 description="pos_weight", continuous_update=True, style=style,
                                                 layout=layout)
        self.threshold = widgets.FloatSlider(value=float(threshold), min=0.01, max=0.99, step=0.01,
                                             readout_format=".2f", description=i18n.text("threshold", self.lang),
                                             continuous_update=True, style=style, layout=layout)
        self.sliders = [self.pos_weight, self.threshold]
        self.figure.set_layout_engine(None)
        self._artists = None
        self._fitted_for = None
        self._probs: dict = {}
        for sl in self.sliders:
            sl.observe(lambda change: self.update(), names="value")
        self._show("HBox", [widgets.VBox([*self.sliders, self.table]), self.chart])

    def compute(self) -> dict:
        """Retrain if pos_weight moved, then the numbers at the threshold."""
        pw = float(self.pos_weight.value)
        weight = torch.tensor([1.0, pw])
        if self._fitted_for != pw:  # the calibration part changes only with the model
            model = self.solver.fit(weight)
            with torch.no_grad():
                self._probs = probability_state(model(self.X_val), self.y_val, weight)
            self._fitted_for = pw
        return {**self._probs, **decision_state(self._probs["raw"], self._probs["targets"], self.threshold.value)}

    def table_html(self) -> str:
        return threshold_table_html(self.state, self.lang)

    def _first_draw(self) -> None:
        fig = self.figure
        ax_cm = fig.add_axes((0.09, 0.17, 0.36, 0.62))
        ax_rel = fig.add_axes((0.6, 0.17, 0.37, 0.66))
        image, texts = draw_confusion_matrix(ax_cm, self.state["confusion_matrix"], class_names=self.class_names,
                                             lang=self.lang)
        ax_rel.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label=i18n.text("perfect_calibration", self.lang))
        raw, = ax_rel.plot([], [], "o-", color=RAW_COLOR, lw=2, ms=5, label=i18n.text("raw_probabilities", self.lang))
        corr, = ax_rel.plot([], [], "s-", color=CORRECTED_COLOR, lw=2, ms=5,
                            label=i18n.text("corrected_probabilities", self.lang))
        ax_rel.set_xlim(0, 1)
        ax_rel.set_ylim(0, 1)
        ax_rel.set_xlabel(i18n.text("mean_predicted", self.lang), fontsize=11)
        ax_rel.set_ylabel(i18n.text("fraction_positive", self.lang), fontsize=11)
        ax_rel.set_title(i18n.text("reliability", self.lang), fontsize=12)
        legend = ax_rel.legend(loc="upper left", fontsize=9, frameon=False)
        ax_rel.grid(alpha=0.3)
        self._artists = (image, texts, raw, corr)
        # what a slider changes, in drawing order; the legend lies over the curves
        self._blit = Blit(fig, [image, *[t for row in texts for t in row], *ax_cm.spines.values(), raw, corr,
                                legend, *ax_rel.spines.values()])

    def render_png(self) -> bytes:
        if self._artists is None:
            self._first_draw()
        image, texts, raw, corr = self._artists
        update_confusion_matrix(image, texts, self.state["confusion_matrix"])
        raw.set_data(*self.state["curve_raw"])
        corr.set_data(*self.state["curve_corrected"])
        self._blit.redraw()
        return self._blit.png()


def threshold_explorer(X: Any, y: Any, X_val: Any, y_val: Any, **kwargs):
    """A widget with a pos_weight slider and a threshold slider for a two-class problem (lesson 08).

    Retrains on (X, y) when pos_weight moves; shows, on (X_val, y_val), the confusion matrix at the threshold,
    precision, recall and F1 of class 1, the reliability diagram and ECE of the raw and corrected
    probabilities. The returned widget's ``.explorer`` holds the :class:`ThresholdExplorer`.
    """
    return ThresholdExplorer(X, y, X_val, y_val, **kwargs).widget
