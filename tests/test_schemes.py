import math

import pytest
import torch

import classweights as cw


def test_sqrt_inverse_frequency_by_hand():
    # 1 / sqrt(n) for perfect squares: 1/10, 1/5, 1/2
    torch.testing.assert_close(cw.sqrt_inverse_frequency(torch.tensor([100.0, 25.0, 4.0])),
                               torch.tensor([0.1, 0.2, 0.5]))
    torch.testing.assert_close(cw.sqrt_inverse_frequency([1.0, 100.0]), torch.tensor([1.0, 0.1]))
    with pytest.raises(ValueError, match="class 1 has a count of 0"):
        cw.sqrt_inverse_frequency([3.0, 0.0])


def test_logit_adjustment_by_hand():
    # tau * log prior. Counts 50, 25, 25: priors 1/2, 1/4, 1/4, logs -ln 2, -2 ln 2, -2 ln 2
    ln2 = math.log(2)
    torch.testing.assert_close(cw.logit_adjustment([50.0, 25.0, 25.0], tau=1.0),
                               torch.tensor([-ln2, -2 * ln2, -2 * ln2]))
    torch.testing.assert_close(cw.logit_adjustment([50.0, 25.0, 25.0], tau=0.5), torch.tensor([-ln2 / 2, -ln2, -ln2]))
    # counts 900, 90, 10: priors 0.9, 0.09, 0.01
    n = torch.tensor([900.0, 90.0, 10.0])
    torch.testing.assert_close(cw.logit_adjustment(n, tau=1.0),
                               torch.tensor([math.log(0.9), math.log(0.09), math.log(0.01)]))
    assert torch.all(cw.logit_adjustment(n, tau=0.0) == 0)
    with pytest.raises(ValueError, match="tau is -1"):
        cw.logit_adjustment(n, tau=-1)
    with pytest.raises(ValueError, match="class 2 has a count of 0"):
        cw.logit_adjustment([5.0, 5.0, 0.0])


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_focal_loss_is_cross_entropy_at_gamma_zero(reduction):
    gen = torch.Generator().manual_seed(5)
    for _ in range(50):
        n, k = int(torch.randint(1, 60, (1,), generator=gen)), int(torch.randint(2, 7, (1,), generator=gen))
        logits, targets = torch.randn(n, k, generator=gen) * 2, torch.randint(0, k, (n,), generator=gen)
        weight = torch.rand(k, generator=gen) + 0.05
        for w in (None, weight):
            torch.testing.assert_close(cw.focal_loss(logits, targets, 0.0, w, reduction),
                                       torch.nn.CrossEntropyLoss(weight=w, reduction=reduction)(logits, targets))


def test_focal_loss_by_hand_and_gradients():
    # sample 0: logits (ln 6, 0, 0), class 0: p = 6 / (6 + 1 + 1) = 3/4, cost 0.5 * (1/4)^2 * ln(4/3) = ln(4/3) / 32
    # sample 1: logits (0, 0, 0), class 2: p = 1/3, cost 2 * (2/3)^2 * ln 3 = 8 ln(3) / 9
    # "mean" divides by the targets' weights 0.5 + 2
    logits = torch.tensor([[math.log(6), 0.0, 0.0], [0.0, 0.0, 0.0]], requires_grad=True)
    targets = torch.tensor([0, 2])
    w = torch.tensor([0.5, 1.0, 2.0])
    expected = torch.tensor([math.log(4 / 3) / 32, 8 * math.log(3) / 9])
    torch.testing.assert_close(cw.focal_loss(logits, targets, 2.0, w, "none"), expected)
    torch.testing.assert_close(cw.focal_loss(logits, targets, 2.0, w, "sum"), expected.sum())
    torch.testing.assert_close(cw.focal_loss(logits, targets, 2.0, w, "mean"), expected.sum() / 2.5)
    # gamma = 1 on sample 1: 2 * (2/3) * ln 3
    torch.testing.assert_close(cw.focal_loss(logits[1:], targets[1:], 1.0, w, "none"),
                               torch.tensor([4 * math.log(3) / 3]))
    cw.focal_loss(logits, targets, 2.0, w).backward()
    assert torch.isfinite(logits.grad).all()
    # easy samples count less with larger gamma
    assert cw.focal_loss(logits, targets, 5.0, w) < cw.focal_loss(logits, targets, 1.0, w)


def test_focal_loss_bad_input():
    with pytest.raises(ValueError, match="gamma is -1"):
        cw.focal_loss(torch.zeros(2, 2), [0, 1], gamma=-1)
    with pytest.raises(ValueError, match="reduction is 'avg'"):
        cw.focal_loss(torch.zeros(2, 2), [0, 1], reduction="avg")
    with pytest.raises(ValueError, match="weight has 3 entries"):
        cw.focal_loss(torch.zeros(2, 2), [0, 1], weight=[1, 1, 1])


def test_oversampling_draws_each_class_about_equally():
    labels = torch.tensor([0] * 900 + [1] * 90 + [2] * 10)
    sampler = cw.oversampling_sampler(labels, num_samples=30000, seed=0)
    assert isinstance(sampler, torch.utils.data.WeightedRandomSampler)
    drawn = torch.bincount(labels[torch.tensor(list(sampler))], minlength=3).float() / 30000
    assert torch.allclose(drawn, torch.full((3,), 1 / 3), atol=0.02), drawn
    # seeded: the same draws again
    assert list(cw.oversampling_sampler(labels, seed=1)) == list(cw.oversampling_sampler(labels, seed=1))
    with pytest.raises(ValueError, match="labels is empty"):
        cw.oversampling_sampler([])


