"""The weight explorer: a slider per class weight and a live per-class loss chart.

The arithmetic lives in :func:`explorer_state`, a plain function that tests call
without a browser; :class:`WeightExplorer` only wires widgets to it and draws.
Core ipywidgets only (works with ipywidgets 7.7 in Colab and 8 in JupyterLab);
the chart is a PNG drawn by a pyplot-free matplotlib figure into an Image widget,
so each update replaces one picture instead of re-creating an output area.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Sequence
from typing import Any

import torch

from . import i18n
from ._checks import as_labels, as_tensor, check_param, check_reduction
from .losses import per_class_loss, prepare_loss_inputs
from .plotting import draw_class_bars, new_figure, use_cjk_font
from .weights import balanced, class_counts, inverse_frequency, smoothed_inverse_frequency
from .widgetbox import explorer_box

PRESETS = ("none", "inverse_frequency", "smoothed", "balanced")


def preset_weights(counts: Any, smoothing: float = 0.1) -> dict[str, list[float]]:
    """The explorer's presets for these class counts (a scheme that cannot apply, e.g. 1/0, is left out)."""
    counts = torch.as_tensor(counts, dtype=torch.float64) if not isinstance(counts, torch.Tensor) else counts
    makers = {
        "none": lambda c: torch.ones_like(c),
        "inverse_frequency": inverse_frequency,
        "smoothed": lambda c: smoothed_inverse_frequency(c, smoothing),
        "balanced": balanced,
    }
    out = {}
    for name, make in makers.items():
        try:
            out[name] = [float(v) for v in make(counts.detach().cpu())]
        except ValueError:
            continue
    return out


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


class WeightSliders:
    """A slider per class weight and a preset menu, shared by the explorers.

    ``on_change()`` is called once per user action: once per slider move, once for a
    preset (however many sliders it moves).
    """

    def __init__(self, counts: torch.Tensor, class_names: Sequence[str], start: Sequence[float], lang: str,
                 on_change, *, max_weight: float | None = None, smoothing: float = 0.1, continuous_update: bool = True):
        import ipywidgets as widgets

        self.presets = preset_weights(counts, smoothing)
        biggest = max([max(v) for v in self.presets.values()] + list(start))
        if max_weight is None:
            max_weight = max(3.0, math.ceil(1.25 * biggest * 2) / 2)
        self.on_change = on_change
        self._holding = False
        self.sliders = [
            widgets.FloatSlider(value=float(v), min=0.0, max=max_weight, step=0.005, description=name,
                                readout_format=".3f", continuous_update=continuous_update,
                                style={"description_width": "initial"}, layout=widgets.Layout(width="320px"))
            for name, v in zip(class_names, start)
        ]
        options = [(i18n.text(p, lang), p) for p in PRESETS if p in self.presets]
        options.append((i18n.text("custom", lang), "custom"))
        self.preset = widgets.Dropdown(options=options, value=self._matching_preset(start),
                                       description=i18n.text("preset", lang),
                                       style={"description_width": "initial"}, layout=widgets.Layout(width="320px"))
        for sl in self.sliders:
            sl.observe(self._on_slider, names="value")
        self.preset.observe(self._on_preset, names="value")

    @property
    def weights(self) -> list[float]:
        return [sl.value for sl in self.sliders]

    def _matching_preset(self, weights: Sequence[float]) -> str:
        for name, values in self.presets.items():
            if all(abs(a - b) < 1e-9 for a, b in zip(values, weights)):
                return name
        return "custom"

    def set_weights(self, weights: Sequence[float]) -> None:
        """Move every slider at once, then update once."""
        if len(weights) != len(self.sliders):
            raise ValueError(f"got {len(weights)} weights for {len(self.sliders)} classes: give one weight per class.")
        self._holding = True
        try:
            for sl, v in zip(self.sliders, weights):
                sl.value = float(v)
            self.preset.value = self._matching_preset(self.weights)
        finally:
            self._holding = False
        self.on_change(reset=True)

    def _on_slider(self, change) -> None:
        if self._holding:
            return
        self._holding = True
        try:
            self.preset.value = self._matching_preset(self.weights)
        finally:
            self._holding = False
        self.on_change(reset=False)

    def _on_preset(self, change) -> None:
        if self._holding or change["new"] == "custom":
            return
        self.set_weights(self.presets[change["new"]])


