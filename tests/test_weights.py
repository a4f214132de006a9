import numpy as np
import pytest
import torch
from sklearn.utils.class_weight import compute_class_weight

import classweights as cw

COUNTS = [800.0, 100.0, 50.0, 50.0]


@pytest.mark.parametrize("kind", [list, np.array, torch.tensor])
def test_schemes_accept_lists_arrays_and_tensors(kind):
    c = kind(COUNTS)
    # by hand, counts 800, 100, 50, 50 (N = 1000, K = 4):
    # 1 / n                   = 1/800, 1/100, 1/50, 1/50
    # (1 + 0.5) / (n + 0.5)   = 1.5/800.5, 1.5/100.5, 1.5/50.5, 1.5/50.5
    # N / (K n) = 1000 / (4n) = 1000/3200, 1000/400, 1000/200, 1000/200
    torch.testing.assert_close(cw.inverse_frequency(c), torch.tensor([0.00125, 0.01, 0.02, 0.02]))
    torch.testing.assert_close(cw.smoothed_inverse_frequency(c, 0.5),
                               torch.tensor([1.5 / 800.5, 1.5 / 100.5, 1.5 / 50.5, 1.5 / 50.5]))
    torch.testing.assert_close(cw.balanced(c), torch.tensor([0.3125, 2.5, 5.0, 5.0]))


def test_small_counts_by_hand():
    # counts [8, 2]: inverse frequency [1/8, 1/2]; smoothed with s = 1: (1 + 1) / (n + 1) = [2/9, 2/3];
    # balanced N / (K n) = 10 / (2 n) = [5/8, 5/2]
    torch.testing.assert_close(cw.inverse_frequency([8.0, 2.0]), torch.tensor([0.125, 0.5]))
    torch.testing.assert_close(cw.smoothed_inverse_frequency([8.0, 2.0], 1.0), torch.tensor([2 / 9, 2 / 3]))
    torch.testing.assert_close(cw.balanced([8.0, 2.0]), torch.tensor([0.625, 2.5]))


def test_class_counts_from_labels():
    labels = [0, 0, 2, 2, 2]
    torch.testing.assert_close(cw.class_counts(labels), torch.tensor([2.0, 0.0, 3.0]))
    torch.testing.assert_close(cw.class_counts(np.array(labels), num_classes=5),
                               torch.tensor([2.0, 0.0, 3.0, 0.0, 0.0]))
    assert cw.class_counts(torch.tensor(labels)).dtype == torch.float32


def test_balanced_matches_scikit_learn():
    rng = np.random.default_rng(0)
    for _ in range(20):
        k = int(rng.integers(2, 8))
        y = rng.integers(0, k, size=int(rng.integers(k * 3, 500)))
        y[:k] = np.arange(k)  # every class present
        ours = cw.balanced(cw.class_counts(y)).numpy()
        theirs = compute_class_weight("balanced", classes=np.arange(k), y=y)
        np.testing.assert_allclose(ours, theirs, rtol=1e-6)
        # scikit-learn's balanced weights are N / (K n): times K / N they are the inverse frequencies 1 / n
        inverse = theirs * k / len(y)
        np.testing.assert_allclose(cw.inverse_frequency(cw.class_counts(y)).numpy(), inverse, rtol=1e-6)
        np.testing.assert_allclose(cw.smoothed_inverse_frequency(cw.class_counts(y), 0.0).numpy(), inverse, rtol=1e-6)


def test_balanced_weights_sum_of_targets_weights_is_n():
    y = torch.tensor([0] * 8 + [1] * 2)
    w = cw.balanced(cw.class_counts(y))
    assert w[y].sum().item() == pytest.approx(10.0)


def test_effective_number_by_hand_and_limits():
    # counts [8, 2], beta = 1/2: (1 - beta) / (1 - beta^n) = (1/2) / (255/256) = 128/255 and (1/2) / (3/4) = 170/255;
    # their sum is 298/255, and rescaled to sum K = 2 they are 256/298 = 128/149 and 340/298 = 170/149
    torch.testing.assert_close(cw.effective_number([8.0, 2.0], 0.5), torch.tensor([128 / 149, 170 / 149]))
    # counts [1, 2, 3], beta = 1/2: raw 1, 2/3, 4/7 (sum 47/21); rescaled to sum 3: 63/47, 42/47, 36/47
    torch.testing.assert_close(cw.effective_number([1.0, 2.0, 3.0], 0.5), torch.tensor([63 / 47, 42 / 47, 36 / 47]))
    n = torch.tensor(COUNTS)
    w = cw.effective_number(n, 0.99)
    assert w.sum().item() == pytest.approx(4.0)
    assert w[0] < w[1] < w[2] and w[2] == w[3]  # fewer samples, larger weight
    # beta = 0: every class's raw weight is 1 / 1
    torch.testing.assert_close(cw.effective_number(n, 0.0), torch.ones(4))
    # beta -> 1 approaches inverse frequency rescaled to sum K: [1/8, 1/2] over 5/8, times 2 = [0.4, 1.6]
    torch.testing.assert_close(cw.effective_number(torch.tensor([8.0, 2.0], dtype=torch.float64), 1 - 1e-9),
                               torch.tensor([0.4, 1.6], dtype=torch.float64), rtol=1e-6, atol=0)


