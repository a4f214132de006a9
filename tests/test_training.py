import math

import numpy as np
import pytest
import torch
from sklearn import metrics
from sklearn.utils.class_weight import compute_class_weight

import classweights as cw


def sklearn_predictions(X, y, weight, X_eval):
    """An independent trainer: scikit-learn's multinomial logistic regression with the same class weights and no
    penalty (C = inf). Its loss, sum_i w[y_i] CE_i, has the same minimiser as the weighted mean cross-entropy
    (that only divides by the constant sum_i w[y_i]), so a converged linear model makes the same decisions."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=np.inf, class_weight=dict(enumerate(float(v) for v in weight)), max_iter=2000, tol=1e-8)
    return lr.fit(np.asarray(X), np.asarray(y)).predict(np.asarray(X_eval))


def assert_metrics_are_sklearns(m, y_true, pred):
    """The explorer's numbers are scikit-learn's for its model's predictions."""
    labels = [0, 1, 2]
    np.testing.assert_allclose(m["recall"], metrics.recall_score(y_true, pred, labels=labels, average=None))
    np.testing.assert_allclose(m["precision"], metrics.precision_score(y_true, pred, labels=labels, average=None,
                                                                       zero_division=0))
    assert m["balanced_accuracy"] == pytest.approx(metrics.balanced_accuracy_score(y_true, pred))
    assert m["macro_f1"] == pytest.approx(metrics.f1_score(y_true, pred, labels=labels, average="macro"))
    assert m["confusion_matrix"] == metrics.confusion_matrix(y_true, pred, labels=labels).tolist()


@pytest.fixture(scope="module")
def data():
    return cw.imbalanced_blobs(seed=0), cw.imbalanced_blobs(seed=1)


def test_blobs_shape_counts_and_determinism():
    X, y = cw.imbalanced_blobs(n_samples=1000, proportions=(0.8, 0.1, 0.1), seed=0)
    assert X.shape == (1000, 2) and X.dtype == torch.float32 and y.dtype == torch.long
    assert torch.bincount(y).tolist() == [800, 100, 100]
    X2, y2 = cw.imbalanced_blobs(seed=0)
    assert torch.equal(X, X2) and torch.equal(y, y2)
    X3, _ = cw.imbalanced_blobs(seed=1)
    assert not torch.equal(X, X3)
    _, y4 = cw.imbalanced_blobs(n_samples=1001, proportions=(0.5, 0.3, 0.2))
    assert torch.bincount(y4).tolist() == [501, 300, 200]


@pytest.mark.parametrize("kwargs, match", [
    (dict(proportions=(0.8, 0.1)), "add up to 1"),
    (dict(proportions=(0.8, 0.3, -0.1)), "proportions is -0.1"),
    (dict(n_samples=5, proportions=(0.9, 0.05, 0.05)), "some class gets no sample"),
    (dict(n_samples=1.5), "n_samples is 1.5"),
    (dict(proportions=(0.25,) * 4), "pass centers="),
])
def test_blobs_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cw.imbalanced_blobs(**kwargs)


def expected_prevalence(slope, bias):
    """P(label) = E[sigmoid(slope z + bias)] for z ~ N(0, 1), by Gauss-Hermite quadrature in NumPy."""
    from numpy.polynomial.hermite_e import hermegauss

    z, w = hermegauss(80)
    return float((w / w.sum() / (1 + np.exp(-(slope * z + bias)))).sum())


