"""The lessons' learnable 2-D data and its stratified split into training, validation and test sets.

The reference examples train on random noise, where no weighting can help. Here the classes are overlapping
2-D clusters: a classifier can learn them, the imbalance pushes it towards the majority class, and weights
visibly move the decision regions. Lesson 09's multi-label data and pixel targets are made here too, so the
lesson and its exercises' checks draw the same tensors.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import torch

from ._checks import as_labels, as_tensor, check_param

# Where imbalanced_blobs centres its clusters, one 2-D point per class (class 0 first).
BLOB_CENTERS = ((0.0, 0.0), (1.6, 1.2), (1.6, -1.2))


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
        if len(counts) > len(BLOB_CENTERS):
            raise ValueError(f"{len(counts)} classes but only {len(BLOB_CENTERS)} default centers: pass centers=.")
        centers = BLOB_CENTERS[: len(counts)]
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


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed is {seed!r}: give a whole number, such as 0.")
    return seed


def lesson_blobs(seed: int = 0) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """The learnable dataset of lessons 02, 03, 04 and 06 and of the teacher's view, split.

    3000 points of :func:`imbalanced_blobs` in the proportions 80 / 10 / 10, split, stratified, by
    :func:`train_val_test_split` into training, validation and test sets of 1000 points each (800 / 100 / 100
    per class). ``seed`` draws the points and the split. Returns ``{"train": (X, y), "val": ..., "test": ...}``.
    """
    _check_seed(seed)
    X, y = imbalanced_blobs(n_samples=3000, proportions=(0.8, 0.1, 0.1), seed=seed)
    return train_val_test_split(X, y, val_size=1000, test_size=1000, seed=seed)


def _whole(name: str, value: Any, low: int, hint: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name} is {value!r}: it must be an int of at least {low}{hint}.")
    return value


def _finite(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} is {value!r}: it must be a finite number.")
    return float(value)


def multilabel_data(
    n_train: int = 3000,
    n_val: int = 1000,
    bias: Sequence[float] = (-1.0, -3.0, -4.5),
    seed: int = 0,
    *,
    slope: float = 2.0,
) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """Lesson 09's multi-label data: each label depends on its own feature, common to rare.

    ``n_train + n_val`` samples with one standard-normal feature per label, ``features`` of shape
    (n, L) for the L = ``len(bias)`` labels, float32; label j is present (1.0) with probability
    ``sigmoid(slope * features[:, j] + bias[j])``, else 0.0: a more negative bias, a rarer label.
    The first ``n_train`` samples are the training set, the rest the validation set (a random split:
    the samples are drawn independently). ``seed`` draws everything; the defaults are lesson 09's.
    Returns ``{"train": (features, Y), "val": (features, Y)}``, Y of shape (n, L).
    """
    n_train = _whole("n_train", n_train, 1, " (samples in the training set)")
    n_val = _whole("n_val", n_val, 1, " (samples in the validation set)")
    if isinstance(bias, (str, bytes)) or not isinstance(bias, Sequence) or len(bias) == 0:
        raise TypeError(f"bias is {bias!r}: give one number per label, e.g. (-1.0, -3.0, -4.5) for three labels.")
    biases = [_finite(f"bias[{j}]", b) for j, b in enumerate(bias)]
    slope = _finite("slope", slope)
    g = torch.Generator().manual_seed(_check_seed(seed))
    n = n_train + n_val
    features = torch.randn(n, len(biases), generator=g)
    p = torch.sigmoid(slope * features + torch.tensor(biases))
    Y = (torch.rand(n, len(biases), generator=g) < p).float()
    return {"train": (features[:n_train], Y[:n_train]), "val": (features[n_train:], Y[n_train:])}


def pixel_data(
    n_images: int = 2,
    size: int = 6,
    proportions: Sequence[float] = (0.75, 0.2, 0.05),
    seed: int = 1,
    *,
    unlabelled: int = 2,
    ignore_index: int = 255,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Lesson 09's dense targets: square images with a class at every pixel and an unlabelled corner.

    Returns ``(logits, targets)``. ``logits``, of shape (n_images, C, size, size) for the C =
    ``len(proportions)`` classes, are standard-normal scores, a model's output at every pixel (drawn
    first). ``targets``, of shape (n_images, size, size), integer, hold each pixel's class, drawn
    independently with the given probabilities (class 0 first), except the ``unlabelled`` x
    ``unlabelled`` top-left corner of every image, ``targets[:, :unlabelled, :unlabelled]``, which
    holds ``ignore_index`` ("no label", for ``CrossEntropyLoss(ignore_index=...)``). ``seed`` draws
    everything; the defaults are lesson 09's (two 6 x 6 images, 8 of their 72 pixels unlabelled).
    """
    n_images = _whole("n_images", n_images, 1)
    size = _whole("size", size, 1, " (pixels per side)")
    if isinstance(proportions, (str, bytes)) or not isinstance(proportions, Sequence):
        raise TypeError(f"proportions is {proportions!r}: give one probability per class, e.g. (0.75, 0.2, 0.05).")
    props = [check_param("proportions", p, 0.0, 1.0) for p in proportions]
    if len(props) < 2 or abs(sum(props) - 1.0) > 1e-6:
        raise ValueError(f"proportions {tuple(proportions)} must have at least two entries that add up to 1.")
    if isinstance(unlabelled, bool) or not isinstance(unlabelled, int) or not 0 <= unlabelled < size:
        raise ValueError(f"unlabelled is {unlabelled!r}: the side of the unlabelled corner must be an int from 0 "
                         f"to size - 1 = {size - 1}, so that every image keeps labelled pixels.")
    if isinstance(ignore_index, bool) or not isinstance(ignore_index, int) or 0 <= ignore_index < len(props):
        raise ValueError(f"ignore_index is {ignore_index!r}: it must be an int that is no class index "
                         f"(0 to {len(props) - 1}), e.g. 255 or PyTorch's default -100.")
    g = torch.Generator().manual_seed(_check_seed(seed))
    logits = torch.randn(n_images, len(props), size, size, generator=g)
    targets = torch.multinomial(torch.tensor(props), n_images * size * size, replacement=True, generator=g)
    targets = targets.reshape(n_images, size, size)
    targets[:, :unlabelled, :unlabelled] = ignore_index
    return logits, targets
