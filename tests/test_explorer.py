import math

import pytest
import torch
import torch.nn.functional as F

import classweights as cw
from classweights.explorers import state_table_html

LOGITS = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.6931, 0.6931]] * 2)
TARGETS = torch.tensor([0] * 8 + [1] * 2)
# every sample puts probability 4/5 on its class (0.6931 ~ ln 2: softmax of (ln 2, -ln 2) is (4/5, 1/5)),
# so each costs -ln(4/5) = ln 1.25 unweighted
LOSS = math.log(1.25)


def expected(weight, reduction):
    """Each class's part from torch alone: cross_entropy per sample (reduction="none"), weighted by
    w[y_i], summed over the class's samples; "mean" divides by the sum of the targets' weights."""
    w = torch.tensor(weight, dtype=LOGITS.dtype)
    per_sample = w[TARGETS] * F.cross_entropy(LOGITS, TARGETS, reduction="none")
    denominator = float(w[TARGETS].sum()) if reduction == "mean" else 1.0
    return [float(per_sample[c == TARGETS].sum()) / denominator for c in range(2)]


def test_the_oracle_is_the_hand_worked_loss():
    # sum: class 0 has 8 samples of weight 0.6, class 1 has 2 of weight 1.5, each costing ln 1.25
    assert expected([0.6, 1.5], "sum") == pytest.approx([8 * 0.6 * LOSS, 2 * 1.5 * LOSS], rel=1e-4)
    # mean: divided by 8 * 0.6 + 2 * 1.5 = 7.8
    assert expected([0.6, 1.5], "mean") == pytest.approx([4.8 * LOSS / 7.8, 3.0 * LOSS / 7.8], rel=1e-4)


def test_state_numbers():
    st = cw.explorer_state(LOGITS, TARGETS, [0.6, 1.5], "sum")
    assert st["counts"] == [8, 2]
    assert st["per_class"] == pytest.approx(expected([0.6, 1.5], "sum"))
    assert st["per_class"] == pytest.approx([4.8 * LOSS, 3.0 * LOSS], rel=1e-4)
    assert st["total"] == pytest.approx(sum(st["per_class"]))
    assert sum(st["share"]) == pytest.approx(1.0)
    assert st["share"][0] == pytest.approx(8 * 0.6 / (8 * 0.6 + 2 * 1.5), rel=1e-5)
    st = cw.explorer_state(LOGITS, TARGETS, [0.6, 1.5], "mean")
    assert st["denominator"] == pytest.approx(8 * 0.6 + 2 * 1.5)
    assert st["per_class"] == pytest.approx(expected([0.6, 1.5], "mean"))
    torch_mean = torch.nn.CrossEntropyLoss(weight=torch.tensor([0.6, 1.5]))(LOGITS, TARGETS)
    assert st["total"] == pytest.approx(float(torch_mean))


def test_mean_with_zero_weights_reports_instead_of_nan():
    st = cw.explorer_state(LOGITS, TARGETS, [0.0, 0.0], "mean")
    assert st["error"] == "mean_undefined" and st["total"] is None
    html = state_table_html(st, ["a", "b"], "en")
    assert "0 / 0" in html


def test_moving_a_slider_updates_the_numbers_and_the_chart():
    box = cw.weight_explorer(LOGITS, TARGETS)
    ex = box.explorer
    assert ex.preset.value == "none"
    before_png, before_table = ex.chart.value, ex.table.value
    ex.sliders[1].value = 2.0
    assert ex.state["weight"] == [1.0, 2.0]
    assert ex.state["per_class"] == pytest.approx(expected([1.0, 2.0], "sum"))
    assert ex.preset.value == "custom"
    assert ex.chart.value != before_png and ex.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert ex.table.value != before_table
    assert f"{ex.state['per_class'][1]:.4f}" in ex.table.value
    assert f"{ex.state['total']:.4f}" in ex.table.value


