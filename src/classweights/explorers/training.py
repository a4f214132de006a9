"""The training explorer (lessons 02 and 03): class-weight sliders that retrain a classifier and redraw its
decision regions, per-class recall and confusion matrix on validation data."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import torch

from .. import i18n
from .._checks import as_labels
from ..metrics import evaluate
from ..plotting.bars import update_class_bars
from ..plotting.canvas import Blit
from ..plotting.results import (
    draw_training_result,
    place_region_labels,
    predict_grid,
    region_grid,
    sample_cells,
    update_confusion_matrix,
)
from ..training import WarmStartSolver, train
from ..weights import class_counts
from .base import ClassWeightExplorer, WeightSliders, resolve_class_names


def training_state(X: Any, y: Any, X_val: Any, y_val: Any, weight: Any = None, **train_kwargs) -> dict:
    """Train on (X, y) with these weights and score on the validation data: what the training explorer shows."""
    model = train(X, y, weight, **train_kwargs)
    k = model(torch.as_tensor(X[:1])).shape[1]
    return {"weight": None if weight is None else [float(v) for v in torch.as_tensor(weight).cpu()],
            "model": model, "metrics": evaluate(model, X_val, y_val, num_classes=k)}


def metrics_table_html(metrics: dict, class_names: Sequence[str], lang: str | None = None) -> str:
    t = lambda key: html.escape(i18n.text(key, lang))  # noqa: E731
    cell = "<td style='padding:2px 8px;text-align:right'>{}</td>"
    head = "".join(f"<th style='padding:2px 8px'>{h}</th>" for h in ("", t("recall"), t("precision")))
    rows = "".join("<tr>" + cell.format(html.escape(n)) + cell.format(f"{r:.3f}") + cell.format(f"{p:.3f}") + "</tr>"
                   for n, r, p in zip(class_names, metrics["recall"], metrics["precision"]))
    summary = " &nbsp; ".join(f"{t(k)} <b>{metrics[k]:.3f}</b>" for k in ("balanced_accuracy", "macro_f1", "accuracy"))
    return f"<div>{summary}</div><table style='border-collapse:collapse'><tr>{head}</tr>{rows}</table>"


class TrainingView:
    """The training explorer's three panels (regions, recall, confusion matrix), drawn once.

    The first draw lays out the figure and keeps a picture of everything that never changes (axes,
    ticks, titles: most of the text). :meth:`update` then changes only what a new model changes, the
    regions' image and their class names, the bar heights and labels, the matrix's colours and cell texts, and
    draws just those over the kept picture (matplotlib's blitting). :meth:`png` encodes the result.
    """

    def __init__(self, fig, model, X, y, metrics, *, class_names=None, lang=None, steps: int = 120):
        self.fig, self.steps = fig, steps
        self.X, self.y = X.detach().cpu(), y.detach().cpu()
        self.points, self.extent = region_grid(self.X, steps)
        self.occupied = sample_cells(self.X, self.extent, steps)
        k = len(metrics["recall"])
        names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
        draw_training_result(fig, model, X, y, metrics, class_names=names, lang=lang)
        ax_regions, ax_recall, ax_conf = fig.axes
        self.regions = ax_regions.images[0]
        self.region_labels = list(ax_regions.texts)
        self.bars = list(ax_recall.patches)
        self.bar_labels = list(ax_recall.texts)
        self.matrix = ax_conf.images[0]
        self.cells = [[ax_conf.texts[i * k + j] for j in range(k)] for i in range(k)]
        # what a new model changes, in drawing order (the samples and legend lie over the regions)
        self.blit = Blit(fig, [self.regions, *ax_regions.collections, *ax_regions.spines.values(), *self.region_labels,
                               *self.bars, *self.bar_labels, *ax_recall.spines.values(),
                               self.matrix, *[t for row in self.cells for t in row], *ax_conf.spines.values()])

    def update(self, model, metrics) -> None:
        zz = predict_grid(model, self.points, self.steps)
        self.regions.set_data(zz)
        place_region_labels(self.region_labels, zz, self.occupied, self.extent)
        update_class_bars(self.bars, self.bar_labels, metrics["recall"])
        update_confusion_matrix(self.matrix, self.cells, metrics["confusion_matrix"])
        self.blit.redraw()

    def png(self) -> bytes:
        return self.blit.png()


class TrainingExplorer(ClassWeightExplorer):
    """Sliders for the class weights; each change retrains and redraws regions, recall and confusion matrix.

    Trains on (X, y) and shows the validation data (X_val, y_val). With :func:`train`'s defaults (a linear
    model, reduction "mean"), retraining goes to the model that training converges to, through a warm-started
    solver (:class:`WarmStartSolver`, a few milliseconds), and the chart updates while a slider is dragged.
    Other training options (``hidden=``, ``steps=``...) retrain with :func:`train` itself, when the slider is
    released.
    """

    def __init__(self, X: Any, y: Any, X_val: Any, y_val: Any, weight: Any = None, *,
                 class_names: Sequence[str] | None = None, lang: str | None = None, max_weight: float | None = None,
                 smoothing: float = 0.1, **train_kwargs):
        import ipywidgets as widgets

        super().__init__(lang, chart_width="840px", figsize=(10.5, 3.3), axes=False)
        self.X, self.y = X, as_labels(y, "y")
        self.X_val, self.y_val = X_val, as_labels(y_val, "y_val")
        self.train_kwargs = train_kwargs
        k = int(self.y.max()) + 1 if weight is None else len(weight)
        counts = class_counts(self.y, num_classes=k)
        self.class_names = resolve_class_names(class_names, k, self.lang)
        start = [1.0] * k if weight is None else [float(v) for v in torch.as_tensor(weight).cpu()]
        self.live = set(train_kwargs) <= {"seed", "reduction"} and train_kwargs.get("reduction", "mean") == "mean"
        self.solver = WarmStartSolver(X, self.y, num_classes=k, seed=train_kwargs.get("seed", 0)) if self.live else None
        # live: update on every slider step while dragging; otherwise retrain when the slider is released
        self.controls = WeightSliders(counts, self.class_names, start, self.lang, lambda reset: self.update(),
                                      max_weight=max_weight, smoothing=smoothing, continuous_update=self.live)
        self.sliders, self.preset = self.controls.sliders, self.controls.preset
        self.view = None
        controls = widgets.VBox([widgets.HTML(f"<b>{html.escape(i18n.text('train_weights', self.lang))}</b>"),
                                 self.preset, *self.sliders, self.table])
        self._show("VBox", [controls, self.chart])

    def compute(self) -> dict:
        if not self.live:
            self.table.value = f"<i>{html.escape(i18n.text('training', self.lang))}</i>"
        w = torch.tensor(self.weights, dtype=torch.float32, device=self.y.device)
        if not self.live:
            return training_state(self.X, self.y, self.X_val, self.y_val, w, **self.train_kwargs)
        model = self.solver.fit(w)
        return {"weight": [float(v) for v in w.cpu()], "model": model,
                "metrics": evaluate(model, self.X_val, self.y_val, num_classes=len(self.class_names))}

    def table_html(self) -> str:
        return metrics_table_html(self.state["metrics"], self.class_names, self.lang)

    def render_png(self) -> bytes:
        if self.view is None:
            self.view = TrainingView(self.figure, self.state["model"], self.X_val, self.y_val, self.state["metrics"],
                                     class_names=self.class_names, lang=self.lang)
        else:
            self.view.update(self.state["model"], self.state["metrics"])
        return self.view.png()


def training_explorer(X: Any, y: Any, X_val: Any, y_val: Any, weight: Any = None, **kwargs):
    """A widget that retrains a classifier whenever a class weight changes.

    A slider per class weight and presets (no weights / inverse frequency / smoothed /
    balanced); after each change it retrains on (X, y) (see :class:`TrainingExplorer`) and shows, on
    the validation data (X_val, y_val), the decision regions, per-class recall and precision, balanced
    accuracy, macro-F1 and the confusion matrix. Extra keyword arguments go to :func:`train` (steps, lr,
    hidden...). The returned widget's ``.explorer`` holds the :class:`TrainingExplorer`.
    """
    return TrainingExplorer(X, y, X_val, y_val, weight, **kwargs).widget
