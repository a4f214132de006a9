import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from sklearn.utils.class_weight import compute_class_weight

import classweights as cw

# --------------------------------------------------------------------------- pos_weight


def _pos_weight_by_hand(matrix):
    """n_negative / n_positive of each column, counted one value at a time."""
    out = []
    for column in zip(*matrix):
        positives = sum(1 for v in column if v == 1)
        negatives = sum(1 for v in column if v == 0)
        out.append(negatives / positives)
    return out


def test_pos_weight_matches_counts_by_hand_for_random_matrices():
    rng = np.random.default_rng(0)
    for _ in range(25):
        n, n_labels = int(rng.integers(2, 60)), int(rng.integers(1, 7))
        t = (rng.random((n, n_labels)) < rng.uniform(0.05, 0.95, size=n_labels)).astype(int)
        t[0], t[1] = 0, 1  # every label has a negative and a positive
        got = cw.pos_weight(t)
        assert got.shape == (n_labels,)
        np.testing.assert_allclose(got.numpy(), _pos_weight_by_hand(t.tolist()), rtol=1e-6)


@pytest.mark.parametrize(
    "targets",
    [
        [1, 0, 0, 1, 0],
        [True, False, False, True, False],
        [1.0, 0.0, 0.0, 1.0, 0.0],
        np.array([1, 0, 0, 1, 0]),
        np.array([1, 0, 0, 1, 0], dtype=bool),
        np.array([1.0, 0.0, 0.0, 1.0, 0.0]),
        torch.tensor([1, 0, 0, 1, 0]),
        torch.tensor([1, 0, 0, 1, 0]).bool(),
        torch.tensor([1.0, 0.0, 0.0, 1.0, 0.0]),
    ],
)
def test_pos_weight_of_one_label_accepts_ints_bools_floats_lists_arrays_tensors(targets):
    got = cw.pos_weight(targets)
    assert got.shape == (1,)
    assert got.dtype == torch.float32
    assert got.item() == pytest.approx(3 / 2)


def test_pos_weight_keeps_the_dtype_and_device_of_float_tensors():
    t = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], dtype=torch.float64)
    got = cw.pos_weight(t)
    assert got.dtype == torch.float64 and got.device == t.device
    torch.testing.assert_close(got, torch.tensor([2.0, 0.5], dtype=torch.float64))


def test_pos_weight_makes_positives_weigh_as_much_as_negatives():
    g = torch.Generator().manual_seed(1)
    t = (torch.rand(500, 4, generator=g) < torch.tensor([0.02, 0.1, 0.5, 0.9])).float()
    pw = cw.pos_weight(t)
    torch.testing.assert_close(pw * t.sum(0), (1 - t).sum(0))
    assert pw[0] > pw[1] > pw[2] > pw[3]  # rarer positives get a larger weight


def test_bce_with_logits_loss_takes_pos_weight_of_multilabel_targets():
    g = torch.Generator().manual_seed(2)
    t = (torch.rand(64, 5, generator=g) < 0.2).float()
    t[0], t[1] = 0, 1
    x = torch.randn(64, 5, generator=g)
    pw = cw.pos_weight(t)
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=pw)(x, t)
    by_formula = -(pw * t * F.logsigmoid(x) + (1 - t) * F.logsigmoid(-x)).mean()
    torch.testing.assert_close(loss, by_formula)
    assert not torch.isclose(loss, torch.nn.BCEWithLogitsLoss()(x, t))  # the weights did something


def test_bce_with_logits_loss_takes_pos_weight_of_one_label():
    t = torch.tensor([1.0, 0.0, 0.0, 0.0])
    x = torch.tensor([0.5, -1.0, 0.2, 2.0])
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=cw.pos_weight(t))(x, t)
    by_formula = -(3.0 * t * F.logsigmoid(x) + (1 - t) * F.logsigmoid(-x)).mean()
    torch.testing.assert_close(loss, by_formula)


