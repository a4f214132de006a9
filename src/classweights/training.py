"""A learnable imbalanced dataset, a fast full-batch trainer and held-out metrics.

The reference examples train on random noise, where no weighting can help. Here
the classes are overlapping 2-D clusters: a classifier can learn them, the
imbalance pushes it towards the majority class, and weights visibly move the
decision regions. Training is full batch on tensors (no per-item DataLoader),
so one run on 1000 samples takes a fraction of a second on a CPU.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import torch

from ._checks import (
    as_labels,
    as_tensor,
    as_vector,
    check_num_classes,
    check_param,
    check_reduction,
    check_same_device,
    check_targets_in_range,
)

DEFAULT_CENTERS = ((0.0, 0.0), (1.6, 1.2), (1.6, -1.2))


@contextlib.contextmanager
def single_thread():
    """Run PyTorch's CPU ops on one thread, then restore the previous setting.

    The lessons' models are tiny: extra intra-op threads gain nothing, and when another
    process competes for the cores (a second notebook, a test run) their spin-waiting made
    a training run three to five times slower in our measurements.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def _counts_from_proportions(n_samples: int, proportions: Sequence[float]) -> list[int]:
    props = [check_param("proportions", p, 0.0, 1.0) for p in proportions]
    if len(props) < 2 or abs(sum(props) - 1.0) > 1e-6:
        raise ValueError(f"proportions {tuple(proportions)} must have at least two entries that add up to 1.")
    counts = [round(p * n_samples) for p in props]
    counts[0] += n_samples - sum(counts)  # rounding leftovers go to the majority class
    if min(counts) < 1:
        raise ValueError(f"with n_samples={n_samples} and proportions {tuple(proportions)} some class gets no sample; "
                         "raise n_samples or the smallest proportion.")
    return counts


def imbalanced_blobs(
    n_samples: int = 1000,
    proportions: Sequence[float] = (0.8, 0.1, 0.1),
    seed: int = 0,
    *,
    centers: Sequence[Sequence[float]] | None = None,
    spread: float = 1.0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Overlapping 2-D Gaussian clusters, one per class, in the given proportions.

    Returns ``(X, y)``: X of shape (n_samples, 2), float32; y of class indices.
    Each class gets ``round(p * n_samples)`` samples exactly (leftovers to class 0),
    shuffled. The same seed gives the same data; use another seed for a held-out set.
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, int) or n_samples < 2:
        raise ValueError(f"n_samples is {n_samples!r}: it must be an int of at least 2.")
    spread = check_param("spread", spread, 0.0, None)
    counts = _counts_from_proportions(n_samples, proportions)
    if centers is None:
        if len(counts) > len(DEFAULT_CENTERS):
            raise ValueError(f"{len(counts)} classes but only {len(DEFAULT_CENTERS)} default centers: pass centers=.")
        centers = DEFAULT_CENTERS[: len(counts)]
    centers_t = torch.as_tensor(centers, dtype=torch.float32)
    if centers_t.shape != (len(counts), 2):
        raise ValueError(f"centers must have shape ({len(counts)}, 2), one 2-D point per class; "
                         f"got {tuple(centers_t.shape)}.")
    g = torch.Generator().manual_seed(seed)
    X = torch.cat([torch.randn(k, 2, generator=g) * spread + centers_t[c] for c, k in enumerate(counts)])
    y = torch.cat([torch.full((k,), c, dtype=torch.long) for c, k in enumerate(counts)])
    perm = torch.randperm(n_samples, generator=g)
    return X[perm], y[perm]


def _split_size(size: Any, n: int, name: str) -> int:
    if isinstance(size, bool) or not isinstance(size, (int, float)):
        raise TypeError(f"{name} is {size!r}: give a number of samples (int) "
                        "or a share of all samples (float in (0, 1)).")
    if isinstance(size, float):
        if not 0.0 < size < 1.0:
            raise ValueError(f"{name} is {size!r}: a share must lie strictly between 0 and 1.")
        size = round(size * n)
    if size < 1:
        raise ValueError(f"{name} is {size}: each split needs at least one sample.")
    return size


