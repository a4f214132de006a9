"""What the five explorers share: the base class, and the class-weight sliders and presets of two of them.

An explorer's numbers come from a plain function that tests call without a browser (``explorer_state``,
``training_state``, ``threshold_state``, ``tau_state``, ``multilabel_state``); the explorer only wires widgets to
it and draws.
Core ipywidgets only (ipywidgets 7.7 in Colab, 8 in JupyterLab); the chart is a PNG drawn by a pyplot-free
matplotlib figure into an Image widget, so each update replaces one picture instead of re-creating an output
area, and the displayed box also carries that PNG for viewers without widgets (:mod:`classweights.widgetbox`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import torch

from .. import i18n
from ..plotting.canvas import new_figure
from ..plotting.style import style
from ..weights import balanced, inverse_frequency, smoothed_inverse_frequency
from ..widgetbox import explorer_box

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


def chart_image(alt: str, **kwargs):
    """An Image widget for an explorer's chart whose picture carries a text alternative (``alt``).

    ipywidgets 8 writes a DOM widget's ``tooltip`` into the element's ``title``, which screen readers and axe-core
    take as the picture's text alternative; it reads the widget's ``description`` first, which Image lacks (its
    view then fails), so an empty one is added. ipywidgets 7 (Colab) has no tooltip on an Image: a plain Image.
    """
    import ipywidgets as widgets
    import traitlets

    if "tooltip" not in widgets.Image.class_trait_names():
        return widgets.Image(format="png", **kwargs)

    class ChartImage(widgets.Image):
        description = traitlets.Unicode("").tag(sync=True)

    return ChartImage(format="png", tooltip=alt, **kwargs)


class Explorer:
    """The base of every explorer: a chart (PNG in an Image widget), an HTML table, and :meth:`update`.

    A subclass builds its controls, calls ``super().__init__`` for the shared parts, and ends its own
    ``__init__`` with :meth:`_show`. It supplies :meth:`compute` (the numbers of the current controls, a dict:
    ``.state``), :meth:`table_html` and :meth:`render_png`. Every update runs inside :func:`cw.style`, so the
    figures get the package's fonts without changing matplotlib's global settings.

    ``.lang``: the language of its words; ``.chart``, ``.table``: the two output widgets; ``.figure``: the
    pyplot-free figure it draws; ``.widget``: the displayed box (its ``.explorer`` is this object);
    ``.sliders``: its sliders; ``.state``: the last :meth:`compute` result.
    """

    def __init__(self, lang: str | None, *, chart_width: str, figsize: tuple[float, float], axes: bool = True):
        import ipywidgets as widgets

        self.lang = i18n.get_language(lang)
        self.chart = chart_image(i18n.text("chart_alt", self.lang), layout=widgets.Layout(width=chart_width))
        self.table = widgets.HTML()
        with style():  # an axes' title and labels keep the font family of when they were made
            self.figure = new_figure(figsize=figsize, axes=axes)
        self.sliders: list = []
        self.state: dict = {}

    def _show(self, kind: str, children: list) -> None:
        """Put the controls and outputs in one box (``kind``: "HBox" or "VBox"), then draw the first state."""
        self.widget = explorer_box(kind, children, self)
        self.update()

    def compute(self) -> dict:
        raise NotImplementedError

    def table_html(self) -> str:
        raise NotImplementedError

    def render_png(self) -> bytes:
        raise NotImplementedError

    def update(self) -> dict:
        """Recompute the numbers for the current controls and redraw table and chart.

        A ``ValueError`` (e.g. every weight 0) is shown in the table, and the last chart stays.
        """
        with style():
            try:
                state = self.compute()
            except ValueError as err:
                self.table.value = f"<span style='color:#b00'>{html.escape(str(err))}</span>"
                return self.state
            self.state = state
            self.table.value = self.table_html()
            self.chart.value = self.render_png()
        return self.state


class ClassWeightExplorer(Explorer):
    """An explorer with a slider per class weight and a preset menu (``.controls``, a :class:`WeightSliders`)."""

    controls: WeightSliders

    @property
    def weights(self) -> list[float]:
        return self.controls.weights

    def set_weights(self, weights: Sequence[float]) -> None:
        """Move every slider at once, then update once."""
        self.controls.set_weights(weights)