def test_multilabel_data_shapes_split_and_seed():
    data = cw.multilabel_data()
    (F, Y), (Fv, Yv) = data["train"], data["val"]
    assert set(data) == {"train", "val"}
    assert F.shape == Y.shape == (3000, 3) and Fv.shape == Yv.shape == (1000, 3)
    assert F.dtype == Y.dtype == torch.float32 and set(torch.cat([Y, Yv]).unique().tolist()) <= {0.0, 1.0}
    again = cw.multilabel_data(seed=0)
    assert all(torch.equal(a, b) for a, b in zip(data["train"] + data["val"], again["train"] + again["val"]))
    assert not torch.equal(cw.multilabel_data(seed=1)["train"][0], F)
    # the split is a cut of one draw: another cut of the same seed gives the same 4000 samples
    other = cw.multilabel_data(n_train=3500, n_val=500)
    assert torch.equal(torch.cat([other["train"][0], other["val"][0]]), torch.cat([F, Fv]))
    assert torch.equal(torch.cat([other["train"][1], other["val"][1]]), torch.cat([Y, Yv]))
    # the lesson's three labels, common to rare: each training count within 4 binomial standard errors of
    # 3000 x E[sigmoid(2 z + b)] (about 1057, 389 and 142)
    for j, b in enumerate((-1.0, -3.0, -4.5)):
        p = expected_prevalence(2.0, b)
        assert abs(float(Y[:, j].sum()) - 3000 * p) < 4 * math.sqrt(3000 * p * (1 - p)), (j, float(Y[:, j].sum()))
    assert Y.sum(0)[0] > Y.sum(0)[1] > Y.sum(0)[2]


def test_multilabel_data_is_lesson_09s_draw():
    """The draw lesson 09 printed its numbers from (features first, then the uniforms), written out in torch."""
    g = torch.Generator().manual_seed(0)
    features = torch.randn(4000, 3, generator=g)
    Y = (torch.rand(4000, 3, generator=g) < torch.sigmoid(2.0 * features + torch.tensor([-1.0, -3.0, -4.5]))).float()
    data = cw.multilabel_data()
    assert torch.equal(data["train"][0], features[:3000]) and torch.equal(data["val"][0], features[3000:])
    assert torch.equal(data["train"][1], Y[:3000]) and torch.equal(data["val"][1], Y[3000:])


@pytest.mark.parametrize("slope, bias", [(2.0, (-1.0, -3.0, -4.5)), (0.5, (0.0, 1.5))])
def test_multilabel_data_prevalences_and_each_label_on_its_own_feature(slope, bias):
    """Over many samples: each label's prevalence is E[sigmoid(slope z + b)] (quadrature), and scikit-learn's
    unpenalised logistic regression on all the features finds slope on the label's own feature, 0 on the others,
    and the label's bias."""
    from sklearn.linear_model import LogisticRegression

    data = cw.multilabel_data(n_train=150_000, n_val=50_000, bias=bias, seed=5, slope=slope)
    F, Y = (torch.cat([a, b]).numpy() for a, b in zip(data["train"], data["val"], strict=True))
    n = len(Y)
    for j, b in enumerate(bias):
        p = expected_prevalence(slope, b)
        assert abs(Y[:, j].mean() - p) < 4 * math.sqrt(p * (1 - p) / n), (j, Y[:, j].mean(), p)
        fit = LogisticRegression(C=np.inf, max_iter=1000).fit(F, Y[:, j])
        own = np.eye(len(bias))[j] * slope
        np.testing.assert_allclose(fit.coef_[0], own, atol=0.1)
        assert fit.intercept_[0] == pytest.approx(b, abs=0.1)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n_train=0), ValueError, "n_train is 0: it must be an int of at least 1"),
    (dict(n_val=2.5), ValueError, "n_val is 2.5"),
    (dict(bias=()), TypeError, "one number per label"),
    (dict(bias=-1.0), TypeError, "one number per label"),
    (dict(bias=(-1.0, float("nan"))), ValueError, r"bias\[1\] is nan: it must be a finite number"),
    (dict(slope=float("inf")), ValueError, "slope is inf"),
    (dict(seed=0.5), TypeError, "seed is 0.5: give a whole number"),
])
def test_multilabel_data_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        cw.multilabel_data(**kwargs)


