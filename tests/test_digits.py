"""Lesson 07's data and batched CNN trainer."""

import math
from collections import Counter

import pytest
import torch

import classweights as cw
from classweights.digits import CNNRun, batch_sampler, long_tailed_digits, per_class_accuracy, small_cnn, train_cnns


@pytest.mark.parametrize("ratio", [1, 10, 50])
def test_long_tailed_digits_follows_the_protocol(ratio):
    from sklearn.datasets import load_digits

    d = long_tailed_digits(ratio, seed=3)
    n_max = int(torch.bincount(torch.as_tensor(load_digits().target)).min()) - 20 - 50
    expected = [int(n_max * ratio ** (-i / 9)) for i in range(10)]
    for name, per_class in (("train", expected), ("val", [20] * 10), ("test", [50] * 10)):
        X, y = d[name]
        assert X.dtype == torch.float32 and X.shape == (len(y), 1, 8, 8) and y.dtype == torch.int64
        assert float(X.min()) >= 0.0 and float(X.max()) <= 1.0
        assert torch.bincount(y, minlength=10).tolist() == per_class
    # every image of the three splits is a distinct image of the data set, with its own label: as multisets of
    # (label, 64 pixels), the splits together fit inside load_digits (an image the data set holds m times may
    # be picked at most m times), so no image is used twice, within a split or across splits
    data = load_digits()
    available = Counter((int(t), *r) for t, r in zip(data.target, (data.images / 16.0).reshape(-1, 64).tolist(),
                                                         strict=True))
    rows = torch.cat([d[n][0].reshape(-1, 64) for n in ("train", "val", "test")]).double()
    labels = torch.cat([d[n][1] for n in ("train", "val", "test")])
    picked = Counter((int(t), *r) for t, r in zip(labels.tolist(), rows.tolist(), strict=True))
    assert sum(picked.values()) == len(rows) == sum(expected) + 20 * 10 + 50 * 10
    assert not picked - available, "an image picked more often than load_digits holds it, or not from it"


def test_long_tailed_digits_splits_are_disjoint_and_seeded():
    a, b, c = long_tailed_digits(10, seed=0), long_tailed_digits(10, seed=0), long_tailed_digits(10, seed=1)
    for name in ("train", "val", "test"):
        assert torch.equal(a[name][0], b[name][0]) and torch.equal(a[name][1], b[name][1])
    assert not torch.equal(a["test"][0], c["test"][0])
    flat = {name: {tuple(r) for r in a[name][0].reshape(-1, 64).tolist()} for name in a}
    # distinct images of the data set can coincide pixel for pixel; that must be rare, not a leak
    assert len(flat["train"] & flat["test"]) <= 2 and len(flat["val"] & flat["test"]) <= 2


@pytest.mark.parametrize("kwargs, err, match", [
    ({"ratio": 0.5}, ValueError, "at least 1"),
    ({"ratio": 500}, ValueError, "without a training image"),
    ({"ratio": "10"}, TypeError, "imbalance ratio"),
    ({"ratio": float("nan")}, TypeError, "imbalance ratio"),
    ({"ratio": 10, "val_per_class": 100, "test_per_class": 100}, ValueError, "make them smaller"),
    ({"ratio": 10, "val_per_class": 0}, ValueError, "val_per_class"),
])
def test_long_tailed_digits_errors(kwargs, err, match):
    with pytest.raises(err, match=match):
        long_tailed_digits(**kwargs)


def _plain_loop(X, y, seed, epochs, batch_size, lr, weight=None, oversample=False, offsets=None, gamma=0.0,
                late=None, switch=None):
    """What the lesson writes out: DataLoader batches, a CNN, Adam, the run's loss."""
    # the sampler is created once and iterated every epoch, as a DataLoader does
    torch.manual_seed(seed)
    model = small_cnn(dtype=X.dtype)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sampler = batch_sampler(y, seed, batch_size, oversample)
    for epoch in range(epochs):
        w = late if switch is not None and epoch >= switch else weight
        for idx in sampler:
            opt.zero_grad()
            logits = model(X[idx]) + (0 if offsets is None else offsets)
            if gamma:
                loss = cw.focal_loss(logits, y[idx], gamma=gamma, weight=w)
            else:
                loss = torch.nn.CrossEntropyLoss(weight=w)(logits, y[idx])
            loss.backward()
            opt.step()
    return model.eval()


