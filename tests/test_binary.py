"""Lesson 08's explorer: threshold_state against scikit-learn and by-hand arithmetic; the widget's sliders."""

import math

import numpy as np
import pytest
import torch
from sklearn.calibration import calibration_curve

import classweights as cw


def _logits(n=400, seed=0):
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(n, 2, generator=g) * 2
    y = (torch.rand(n, generator=g) < torch.softmax(logits, 1)[:, 1] * 0.5).long()
    return logits, y


def test_threshold_state_counts_and_scores_by_hand():
    logits, y = _logits()
    w = [1.0, 4.0]
    for threshold in (0.1, 0.5, 0.83):
        st = cw.threshold_state(logits, y, w, threshold)
        p1 = torch.softmax(logits, 1)[:, 1]
        pred = p1 >= threshold
        tp, fp = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum())
        fn, tn = int((~pred & (y == 1)).sum()), int((~pred & (y == 0)).sum())
        assert st["confusion_matrix"] == [[tn, fp], [fn, tp]]
        assert math.isclose(st["precision"], tp / (tp + fp) if tp + fp else 0.0)
        assert math.isclose(st["recall"], tp / (tp + fn))
        assert math.isclose(st["f1"], 2 * tp / (2 * tp + fp + fn))
        assert st["threshold"] == threshold


def test_threshold_state_calibration_part_uses_the_corrected_probabilities():
    logits, y = _logits(seed=1)
    w = torch.tensor([1.0, 9.0])
    st = cw.threshold_state(logits, y, w, 0.5)
    corrected = cw.unweight_probabilities(logits, w)
    assert math.isclose(st["ece_corrected"], cw.expected_calibration_error(corrected, y))
    assert math.isclose(st["ece_raw"], cw.expected_calibration_error(torch.softmax(logits, 1), y))
    assert math.isclose(st["mean_corrected"], float(corrected[:, 1].mean()), rel_tol=1e-6)
    assert math.isclose(st["positive_share"], float((y == 1).double().mean()))
    frac, mean = calibration_curve(y.numpy(), corrected[:, 1].double().numpy(), n_bins=10)
    assert np.allclose(st["curve_corrected"][0], mean) and np.allclose(st["curve_corrected"][1], frac)
    # dividing by a weight of 9 lowers P(class 1) on every sample
    assert st["mean_corrected"] < st["mean_raw"]


@pytest.mark.parametrize("kwargs, match", [
    ({"threshold": 0.0}, "strictly between 0 and 1"),
    ({"threshold": 1.5}, "strictly between 0 and 1"),
    ({"weight": [1.0, 0.0]}, "weight\\[1\\] is 0"),
    ({"weight": [1.0, 2.0, 3.0]}, "one weight per class"),
])
def test_threshold_state_errors(kwargs, match):
    logits, y = _logits(50)
    args = {"weight": [1.0, 2.0], "threshold": 0.5, **kwargs}
    with pytest.raises(ValueError, match=match):
        cw.threshold_state(logits, y, args["weight"], args["threshold"])
    with pytest.raises(ValueError, match="shape \\(N, 2\\)"):
        cw.threshold_state(torch.randn(5, 3), y[:5], [1.0, 1.0, 1.0])


@pytest.fixture(scope="module")
def task():
    X, y = cw.imbalanced_blobs(1200, (0.9, 0.1), seed=0, centers=((0.0, 0.0), (2.0, 0.0)))
    s = cw.train_val_test_split(X, y, val_size=300, test_size=300, seed=0)
    return (*s["train"], *s["val"])


def test_explorer_threshold_moves_decisions_but_not_calibration(task):
    ex = cw.threshold_explorer(*task).explorer
    assert ex.sliders[0].description == "pos_weight"
    before = ex.state
    ex.threshold.value = 0.2
    after = ex.state
    assert after["confusion_matrix"] != before["confusion_matrix"]
    assert after["recall"] >= before["recall"]
    assert after["ece_raw"] == before["ece_raw"] and after["curve_raw"] == before["curve_raw"]
    assert after == cw.threshold_state(ex.solver.model(ex.X_val).detach(), ex.y_val, [1.0, 1.0], 0.2) | {
        "raw": after["raw"], "targets": after["targets"]}


def test_explorer_pos_weight_retrains_and_inflates_the_raw_probabilities(task):
    ex = cw.threshold_explorer(*task).explorer
    plain = ex.state
    ex.pos_weight.value = 9.0
    weighted = ex.state
    assert weighted["weight"] == [1.0, 9.0]
    assert weighted["recall"] > plain["recall"]
    assert weighted["mean_raw"] > 2 * plain["mean_raw"]  # the weight inflates P(class 1)
    assert abs(weighted["mean_corrected"] - plain["mean_raw"]) < 0.02  # and the correction undoes it
    # the solver's model decides as training with BCEWithLogitsLoss(pos_weight=9) does
    X, y, X_val, _ = task
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.LBFGS(model.parameters(), max_iter=200, line_search_fn="strong_wolfe")
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([9.0]))

    def closure():
        opt.zero_grad()
        loss = loss_fn(model(X).squeeze(1), y.float())
        loss.backward()
        return loss

    opt.step(closure)
    with torch.no_grad():
        p_bce = torch.sigmoid(model(X_val).squeeze(1))
    assert torch.allclose(p_bce, weighted["raw"], atol=2e-3)
    assert ex.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "ECE" in ex.table.value


def test_explorer_png_updates_equal_a_fresh_draw(task):
    from classweights.plotting import new_figure

    ex = cw.threshold_explorer(*task).explorer
    ex.pos_weight.value = 5.0
    ex.threshold.value = 0.3
    updated = ex.chart.value
    ex.figure = new_figure(figsize=(9.0, 3.6), axes=False)
    ex.figure.set_layout_engine(None)
    ex._artists = None  # draw everything anew from the same state
    assert ex.render_png() == updated
    fresh = cw.threshold_explorer(*task, pos_weight=5.0, threshold=0.3).explorer
    assert fresh.state["confusion_matrix"] == ex.state["confusion_matrix"]  # warm start or not, the same model


def test_explorer_errors_and_language(task):
    X, y, X_val, y_val = task
    with pytest.raises(ValueError, match="labels 0 and 1"):
        cw.threshold_explorer(X, y + 1, X_val, y_val)
    with pytest.raises(ValueError, match="pos_weight is"):
        cw.threshold_explorer(X, y, X_val, y_val, pos_weight=0.0)
    with pytest.raises(ValueError, match="pos_weight is"):
        cw.threshold_explorer(X, y, X_val, y_val, pos_weight=500.0)
    zh = cw.threshold_explorer(X, y, X_val, y_val, lang="zh-TW").explorer
    assert zh.threshold.description == "門檻值" and "精確率" in zh.table.value