def resolve_class_names(class_names: Sequence[str] | None, k: int, lang: str) -> list[str]:
    names = list(class_names) if class_names is not None else i18n.class_names(k, lang)
    if len(names) != k:
        raise ValueError(f"class_names has {len(names)} names for {k} classes: give one name per class.")
    return names


class _Explorer:
    """What both explorers share: the weight sliders (``self.controls``) and PNG output."""

    controls: WeightSliders

    @property
    def weights(self) -> list[float]:
        return self.controls.weights

    def set_weights(self, weights: Sequence[float]) -> None:
        """Move every slider at once, then update once."""
        self.controls.set_weights(weights)

    @staticmethod
    def _png(figure) -> bytes:
        buf = io.BytesIO()
        figure.canvas.print_png(buf)
        return buf.getvalue()


class WeightExplorer(_Explorer):
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

        use_cjk_font()
        self.lang = i18n.get_language(lang)
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
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="360px"))
        self.table = widgets.HTML()
        self.figure = new_figure()
        self._ytop = None
        self.reduction.observe(lambda change: self._on_weights(reset=True), names="value")
        controls = widgets.VBox([self.preset, self.reduction, *self.sliders])
        # the displayed widget; its .explorer reaches the logic, and its output carries a PNG for static viewers
        self.widget = explorer_box("HBox", [controls, widgets.VBox([self.chart, self.table])], self)
        self.state: dict = {}
        self.update()

    def _on_weights(self, reset: bool) -> None:
        if reset:  # a preset or a new reduction rescales the chart; slider moves keep the scale
            self._ytop = None
        self.update()

    # -- compute and draw ---------------------------------------------------------------
    def update(self) -> dict:
        """Recompute the numbers for the current sliders and redraw chart and table."""
        w = torch.tensor(self.weights, dtype=self.logits.dtype, device=self.logits.device)
        self.state = explorer_state(self.logits, self.targets, w, self.reduction.value)
        self.table.value = state_table_html(self.state, self.class_names, self.lang)
        self.chart.value = self.render_png()
        return self.state

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
        return self._png(fig)


def weight_explorer(logits: Any, targets: Any, weight: Any = None, reduction: str = "sum", **kwargs):
    """A widget to explore class weights on fixed logits and targets.

    A slider per class weight, presets (no weights / inverse frequency / smoothed /
    balanced), a reduction choice, a live per-class loss bar chart and the numbers
    behind it (each class's loss, its share of the total, the total).
    The returned widget's ``.explorer`` attribute holds the :class:`WeightExplorer`
    (its ``state``, ``sliders``, ``set_weights``...).
    """
    return WeightExplorer(logits, targets, weight, reduction, **kwargs).widget


def training_state(X: Any, y: Any, X_test: Any, y_test: Any, weight: Any = None, **train_kwargs) -> dict:
    """Train with these weights and score on the held-out data: what the training explorer shows."""
    from .training import evaluate, train

    model = train(X, y, weight, **train_kwargs)
    k = model(torch.as_tensor(X[:1])).shape[1]
    return {"weight": None if weight is None else [float(v) for v in torch.as_tensor(weight).cpu()],
            "model": model, "metrics": evaluate(model, X_test, y_test, num_classes=k)}


def metrics_table_html(metrics: dict, class_names: Sequence[str], lang: str | None = None) -> str:
    t = lambda key: html.escape(i18n.text(key, lang))  # noqa: E731
    cell = "<td style='padding:2px 8px;text-align:right'>{}</td>"
    head = "".join(f"<th style='padding:2px 8px'>{h}</th>" for h in ("", t("recall"), t("precision")))
    rows = "".join("<tr>" + cell.format(html.escape(n)) + cell.format(f"{r:.3f}") + cell.format(f"{p:.3f}") + "</tr>"
                   for n, r, p in zip(class_names, metrics["recall"], metrics["precision"]))
    summary = " &nbsp; ".join(f"{t(k)} <b>{metrics[k]:.3f}</b>" for k in ("balanced_accuracy", "macro_f1", "accuracy"))
    return f"<div>{summary}</div><table style='border-collapse:collapse'><tr>{head}</tr>{rows}</table>"