def test_presets_set_all_sliders_and_reduction_switches():
    ex = cw.weight_explorer(LOGITS, TARGETS).explorer
    ex.preset.value = "balanced"
    assert ex.weights == pytest.approx([0.625, 2.5])
    assert ex.state["per_class"][0] == pytest.approx(ex.state["per_class"][1])
    ex.preset.value = "inverse_frequency"
    assert ex.weights == pytest.approx([0.125, 0.5])
    ex.preset.value = "smoothed"
    assert ex.weights == pytest.approx([1.1 / 8.1, 1.1 / 2.1])
    shares_sum = list(ex.state["share"])
    ex.reduction.value = "mean"
    assert ex.state["reduction"] == "mean"
    assert ex.state["per_class"] == pytest.approx(expected(ex.weights, "mean"))
    assert ex.state["share"] == pytest.approx(shares_sum)  # mean rescales all parts alike
    # under mean, moving class 1's weight moves class 0's part too (the denominator changes)
    before = ex.state["per_class"][0]
    ex.sliders[1].value = 1.5
    assert ex.state["per_class"][0] != pytest.approx(before)
    ex.preset.value = "none"
    assert ex.weights == [1.0, 1.0]


def test_update_cost_is_one_redraw_per_preset(monkeypatch):
    ex = cw.weight_explorer(LOGITS, TARGETS).explorer
    calls = []
    monkeypatch.setattr(ex, "render_png", lambda: calls.append(1) or b"png")
    ex.preset.value = "balanced"
    assert len(calls) == 1


def test_chinese_labels_and_bad_arguments():
    ex = cw.weight_explorer(LOGITS, TARGETS, lang="zh-TW").explorer
    assert ex.sliders[0].description == "類別 0"
    assert "權重" in ex.table.value
    with pytest.raises(ValueError, match="lang is 'fr'"):
        cw.weight_explorer(LOGITS, TARGETS, lang="fr")
    with pytest.raises(ValueError, match="class_names has 3 names for 2 classes"):
        cw.weight_explorer(LOGITS, TARGETS, class_names=["a", "b", "c"])
    with pytest.raises(ValueError, match="weight has 3 entries"):
        cw.weight_explorer(LOGITS, TARGETS, weight=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="got 3 weights for 2 classes"):
        ex.set_weights([1, 2, 3])


def test_presets_skip_schemes_that_cannot_apply():
    logits = torch.zeros(3, 3)
    targets = torch.tensor([0, 1, 1])  # class 2 absent: 1/0 presets are left out, and smoothing, which lesson 03
    ex = cw.weight_explorer(logits, targets).explorer  # shows is no fix for a zero count (it refuses one)
    names = [v for _, v in ex.preset.options]
    assert names == ["none", "custom"]
    with pytest.raises(ValueError):
        cw.smoothed_inverse_frequency(torch.tensor([2.0, 1.0, 0.0]), 0.1)


def test_the_chart_picture_has_a_text_alternative_in_the_lessons_language():
    """ipywidgets 8 writes `tooltip` into the picture's title (its text alternative for screen readers and
    axe-core's image-alt); the view reads `description` first, which an Image lacks, so the chart has an empty one.
    ipywidgets 7 (Colab) has no tooltip on an Image: the chart is a plain Image there."""
    import ipywidgets

    ex = cw.weight_explorer(LOGITS, TARGETS, lang="zh-TW").explorer
    if "tooltip" in ipywidgets.Image.class_trait_names():
        state = ex.chart.get_state()
        assert state["tooltip"] == "探索工具目前結果的圖表。" and state["description"] == ""
        assert cw.weight_explorer(LOGITS, TARGETS, lang="en").explorer.chart.tooltip == \
            "Chart of the explorer's current results."
    else:
        assert type(ex.chart) is ipywidgets.Image
    assert bytes(ex.chart.value).startswith(b"\x89PNG")
