"""Figures with a text alternative (src/classweights/plotting/alt.py): what describe_figure says, the PNG's own
"Description" (read back with Pillow, an independent PNG reader), cw.show() in a real kernel, and every figure
the lessons store carrying its text in both places, in the notebook's language."""

import base64
import io
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
import tomllib
from PIL import Image

from classweights.plotting.alt import describe_figure, png_with_description, show

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=20)
    return buf.getvalue()


def _description(png: bytes) -> str:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.text["Description"]


@pytest.fixture
def two_panels():
    fig, (a, b) = plt.subplots(1, 2)
    fig.suptitle("Loss per class\nvalidation")
    a.set_title("no weights\ntotal = 0.600\n(dashed: none)")
    a.set_ylabel("loss")
    a.plot([0, 1], label="class 0")
    a.plot([1, 0], label="class $1$")
    a.legend()
    b.set_title("w = [1, 4].")
    b.set_xlabel("step")
    yield fig
    plt.close(fig)


def test_describe_figure_names_the_title_each_panel_its_axes_and_legend(two_panels):
    assert describe_figure(two_panels, "en") == (
        "Figure: Loss per class, validation. Panel 1: no weights, total = 0.600 (dashed: none); y axis: loss; "
        "legend: class 0, class 1. "
        "Panel 2: w = [1, 4]; x axis: step.")
    assert describe_figure(two_panels, "zh-TW") == (
        "圖：Loss per class，validation。第 1 張子圖：no weights，total = 0.600 (dashed: none)；縱軸：loss；"
        "圖例：class 0、class 1。"
        "第 2 張子圖：w = [1, 4]；橫軸：step。")


def test_describe_figure_of_one_panel_and_of_nothing():
    fig, ax = plt.subplots()
    ax.set_title("Loss per class")
    ax.set_ylabel("loss")
    assert describe_figure(fig, "en") == "Figure. Loss per class; y axis: loss."
    ax.set_title("")
    ax.set_ylabel("")
    assert describe_figure(fig, "en") == "Figure."
    assert describe_figure(fig, "zh-TW") == "圖。"
    plt.close(fig)


def test_describe_figure_reads_each_bar_with_its_value():
    fig, (a, b) = plt.subplots(1, 2)
    bars = a.bar(["class 0", "class 1"], [0.25, 1.5])
    a.bar_label(bars, labels=["0.250", "1.500"])  # the value written on each bar is what is read
    b.bar([0, 1, 2], [2.0, 0.125, 30.0])  # no labels: bar i and its height
    assert describe_figure(fig, "en") == ("Figure. Panel 1: bars: class 0 = 0.250, class 1 = 1.500. "
                                          "Panel 2: bars: 0 = 2, 1 = 0.125, 2 = 30.")
    assert describe_figure(fig, "zh-TW") == ("圖。第 1 張子圖：長條：class 0 = 0.250、class 1 = 1.500。"
                                             "第 2 張子圖：長條：0 = 2、1 = 0.125、2 = 30。")
    plt.close(fig)


def test_describe_figure_names_each_series_of_bars_and_reads_the_value_at_each_top():
    fig, ax = plt.subplots()
    now = ax.bar([-0.2, 0.8], [0.5, 0.75], width=0.4, label="recall")
    ax.bar([-0.2, 0.8], [0.25, 0.75], width=0.4, fill=False, label="recall, no weights")
    ax.bar([0.2, 1.2], [0.125, 1.0], width=0.4)  # no label: its values, unnamed
    ax.bar_label(now, labels=["0.50", "0.75"])  # written at the first series' tops only
    ax.set_xticks([0, 1], ["label 0", "label 1"])
    # the second series' first bar (0.25) has no number at its top: its height; its second (0.75) shares the
    # first series' top, so that number is read; heights take the decimals the chart writes (0.125: "0.12");
    # each series' bars take the tick labels, one per bar
    assert describe_figure(fig, "en") == ("Figure. recall bars: label 0 = 0.50, label 1 = 0.75; recall, no weights "
                                          "bars: label 0 = 0.25, label 1 = 0.75; bars: label 0 = 0.12, "
                                          "label 1 = 1.00.")
    assert describe_figure(fig, "zh-TW").startswith("圖。recall長條：label 0 = 0.50、label 1 = 0.75；")
    plt.close(fig)


