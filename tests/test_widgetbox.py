"""Every explorer's output carries a PNG of its chart beside the widget view (for GitHub, nbviewer, HTML exports)."""

import base64
import io

import pytest
import torch

import classweights as cw
from classweights.plotting.alt import png_with_description
from classweights.widgetbox import PNG_SIGNATURE, explorer_box

WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def mimebundle(monkeypatch):
    """What displaying a box sends to the front end, with either ipywidgets version: (data, metadata)."""

    def bundle(box) -> tuple[dict, dict]:
        if callable(getattr(box, "_repr_mimebundle_", None)):  # ipywidgets 8
            out = box._repr_mimebundle_()
            return out if isinstance(out, tuple) else (out, {})  # IPython takes either
        shown = []  # ipywidgets 7 (Colab) displays a widget through _ipython_display_
        monkeypatch.setattr("IPython.display.display",
                            lambda data, raw=False, metadata=None: shown.append((data, metadata or {})))
        monkeypatch.setattr(type(box), "_handle_displayed", lambda self, **kw: None, raising=False)
        box._ipython_display_()
        return shown[-1]

    return bundle


def _explorers():
    logits, targets = cw.toy_example()
    X, y = cw.imbalanced_blobs(600, (0.8, 0.1, 0.1), seed=0)
    s = cw.train_val_test_split(X, y, val_size=150, test_size=150, seed=0)
    X2, y2 = cw.imbalanced_blobs(600, (0.9, 0.1), seed=0, centers=((0.0, 0.0), (2.0, 0.0)))
    s2 = cw.train_val_test_split(X2, y2, val_size=150, test_size=150, seed=0)
    digit_logits = torch.tensor([[2.0, 1.5], [3.0, 0.0], [0.0, 3.0], [1.0, 0.2]])
    ml = multilabel_task()
    return {
        "weight": lambda: cw.weight_explorer(logits, targets),
        "training": lambda: cw.training_explorer(*s["train"], *s["val"]),
        "threshold": lambda: cw.threshold_explorer(*s2["train"], *s2["val"]),
        "tau": lambda: cw.tau_explorer(digit_logits, torch.tensor([1, 0, 1, 1]), torch.tensor([90.0, 10.0])),
        "multilabel": lambda: cw.multilabel_explorer(*ml),
    }


def multilabel_task():
    """A small two-label problem (label j present with probability sigmoid(2 x_j + b_j)), as in lesson 09:
    (X, Y, X_val, Y_val), 300 training and 100 validation samples."""
    gen = torch.Generator().manual_seed(0)
    X = torch.randn(400, 2, generator=gen)
    Y = (torch.rand(400, 2, generator=gen) < torch.sigmoid(2.0 * X + torch.tensor([-1.0, -3.0]))).float()
    return X[:300], Y[:300], X[300:], Y[300:]


def test_the_explorer_lists_name_every_explorer():
    """A new explorer in cw.explorers must join these tests (and test_fonts.py's list)."""
    from classweights import explorers

    made = {name.removesuffix("_explorer") for name in explorers.__all__ if name.endswith("_explorer")}
    assert made == set(_explorers()) == set(EXPLORERS)


EXPLORERS = ["weight", "training", "threshold", "tau", "multilabel"]


@pytest.mark.parametrize("kind", EXPLORERS)
def test_displayed_explorer_carries_the_png_of_its_chart(kind, mimebundle):
    box = _explorers()[kind]()
    data, metadata = mimebundle(box)
    assert WIDGET in data and data[WIDGET]["model_id"] == box.model_id
    png = base64.b64decode(data["image/png"])
    alt = metadata["image/png"]["alt"]  # the chart's text alternative, also written into the PNG
    assert alt and png.startswith(PNG_SIGNATURE) and png == png_with_description(bytes(box.explorer.chart.value), alt)
    # the picture is the state when displayed: move a slider and display again, and the picture follows
    slider = box.explorer.sliders[-1]
    slider.value = slider.max
    data, metadata = mimebundle(box)
    again = base64.b64decode(data["image/png"])
    assert again == png_with_description(bytes(box.explorer.chart.value), metadata["image/png"]["alt"])
    assert again != png


def test_a_box_without_a_chart_yet_is_still_a_plain_widget(mimebundle):
    import ipywidgets as widgets

    class NoChart:
        chart = widgets.Image(format="png")

    box = explorer_box("VBox", [], NoChart())
    data, _ = mimebundle(box)
    assert WIDGET in data and "image/png" not in data
    with pytest.raises(ValueError, match="HBox"):
        explorer_box("Grid", [], NoChart())


def test_the_picture_is_a_readable_image(mimebundle):
    import matplotlib.image as mpimg

    data, _ = mimebundle(_explorers()["weight"]())
    img = mpimg.imread(io.BytesIO(base64.b64decode(data["image/png"])), format="png")
    assert img.shape[0] > 100 and img.shape[1] > 100 and img.std() > 0.05  # a drawn chart, not a blank
