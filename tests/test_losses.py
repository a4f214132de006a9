import math

import numpy as np
import pytest
import torch

import classweights as cw


def random_case(gen, n, k, with_weight):
    logits = torch.randn(n, k, generator=gen) * 3
    targets = torch.randint(0, k, (n,), generator=gen)
    weight = torch.rand(k, generator=gen) * 4 + 0.01 if with_weight else None
    return logits, targets, weight


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_parts_add_up_to_cross_entropy_on_many_random_cases(reduction):
    gen = torch.Generator().manual_seed(1234)
    for trial in range(300):
        n = int(torch.randint(1, 200, (1,), generator=gen))
        k = int(torch.randint(2, 12, (1,), generator=gen))
        logits, targets, weight = random_case(gen, n, k, with_weight=trial % 4 != 0)
        parts = cw.per_class_loss(logits, targets, weight, reduction)
        expected = torch.nn.CrossEntropyLoss(weight=weight, reduction=reduction)(logits, targets)
        assert parts.shape == (k,)
        torch.testing.assert_close(parts.sum(), expected, rtol=2e-5, atol=1e-6)
        # a class absent from the targets contributes exactly nothing
        absent = torch.ones(k, dtype=torch.bool)
        absent[targets] = False
        assert torch.all(parts[absent] == 0)


def test_each_part_is_the_class_weighted_sum_in_float64():
    gen = torch.Generator().manual_seed(7)
    logits, targets, weight = random_case(gen, 60, 5, True)
    logits = logits.double()
    parts = cw.per_class_loss(logits, targets, weight, "mean")
    ce = torch.nn.functional.cross_entropy(logits, targets, reduction="none")
    w = weight.double()
    for c in range(5):
        mine = (w[c] * ce[targets == c]).sum() / w[targets].sum()
        torch.testing.assert_close(parts[c], mine)


def test_scaling_weights_changes_sum_but_not_mean():
    gen = torch.Generator().manual_seed(3)
    logits, targets, weight = random_case(gen, 40, 3, True)
    mean1 = cw.per_class_loss(logits, targets, weight, "mean")
    mean10 = cw.per_class_loss(logits, targets, 10 * weight, "mean")
    sum1 = cw.per_class_loss(logits, targets, weight, "sum")
    sum10 = cw.per_class_loss(logits, targets, 10 * weight, "sum")
    torch.testing.assert_close(mean1, mean10)
    torch.testing.assert_close(sum10, 10 * sum1)


def test_toy_example_parts():
    logits = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.6931, 0.6931]] * 2)
    targets = torch.tensor([0] * 8 + [1] * 2)
    per_sample = -torch.log_softmax(logits[0], 0)[0]
    torch.testing.assert_close(cw.per_class_loss(logits, targets), torch.stack([8 * per_sample, 2 * per_sample]))
    balanced = cw.per_class_loss(logits, targets, cw.balanced(cw.class_counts(targets)))
    torch.testing.assert_close(balanced[0], balanced[1])


def test_inputs_as_lists_and_arrays_and_gradients_flow():
    logits = torch.tensor([[1.0, 0.0], [0.0, 2.0]], requires_grad=True)
    parts = cw.per_class_loss(logits, [0, 1], np.array([1.0, 3.0]), "mean")
    # by hand: sample 0 costs ln(1 + e^-1), sample 1 costs ln(1 + e^-2); weights 1 and 3, mean divides by 1 + 3
    torch.testing.assert_close(parts.detach(), torch.tensor([math.log(1 + math.exp(-1)) / 4,
                                                             3 * math.log(1 + math.exp(-2)) / 4]))
    parts.sum().backward()
    # the gradient is torch's own for the weighted mean cross-entropy
    reference = logits.detach().clone().requires_grad_(True)
    torch.nn.functional.cross_entropy(reference, torch.tensor([0, 1]), weight=torch.tensor([1.0, 3.0])).backward()
    torch.testing.assert_close(logits.grad, reference.grad)
    # float64 arrays work too, and stay float64: softmax(1, 0) puts e^0 / (e^1 + e^0) on class 1,
    # so its part is ln(1 + e) and class 0 (absent) gets nothing
    parts64 = cw.per_class_loss(np.array([[1.0, 0.0]]), np.array([1]))
    assert parts64.dtype == torch.float64
    torch.testing.assert_close(parts64, torch.tensor([0.0, math.log(1 + math.e)], dtype=torch.float64))


LOGITS = torch.zeros(4, 3)
TARGETS = torch.tensor([0, 1, 2, 1])