@pytest.mark.parametrize(
    "targets, match",
    [
        ([[1, 0, 0], [0, 1, 0], [1, 1, 0]],
         r"label 2 has no positive sample \(targets\[:, 2\] is all 0\).*would be inf"),
        ([[1, 1, 0], [0, 1, 1], [1, 1, 0]], r"label 1 has no negative sample \(targets\[:, 1\] is all 1\).*would be 0"),
        ([0, 0, 0], r"label 0 \(the only label\) has no positive sample.*3 / 0 would be inf"),
        ([1, 1], r"label 0 \(the only label\) has no negative sample.*0 / 2 would be 0"),
        ([0, 1, 2, 1], r"targets contains 2 \(at targets\[2\]\).*0 \(absent\) or 1 \(present\)"),
        ([[0, 1], [1, 0.5]], r"targets contains 0\.5 \(at targets\[1, 1\]\)"),
        ([[0, 1], [1, -1]], r"targets contains -1 \(at targets\[1, 1\]\)"),
        ([0.0, float("nan"), 1.0], r"targets contains nan"),
        ([], r"targets is empty"),
        (np.zeros((0, 3)), r"targets is empty"),
        (np.zeros((4, 0)), r"no labels"),
        (np.zeros((2, 2, 2)), r"shape \(N,\) for one binary label or \(N, L\).*got shape \(2, 2, 2\)"),
        (torch.tensor(1), r"got shape \(\)"),
    ],
)
def test_pos_weight_errors_name_the_problem(targets, match):
    with pytest.raises(ValueError, match=match):
        cw.pos_weight(targets)


def test_pos_weight_type_errors():
    with pytest.raises(TypeError, match="targets must be a list, a NumPy array or a torch tensor"):
        cw.pos_weight("0101")
    with pytest.raises(TypeError, match=r"0/1 values, got dtype torch\.complex64"):
        cw.pos_weight(torch.tensor([1, 0], dtype=torch.complex64))


# --------------------------------------------------------------------------- unweight_probabilities


@pytest.mark.parametrize("kind", [list, np.array, torch.tensor])
def test_unweight_probabilities_is_softmax_of_logits_minus_log_weight(kind):
    g = torch.Generator().manual_seed(3)
    logits = torch.randn(20, 4, generator=g) * 3
    w = [0.4, 2.0, 5.0, 1.3]
    got = cw.unweight_probabilities(logits, kind(w))
    torch.testing.assert_close(got, torch.softmax(logits - torch.log(torch.tensor(w)), 1))
    # the same, written out: divide the trained probabilities by the weights and renormalize
    p = torch.softmax(logits, 1) / torch.tensor(w)
    torch.testing.assert_close(got, p / p.sum(1, keepdim=True))


def test_unweight_probabilities_of_dense_logits_uses_dim_1():
    g = torch.Generator().manual_seed(4)
    logits = torch.randn(2, 3, 5, 4, generator=g)
    w = torch.tensor([1.0, 4.0, 0.25])
    got = cw.unweight_probabilities(logits, w)
    assert got.shape == logits.shape
    for n in range(2):
        for i in range(5):
            for j in range(4):
                expected = torch.softmax(logits[n, :, i, j] - torch.log(w), 0)
                torch.testing.assert_close(got[n, :, i, j], expected)


def test_unweight_probabilities_with_equal_weights_is_softmax_and_scale_does_not_matter():
    g = torch.Generator().manual_seed(5)
    logits = torch.randn(30, 5, generator=g)
    torch.testing.assert_close(cw.unweight_probabilities(logits, torch.ones(5)), torch.softmax(logits, 1))
    torch.testing.assert_close(cw.unweight_probabilities(logits, [3.7] * 5), torch.softmax(logits, 1))
    w = torch.tensor([0.5, 1.0, 2.0, 8.0, 0.1])
    base = cw.unweight_probabilities(logits, w)
    for c in (1e-3, 0.5, 7.3, 1e4):
        torch.testing.assert_close(cw.unweight_probabilities(logits, w * c), base)
    assert not torch.allclose(base, torch.softmax(logits, 1), atol=1e-3)  # unequal weights do change them


def test_unweight_probabilities_casts_float64_weights_to_the_logits_dtype():
    y = np.array([0] * 30 + [1] * 6 + [2] * 4)
    w = compute_class_weight("balanced", classes=np.arange(3), y=y)  # float64 NumPy array
    logits = torch.randn(8, 3, generator=torch.Generator().manual_seed(6))
    for weight in (w, torch.from_numpy(w)):
        got = cw.unweight_probabilities(logits, weight)
        assert got.dtype == torch.float32
        torch.testing.assert_close(got, torch.softmax(logits - torch.log(torch.tensor(w, dtype=torch.float32)), 1))
    got64 = cw.unweight_probabilities(logits.double(), [1.0, 2.0, 3.0])
    assert got64.dtype == torch.float64