def test_pixel_data_lesson_defaults():
    """Lesson 09's two 6 x 6 images: 72 pixels, the 2 x 2 corners' 8 unlabelled, and the labelled pixels per class
    [54, 6, 4] that its solution 09.2 works with by hand (54 x 1 + 6 x 5 + 4 x 10 = 124)."""
    logits, targets = cw.pixel_data()
    assert logits.shape == (2, 3, 6, 6) and logits.dtype == torch.float32
    assert targets.shape == (2, 6, 6) and targets.dtype == torch.long
    kept = targets != 255
    assert targets.numel() == 72 and int((~kept).sum()) == 8
    assert torch.bincount(targets[kept], minlength=3).tolist() == [54, 6, 4]
    g = torch.Generator().manual_seed(1)  # the lesson's draw: the logits first, then the classes
    assert torch.equal(logits, torch.randn(2, 3, 6, 6, generator=g))
    l2, t2 = cw.pixel_data(seed=1)
    assert torch.equal(l2, logits) and torch.equal(t2, targets)
    assert not torch.equal(cw.pixel_data(seed=2)[1], targets)


@pytest.mark.parametrize("size, unlabelled, ignore_index", [(6, 2, 255), (5, 0, 255), (4, 3, -100), (1, 0, 9)])
def test_pixel_data_ignores_exactly_the_top_left_corner(size, unlabelled, ignore_index):
    _, targets = cw.pixel_data(n_images=3, size=size, seed=4, unlabelled=unlabelled, ignore_index=ignore_index)
    corner = torch.zeros(3, size, size, dtype=torch.bool)
    for i in range(unlabelled):
        for k in range(unlabelled):
            corner[:, i, k] = True
    assert torch.equal(targets == ignore_index, corner)
    assert ((targets[~corner] >= 0) & (targets[~corner] < 3)).all()


def test_pixel_data_class_frequencies_follow_the_proportions():
    """250000 pixels, no corner: each class's share within 4 binomial standard errors of its probability."""
    logits, targets = cw.pixel_data(n_images=100, size=50, proportions=(0.6, 0.3, 0.08, 0.02), seed=7, unlabelled=0)
    assert logits.shape == (100, 4, 50, 50)
    assert abs(float(logits.mean())) < 0.01 and abs(float(logits.std()) - 1) < 0.01
    share = torch.bincount(targets.flatten(), minlength=4).double() / targets.numel()
    for c, p in enumerate((0.6, 0.3, 0.08, 0.02)):
        assert abs(float(share[c]) - p) < 4 * math.sqrt(p * (1 - p) / targets.numel()), (c, float(share[c]))


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n_images=0), ValueError, "n_images is 0"),
    (dict(size=True), ValueError, "size is True"),
    (dict(proportions=(0.75, 0.2)), ValueError, "add up to 1"),
    (dict(proportions=(1.0,)), ValueError, "at least two entries"),
    (dict(proportions=(1.2, -0.2)), ValueError, "proportions is 1.2"),
    (dict(proportions="abc"), TypeError, "one probability per class"),
    (dict(unlabelled=6), ValueError, "unlabelled is 6: .* from 0 to size - 1 = 5"),
    (dict(unlabelled=-1), ValueError, "unlabelled is -1"),
    (dict(ignore_index=2), ValueError, r"ignore_index is 2: .*no class index \(0 to 2\)"),
    (dict(ignore_index=255.0), ValueError, "ignore_index is 255.0"),
    (dict(seed="1"), TypeError, "seed is '1': give a whole number"),
])
def test_pixel_data_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        cw.pixel_data(**kwargs)


def test_train_is_deterministic_and_records_history(data):
    (X, y), _ = data
    a = cw.train(X, y, cw.balanced(cw.class_counts(y)), seed=3, steps=50)
    b = cw.train(X, y, cw.balanced(cw.class_counts(y)), seed=3, steps=50)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(p, q)
    assert len(a.loss_history) == 50 and a.loss_history[-1] < a.loss_history[0]


def test_balanced_weights_clearly_raise_the_weakest_minority_recall(data):
    (X, y), (Xt, yt) = data
    plain = cw.evaluate(cw.train(X, y), Xt, yt)
    weighted = cw.evaluate(cw.train(X, y, cw.balanced(cw.class_counts(y))), Xt, yt)
    weakest = min((1, 2), key=lambda c: plain["recall"][c])
    assert weighted["recall"][weakest] >= plain["recall"][weakest] + 0.2, (plain["recall"], weighted["recall"])
    assert weighted["balanced_accuracy"] > plain["balanced_accuracy"] + 0.05


