"""Lesson 07: real images, a small CNN, and the long-tail recipes, trained many at once.

:func:`long_tailed_digits` cuts scikit-learn's bundled handwritten digits (1,797 images of 8x8
pixels, shipped inside scikit-learn: nothing is downloaded) into a long-tailed training set, as the
CIFAR-10-LT protocol of the long-tail papers does, with balanced validation and test sets.

:func:`train_cnns` trains many small CNNs (:func:`small_cnn`) together with mini-batches: each
model draws its own batches from ``torch.utils.data`` samplers (a ``RandomSampler``, or a
``WeightedRandomSampler`` for oversampling) seeded as the lesson's ``DataLoader`` loop is, and every
step evaluates all models in one ``torch.func.vmap`` call. Each model ends where that plain loop
would have taken it, up to float rounding (``tests/test_digits.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch.func import functional_call, stack_module_state, vmap

from ._checks import as_labels, as_tensor, as_vector, check_param
from .training import check_epochs, single_thread

NUM_CLASSES = 10


def long_tailed_digits(ratio: float = 10, seed: int = 0, *, val_per_class: int = 20,
                       test_per_class: int = 50) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """A long-tailed split of scikit-learn's ``load_digits``: ``{"train": (X, y), "val": (X, y), "test": (X, y)}``.

    X is float32 of shape (n, 1, 8, 8), the pixels' 0-16 divided by 16; y holds int64 digits.
    Validation and test are balanced (``val_per_class`` and ``test_per_class`` images of every digit);
    the training set has ``n_i = int(n_max * ratio ** (-i / 9))`` images of digit i, digit 0 the head,
    where n_max is the number of images the scarcest digit has left after validation and test (so every
    digit can supply its count). The three sets share no image; the same seed gives the same split.
    """
    from sklearn.datasets import load_digits

    if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or not np.isfinite(ratio):
        raise TypeError(f"ratio is {ratio!r}: give the imbalance ratio n_max / n_min as a number, e.g. 10.")
    if ratio < 1:
        raise ValueError(f"ratio is {ratio!r}: the imbalance ratio n_max / n_min must be at least 1 "
                         "(1 is a balanced training set; 10 makes digit 9 ten times rarer than digit 0).")
    for name, v in (("val_per_class", val_per_class), ("test_per_class", test_per_class), ("seed", seed)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < (0 if name == "seed" else 1):
            raise ValueError(f"{name} is {v!r}: give a whole number of at least {0 if name == 'seed' else 1}.")
    digits = load_digits()
    images, labels = digits.images, digits.target
    per_digit = np.bincount(labels, minlength=NUM_CLASSES)
    n_max = int(per_digit.min()) - val_per_class - test_per_class
    if n_max < 1:
        raise ValueError(f"val_per_class + test_per_class = {val_per_class + test_per_class} leaves no training image "
                         f"of the scarcest digit ({int(per_digit.min())} images): make them smaller.")
    counts = [int(n_max * float(ratio) ** (-i / (NUM_CLASSES - 1))) for i in range(NUM_CLASSES)]
    if min(counts) < 1:
        i = counts.index(0)
        raise ValueError(f"ratio {ratio:g} leaves digit {i} without a training image (n_i = int({n_max} * {ratio:g} ** "
                         f"(-{i}/9)) = 0): use a ratio of at most {n_max}.")
    rng = np.random.default_rng(seed)
    parts: dict[str, list[np.ndarray]] = {"train": [], "val": [], "test": []}
    for d in range(NUM_CLASSES):
        idx = rng.permutation(np.flatnonzero(labels == d))
        parts["val"].append(idx[:val_per_class])
        parts["test"].append(idx[val_per_class:val_per_class + test_per_class])
        parts["train"].append(idx[val_per_class + test_per_class:][:counts[d]])
    out = {}
    for name, chunks in parts.items():
        idx = rng.permutation(np.concatenate(chunks))
        X = torch.from_numpy((images[idx] / 16.0).astype(np.float32)).reshape(-1, 1, 8, 8)
        out[name] = (X, torch.from_numpy(labels[idx].astype(np.int64)))
    return out


def small_cnn(num_classes: int = NUM_CLASSES, channels: tuple[int, int] = (16, 32),
              dtype: torch.dtype | None = None) -> torch.nn.Module:
    """Two 3x3 convolutions with ReLU and 2x2 max pooling (8x8 -> 4x4 -> 2x2), then a linear layer.

    ``dtype`` (e.g. ``torch.float64``) is the parameters' dtype from their initialisation on: PyTorch's random
    initialisation can round differently on different CPUs' kernels, by one unit in the last place of the
    dtype, so a float32 start converted to float64 would carry float32-sized differences into training.
    """
    c1, c2 = channels
    kw = {"dtype": dtype}
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, c1, 3, padding=1, **kw), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(c1, c2, 3, padding=1, **kw), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(c2 * 4, num_classes, **kw),
    )


@dataclass
class CNNRun:
    """One CNN for :func:`train_cnns`.

    ``weight``: class weights of the cross-entropy from the first epoch (None: all 1).
    ``deferred_weight`` and ``defer_epoch``: deferred re-weighting (DRW): from epoch ``defer_epoch`` on
    (counted from 0), the class weights are ``deferred_weight``. ``logit_offsets``: added to the logits in
    the loss only (the logit-adjusted loss). ``gamma`` > 0: the focal loss. ``oversample``: batches drawn by
    a ``WeightedRandomSampler`` that picks every class equally often, instead of a shuffled pass.
    """

    X: Any
    y: Any
    seed: int = 0
    weight: Any = None
    deferred_weight: Any = None
    defer_epoch: int | None = None
    logit_offsets: Any = None
    gamma: float = 0.0
    oversample: bool = False


def batch_sampler(y: torch.Tensor, seed: int, batch_size: int,
                  oversample: bool = False) -> torch.utils.data.BatchSampler:
    """The batches of one model's epochs: what ``DataLoader(dataset, batch_size, sampler=RandomSampler(dataset,
    generator=torch.Generator().manual_seed(seed)))`` draws, epoch after epoch (with ``oversample``, the sampler is
    ``WeightedRandomSampler(1 / count[y], len(y), generator=...)``: every digit about equally often)."""
    from torch.utils.data import BatchSampler, RandomSampler, WeightedRandomSampler

    g = torch.Generator().manual_seed(seed)
    if oversample:
        counts = torch.bincount(y.cpu(), minlength=NUM_CLASSES).double()
        sampler = WeightedRandomSampler((1.0 / counts)[y.cpu()], len(y), replacement=True, generator=g)
    else:
        sampler = RandomSampler(range(len(y)), generator=g)
    return BatchSampler(sampler, batch_size, drop_last=False)


def _vector(v: Any, name: str, fill: float) -> torch.Tensor:
    if v is None:
        return torch.full((NUM_CLASSES,), fill, dtype=torch.float64)
    if name == "logit_offsets":  # may be negative (tau * log prior), must be finite
        t = as_tensor(v, name).double().cpu().reshape(-1)
        if not torch.isfinite(t).all():
            raise ValueError(f"{name} contains inf or NaN: give finite offsets, e.g. cw.logit_adjustment(counts, tau).")
    else:
        t = as_vector(v, name).double().cpu()
    if t.numel() != NUM_CLASSES:
        raise ValueError(f"{name} has {t.numel()} entries: give one per digit ({NUM_CLASSES}).")
    return t


def train_cnns(runs: Sequence[CNNRun], *, epochs: int = 30, batch_size: int = 32, lr: float = 0.01,
               channels: tuple[int, int] = (16, 32)) -> list[torch.nn.Module]:
    """Train one :func:`small_cnn` per :class:`CNNRun`, all together; return them in the same order.

    Each equals, to float tolerance, the plain loop: ``torch.manual_seed(seed)``, ``small_cnn()``, Adam(lr), and
    for every epoch one pass over :func:`batch_sampler`'s batches with the run's loss. Runs are grouped by their
    training set (same X and y objects); each group is one ``torch.func.vmap`` over stacked parameters.
    """
    runs = list(runs)
    if not runs or not all(isinstance(r, CNNRun) for r in runs):
        raise TypeError("runs must be a non-empty list of classweights.CNNRun(X, y, ...), one per model.")
    check_epochs(epochs)
    check_param("lr", lr, 0.0, None)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size is {batch_size!r}: give a whole number of at least 1.")
    groups: dict[tuple[int, int], list[int]] = {}
    for i, run in enumerate(runs):
        X, y = as_tensor(run.X, f"runs[{i}].X"), as_labels(run.y, f"runs[{i}].y")
        if X.dim() != 4 or X.shape[1:] != (1, 8, 8) or X.shape[0] != y.numel():
            raise ValueError(f"runs[{i}]: X must have shape (n, 1, 8, 8) with one label per image in y; got X "
                             f"{tuple(X.shape)} and {y.numel()} labels.")
        if run.defer_epoch is not None and not (0 <= run.defer_epoch <= epochs and run.deferred_weight is not None):
            raise ValueError(f"runs[{i}]: defer_epoch must lie in 0..epochs and comes with deferred_weight.")
        check_param(f"runs[{i}].gamma", run.gamma, 0.0, None)
        groups.setdefault((id(run.X), id(run.y)), []).append(i)
    models: list = [None] * len(runs)
    with single_thread():
        for members in groups.values():
            for i, model in zip(members, _train_group([runs[i] for i in members], epochs, batch_size, lr, channels)):
                models[i] = model
    return models


def _loss(base):
    def loss(params, buffers, xb, yb, w, offsets, gamma):
        logits = functional_call(base, (params, buffers), (xb,)) + offsets
        log_p = torch.log_softmax(logits, dim=1).gather(1, yb[:, None]).squeeze(1)
        focal = (1.0 - log_p.exp()).clamp(min=0.0) ** gamma  # 1 where gamma = 0
        sample_w = w[yb]
        return -(sample_w * focal * log_p).sum() / sample_w.sum()
    return loss


def _train_group(runs: list[CNNRun], epochs: int, batch_size: int, lr: float, channels) -> list[torch.nn.Module]:
    X, y = as_tensor(runs[0].X, "X"), as_labels(runs[0].y, "y")
    X = X if X.is_floating_point() else X.float()  # float64 images train float64 models (the tests use it)
    nets = []
    for run in runs:
        torch.manual_seed(run.seed)  # the start of the plain loop with this seed
        nets.append(small_cnn(NUM_CLASSES, channels, dtype=X.dtype).to(X.device))
    params, buffers = stack_module_state(nets)
    base = copy.deepcopy(nets[0]).to("meta")
    step_loss = vmap(_loss(base))
    early = torch.stack([_vector(r.weight, "weight", 1.0) for r in runs]).to(X.device, X.dtype)
    late = torch.stack([_vector(r.deferred_weight if r.defer_epoch is not None else r.weight, "deferred_weight", 1.0)
                        for r in runs]).to(X.device, X.dtype)
    switch = torch.tensor([epochs if r.defer_epoch is None else r.defer_epoch for r in runs])
    offsets = torch.stack([_vector(r.logit_offsets, "logit_offsets", 0.0) for r in runs]).to(X.device, X.dtype)
    gamma = torch.tensor([float(r.gamma) for r in runs], device=X.device, dtype=X.dtype)
    samplers = [batch_sampler(y, r.seed, batch_size, r.oversample) for r in runs]
    opt = torch.optim.Adam(list(params.values()), lr=lr)
    for epoch in range(epochs):
        W = torch.where((epoch >= switch)[:, None].to(X.device), late, early)
        for batches in zip(*samplers):  # the same number of batches of the same sizes in every model
            idx = torch.as_tensor(batches, device=X.device)  # (models, batch)
            opt.zero_grad(set_to_none=True)
            losses = step_loss(params, buffers, X[idx], y[idx], W, offsets, gamma)
            losses.sum().backward()  # each model's parameters get the gradient of its own loss only
            opt.step()
    if not all(torch.isfinite(p).all() for p in params.values()):
        raise ValueError("a model's parameters became inf or NaN: check the weights and lr.")
    out = []
    for m, net in enumerate(nets):
        with torch.no_grad():
            for name, p in net.named_parameters():
                p.copy_(params[name][m])
        out.append(net.eval())
    return out


@torch.no_grad()
def per_class_accuracy(logits: Any, y: Any, offsets: Any = None) -> torch.Tensor:
    """Each digit's accuracy (its recall) from (n, 10) logits, after subtracting ``offsets`` (post-hoc logit
    adjustment: ``tau * log prior``); the mean of the result is the balanced accuracy."""
    from sklearn.metrics import recall_score

    z = as_tensor(logits, "logits")
    if offsets is not None:
        z = z - torch.as_tensor(offsets, dtype=z.dtype, device=z.device)
    pred = z.argmax(dim=-1).cpu().numpy()
    true = as_labels(y, "y").cpu().numpy()
    return torch.from_numpy(recall_score(true, pred, labels=list(range(z.shape[-1])), average=None, zero_division=0))
