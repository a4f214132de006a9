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
                late=None, switch=None, drop=None, factor=0.1):
    """What the lesson writes out: DataLoader batches, a CNN, Adam with torch's MultiStepLR, the run's loss."""
    # the sampler is created once and iterated every epoch, as a DataLoader does
    torch.manual_seed(seed)
    model = small_cnn(dtype=X.dtype)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[] if drop is None else [drop], gamma=factor)
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
        schedule.step()
    return model.eval()


KINDS = [{}, {"weight": "bal"}, {"gamma": 2.0}, {"logit_offsets": "la"}, {"oversample": True},
         {"deferred_weight": "bal", "defer_epoch": 2}]


def _kinds(y):
    counts = cw.class_counts(y, num_classes=10).double()
    named = {"bal": cw.balanced(counts), "la": cw.logit_adjustment(counts)}
    return [{k: named.get(v, v) if isinstance(v, str) else v for k, v in kw.items()} for kw in KINDS]


@pytest.mark.parametrize("drop", [None, 1])
def test_train_cnns_equals_the_plain_loop_for_every_kind_of_run(drop):
    """In float64, so that Adam's sensitivity to float32 rounding (a sign-like first step on tiny gradients)
    cannot hide a real difference: the two must agree to 1e-8 after 24 steps. Two different splits of the same
    size train in one group (one stacked set of images per model), with and without a learning-rate drop."""
    splits = [long_tailed_digits(10, seed=0), long_tailed_digits(10, seed=1)]
    assert not torch.equal(splits[0]["train"][0], splits[1]["train"][0])
    runs, expected = [], []
    for k, d in enumerate(splits):
        X, y = d["train"]
        X = X.double()
        for s, kw in enumerate(_kinds(y)):
            runs.append(CNNRun(X, y, seed=s + k, **kw))
            expected.append((X, y, s + k, kw, d["val"][0].double()))
    models = train_cnns(runs, epochs=3, batch_size=64, lr=0.01, lr_drop_epoch=drop, lr_drop_factor=0.1)
    for (X, y, seed, kw, Xv), model in zip(expected, models, strict=True):
        alone = _plain_loop(X, y, seed, 3, 64, 0.01, weight=kw.get("weight"), oversample=kw.get("oversample", False),
                            offsets=kw.get("logit_offsets"), gamma=kw.get("gamma", 0.0), late=kw.get("deferred_weight"),
                            switch=kw.get("defer_epoch"), drop=drop)
        with torch.no_grad():
            assert torch.allclose(model(Xv), alone(Xv), atol=1e-8, rtol=1e-8), kw


def test_the_learning_rate_drop_changes_training():
    X, y = long_tailed_digits(10)["train"]
    runs = [CNNRun(X.double(), y, seed=0)]
    Xv = long_tailed_digits(10)["val"][0].double()
    with torch.no_grad():
        outs = [train_cnns(runs, epochs=2, batch_size=64, lr_drop_epoch=d)[0](Xv) for d in (None, 1, 2)]
    assert not torch.allclose(outs[0], outs[1]) and torch.equal(outs[0], outs[2])  # a drop after the last epoch


def test_train_cnns_gives_the_same_models_with_one_worker_or_several():
    d = long_tailed_digits(50)
    X, y = d["train"]
    runs = [CNNRun(X.double(), y, seed=s, weight=cw.balanced(cw.class_counts(y, num_classes=10)) if s % 2 else None)
            for s in range(2 * cw.digits.CHUNK + 1)]  # three chunks
    before = torch.get_num_threads()
    out = []
    for workers, threads in ((1, 1), (3, before)):
        torch.set_num_threads(threads)
        try:
            out.append([m(d["val"][0].double()).detach() for m in train_cnns(runs, epochs=1, batch_size=64,
                                                                           workers=workers)])
        finally:
            torch.set_num_threads(before)
    assert all(torch.equal(a, b) for a, b in zip(*out, strict=True))