def test_evaluate_matches_scikit_learn(data):
    (X, y), (Xt, yt) = data
    model = cw.train(X, y, steps=30)
    m = cw.evaluate(model, Xt, yt)
    pred = model(Xt).argmax(1).numpy()
    np.testing.assert_allclose(m["recall"], metrics.recall_score(yt, pred, average=None))
    np.testing.assert_allclose(m["precision"], metrics.precision_score(yt, pred, average=None, zero_division=0))
    assert m["balanced_accuracy"] == pytest.approx(np.mean(m["recall"]))
    assert m["macro_f1"] == pytest.approx(metrics.f1_score(yt, pred, average="macro"))
    assert np.array(m["confusion_matrix"]).sum() == len(yt)
    assert np.array(m["confusion_matrix"]).sum(1).tolist() == torch.bincount(yt).tolist()


def test_evaluate_counts_a_never_predicted_class():
    model = torch.nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.copy_(torch.tensor([5.0, 0.0, 0.0]))  # always predicts class 0
    m = cw.evaluate(model, torch.zeros(4, 2), [0, 1, 2, 0], num_classes=3)
    assert m["recall"] == [1.0, 0.0, 0.0] and m["precision"][1] == 0.0
    assert len(m["confusion_matrix"]) == 3


@pytest.mark.parametrize("kwargs, err, match", [
    (dict(weight=[1.0, 2.0]), ValueError, "outside 0..1"),
    (dict(weight=[1.0, math.inf, 1.0]), ValueError, r"weight\[1\] is inf"),
    (dict(weight=[1.0, 1.0, 1.0, 1.0], num_classes=3), ValueError, "4 entries for 3 classes"),
    (dict(steps=0), ValueError, "steps is 0"),
    (dict(reduction="none"), ValueError, "use 'sum' or 'mean'"),
    (dict(label_smoothing=1.5), ValueError, "label_smoothing is 1.5"),
])
def test_train_bad_input(kwargs, err, match):
    X, y = cw.imbalanced_blobs(n_samples=50)
    with pytest.raises(err, match=match):
        cw.train(X, y, **kwargs)


def test_train_rejects_mixed_devices():
    X, y = cw.imbalanced_blobs(n_samples=50)
    with pytest.raises(ValueError, match="X is on device 'cpu' but weight is on device 'meta'"):
        cw.train(X, y, torch.ones(3, device="meta"))


def test_train_rejects_a_diverging_loss():
    X, y = cw.imbalanced_blobs(n_samples=50)
    with pytest.raises(ValueError, match="inf or NaN"):
        cw.train(X * 1e30, y, lr=1e30, steps=5)


def test_reference_noise_data_and_per_batch_rules():
    X, y = cw.noise_dataset(seed=0)
    X2, y2 = cw.noise_dataset(seed=0)
    assert X.shape == (1000, 10) and torch.equal(y, y2) and torch.equal(X, X2)
    w = cw.batch_inverse_frequency(torch.tensor([0, 0, 1]), 3)
    assert w[:2].tolist() == [0.5, 1.0] and math.isinf(w[2])
    safe = cw.safe_batch_weights(torch.tensor([0, 0, 1]), 3, smoothing=1.0)
    assert safe.tolist() == pytest.approx([2 / 3, 1.0, 2.0])
    with pytest.raises(ValueError, match="smoothing is 0"):
        cw.safe_batch_weights([0, 1], 3, smoothing=0)


def test_per_batch_inf_weights_what_the_lesson_shows():
    """The PyTorch behaviour lesson 04 teaches: finite without label smoothing, NaN with it."""
    X, y = cw.noise_dataset(seed=0)
    rule = lambda labels: cw.batch_inverse_frequency(labels, 3)  # noqa: E731
    run = cw.reference_training(X, y, rule)
    assert any(torch.isinf(w).any() for w in run["batch_weights"])
    assert all(math.isfinite(v) for v in run["batch_losses"])
    smoothed = cw.reference_training(X, y, rule, label_smoothing=0.1)
    assert not all(math.isfinite(v) for v in smoothed["batch_losses"])
    safe = cw.reference_training(X, y, lambda labels: cw.safe_batch_weights(labels, 3), label_smoothing=0.1)
    assert all(math.isfinite(v) for v in safe["batch_losses"])