def test_weighted_model_corrected_probabilities_match_class_frequencies():
    """A linear model trained with balanced class weights over-predicts the rare classes; the correction fixes that."""
    g = torch.Generator().manual_seed(7)
    counts = [900, 240, 60]
    means = torch.tensor([[0.0, 0.0], [1.5, 0.0], [0.0, 1.5]])
    y = torch.cat([torch.full((n,), c) for c, n in enumerate(counts)])
    x = means[y] + torch.randn(len(y), 2, generator=g)
    freq = torch.tensor(counts, dtype=torch.float32) / len(y)
    w = cw.balanced(counts)

    torch.manual_seed(0)
    model = torch.nn.Linear(2, 3)
    opt = torch.optim.LBFGS(model.parameters(), max_iter=200, line_search_fn="strong_wolfe")
    loss_fn = torch.nn.CrossEntropyLoss(weight=w)

    def closure():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss

    opt.step(closure)
    with torch.no_grad():
        logits = model(x)
    raw = torch.softmax(logits, 1)
    corrected = cw.unweight_probabilities(logits, w)

    raw_gap = (raw.mean(0) - freq).abs().max().item()
    corrected_gap = (corrected.mean(0) - freq).abs().max().item()
    assert raw_gap > 0.15, raw_gap  # the weighted model thinks the rare classes are much more frequent
    assert corrected_gap < 0.02, corrected_gap
    assert raw.mean(0)[2] > 2 * freq[2]
    assert F.nll_loss(torch.log(corrected), y) < F.nll_loss(torch.log(raw), y)
    assert cw.expected_calibration_error(corrected, y) < cw.expected_calibration_error(raw, y)


@pytest.mark.parametrize(
    "weight, match",
    [
        ([1.0, 0.0, 2.0], r"weight\[1\] is 0.*divide by zero.*must be positive"),
        ([-1.0, 1.0, 2.0], r"weight\[0\] is -1: weight cannot be negative"),
        ([1.0, 1.0, float("inf")], r"weight\[2\] is inf: every value must be a finite number"),
        ([1.0, float("nan"), 1.0], r"weight\[1\] is nan: every value must be a finite number"),
        ([1.0, 2.0], r"weight has 2 entries but the logits have 3 classes"),
        ([1.0, 2.0, 3.0, 4.0], r"weight has 4 entries but the logits have 3 classes"),
        ([[1.0, 2.0, 3.0]], r"weight must be 1-D"),
        ([], r"weight is empty"),
    ],
)
def test_unweight_probabilities_weight_errors(weight, match):
    with pytest.raises(ValueError, match=match):
        cw.unweight_probabilities(torch.zeros(4, 3), weight)