class TrainingExplorer(_Explorer):
    """Sliders for the class weights; each change retrains and redraws regions, recall and confusion matrix.

    With :func:`train`'s defaults (a linear model, reduction "mean"), retraining goes to the model that
    training converges to, through a warm-started solver (:class:`WarmStartSolver`, a few milliseconds),
    and the chart updates while a slider is dragged. Other training options (``hidden=``, ``epochs=``...)
    retrain with :func:`train` itself, when the slider is released.
    """

    def __init__(self, X: Any, y: Any, X_test: Any = None, y_test: Any = None, weight: Any = None, *,
                 class_names: Sequence[str] | None = None, lang: str | None = None, max_weight: float | None = None,
                 smoothing: float = 0.1, **train_kwargs):
        import ipywidgets as widgets

        from .training import WarmStartSolver

        use_cjk_font()
        self.lang = i18n.get_language(lang)
        self.X, self.y = X, as_labels(y, "y")
        self.X_test = X if X_test is None else X_test
        self.y_test = self.y if y_test is None else as_labels(y_test, "y_test")
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
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="840px"))
        self.table = widgets.HTML()
        self.figure = new_figure(figsize=(10.5, 3.3), axes=False)
        self.view = None
        controls = widgets.VBox([widgets.HTML(f"<b>{html.escape(i18n.text('train_weights', self.lang))}</b>"),
                                 self.preset, *self.sliders, self.table])
        self.widget = explorer_box("VBox", [controls, self.chart], self)
        self.state: dict = {}
        self.update()

    def _train(self, w: torch.Tensor) -> dict:
        from .training import evaluate

        if not self.live:
            return training_state(self.X, self.y, self.X_test, self.y_test, w, **self.train_kwargs)
        model = self.solver.fit(w)
        return {"weight": [float(v) for v in w.cpu()], "model": model,
                "metrics": evaluate(model, self.X_test, self.y_test, num_classes=len(self.class_names))}

    def update(self) -> dict:
        from .plotting import TrainingView

        if not self.live:
            self.table.value = f"<i>{html.escape(i18n.text('training', self.lang))}</i>"
        w = torch.tensor(self.weights, dtype=torch.float32, device=self.y.device)
        try:
            self.state = self._train(w)
        except ValueError as err:  # e.g. every weight 0: say so, keep the last chart
            self.table.value = f"<span style='color:#b00'>{html.escape(str(err))}</span>"
            return self.state
        self.table.value = metrics_table_html(self.state["metrics"], self.class_names, self.lang)
        if self.view is None:
            self.view = TrainingView(self.figure, self.state["model"], self.X_test, self.y_test, self.state["metrics"],
                                     class_names=self.class_names, lang=self.lang)
        else:
            self.view.update(self.state["model"], self.state["metrics"])
        self.chart.value = self.view.png()
        return self.state


def training_explorer(X: Any, y: Any, X_test: Any = None, y_test: Any = None, weight: Any = None, **kwargs):
    """A widget that retrains a classifier whenever a class weight changes.

    A slider per class weight and presets (no weights / inverse frequency / smoothed /
    balanced); after each change it retrains on (X, y) (see :class:`TrainingExplorer`) and shows, on
    the held-out (X_test, y_test) (the training data if not given), the decision
    regions, per-class recall and precision, balanced accuracy, macro-F1 and the
    confusion matrix. Extra keyword arguments go to :func:`train` (epochs, lr, hidden...).
    The returned widget's ``.explorer`` holds the :class:`TrainingExplorer`.
    """
    return TrainingExplorer(X, y, X_test, y_test, weight, **kwargs).widget