def test_compare_metrics_table(data):
    (X, y), (Xt, yt) = data
    m = cw.evaluate(cw.train(X, y, steps=20), Xt, yt)
    table = cw.compare_metrics({"a": m, "bb": m})
    lines = table.splitlines()
    assert lines[0].split() == ["a", "bb"]
    assert lines[1].startswith("recall class 0") and f"{m['recall'][0]:.3f}" in lines[1]
    with pytest.raises(ValueError, match="results is empty"):
        cw.compare_metrics({})


def test_training_explorer_retrains_on_change(data):
    (X, y), (Xt, yt) = data
    ex = cw.training_explorer(X, y, Xt, yt, steps=100).explorer
    assert ex.preset.value == "none" and ex.sliders[0].continuous_update is False
    before = ex.state["metrics"]
    png = ex.chart.value
    ex.preset.value = "balanced"
    assert ex.weights == pytest.approx(compute_class_weight("balanced", classes=np.arange(3), y=y.numpy()).tolist())
    with torch.no_grad():
        pred = ex.state["model"](Xt).argmax(1).numpy()
    assert_metrics_are_sklearns(ex.state["metrics"], yt.numpy(), pred)
    # 100 Adam steps (not yet converged) decide like scikit-learn's converged weighted logistic regression on
    # all but a few points (measured: 3 of 1000), and so have nearly its recalls
    oracle = sklearn_predictions(X, y, ex.weights, Xt)
    assert (pred == oracle).mean() >= 0.99
    np.testing.assert_allclose(ex.state["metrics"]["recall"],
                               metrics.recall_score(yt.numpy(), oracle, average=None), atol=0.02)
    assert ex.state["metrics"]["recall"] != before["recall"]
    assert ex.chart.value != png
    assert f"{ex.state['metrics']['balanced_accuracy']:.3f}" in ex.table.value
    ex.sliders[1].value = 0.0
    assert ex.preset.value == "custom" and ex.state["weight"][1] == 0.0


def test_training_runs_single_threaded_and_restores_the_setting():
    from classweights.training import single_thread

    before = torch.get_num_threads()
    seen = []
    X, y = cw.imbalanced_blobs(n_samples=60)
    cw.train(X, y, steps=3, loss_fn=lambda lo, t: seen.append(torch.get_num_threads()) or
             torch.nn.functional.cross_entropy(lo, t))
    assert seen == [1, 1, 1] and torch.get_num_threads() == before
    with pytest.raises(RuntimeError), single_thread():
        raise RuntimeError("boom")
    assert torch.get_num_threads() == before


@pytest.fixture(scope="module")
def lesson_data():
    splits = cw.lesson_blobs(seed=0)
    return splits["train"], splits["val"]


def test_warm_start_solver_predicts_what_train_converges_to(lesson_data):
    """The live explorer's solver reaches the model that train()'s 300 Adam steps approach, for weights
    visited in any order (each solve starts from the previous one): the same validation predictions for the
    presets and moderate weights; for extreme weights, where 300 Adam steps stop short, a loss at least as
    low and nearly the same predictions."""
    from classweights.training import WarmStartSolver

    (X, y), (Xv, _) = lesson_data
    solver = WarmStartSolver(X, y, num_classes=3)
    n = cw.class_counts(y)
    cases = [([1.0, 1.0, 1.0], 0), (cw.balanced(n).tolist(), 0), (cw.inverse_frequency(n).tolist(), 0),
             ([1.0, 8.0, 4.0], 0), ([0.5, 3.0, 0.2], 10), ([1.0, 2.0, 2.0], 0)]
    for w, allowed in cases:
        w = torch.tensor(w)
        fast = solver.fit(w).eval()
        slow = cw.train(X, y, w)
        loss = torch.nn.CrossEntropyLoss(weight=w)
        with torch.no_grad():
            assert int((fast(Xv).argmax(1) != slow(Xv).argmax(1)).sum()) <= allowed, w
            assert loss(fast(X), y) <= loss(slow(X), y) + 1e-6, w
            # and scikit-learn's weighted logistic regression, solved on its own, decides alike (measured: all
            # 1000 validation points the same for these weights; allowed: 1 in 100)
            oracle = sklearn_predictions(X, y, w, Xv)
            assert (fast(Xv).argmax(1).numpy() == oracle).mean() >= 0.99, w


