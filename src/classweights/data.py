"""The lessons' learnable 2-D data and its stratified split into training, validation and test sets.

The reference examples train on random noise, where no weighting can help. Here the classes are overlapping
2-D clusters: a classifier can learn them, the imbalance pushes it towards the majority class, and weights
visibly move the decision regions.
"""

from __future__ import annotations

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