def train_val_test_split(X: Any, y: Any, val_size: int | float = 0.2, test_size: int | float = 0.2,
                         seed: int = 0) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """Split (X, y) into training, validation and test sets, stratified by class (scikit-learn).

    Returns ``{"train": (X, y), "val": (X, y), "test": (X, y)}``; every class keeps
    its share in each split, and the splits share no sample. Sizes are numbers of
    samples (int) or shares of all samples (float). Choose every knob (weights,
    smoothing, thresholds) on "val"; read "test" once, at the end.
    """
    from sklearn.model_selection import train_test_split

    X = as_tensor(X, "X")
    y = as_labels(y, "y")
    n = y.numel()
    if X.shape[0] != n:
        raise ValueError(f"X has {X.shape[0]} rows but y has {n} labels: give one label per row.")
    n_val, n_test = _split_size(val_size, n, "val_size"), _split_size(test_size, n, "test_size")
    if n_val + n_test >= n:
        raise ValueError(f"val_size + test_size = {n_val + n_test} leaves no training sample out of {n}: "
                         "make them smaller.")
    counts = torch.bincount(y.cpu())
    if int(counts[counts > 0].min()) < 3:
        c = int(((counts > 0) & (counts < 3)).nonzero()[0])
        raise ValueError(f"class {c} has {int(counts[c])} sample(s): a stratified split into train, validation "
                         "and test needs at least 3 per class. Collect more samples of it or merge classes.")
    index = torch.arange(n).numpy()
    labels = y.cpu().numpy()
    try:
        rest, test = train_test_split(index, test_size=n_test, stratify=labels, random_state=seed)
        train, val = train_test_split(rest, test_size=n_val, stratify=labels[rest], random_state=seed)
    except ValueError as err:  # e.g. a split too small to hold one sample of every class
        raise ValueError(f"the stratified split failed ({err}): make val_size and test_size at least the number "
                         "of classes, and leave every class a few samples in each split.") from None
    take = lambda idx: (X[torch.as_tensor(idx, device=X.device)], y[torch.as_tensor(idx, device=y.device)])  # noqa: E731
    return {"train": take(train), "val": take(val), "test": take(test)}