def test_describe_figure_reads_a_confusion_matrix_row_by_row_and_ranges_as_words():
    import torch

    from classweights.plotting import draw_confusion_matrix

    fig, ax = plt.subplots()
    draw_confusion_matrix(ax, torch.tensor([[8, 2], [1, 9]]), lang="en", title="Confusion matrix\ndigits 0-2  more")
    text = describe_figure(fig, "en")
    # every cell's number, under its row's and column's names, as the figure writes them (count, row share)
    assert text == ("Figure. Confusion matrix, digits 0 to 2, more; x axis: predicted class; y axis: true class; "
                    "cells by row: true class 0: predicted class 0 = 8 80%, predicted class 1 = 2 20%; "
                    "true class 1: predicted class 0 = 1 10%, predicted class 1 = 9 90%.")
    zh = describe_figure(fig, "zh-TW")  # the figure's own words stay as drawn (English here); the frame is Chinese
    assert zh.startswith("圖。Confusion matrix，digits 0 到 2，more；橫軸：predicted class；")
    assert "；各格數值（逐列）：true class 0：predicted class 0 = 8 80%、" in zh
    plt.close(fig)


def test_bad_input_gets_a_clear_error():
    with pytest.raises(TypeError, match="matplotlib Figure"):
        describe_figure("a figure")
    with pytest.raises(ValueError, match="non-empty sentence"):
        show(alt="  ")
    with pytest.raises(ValueError, match="not a complete PNG"):
        png_with_description(b"GIF89a", "x")


def test_the_png_carries_its_description_as_pillow_reads_it(two_panels):
    png = _png(two_panels)
    text = "圖：每個類別的損失；縱軸：損失"
    assert _description(png_with_description(png, text)) == text
    as_base64 = png_with_description(base64.b64encode(png).decode("ascii"), text)
    assert isinstance(as_base64, str) and _description(base64.b64decode(as_base64)) == text
    # the picture itself is unchanged
    assert Image.open(io.BytesIO(png_with_description(png, text))).tobytes() == Image.open(io.BytesIO(png)).tobytes()


def test_show_in_a_kernel_displays_each_figure_once_with_its_text_and_closes_it():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nimport classweights as cw\n"
                                  "cw.set_language('en')\n"
                                  "fig, ax = plt.subplots(); ax.set_title('first'); ax.set_xlabel('step')\n"
                                  "fig2, ax2 = plt.subplots(); ax2.set_title('second')\n"
                                  "cw.show()"),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\ncw.show(fig, alt='My own words.')\n"
                                  "print(plt.get_fignums())"),
    ]
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    shown = [(o["metadata"]["image/png"]["alt"], _description(base64.b64decode(o["data"]["image/png"])))
             for cell in nb.cells for o in cell.outputs if o["output_type"] == "display_data"]
    assert shown == [("Figure. first; x axis: step.",) * 2, ("Figure. second.",) * 2, ("My own words.",) * 2]
    assert nb.cells[1].outputs[-1]["text"] == "[]\n"


def test_no_lesson_calls_plt_show():
    calls = [p.name for p in (ROOT / "lessons").glob("*.py") if "plt.show()" in p.read_text(encoding="utf-8")]
    assert calls == [], "cw.show() gives the figure its text alternative; plt.show() does not"


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_every_stored_figure_carries_its_text_in_the_notebooks_language(lang):
    figures = 0
    for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for out in cell.get("outputs", []):
                if "image/png" not in out.get("data", {}):
                    continue
                figures += 1
                alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
                where = f"{path.name}, cell {cell.get('id')}"
                assert alt.strip(), f"{where}: a figure without alt (show it with cw.show())"
                assert _description(base64.b64decode(out["data"]["image/png"])) == alt, where
                assert bool(CJK.search(alt)) == (lang == "zh-TW"), f"{where}: alt in the wrong language: {alt}"
    assert figures >= 10


def test_the_classroom_package_installs_every_file_of_the_extension():
    config = tomllib.loads((ROOT / "classroom" / "pyproject.toml").read_text(encoding="utf-8"))
    installed = {Path(f).relative_to("labextension") for files in config["tool"]["setuptools"]["data-files"].values()
                 for f in files if f.startswith("labextension/")}
    folder = ROOT / "classroom" / "labextension"
    on_disk = {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}
    assert installed == on_disk
    voila = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
    assert voila["VoilaConfiguration"]["extra_labextensions_path"] == ["classroom/labextension"]
