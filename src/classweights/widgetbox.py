"""An explorer's widget: live where widgets run, a picture where they cannot.

GitHub, nbviewer and a static HTML export cannot run a widget, so they show nothing where one was
displayed. An explorer's box therefore puts a PNG of its chart, as it is when displayed (the starting
state), into the same output's mime bundle as the widget view. JupyterLab, Voila and Colab render the
live widget (their widget renderer ranks first); a static viewer, which has none, shows the picture.
"""

from __future__ import annotations

import base64
from typing import Any

_CLASSES: dict[str, type] = {}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def static_picture(box: Any) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """``({"image/png": base64}, {"image/png": {"alt": text}})`` of the explorer's chart as it is now, its text
    alternative in the output's metadata and in the PNG (as :func:`classweights.show` gives a figure's); two
    empty dicts while there is no chart yet."""
    from .plotting.alt import describe_figure, png_with_description

    png = bytes(getattr(box.explorer.chart, "value", b"") or b"")
    if not png.startswith(PNG_SIGNATURE):
        return {}, {}
    figure = getattr(box.explorer, "figure", None)
    alt = describe_figure(figure, box.explorer.lang) if figure is not None else ""
    png = png_with_description(png, alt) if alt else png
    return {"image/png": base64.b64encode(png).decode("ascii")}, ({"image/png": {"alt": alt}} if alt else {})


def _box_class(kind: str) -> type:
    import ipywidgets as widgets

    base = getattr(widgets, kind)
    namespace: dict[str, Any] = {"__doc__": f"An explorer's {kind}: the widget view and a PNG of its chart in "
                                            "one mime bundle (see classweights.widgetbox)."}
    if hasattr(widgets.Widget, "_repr_mimebundle_"):  # ipywidgets 8
        def _repr_mimebundle_(self, **kwargs):
            data = base._repr_mimebundle_(self, **kwargs)
            if data and "application/vnd.jupyter.widget-view+json" in data:
                picture, metadata = static_picture(self)
                return {**data, **picture}, metadata  # IPython takes (data, metadata) from a mime bundle
            return data
        namespace["_repr_mimebundle_"] = _repr_mimebundle_
    else:  # ipywidgets 7 (Colab) displays a widget through _ipython_display_
        def _ipython_display_(self, **kwargs):
            from IPython.display import display

            plaintext = repr(self)
            data = {"text/plain": plaintext[:110] + "…" if len(plaintext) > 110 else plaintext}
            if self._view_name is not None:
                data["application/vnd.jupyter.widget-view+json"] = {"version_major": 2, "version_minor": 0,
                                                                     "model_id": self._model_id}
                picture, metadata = static_picture(self)
                data.update(picture)
            display(data, raw=True, metadata=metadata if self._view_name is not None else None)
            if self._view_name is not None:
                self._handle_displayed(**kwargs)
        namespace["_ipython_display_"] = _ipython_display_
    return type(f"Explorer{kind}", (base,), namespace)


def explorer_box(kind: str, children: list, explorer: Any):
    """An ``HBox`` or ``VBox`` (``kind``) of ``children`` whose ``.explorer`` is ``explorer`` (it has a ``.chart``
    image widget), displayed with a static PNG of that chart beside the live view."""
    if kind not in ("HBox", "VBox"):
        raise ValueError(f"kind is {kind!r}: use 'HBox' or 'VBox'.")
    if kind not in _CLASSES:
        _CLASSES[kind] = _box_class(kind)
    box = _CLASSES[kind](children)
    box.explorer = explorer
    return box