def test_warm_start_solver_errors_keep_the_last_model(lesson_data):
    from classweights.training import WarmStartSolver

    (X, y), _ = lesson_data
    solver = WarmStartSolver(X, y, num_classes=3)
    model = solver.fit([1.0, 2.0, 2.0])
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(ValueError, match="weight 0"):
        solver.fit([0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="one weight per class"):
        solver.fit([1.0, 2.0])
    assert all(torch.equal(a, b) for a, b in zip(before, solver.model.parameters(), strict=True))


def test_live_training_explorer_updates_while_dragging(lesson_data):
    (X, y), (Xv, yv) = lesson_data
    ex = cw.training_explorer(X, y, Xv, yv).explorer
    assert ex.live and all(s.continuous_update for s in ex.sliders)
    first = ex.chart.value
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    ex.preset.value = "balanced"
    assert ex.weights == pytest.approx(compute_class_weight("balanced", classes=np.arange(3), y=y.numpy()).tolist())
    with torch.no_grad():
        pred = ex.state["model"](Xv).argmax(1).numpy()
    m = ex.state["metrics"]
    assert_metrics_are_sklearns(m, yv.numpy(), pred)
    # the live solver reaches the minimum that scikit-learn's weighted logistic regression finds on its own:
    # the same decisions (measured: all 1000 validation points; allowed: 1 in 100), recalls within 0.02
    oracle = sklearn_predictions(X, y, ex.weights, Xv)
    assert (pred == oracle).mean() >= 0.99
    np.testing.assert_allclose(m["recall"], metrics.recall_score(yv.numpy(), oracle, average=None), atol=0.02)
    assert ex.chart.value != first
    assert f"{m['balanced_accuracy']:.3f}" in ex.table.value
    # the drawn numbers follow the model: bar labels and matrix cells show the new metrics
    labels = [t.get_text() for t in ex.view.bar_labels]
    assert labels == [f"{r:.2f}" for r in m["recall"]]
    assert ex.view.cells[1][1].get_text().startswith(str(m["confusion_matrix"][1][1]) + "\n")
    # and so do the regions' class names: each sits where the new model predicts its class
    for weights in ([0.2, 8.0, 0.3], [1.0, 1.0, 1.0]):
        ex.set_weights(weights)
        labels = [t for t in ex.view.region_labels if t.get_visible()]
        assert [t.get_text() for t in labels] == ["class 0", "class 1", "class 2"]
        with torch.no_grad():
            said = ex.state["model"](torch.tensor([t.get_position() for t in labels])).argmax(1).tolist()
        assert said == [0, 1, 2], weights
    # every weight 0: a message, no NaN, and the last chart stays
    shown = ex.chart.value
    ex.set_weights([0.0, 0.0, 0.0])
    assert "weight 0" in ex.table.value and ex.chart.value == shown


def test_live_chart_equals_a_full_redraw(lesson_data):
    """Blitting draws the same picture as drawing the whole figure anew for the same model."""
    import io

    from PIL import Image

    (X, y), (Xv, yv) = lesson_data
    ex = cw.training_explorer(X, y, Xv, yv).explorer
    ex.set_weights([0.4, 3.3, 3.3])
    live = np.asarray(Image.open(io.BytesIO(ex.chart.value)))
    fresh = cw.training_explorer(X, y, Xv, yv, weight=[0.4, 3.3, 3.3]).explorer
    again = np.asarray(Image.open(io.BytesIO(fresh.chart.value)))
    assert live.shape == again.shape
    assert (live != again).any(axis=-1).mean() < 0.002  # the same picture, up to a few anti-aliased pixels