def test_smoothing_pulls_towards_one_and_does_not_lower_rare_weights():
    n = torch.tensor(COUNTS)
    inv, smooth = cw.inverse_frequency(n), cw.smoothed_inverse_frequency(n, 0.1)
    assert torch.all(smooth > inv)  # (1 + s)/(n + s) > 1/n for n > 1: smoothing raises every weight here
    assert torch.all(smooth <= 1)


def test_smoothing_is_no_fix_for_a_zero_count():
    # (1 + s) / s with s = 0.1 is 11; the class of 800 gets 1.1 / 800.1: 11 / (1.1 / 800.1) = 8001 times more
    with pytest.raises(ValueError, match=r"class 2 has a count of 0: \(1 \+ s\) / s = 11 .*8001 times.*rarest"):
        cw.smoothed_inverse_frequency([800.0, 100.0, 0.0], 0.1)
    with pytest.raises(ValueError, match=r"zero_count is 'max'"):
        cw.smoothed_inverse_frequency([800.0, 100.0, 0.0], 0.1, zero_count="max")
    with pytest.raises(ValueError, match=r"every count is 0"):
        cw.smoothed_inverse_frequency([0.0, 0.0], 0.1, zero_count="rarest")


def test_a_zero_count_can_take_the_rarest_counted_class_weight():
    # by hand: counts 800, 100, 0 with s = 0.1: 1.1 / 800.1, 1.1 / 100.1, and class 2 takes class 1's 1.1 / 100.1
    torch.testing.assert_close(cw.smoothed_inverse_frequency([800.0, 100.0, 0.0], 0.1, zero_count="rarest"),
                               torch.tensor([1.1 / 800.1, 1.1 / 100.1, 1.1 / 100.1]))
    # counts 0, 4, 2 with s = 0.5: 1.5 / 4.5 and 1.5 / 2.5; class 0 takes the larger, 1.5 / 2.5 = 0.6
    torch.testing.assert_close(cw.smoothed_inverse_frequency([0.0, 4.0, 2.0], 0.5, zero_count="rarest"),
                               torch.tensor([0.6, 1.5 / 4.5, 0.6]))
    # without a zero count the option changes nothing: scikit-learn's balanced weights times K / N are 1 / n
    y = np.array([0] * 6 + [1] * 3 + [2])
    inverse = compute_class_weight("balanced", classes=np.arange(3), y=y) * 3 / len(y)
    np.testing.assert_allclose(cw.smoothed_inverse_frequency(cw.class_counts(y), 0.0, zero_count="rarest").numpy(),
                               inverse, rtol=1e-6)


@pytest.mark.parametrize("scheme", [cw.inverse_frequency, cw.balanced, cw.effective_number,
                                    lambda c: cw.smoothed_inverse_frequency(c, 0.0)])
def test_zero_count_is_named_with_a_fix(scheme):
    with pytest.raises(ValueError, match=r"class 2 has a count of 0.*(smooth|minlength|num_classes)"):
        scheme([5.0, 3.0, 0.0])


@pytest.mark.parametrize("bad, match", [
    ([3.0, -1.0], r"counts\[1\] is -1.*negative"),
    ([3.0, float("nan")], r"counts\[1\] is nan.*finite"),
    ([float("inf"), 1.0], r"counts\[0\] is inf.*finite"),
    ([], r"counts is empty"),
    ([[1.0, 2.0]], r"1-D"),
])
def test_bad_counts(bad, match):
    for scheme in (cw.inverse_frequency, cw.smoothed_inverse_frequency, cw.balanced, cw.effective_number):
        with pytest.raises(ValueError, match=match):
            scheme(bad)


def test_wrong_types():
    with pytest.raises(TypeError, match="counts must be a list, a NumPy array or a torch tensor"):
        cw.balanced("8, 2")
    with pytest.raises(TypeError, match=r"integer class indices.*long"):
        cw.class_counts([0.0, 1.0])
    with pytest.raises(TypeError, match="smoothing must be a number"):
        cw.smoothed_inverse_frequency([1.0, 2.0], smoothing="0.1")


@pytest.mark.parametrize("beta", [-0.1, 1.0, 1.5, float("nan")])
def test_beta_out_of_range(beta):
    with pytest.raises(ValueError, match=r"beta is .*\[0, 1\)"):
        cw.effective_number([3.0, 4.0], beta)


def test_negative_smoothing():
    with pytest.raises(ValueError, match=r"smoothing is -0\.1"):
        cw.smoothed_inverse_frequency([3.0, 4.0], -0.1)


def test_label_problems():
    with pytest.raises(ValueError, match="labels is empty"):
        cw.class_counts([])
    with pytest.raises(ValueError, match="labels contains -1"):
        cw.class_counts([0, -1])
    with pytest.raises(ValueError, match=r"class 3, outside 0..2"):
        cw.class_counts([0, 3], num_classes=3)
    with pytest.raises(ValueError, match="num_classes is 0"):
        cw.class_counts([0], num_classes=0)


def test_weights_stay_on_the_counts_device():
    n = torch.tensor(COUNTS, device="meta")
    for scheme in (cw.inverse_frequency, cw.smoothed_inverse_frequency, cw.balanced, cw.effective_number):
        assert scheme(n).device.type == "meta"