@pytest.mark.parametrize("kwargs, err, match", [
    (dict(weight=[1.0, 2.0]), ValueError, "weight has 2 entries but the logits have 3 classes"),
    (dict(weight=[1.0, -2.0, 1.0]), ValueError, r"weight\[1\] is -2.*negative"),
    (dict(weight=[1.0, float("nan"), 1.0]), ValueError, r"weight\[1\] is nan"),
    (dict(weight=[1.0, float("inf"), 1.0]), ValueError, r"weight\[1\] is inf"),
    (dict(targets=[0, 1, 3, 1]), ValueError, r"class 3, outside 0..2"),
    (dict(targets=[0, 1, 2]), ValueError, "4 rows but targets has 3"),
    (dict(targets=[]), ValueError, "targets is empty"),
    (dict(targets=[0.0, 1.0, 2.0, 1.0]), TypeError, "integer class indices"),
    (dict(reduction="avg"), ValueError, "reduction is 'avg': use 'sum' or 'mean'"),
    (dict(reduction="none"), ValueError, "use 'sum' or 'mean'"),
    (dict(logits=torch.zeros(4)), ValueError, r"shape \(N, K\)"),
    (dict(logits=torch.zeros(4, 3, dtype=torch.long)), TypeError, "floating point"),
    (dict(logits=torch.full((4, 3), float("nan"))), ValueError, "logits contain inf or NaN"),
    (dict(weight=[0.0, 0.0, 1.0], targets=[0, 1, 0, 1], reduction="mean"), ValueError, "0 by 0.*reduction='sum'"),
    (dict(logits="x"), TypeError, "logits must be a list, a NumPy array or a torch tensor"),
])
def test_bad_input(kwargs, err, match):
    args = dict(logits=LOGITS, targets=TARGETS, weight=None, reduction="sum") | kwargs
    with pytest.raises(err, match=match):
        cw.per_class_loss(**args)


def test_all_zero_weights_with_sum_are_fine():
    parts = cw.per_class_loss(LOGITS, TARGETS, [0.0, 0.0, 0.0], "sum")
    assert torch.all(parts == 0)


@pytest.mark.parametrize("where", ["targets", "weight", "logits"])
def test_mixed_devices_name_both(where):
    args = dict(logits=LOGITS, targets=TARGETS, weight=torch.ones(3))
    args[where] = args[where].to("meta")
    with pytest.raises(ValueError, match=r"on device '(cpu|meta)' but \w+ is on device '(meta|cpu)'.*\.to\("):
        cw.per_class_loss(**args)


def test_all_on_meta_device_works():
    parts = cw.per_class_loss(LOGITS.to("meta"), TARGETS.to("meta"), torch.ones(3, device="meta"), "mean")
    assert parts.device.type == "meta" and parts.shape == (3,)


# --- the one loss of the trainers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("batched", [False, True])
@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_weighted_cross_entropy_is_torchs_cross_entropy_with_offsets_and_label_smoothing(batched, reduction):
    from classweights.losses import weighted_cross_entropy

    gen = torch.Generator().manual_seed(7)
    for trial in range(40):
        logits, targets, weight = random_case(gen, 30, 4, with_weight=trial % 3 != 0)
        offsets = torch.randn(4, generator=gen)
        smoothing = 0.0 if trial % 2 else 0.15
        got = weighted_cross_entropy(logits, targets, weight, offsets=offsets, label_smoothing=smoothing,
                                     reduction=reduction, batched=batched)
        expected = torch.nn.functional.cross_entropy(logits + offsets, targets, weight=weight, reduction=reduction,
                                                     label_smoothing=smoothing)
        torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-6)


def test_weighted_cross_entropy_focal_by_hand_and_under_vmap():
    """Sample costs w[y] (1 - p)^gamma (-log p), by hand for p = 3/4 and 1/3 (gamma 2), mean over sum_i w[y_i];
    under torch.func.vmap with a weight vector per model it equals each model's plain call."""
    from torch.func import vmap

    from classweights.losses import weighted_cross_entropy

    logits = torch.log(torch.tensor([[3.0, 1.0], [1.0, 2.0]], dtype=torch.float64))  # p = 3/4, then 2/3
    targets = torch.tensor([0, 0])  # the second sample's class has p = 1/3
    w = torch.tensor([2.0, 5.0], dtype=torch.float64)
    costs = [2.0 * (1 / 4) ** 2 * -math.log(3 / 4), 2.0 * (2 / 3) ** 2 * -math.log(1 / 3)]
    for batched in (False, True):
        got = weighted_cross_entropy(logits, targets, w, gamma=2.0, reduction="none", batched=batched)
        torch.testing.assert_close(got, torch.tensor(costs, dtype=torch.float64))
        mean = weighted_cross_entropy(logits, targets, w, gamma=2.0, batched=batched)
        assert float(mean) == pytest.approx(sum(costs) / 4.0)
    gen = torch.Generator().manual_seed(3)
    X = torch.randn(3, 50, 3, generator=gen)
    Y = torch.randint(0, 3, (3, 50), generator=gen)
    W = torch.rand(3, 3, generator=gen) + 0.1
    for gamma in (0.0, 2.0):
        many = vmap(lambda x, y, w, g=gamma: weighted_cross_entropy(x, y, w, gamma=g, batched=True))(X, Y, W)
        alone = torch.stack([weighted_cross_entropy(x, y, w, gamma=gamma) for x, y, w in zip(X, Y, W)])
        torch.testing.assert_close(many, alone)
    with pytest.raises(ValueError, match="label_smoothing and the focal loss"):
        weighted_cross_entropy(logits, targets, w, gamma=2.0, label_smoothing=0.1)