def test_history_is_each_epochs_balanced_accuracy_on_validation():
    from sklearn.metrics import balanced_accuracy_score

    d = long_tailed_digits(50, seed=2)
    (X, y), (Xv, yv) = d["train"], d["val"]
    runs = [CNNRun(X.double(), y, seed=0, val=(Xv.double(), yv)), CNNRun(X.double(), y, seed=1),
            CNNRun(X.double(), y, seed=2, val=(Xv[:50].double(), yv[:50]))]
    for epochs in (1, 2):
        models, curves = train_cnns(runs, epochs=epochs, batch_size=64, history=True)
        assert curves[1] is None and len(curves[0]) == len(curves[2]) == epochs
        for m, (Xs, ys) in ((0, (Xv, yv)), (2, (Xv[:50], yv[:50]))):
            with torch.no_grad():
                pred = models[m](Xs.double()).argmax(1)
            assert curves[m][-1] == pytest.approx(balanced_accuracy_score(ys.numpy(), pred.numpy()), abs=1e-12)
    assert train_cnns(runs[1:2], epochs=1, batch_size=64, history=False)[0].training is False


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
    with pytest.raises(ValueError, match="lr_drop_epoch is 5, after the last epoch"):
        train_cnns([CNNRun(X, y)], epochs=2, lr_drop_epoch=5)
    with pytest.raises(ValueError, match="lr_drop_epoch is -1"):
        train_cnns([CNNRun(X, y)], epochs=2, lr_drop_epoch=-1)
    with pytest.raises(ValueError, match="lr_drop_factor"):
        train_cnns([CNNRun(X, y)], epochs=2, lr_drop_epoch=1, lr_drop_factor=-0.1)
    with pytest.raises(ValueError, match="workers is 0"):
        train_cnns([CNNRun(X, y)], epochs=1, workers=0)
    with pytest.raises(TypeError, match=r"val must be a pair \(X_val, y_val\)"):
        train_cnns([CNNRun(X, y, val=X)], epochs=1)
    with pytest.raises(ValueError, match=r"runs\[0\].val: X must have shape"):
        train_cnns([CNNRun(X, y, val=(X[:3], y[:4]))], epochs=1)


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


def test_tau_explorer_picture_shows_the_starting_tau_and_tells_groups_apart_without_colour():
    from matplotlib.colors import to_hex

    torch.manual_seed(0)
    y = torch.arange(10).repeat(5)
    logits = torch.randn(50, 10) + 2 * torch.nn.functional.one_hot(y, 10)
    counts = torch.tensor([100.0, 70, 50, 35, 25, 18, 12, 8, 5, 3])
    at_0 = cw.tau_explorer(logits, y, counts).explorer
    ex = cw.tau_explorer(logits, y, counts, tau=1.0).explorer
    # the static picture (the chart's PNG) is drawn at the starting tau, not at tau = 0
    assert ex.state == cw.tau_state(logits, y, counts, 1.0) and ex.chart.value != at_0.chart.value
    assert "1.00" in ex.figure.axes[0].get_title()
    # the picture's title carries the balanced accuracy at the starting tau and at tau = 0 (scikit-learn's)
    from sklearn.metrics import balanced_accuracy_score

    adjusted = logits - 1.0 * torch.log(counts / counts.sum())
    for expected in (balanced_accuracy_score(y, adjusted.argmax(1)), balanced_accuracy_score(y, logits.argmax(1))):
        assert f"{expected:.3f}" in ex.figure.axes[0].get_title()
    ex.tau.value = 0.0
    assert ex.figure.axes[0].get_title().count(f"{balanced_accuracy_score(y, logits.argmax(1)):.3f}") == 2
    bars = ex._bars
    look = [(to_hex(b.get_facecolor()), b.get_hatch()) for b in bars]
    assert len(set(look[:3])) == len(set(look[3:7])) == len(set(look[7:])) == 1  # one look per group
    assert len({c for c, _ in (look[0], look[3], look[7])}) == 3  # three colours
    assert len({h for _, h in (look[0], look[3], look[7])}) == 3  # and three hatches, for colour-blind readers
    legend = [t.get_text() for t in ex.figure.axes[0].get_legend().get_texts()]
    assert legend == ["head (digits 0-2)", "digits 3-6", "tail (digits 7-9)", "τ = 0"]