def test_unweight_probabilities_logits_and_device_errors():
    with pytest.raises(ValueError, match=r"logits is on device 'cpu' but weight is on device 'meta'.*\.to\("):
        cw.unweight_probabilities(torch.zeros(4, 3), torch.ones(3, device="meta"))
    with pytest.raises(TypeError, match=r"logits must be floating point.*logits\.float"):
        cw.unweight_probabilities(torch.zeros(4, 3, dtype=torch.long), [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=r"logits must have shape \(N, K\).*got shape \(3,\).*logits\[None\]"):
        cw.unweight_probabilities(torch.zeros(3), [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="logits contain inf or NaN"):
        cw.unweight_probabilities(torch.tensor([[0.0, float("nan"), 1.0]]), [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="no classes on dim 1"):
        cw.unweight_probabilities(torch.zeros(4, 0), torch.ones(0))


# --------------------------------------------------------------------------- expected_calibration_error


def _ece_by_loop(probs, targets, n_bins):
    probs, targets = np.asarray(probs, dtype=float), np.asarray(targets)
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == targets
    edges = np.linspace(0, 1, n_bins + 1)
    ece = 0.0
    for i in range(n_bins):
        lo, hi = edges[i], edges[i + 1]
        in_bin = (conf >= lo) & ((conf <= hi) if i == n_bins - 1 else (conf < hi))
        if in_bin.sum() == 0:
            continue
        ece += in_bin.sum() / len(conf) * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return ece


@pytest.mark.parametrize("n_bins", [1, 2, 3, 5, 10, 15, 37])
def test_ece_matches_a_numpy_loop_on_random_data(n_bins):
    g = torch.Generator().manual_seed(100 + n_bins)
    for k, temperature in ((2, 1.0), (4, 0.5), (7, 3.0)):
        probs = torch.softmax(torch.randn(300, k, generator=g) / temperature, 1)
        targets = torch.randint(0, k, (300,), generator=g)
        got = cw.expected_calibration_error(probs, targets, n_bins=n_bins)
        assert isinstance(got, float)
        assert got == pytest.approx(_ece_by_loop(probs.numpy(), targets.numpy(), n_bins), abs=1e-6)


def test_ece_confidences_on_bin_edges_follow_the_numpy_loop():
    n_bins = 10
    edges = np.linspace(0, 1, n_bins + 1)
    conf = edges[edges >= 0.5]  # 0.5, 0.6, ..., 1.0 exactly on the edges
    probs = np.stack([conf, 1 - conf], axis=1)
    targets = np.array([0, 1, 0, 1, 0, 1])
    got = cw.expected_calibration_error(probs, targets, n_bins=n_bins)
    assert got == pytest.approx(_ece_by_loop(probs, targets, n_bins), abs=1e-12)


def test_ece_bins_are_closed_on_the_left_and_1_goes_in_the_last_bin():
    # n_bins=4: a confidence of 0.5 is in [0.5, 0.75), not with 0.4 in [0.25, 0.5)
    probs = [[0.5, 0.25, 0.25], [0.4, 0.3, 0.3]]
    assert cw.expected_calibration_error(probs, [0, 1], n_bins=4) == pytest.approx(0.5 * 0.5 + 0.5 * 0.4)
    # a confidence of 1.0 shares the last bin [0.9, 1.0] with 0.95: accuracy 1/2, mean confidence 0.975
    probs = [[1.0, 0.0], [0.95, 0.05]]
    assert cw.expected_calibration_error(probs, [1, 0], n_bins=10) == pytest.approx(abs(0.5 - 0.975))


def _calibrated_block(conf, n, n_correct, k=3):
    """n rows of confidence ``conf`` for class 0, of which ``n_correct`` have target 0."""
    row = [conf] + [(1 - conf) / (k - 1)] * (k - 1)
    return [row] * n, [0] * n_correct + [1] * (n - n_correct)


def test_ece_is_zero_when_accuracy_equals_confidence_in_every_bin():
    probs, targets = [], []
    for conf, n, n_correct in ((0.4, 5, 2), (0.6, 10, 6), (0.8, 10, 8), (1.0, 3, 3)):
        p, t = _calibrated_block(conf, n, n_correct)
        probs += p
        targets += t
    for n_bins in (5, 10, 20):
        assert cw.expected_calibration_error(probs, targets, n_bins=n_bins) == pytest.approx(0.0, abs=1e-12)
    # one bin of width 1: only the overall accuracy against the mean confidence counts
    p = [[0.7, 0.3], [0.9, 0.1]]
    assert cw.expected_calibration_error(p, [0, 0], n_bins=1) == pytest.approx(0.2)  # 1 - 0.8
    assert cw.expected_calibration_error(p, [0, 1], n_bins=1) == pytest.approx(0.3)  # |0.5 - 0.8|
    assert cw.expected_calibration_error(p, [0, 1], n_bins=10) == pytest.approx(0.5 * 0.3 + 0.5 * 0.9)


def test_ece_of_labels_drawn_from_the_probabilities_is_small():
    g = torch.Generator().manual_seed(8)
    probs = torch.softmax(torch.randn(20000, 4, generator=g) * 2, 1)
    drawn = torch.multinomial(probs, 1, generator=g).squeeze(1)
    assert cw.expected_calibration_error(probs, drawn) < 0.02
    shuffled = drawn[torch.randperm(len(drawn), generator=g)]
    assert cw.expected_calibration_error(probs, shuffled) > 0.2  # labels unrelated to the probabilities


def test_ece_one_miscalibrated_bin_counts_with_its_share_of_samples():
    p_good, t_good = _calibrated_block(0.8, 30, 24)
    p_bad, t_bad = _calibrated_block(0.95, 10, 2)  # accuracy 0.2 at confidence 0.95
    ece = cw.expected_calibration_error(p_good + p_bad, t_good + t_bad, n_bins=10)
    assert ece == pytest.approx(10 / 40 * abs(0.2 - 0.95))


def test_ece_accepts_tensors_that_require_grad_and_lists():
    logits = torch.randn(10, 3, generator=torch.Generator().manual_seed(9), requires_grad=True)
    probs = torch.softmax(logits, 1)
    targets = torch.arange(10) % 3
    got = cw.expected_calibration_error(probs, targets)
    assert got == pytest.approx(cw.expected_calibration_error(probs.tolist(), targets.tolist()))
    assert got == pytest.approx(_ece_by_loop(probs.detach().numpy(), targets.numpy(), 10), abs=1e-6)


def test_ece_row_sum_tolerance():
    assert math.isfinite(cw.expected_calibration_error([[0.7, 0.3 + 5e-5]], [0]))
    with pytest.raises(ValueError, match=r"sums to 1\.001"):
        cw.expected_calibration_error([[0.7, 0.301]], [0])


def test_ece_docstring_points_to_scikit_learn_for_reliability_curves():
    assert "sklearn.calibration.calibration_curve" in cw.expected_calibration_error.__doc__


@pytest.mark.parametrize(
    "probs, targets, kwargs, err, match",
    [
        ([[2.0, -1.0, 0.5]], [0], {}, ValueError, r"probs\[0, 1\] is -1: probabilities cannot be negative.*softmax"),
        ([[0.2, 0.3, 0.1], [0.5, 0.5, 0.0]], [0, 1], {}, ValueError,
         r"row 0 of probs sums to 0\.6, not 1: pass probabilities, e\.g\. torch\.softmax\(logits, dim=1\)"),
        ([[0.5, 3.0, 1.0]], [0], {}, ValueError, r"row 0 of probs sums to 4\.5.*torch\.softmax"),
        ([[0.5, float("nan")]], [0], {}, ValueError, r"probs contain inf or NaN"),
        ([[0.5, 0.5, 0.0]], [3], {}, ValueError, r"targets contains class 3, outside 0\.\.2"),
        ([[0.5, 0.5, 0.0]], [-1], {}, ValueError, r"targets contains -1"),
        ([[0.5, 0.5], [0.1, 0.9], [1.0, 0.0]], [0, 1], {}, ValueError, r"probs has 3 rows but targets has 2 entries"),
        ([0.5, 0.5], [0], {}, ValueError, r"probs must have shape \(N, K\).*got shape \(2,\)"),
        (np.zeros((0, 3)), [], {}, ValueError, r"probs is empty"),
        ([[1, 0]], [0], {}, TypeError, r"probs must be floating point probabilities.*softmax"),
        ([[1.0, 0.0]], [0.0], {}, TypeError, r"targets must hold integer class indices"),
        ([[1.0, 0.0]], [0], {"n_bins": 0}, ValueError, r"n_bins is 0: it must be at least 1"),
        ([[1.0, 0.0]], [0], {"n_bins": -3}, ValueError, r"n_bins is -3"),
        ([[1.0, 0.0]], [0], {"n_bins": 2.5}, TypeError, r"n_bins must be an int, got float"),
        ([[1.0, 0.0]], [0], {"n_bins": True}, TypeError, r"n_bins must be an int, got bool"),
    ],
)
def test_ece_errors_name_the_problem(probs, targets, kwargs, err, match):
    with pytest.raises(err, match=match):
        cw.expected_calibration_error(probs, targets, **kwargs)


def test_ece_device_errors():
    with pytest.raises(ValueError, match=r"probs is on device 'meta' but targets is on device 'cpu'"):
        cw.expected_calibration_error(torch.zeros(2, 2, device="meta"), torch.tensor([0, 1]))
    with pytest.raises(ValueError, match=r"probs is on device 'meta', which holds no values"):
        cw.expected_calibration_error(torch.zeros(2, 2, device="meta"), torch.tensor([0, 1], device="meta"))