def test_train_cnns_equals_the_plain_loop_for_every_kind_of_run():
    """In float64, so that Adam's sensitivity to float32 rounding (a sign-like first step on tiny gradients)
    cannot hide a real difference: the two must agree to 1e-8 after 24 steps."""
    d = long_tailed_digits(10)
    X, y = d["train"]
    X = X.double()
    counts = cw.class_counts(y, num_classes=10).double()
    bal, la = cw.balanced(counts), cw.logit_adjustment(counts)
    kinds = [dict(), dict(weight=bal), dict(gamma=2.0), dict(logit_offsets=la), dict(oversample=True),
             dict(deferred_weight=bal, defer_epoch=2)]
    runs = [CNNRun(X, y, seed=s, **kw) for s, kw in enumerate(kinds)]
    models = train_cnns(runs, epochs=3, batch_size=64, lr=0.01)
    Xv = d["val"][0].double()
    for s, (kw, model) in enumerate(zip(kinds, models, strict=True)):
        alone = _plain_loop(X, y, s, 3, 64, 0.01, weight=kw.get("weight"), oversample=kw.get("oversample", False),
                            offsets=kw.get("logit_offsets"), gamma=kw.get("gamma", 0.0), late=kw.get("deferred_weight"),
                            switch=kw.get("defer_epoch"))
        with torch.no_grad():
            assert torch.allclose(model(Xv), alone(Xv), atol=1e-8, rtol=1e-8), kw


def test_a_dataloader_draws_the_batches_of_batch_sampler():
    from torch.utils.data import DataLoader, RandomSampler, TensorDataset, WeightedRandomSampler

    _, y = long_tailed_digits(10)["train"]
    data = TensorDataset(torch.arange(len(y)))
    shuffled = DataLoader(data, batch_size=32,
                          sampler=RandomSampler(range(len(y)), generator=torch.Generator().manual_seed(4)))
    counts = torch.bincount(y, minlength=10).double()
    over = DataLoader(data, batch_size=32, sampler=WeightedRandomSampler((1.0 / counts)[y], len(y),
                                                                         generator=torch.Generator().manual_seed(4)))
    for loader, oversample in ((shuffled, False), (over, True)):
        sampler = batch_sampler(y, 4, 32, oversample)
        for _ in range(2):  # two epochs: the generator goes on from one epoch to the next in both
            assert [b[0].tolist() for b in loader] == [list(b) for b in sampler]
    drawn = torch.cat([torch.as_tensor(b) for b in batch_sampler(y, 0, 32, oversample=True)])
    shares = torch.bincount(y[drawn], minlength=10) / len(drawn)
    assert shares.min() > 0.05 and shares.max() < 0.16  # every digit about a tenth of the draws


def test_train_cnns_errors():
    X, y = long_tailed_digits(10)["train"]
    with pytest.raises(TypeError, match="CNNRun"):
        train_cnns([])
    with pytest.raises(ValueError, match="shape \\(n, 1, 8, 8\\)"):
        train_cnns([CNNRun(X.reshape(-1, 64), y)])
    with pytest.raises(ValueError, match="one per digit"):
        train_cnns([CNNRun(X, y, weight=[1.0, 2.0])], epochs=1)
    with pytest.raises(ValueError, match="defer_epoch"):
        train_cnns([CNNRun(X, y, defer_epoch=1)], epochs=1)
    with pytest.raises(ValueError, match="inf or NaN"):
        train_cnns([CNNRun(X, y, logit_offsets=[float("inf")] * 10)], epochs=1)


def test_per_class_accuracy_is_recall_and_offsets_shift_the_argmax():
    logits = torch.tensor([[2.0, 1.0], [2.0, 1.5], [0.0, 3.0], [1.0, 0.0]])
    y = torch.tensor([0, 1, 1, 0])
    assert per_class_accuracy(logits, y).tolist() == [1.0, 0.5]
    assert per_class_accuracy(logits, y, offsets=[0.8, 0.0]).tolist() == [1.0, 1.0]
    assert math.isclose(float(per_class_accuracy(logits, y).mean()), 0.75)


def test_tau_state_and_explorer():
    logits = torch.tensor([[2.0, 1.5], [3.0, 0.0], [0.0, 3.0], [1.0, 0.2]])
    y = torch.tensor([1, 0, 1, 1])
    counts = torch.tensor([90.0, 10.0])
    # tau * log prior: class 0's logit drops by tau * log 0.9, class 1's by tau * log 0.1 (much more negative)
    assert cw.tau_state(logits, y, counts, 0.0)["per_class"] == [1.0, 1 / 3]
    at_1 = cw.tau_state(logits, y, counts, 1.0)
    assert at_1["per_class"] == [1.0, 1.0] and at_1["balanced_accuracy"] == 1.0
    with pytest.raises(ValueError, match="tau"):
        cw.tau_state(logits, y, counts, -1.0)
    ex = cw.tau_explorer(logits, y, counts).explorer
    assert ex.state["tau"] == 0.0 and len(ex.sliders) == 1
    png = ex.chart.value
    ex.tau.value = 1.0
    assert ex.state == at_1 and ex.chart.value != png and "1.000" in ex.table.value
    ex.tau.value = 0.0
    assert ex.chart.value == png  # the updated bars draw what the first drawing drew
    zh = cw.tau_explorer(logits, y, counts, lang="zh-TW").explorer
    assert "平衡準確率" in zh.table.value