def tau_state(logits: Any, y: Any, counts: Any, tau: float) -> dict:
    """Post-hoc logit adjustment of a trained model: predict argmax(logits - tau * log prior).

    ``counts``: the training set's images per class (the prior). Returns ``per_class`` (each class's accuracy)
    and ``balanced_accuracy`` (their mean) on (logits, y).
    """
    from .digits import per_class_accuracy
    from .weights import logit_adjustment

    t = check_param("tau", tau, 0.0, None)
    acc = per_class_accuracy(logits, y, logit_adjustment(counts, tau=t))
    return {"tau": t, "per_class": acc.tolist(), "balanced_accuracy": float(acc.mean())}


class TauExplorer:
    """A slider for post-hoc logit adjustment's tau; the per-class accuracy bars and balanced accuracy follow.

    No retraining: the model's logits on (X, y) are computed once and shifted by ``tau * log prior``. The grey
    outlines are the accuracies at tau = 0 (the model as trained). ``.sliders`` is ``[tau slider]``.
    """

    def __init__(self, logits: Any, y: Any, counts: Any, *, tau: float = 0.0, max_tau: float = 2.0,
                 lang: str | None = None):
        import ipywidgets as widgets

        use_cjk_font()
        self.lang = i18n.get_language(lang)
        self.logits, self.y, self.counts = as_tensor(logits, "logits").detach(), as_labels(y, "y"), counts
        self.start = tau_state(self.logits, self.y, counts, 0.0)
        self.tau = widgets.FloatSlider(value=float(tau), min=0.0, max=float(max_tau), step=0.05, readout_format=".2f",
                                       description="τ", continuous_update=True, style={"description_width": "initial"},
                                       layout=widgets.Layout(width="360px"))
        self.sliders = [self.tau]
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="600px"))
        self.table = widgets.HTML()
        self.figure = new_figure(figsize=(7.5, 3.2))
        self.figure.axes[0].set_position((0.09, 0.15, 0.89, 0.68))
        self.tau.observe(lambda change: self.update(), names="value")
        self.widget = explorer_box("VBox", [self.tau, self.table, self.chart], self)
        self.state: dict = {}
        self.update()

    def update(self) -> dict:
        from .plotting import Blit, update_class_bars

        self.state = tau_state(self.logits, self.y, self.counts, self.tau.value)
        t = lambda key: html.escape(i18n.text(key, self.lang))  # noqa: E731
        acc = self.state["per_class"]
        self.table.value = (f"{t('balanced_accuracy')} <b>{self.state['balanced_accuracy']:.3f}</b> "
                            f"({t('at_tau_0')} {self.start['balanced_accuracy']:.3f}) &nbsp; "
                            f"{t('head_digits')} <b>{sum(acc[:3]) / 3:.3f}</b> &nbsp; {t('tail_digits')} "
                            f"<b>{sum(acc[-3:]) / 3:.3f}</b>")
        ax = self.figure.axes[0]
        title = i18n.text("tau_title", self.lang, tau=f"{self.state['tau']:.2f}")
        if not hasattr(self, "_bars"):  # draw once; later moves only change heights, labels and the title
            self._bars = draw_class_bars(ax, acc, class_names=[str(d) for d in range(len(acc))], ylim=1.15,
                                         fmt="{:.2f}", ylabel=i18n.text("accuracy", self.lang), title=title)
            self._labels = list(ax.texts)
            outlines = ax.bar(range(len(acc)), self.start["per_class"], width=0.6, fill=False, edgecolor="0.45", lw=1.2,
                              ls="--")
            ax.set_xlabel(i18n.text("digit_head_to_tail", self.lang))
            # what tau changes, in drawing order (the tau = 0 outlines lie over the bars)
            self._blit = Blit(self.figure, [*self._bars, *outlines, *self._labels, ax.title, *ax.spines.values()])
        else:
            update_class_bars(self._bars, self._labels, acc)
            ax.set_title(title, fontsize=10)
            self._blit.redraw()
        self.chart.value = self._blit.png()
        return self.state


def tau_explorer(logits: Any, y: Any, counts: Any, **kwargs):
    """A widget: a tau slider for post-hoc logit adjustment of trained logits on (logits, y), with per-class
    accuracy bars and balanced accuracy. The returned widget's ``.explorer`` holds the :class:`TauExplorer`."""
    return TauExplorer(logits, y, counts, **kwargs).widget
