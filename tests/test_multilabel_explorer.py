"""Lesson 09's multi-label explorer: multilabel_state against hand counts, the explorer's models against
scikit-learn's logistic regression, one label's slider moving that label only, and clear errors."""

import numpy as np
import pytest
import torch

import classweights as cw


def test_multilabel_state_matches_hand_counts():
    # 4 samples, 2 labels; logit > 0 means P >= 0.5 (predicted present)
    logits = torch.tensor([[2.0, -1.0], [-3.0, 0.5], [1.0, 1.0], [-0.5, -2.0]])
    targets = torch.tensor([[1, 0], [1, 1], [0, 1], [0, 0]])
    st = cw.multilabel_state(logits, targets)
    # by hand: label 0 predicts samples 0 and 2, true are 0 and 1: TP 1, FP 1, FN 1
    #          label 1 predicts samples 1 and 2, true are 1 and 2: TP 2, FP 0, FN 0
    assert st["positives"] == [2, 2] and st["predicted"] == [2, 2]
    assert st["recall"] == [0.5, 1.0] and st["precision"] == [0.5, 1.0]
    assert st["f1"] == pytest.approx([0.5, 1.0])
    # at threshold 0.8 (logit ln 4 = 1.386): label 0 keeps sample 0 only, label 1 predicts nothing
    high = cw.multilabel_state(logits, targets, threshold=0.8)
    assert high["predicted"] == [1, 0] and high["recall"] == [0.5, 0.0] and high["precision"] == [1.0, 0.0]


def test_multilabel_state_refuses_bad_input():
    with pytest.raises(ValueError, match="only 0 and 1"):
        cw.multilabel_state(torch.zeros(2, 2), torch.tensor([[0, 2], [1, 0]]))
    with pytest.raises(ValueError, match=r"shape \(N, L\)"):
        cw.multilabel_state(torch.zeros(3), torch.tensor([0, 1, 0]))
    with pytest.raises(ValueError, match="one logit per sample and label"):
        cw.multilabel_state(torch.zeros(2, 3), torch.zeros(2, 2))
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        cw.multilabel_state(torch.zeros(2, 2), torch.zeros(2, 2), threshold=1.0)


@pytest.fixture(scope="module")
def task():
    """Lesson 09's section 1 data: label j present with probability sigmoid(2 x_j + b_j)."""
    gen = torch.Generator().manual_seed(0)
    features = torch.randn(4000, 3, generator=gen)
    Y = (torch.rand(4000, 3, generator=gen) < torch.sigmoid(2.0 * features + torch.tensor([-1.0, -3.0, -4.5]))).float()
    return features[:3000], Y[:3000], features[3000:], Y[3000:]


def test_each_label_is_the_logistic_regression_scikit_learn_finds(task):
    from sklearn.linear_model import LogisticRegression

    X, Y, Xv, Yv = task
    pw = cw.pos_weight(Y).tolist()
    ex = cw.multilabel_explorer(X, Y, Xv, Yv, pos_weight=pw).explorer
    for j in range(3):
        lr = LogisticRegression(C=np.inf, class_weight={0: 1.0, 1: pw[j]}, max_iter=5000, tol=1e-10)
        pred = lr.fit(X.numpy(), Y[:, j].numpy()).predict(Xv.numpy())
        ours = (ex._logits[:, j] > 0).numpy()
        assert (pred != ours).sum() <= 2, f"label {j}: more than 2 validation decisions differ"


def test_a_labels_slider_moves_that_label_only(task):
    ex = cw.multilabel_explorer(*task).explorer
    assert ex.state["pos_weight"] == [1.0, 1.0, 1.0]
    before = ex.state
    ex.sliders[2].value = 20.0
    after = ex.state
    assert after["recall"][:2] == before["recall"][:2] and after["precision"][:2] == before["precision"][:2]
    assert after["recall"][2] > before["recall"][2] and after["precision"][2] < before["precision"][2]
    assert ex.start["recall"] == before["recall"], "the dashed outlines stay at the start"
    assert bytes(ex.chart.value).startswith(b"\x89PNG")


def test_the_dashed_outlines_are_the_model_without_weights(task):
    from sklearn.linear_model import LogisticRegression

    X, Y, Xv, Yv = task
    ex = cw.multilabel_explorer(X, Y, Xv, Yv, pos_weight=cw.pos_weight(Y).tolist()).explorer
    assert ex.start["pos_weight"] == [1.0, 1.0, 1.0]
    # the outlines: scikit-learn's unweighted logistic regression per label, scored on validation
    for j in range(3):
        lr = LogisticRegression(C=np.inf, max_iter=5000, tol=1e-10)
        pred = lr.fit(X.numpy(), Y[:, j].numpy()).predict(Xv.numpy())
        hits = int(((pred == 1) & (Yv[:, j].numpy() == 1)).sum())
        assert abs(ex.start["recall"][j] * Yv[:, j].sum().item() - hits) <= 2, f"label {j}"
    # the picture opens at the weights, so the bars differ from their outlines: the rare label's recall rose
    assert ex.state["recall"][2] > ex.start["recall"][2] + 0.5
    weighted = ex.state["recall"]
    ex.sliders[2].value = 1.0  # label 2 back to no weights: its bar sits on its outline, the others stay weighted
    assert ex.state["recall"][2] == pytest.approx(ex.start["recall"][2])
    assert ex.state["recall"][:2] == weighted[:2] and weighted[:2] != ex.start["recall"][:2]


def test_explorer_errors_and_chinese(task):
    X, Y, Xv, Yv = task
    with pytest.raises(ValueError, match="one per label"):
        cw.multilabel_explorer(X, Y, Xv, Yv, pos_weight=[1.0, 2.0])
    with pytest.raises(ValueError, match="at most max_pos_weight"):
        cw.multilabel_explorer(X, Y, Xv, Yv, pos_weight=[1.0, 2.0, 500.0])
    with pytest.raises(ValueError, match="same labels"):
        cw.multilabel_explorer(X, Y, Xv, Yv[:, :2])
    with pytest.raises(ValueError, match="only 0 and 1"):
        cw.multilabel_explorer(X, Y * 2, Xv, Yv)
    zh = cw.multilabel_explorer(X, Y, Xv, Yv, lang="zh-TW").explorer
    assert "標籤 2" in zh.table.value and "召回率" in zh.table.value