def test_train_with_other_routes():
    X, y = cw.imbalanced_blobs(seed=0)
    Xt, yt = cw.imbalanced_blobs(seed=1)
    n = cw.class_counts(y)
    plain = cw.evaluate(cw.train(X, y), Xt, yt)
    for model in (cw.train(X, y, sampler=cw.oversampling_sampler(y)),
                  cw.train(X, y, logit_offsets=cw.logit_adjustment(n)),
                  cw.LogitAdjusted(cw.train(X, y), cw.logit_adjustment(n)),
                  cw.train(X, y, loss_fn=lambda lo, t: cw.focal_loss(lo, t, 2.0, cw.balanced(n)))):
        m = cw.evaluate(model, Xt, yt)
        assert m["balanced_accuracy"] > plain["balanced_accuracy"] + 0.05
    with pytest.raises(ValueError, match=r"put the weights .* inside loss_fn"):
        cw.train(X, y, cw.balanced(n), loss_fn=torch.nn.CrossEntropyLoss())
    with pytest.raises(ValueError, match="logit_offsets must be 3 finite numbers"):
        cw.train(X, y, logit_offsets=[0.0, 1.0])


def test_scheme_lab_small_and_table():
    lab = cw.scheme_lab(ratios=(10,), seeds=(0, 1), n_majority=200, test_factor=3)
    assert lab.counts[10] == [200.0, 20.0, 20.0]
    runs = lab.results[10]
    assert len(runs) == 10 and all(len(v) == 2 for v in runs.values())
    # the test sets are test_factor times the training set: 3 x 240 samples
    assert all(sum(map(sum, r["confusion_matrix"])) == 720 for r in runs["no weights"])
    # inverse frequency and balanced have the same ratios, so under "mean" the same models
    assert all(math.isclose(a["balanced_accuracy"], b["balanced_accuracy"], abs_tol=1e-3)
               for a, b in zip(runs["inverse frequency"], runs["balanced"], strict=True))
    # every tuned knob is one of its grid values, one choice per seed
    for name, (_, grid) in lab.knobs.items():
        assert len(lab.chosen[10][name]) == 2 and set(lab.chosen[10][name]) <= set(grid)
    table = cw.lab_table(lab, 10)
    assert "±" in table and "no weights" in table and len(table.splitlines()) == 11
    assert "不加權" in cw.lab_table(lab, 10, lang="zh-TW")


def test_knobs_are_chosen_on_the_validation_set(monkeypatch):
    """Every candidate is scored on validation data only; the test set sees just the final models."""
    from classweights import schemes

    seen = []
    real = schemes.evaluate
    monkeypatch.setattr(schemes, "evaluate",
                        lambda m, X, y, num_classes=None: seen.append(len(y)) or real(m, X, y, num_classes))
    lab = cw.scheme_lab(ratios=(10,), seeds=(0,), n_majority=100, val_factor=2, test_factor=5)
    n_train = 100 + 2 * 10
    n_candidates = sum(len(grid) for _, grid in lab.knobs.values())
    assert seen.count(2 * n_train) == n_candidates
    assert seen.count(5 * n_train) == len(lab.results[10])  # one test evaluation per scheme


def test_metric_and_mean_std():
    from classweights.metrics import mean_std, metric

    r = {"recall": [0.9, 0.5, 0.7], "precision": [0.95, 0.4, 0.2], "balanced_accuracy": 0.7}
    assert metric(r, "weakest_minority_recall") == 0.5 and metric(r, "majority_recall") == 0.9
    assert math.isclose(metric(r, "minority_precision"), 0.3) and math.isclose(metric(r, "minority_recall"), 0.6)
    m, s = mean_std([{"balanced_accuracy": 0.6}, {"balanced_accuracy": 0.8}], "balanced_accuracy")
    assert math.isclose(m, 0.7) and math.isclose(s, 0.1)  # population std: divide by the number of seeds
    lab = cw.SchemeLab(results={1: {"a": [{"balanced_accuracy": v} for v in (0.80, 0.82)],
                                    "b": [{"balanced_accuracy": v} for v in (0.79, 0.81)],
                                    "c": [{"balanced_accuracy": v} for v in (0.60, 0.61)]}},
                       counts={}, chosen={}, knobs={})
    assert lab.overlapping(1) == ("a", ["a", "b"])


def test_focal_loss_on_one_device_and_mixed_devices():
    """The meta device stands in for a GPU: all on one device works, a mix is refused with both names."""
    logits, targets = torch.zeros(4, 3, device="meta"), torch.zeros(4, dtype=torch.long, device="meta")
    w = torch.ones(3, device="meta")
    assert cw.focal_loss(logits, targets, 2.0, w).device.type == "meta"
    with pytest.raises(ValueError, match="logits is on device 'meta' but weight is on device 'cpu'"):
        cw.focal_loss(logits, targets, 2.0, torch.ones(3))
    with pytest.raises(ValueError, match="X is on device 'cpu' but logit_offsets is on device 'meta'"):
        X, y = cw.imbalanced_blobs(n_samples=30)
        cw.train(X, y, logit_offsets=torch.zeros(3, device="meta"))