def lesson_blobs(seed: int = 0) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """The learnable dataset of lessons 02, 03, 04 and 06 and of the teacher's view, split.

    3000 points of :func:`imbalanced_blobs` in the proportions 80 / 10 / 10, split, stratified, by
    :func:`train_val_test_split` into training, validation and test sets of 1000 points each (800 / 100 / 100
    per class). ``seed`` draws the points and the split. Returns ``{"train": (X, y), "val": ..., "test": ...}``.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed is {seed!r}: give a whole number (the lessons use 0).")
    X, y = imbalanced_blobs(n_samples=3000, proportions=(0.8, 0.1, 0.1), seed=seed)
    return train_val_test_split(X, y, val_size=1000, test_size=1000, seed=seed)


def make_model(n_features: int, num_classes: int, hidden: int | None = None) -> torch.nn.Module:
    """A linear classifier (as in the reference), or a one-hidden-layer MLP if ``hidden`` is given."""
    if hidden is None:
        return torch.nn.Linear(n_features, num_classes)
    return torch.nn.Sequential(torch.nn.Linear(n_features, hidden), torch.nn.ReLU(),
                               torch.nn.Linear(hidden, num_classes))


def check_epochs(epochs: Any) -> int:
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs is {epochs!r}: it must be an int of at least 1.")
    return epochs


def _check_inputs(X: Any, y: Any, weight: Any, num_classes: Any, logit_offsets: Any):
    """The checks :func:`train` and :func:`train_many` share: (X, y, weight or None, K, offsets or None)."""
    X = as_tensor(X, "X")
    if not X.is_floating_point() or X.dim() != 2:
        raise ValueError(f"X must be a 2-D float tensor (samples x features), "
                         f"got shape {tuple(X.shape)}, dtype {X.dtype}.")
    y = as_labels(y, "y")
    if y.numel() != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.numel()} labels: give one label per row.")
    w = None if weight is None else as_vector(weight, "weight").to(X.dtype)
    check_same_device(X=X, y=y, weight=w)
    if num_classes is not None:
        k = check_num_classes(num_classes)
    elif w is not None:
        k = w.numel()
    else:
        k = int(y.max()) + 1
    if w is not None and w.numel() != k:
        raise ValueError(f"weight has {w.numel()} entries for {k} classes: give exactly one weight per class.")
    check_targets_in_range(y, k, "y")
    if not torch.isfinite(X).all():
        raise ValueError("X contains inf or NaN: clean the features before training.")
    offsets = None
    if logit_offsets is not None:
        offsets = as_tensor(logit_offsets, "logit_offsets").to(dtype=X.dtype)
        check_same_device(X=X, logit_offsets=offsets)
        if offsets.shape != (k,) or not torch.isfinite(offsets).all():
            raise ValueError(f"logit_offsets must be {k} finite numbers, one per class; got {offsets.tolist()}.")
    return X, y, w, k, offsets


def train(
    X: Any,
    y: Any,
    weight: Any = None,
    seed: int = 0,
    *,
    epochs: int = 300,
    lr: float = 0.05,
    reduction: str = "mean",
    hidden: int | None = None,
    label_smoothing: float = 0.0,
    num_classes: int | None = None,
    loss_fn=None,
    logit_offsets: Any = None,
    sampler=None,
) -> torch.nn.Module:
    """Train a classifier on (X, y) with weighted cross-entropy, full batch, Adam.

    ``epochs`` full-batch steps. The model's parameters start from ``seed``, so two
    calls with the same arguments give the same model. The returned model has a
    ``loss_history`` attribute (one loss per step). Losses trained under different
    weights are not comparable with each other: the weights change what is summed.

    Other ways to handle imbalance, for comparison:
    ``loss_fn(logits, targets)`` replaces the weighted cross-entropy (e.g. a focal
    loss; put its weights inside it); ``logit_offsets`` (K numbers, e.g.
    :func:`logit_adjustment`) are added to the logits in the loss only, not at
    prediction; ``sampler`` (e.g. :func:`oversampling_sampler`) gives the indices of
    each step's batch instead of the whole training set.
    """
    X, y, w, k, offsets = _check_inputs(X, y, weight, num_classes, logit_offsets)
    reduction = check_reduction(reduction)
    check_param("lr", lr, 0.0, None)
    check_param("label_smoothing", label_smoothing, 0.0, 1.0)
    check_epochs(epochs)
    if loss_fn is not None and (w is not None or label_smoothing):
        raise ValueError("loss_fn replaces the weighted cross-entropy: put the weights (and any label smoothing) "
                         "inside loss_fn, and leave weight and label_smoothing unset.")

    torch.manual_seed(seed)
    model = make_model(X.shape[1], k, hidden).to(X.device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    if loss_fn is None:
        loss_fn = torch.nn.CrossEntropyLoss(weight=w, reduction=reduction, label_smoothing=label_smoothing)
    with single_thread():
        history = _fit(model, opt, loss_fn, X, y, offsets, sampler, epochs)
    if not torch.isfinite(history).all():
        raise ValueError("the training loss became inf or NaN: check the weights (a zero or infinite weight?) and lr.")
    model.loss_history = history.tolist()
    model.eval()
    return model


def _fit(model, opt, loss_fn, X, y, offsets, sampler, epochs) -> torch.Tensor:
    history = torch.empty(epochs)
    for step in range(epochs):
        opt.zero_grad(set_to_none=True)
        if sampler is None:
            xb, yb = X, y
        else:
            idx = torch.as_tensor(list(sampler), dtype=torch.long, device=X.device)
            xb, yb = X[idx], y[idx]
        logits = model(xb)
        loss = loss_fn(logits if offsets is None else logits + offsets, yb)
        loss.backward()
        opt.step()
        history[step] = loss.detach()
    return history


@torch.no_grad()
def predict(model: torch.nn.Module, X: Any) -> torch.Tensor:
    return model(as_tensor(X, "X")).argmax(dim=1)


def evaluate(model: torch.nn.Module, X: Any, y: Any, num_classes: int | None = None) -> dict:
    """Held-out metrics, computed with scikit-learn.

    Returns a dict: ``recall`` and ``precision`` (lists, one per class; a class never
    predicted has precision 0), ``balanced_accuracy`` (the mean of the recalls),
    ``macro_f1``, ``accuracy`` and ``confusion_matrix`` (rows: true class,
    columns: predicted class, as a list of lists).
    """
    from sklearn import metrics

    y_t = as_labels(y, "y")
    pred = predict(model, X).cpu().numpy()
    true = y_t.cpu().numpy()
    k = num_classes if num_classes is not None else int(max(true.max(), pred.max())) + 1
    labels = list(range(k))
    precision, recall, f1, _ = metrics.precision_recall_fscore_support(true, pred, labels=labels, average=None,
                                                                       zero_division=0)
    return {
        "recall": recall.tolist(),
        "precision": precision.tolist(),
        "balanced_accuracy": float(metrics.balanced_accuracy_score(true, pred)),
        "macro_f1": float(f1.mean()),  # what f1_score(average="macro") returns: the mean of the per-class F1
        "accuracy": float(metrics.accuracy_score(true, pred)),
        "confusion_matrix": metrics.confusion_matrix(true, pred, labels=labels).tolist(),
    }


def compare_metrics(results: dict, lang: str | None = None) -> str:
    """A text table of :func:`evaluate` results side by side: one column per run, one row per metric."""
    from . import i18n

    if not results:
        raise ValueError("results is empty: pass a dict such as {'no weights': evaluate(...), ...}.")
    runs = list(results)
    k = len(next(iter(results.values()))["recall"])
    rows = []
    for key in ("recall", "precision"):
        for c in range(k):
            rows.append((f"{i18n.text(key, lang)} {i18n.text('class', lang, c=c)}", [results[r][key][c] for r in runs]))
    for key in ("balanced_accuracy", "macro_f1", "accuracy"):
        rows.append((i18n.text(key, lang), [results[r][key] for r in runs]))
    return text_table(runs, [(name, [f"{v:.3f}" for v in vals]) for name, vals in rows], min_col=12)


def text_table(heads: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], min_col: int = 12) -> str:
    """Rows of (name, cells) under right-aligned column heads, padded for CJK text (two columns a character)."""
    width = max(_width(name) for name, _ in rows) + 2
    col = max(min_col, *(_width(h) + 2 for h in heads))
    pad = lambda text: " " * (col - _width(text)) + text  # noqa: E731
    lines = [" " * width + "".join(pad(h) for h in heads)]
    lines += [name + " " * (width - _width(name)) + "".join(pad(c) for c in cells) for name, cells in rows]
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a string takes in a monospaced font (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class WarmStartSolver:
    """The model :func:`train` converges to, found in a few milliseconds: for the live training explorer.

    :func:`train` runs 300 Adam steps: an ordinary training loop, and what the lessons show. For a
    linear model, full-batch weighted cross-entropy (reduction "mean") is a convex problem, so its
    minimum can be reached directly: L-BFGS with a strong-Wolfe line search, started from the
    previous solution, converges in a few dozen evaluations when a slider moves a little. On the
    lessons' data the two give the same predictions (``tests/test_explorer.py`` checks it).
    """

    def __init__(self, X: Any, y: Any, num_classes: int | None = None, seed: int = 0, max_iter: int = 100):
        self.X, self.y, _, self.k, _ = _check_inputs(X, y, None, num_classes, None)
        torch.manual_seed(seed)
        self.model = make_model(self.X.shape[1], self.k).to(self.X.device)
        self.max_iter = max_iter

    def fit(self, weight: Any) -> torch.nn.Module:
        """Solve for these class weights, starting from the last solution; returns the (shared) model."""
        w = as_vector(weight, "weight").to(self.X.dtype)
        if w.numel() != self.k:
            raise ValueError(f"weight has {w.numel()} entries for {self.k} classes: give exactly one weight per class.")
        if float(w[self.y].sum()) == 0:
            raise ValueError("every training label's class has weight 0, so the mean loss is 0/0 (NaN): "
                             "give a positive weight to at least one class.")
        loss_fn = torch.nn.CrossEntropyLoss(weight=w)
        params = list(self.model.parameters())
        before = [p.detach().clone() for p in params]
        opt = torch.optim.LBFGS(params, lr=1.0, max_iter=self.max_iter, tolerance_grad=1e-7, tolerance_change=1e-10,
                                history_size=10, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(self.model(self.X), self.y)
            loss.backward()
            return loss

        with single_thread():
            self.model.train()
            opt.step(closure)
            self.model.eval()
        if not all(torch.isfinite(p).all() for p in params):
            with torch.no_grad():  # keep the last good model rather than a broken one
                for p, b in zip(params, before):
                    p.copy_(b)
            raise ValueError("the solver diverged (inf or NaN): check the weights.")
        return self.model
