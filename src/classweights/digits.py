"""Lesson 07: real images, a small CNN, and the long-tail recipes, trained many at once.

:func:`long_tailed_digits` cuts scikit-learn's bundled handwritten digits (1,797 images of 8x8
pixels, shipped inside scikit-learn: nothing is downloaded) into a long-tailed training set, as the
CIFAR-10-LT protocol of the long-tail papers does, with balanced validation and test sets.

:func:`train_cnns` trains many small CNNs (:func:`small_cnn`) together with mini-batches: each
model draws its own batches from ``torch.utils.data`` samplers (a ``RandomSampler``, or a
``WeightedRandomSampler`` for oversampling) seeded as the lesson's ``DataLoader`` loop is, and every
step evaluates all models together, one batched matrix product per layer. Each model ends where that
plain loop would have taken it, up to float rounding (``tests/test_digits.py``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch.func import stack_module_state

from ._checks import as_labels, as_tensor, as_vector, check_param
from .losses import weighted_cross_entropy
from .training import adam_steps, check_epochs, single_thread

NUM_CLASSES = 10
CHUNK = 18  # models per batched step: with many more the step's arrays outgrow the CPU's caches


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
    a ``WeightedRandomSampler`` that picks every class equally often, instead of a shuffled pass. ``val``: a pair
    (X, y) on which :func:`train_cnns` records the balanced accuracy after every epoch (``history=True``).
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
    val: Any = None


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
               channels: tuple[int, int] = (16, 32), lr_drop_epoch: int | None = None, lr_drop_factor: float = 0.1,
               history: bool = False, workers: int | None = None):
    """Train one :func:`small_cnn` per :class:`CNNRun`, all together; return them in the same order.

    Each equals, to float tolerance, the plain loop: ``torch.manual_seed(seed)``, ``small_cnn()``, Adam(lr), and
    for every epoch one pass over :func:`batch_sampler`'s batches with the run's loss. ``lr_drop_epoch``: from that
    epoch on (counted from 0) every model's learning rate is ``lr * lr_drop_factor``, what
    ``torch.optim.lr_scheduler.MultiStepLR(optimizer, [lr_drop_epoch], lr_drop_factor)`` stepped after every epoch
    gives; the same schedule for every run.

    Runs whose training sets have the same number of images are trained together, whether they share one training
    set or each has its own (e.g. the splits of :func:`long_tailed_digits` with different seeds): their parameters
    are stacked (``torch.func.stack_module_state``) and every step computes all of their losses with batched matrix
    products, in chunks of at most ``CHUNK`` models.

    ``history=True`` returns ``(models, curves)``: ``curves[i]`` lists run i's balanced accuracy on its ``val`` set
    after each epoch (None for a run without ``val``).

    ``workers``: how many chunks train side by side, each on one thread of its own (default: one per CPU core this
    process may use). A model's numbers do not depend on it: each chunk's operations run on one thread, in the same
    order, whichever thread that is (PyTorch's operations release Python's lock, so the threads run in parallel).
    """
    runs = list(runs)
    if not runs or not all(isinstance(r, CNNRun) for r in runs):
        raise TypeError("runs must be a non-empty list of classweights.CNNRun(X, y, ...), one per model.")
    check_epochs(epochs)
    check_param("lr", lr, 0.0, None)
    check_param("lr_drop_factor", lr_drop_factor, 0.0, None)
    for name, v, low in (("batch_size", batch_size, 1), ("lr_drop_epoch", lr_drop_epoch, 0), ("workers", workers, 1)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < low):
            raise ValueError(f"{name} is {v!r}: give a whole number of at least {low}.")
    if lr_drop_epoch is not None and lr_drop_epoch > epochs:
        raise ValueError(f"lr_drop_epoch is {lr_drop_epoch}, after the last epoch: give an epoch in 0..{epochs} "
                         "(counted from 0), or None to keep lr constant.")
    data, groups = [], {}
    for i, run in enumerate(runs):
        X, y = as_tensor(run.X, f"runs[{i}].X"), as_labels(run.y, f"runs[{i}].y")
        if X.dim() != 4 or X.shape[1:] != (1, 8, 8) or X.shape[0] != y.numel():
            raise ValueError(f"runs[{i}]: X must have shape (n, 1, 8, 8) with one label per image in y; got X "
                             f"{tuple(X.shape)} and {y.numel()} labels.")
        X = X if X.is_floating_point() else X.float()  # float64 images train float64 models (the lesson's choice)
        if y.device != X.device:
            raise ValueError(f"runs[{i}]: X is on {X.device} and y on {y.device}: move both to the same device.")
        if run.defer_epoch is not None and not (0 <= run.defer_epoch <= epochs and run.deferred_weight is not None):
            raise ValueError(f"runs[{i}]: defer_epoch must lie in 0..epochs and comes with deferred_weight.")
        check_param(f"runs[{i}].gamma", run.gamma, 0.0, None)
        val = None
        if run.val is not None:
            if not (isinstance(run.val, (tuple, list)) and len(run.val) == 2):
                raise TypeError(f"runs[{i}].val must be a pair (X_val, y_val), got {type(run.val).__name__}.")
            Xv, yv = as_tensor(run.val[0], f"runs[{i}].val X"), as_labels(run.val[1], f"runs[{i}].val y")
            if Xv.dim() != 4 or Xv.shape[1:] != (1, 8, 8) or Xv.shape[0] != yv.numel():
                raise ValueError(f"runs[{i}].val: X must have shape (n, 1, 8, 8) with one label per image; got X "
                                 f"{tuple(Xv.shape)} and {yv.numel()} labels.")
            val = (Xv.to(X.device, X.dtype), yv.to(X.device))
        data.append((X, y, val))
        groups.setdefault((X.shape[0], X.dtype, X.device), []).append(i)
    chunks = [members[k:k + CHUNK] for members in groups.values() for k in range(0, len(members), CHUNK)]
    nets = []
    for run, (X, _, _) in zip(runs, data, strict=True):
        torch.manual_seed(run.seed)  # the start of the plain loop with this seed
        nets.append(small_cnn(NUM_CLASSES, channels, dtype=X.dtype).to(X.device))
    models: list = [None] * len(runs)
    curves: list = [None] * len(runs)

    def train(chunk):
        torch.set_num_threads(1)  # this thread's own setting (OpenMP and MKL keep one per thread)
        return _train_chunk([nets[i] for i in chunk], [runs[i] for i in chunk], [data[i] for i in chunk], epochs,
                            batch_size, lr, lr_drop_epoch, lr_drop_factor)

    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    with single_thread(), ThreadPoolExecutor(min(workers, len(chunks))) as pool:
        for chunk, hist in zip(chunks, pool.map(train, chunks), strict=True):
            for i, h in zip(chunk, hist, strict=True):
                models[i], curves[i] = nets[i], h
    return (models, curves) if history else models


class _Columns(torch.autograd.Function):
    """The columns of a 3x3 convolution with padding 1 (im2col) of feature maps laid out (models, C, H, W, batch):
    (M, C * 9, H * W * batch), in the order of a ``Conv2d`` weight's (C, 3, 3). The batch is the innermost dimension,
    so every copy here moves whole batches. Its backward adds the nine shifted gradients into one buffer."""

    @staticmethod
    def forward(ctx, h):
        m, c, height, width, b = h.shape
        padded = torch.nn.functional.pad(h, (0, 0, 1, 1, 1, 1))
        ctx.shape = h.shape
        cols = torch.stack([padded[:, :, i:i + height, j:j + width] for i in range(3) for j in range(3)], dim=2)
        return cols.reshape(m, c * 9, height * width * b)

    @staticmethod
    def backward(ctx, grad):
        m, c, height, width, b = ctx.shape
        grad = grad.reshape(m, c, 9, height, width, b)
        out = grad.new_zeros(m, c, height + 2, width + 2, b)
        for k in range(9):
            i, j = divmod(k, 3)
            out[:, :, i:i + height, j:j + width] += grad[:, :, k]
        return out[:, :, 1:-1, 1:-1]


def _pool(h: torch.Tensor) -> torch.Tensor:
    """2x2 max pooling of (M, C, H, W, batch), each window's first maximum as ``MaxPool2d`` takes it: ``max_pool2d``
    of the maps seen as (M * C, batch, H, W) in channels-last memory, whose kernel runs along the batch."""
    m, c, height, width, b = h.shape
    out = torch.nn.functional.max_pool2d(h.reshape(m * c, height, width, b).permute(0, 3, 1, 2), 2)
    return out.permute(0, 2, 3, 1).reshape(m, c, height // 2, width // 2, b)


def _forward(p: dict, xb: torch.Tensor) -> torch.Tensor:
    """The logits (M, 10, batch) of M stacked :func:`small_cnn` models (parameters ``p`` as
    ``stack_module_state`` stacks them) on their images ``xb`` (M, batch, 8, 8): the same arithmetic as the
    ``Sequential``, done as one batched matrix product per layer. ReLU after the pooling equals ReLU before it."""
    m, b = xb.shape[:2]
    x = torch.nn.functional.pad(xb.permute(0, 2, 3, 1), (0, 0, 1, 1, 1, 1))  # (M, 10, 10, batch)
    cols = torch.stack([x[:, i:i + 8, j:j + 8] for i in range(3) for j in range(3)], dim=1).reshape(m, 9, 64 * b)
    h = torch.baddbmm(p["0.bias"][:, :, None], p["0.weight"].reshape(m, -1, 9), cols)
    h = _pool(h.reshape(m, -1, 8, 8, b)).relu()  # (M, C1, 4, 4, batch)
    c1 = h.shape[1]
    h = torch.baddbmm(p["3.bias"][:, :, None], p["3.weight"].reshape(m, -1, 9 * c1), _Columns.apply(h))
    h = _pool(h.reshape(m, -1, 4, 4, b)).relu().reshape(m, -1, b)  # (M, C2 * 4, batch): Flatten's order
    return torch.baddbmm(p["7.bias"][:, :, None], p["7.weight"], h)


def _losses(logits, yb, w, offsets, gammas):
    """Each model's loss on its batch, from its logits (M, 10, batch): the package's one loss,
    :func:`~classweights.losses.weighted_cross_entropy` (class weights, logit offsets, focal where gamma > 0),
    reduced with 'mean' as ``CrossEntropyLoss(weight=w)`` and ``cw.focal_loss`` do."""
    return torch.stack([weighted_cross_entropy(logits[m].T, yb[m], w[m], gamma=g, offsets=offsets[m], batched=True)
                        for m, g in enumerate(gammas)])


@torch.no_grad()
def _balanced_accuracy(p: dict, X: torch.Tensor, y: torch.Tensor) -> list[float]:
    """Balanced accuracy (the mean recall over the classes in y) of stacked models on their sets X (M, n, 8, 8)."""
    pred = _forward(p, X).argmax(dim=1)  # (M, n)
    out = []
    for pm, ym in zip(pred, y, strict=True):
        total = torch.bincount(ym, minlength=NUM_CLASSES)
        hit = torch.bincount(ym[pm == ym], minlength=NUM_CLASSES)
        out.append(float((hit[total > 0].double() / total[total > 0]).mean()))
    return out


def _train_chunk(nets, runs, data, epochs, batch_size, lr, drop_epoch, drop_factor):
    device, dtype = data[0][0].device, data[0][0].dtype
    params, _ = stack_module_state(nets)
    # the training sets, each once: images (sets, n, 8, 8) and labels (sets, n), and which set each model reads
    sets: dict[tuple[int, int], tuple[torch.Tensor, torch.Tensor]] = {}
    for X, y, _ in data:
        sets.setdefault((id(X), id(y)), (X.reshape(-1, 8, 8), y))
    keys = list(sets)
    which = torch.tensor([keys.index((id(X), id(y))) for X, y, _ in data], device=device)[:, None]
    images = torch.stack([X for X, _ in sets.values()])
    labels = torch.stack([y for _, y in sets.values()])
    early = torch.stack([_vector(r.weight, "weight", 1.0) for r in runs]).to(device, dtype)
    late = torch.stack([_vector(r.deferred_weight if r.defer_epoch is not None else r.weight, "deferred_weight", 1.0)
                        for r in runs]).to(device, dtype)
    switch = torch.tensor([epochs if r.defer_epoch is None else r.defer_epoch for r in runs], device=device)
    offsets = torch.stack([_vector(r.logit_offsets, "logit_offsets", 0.0) for r in runs]).to(device, dtype)
    gammas = [float(r.gamma) for r in runs]
    samplers = [batch_sampler(y, r.seed, batch_size, r.oversample) for r, (_, y, _) in zip(runs, data, strict=True)]
    watched = [m for m, (_, _, val) in enumerate(data) if val is not None]
    shapes = {data[m][2][0].shape for m in watched}
    hist: list = [None if data[m][2] is None else [] for m in range(len(runs))]
    per_epoch = len(samplers[0])  # the same number of batches of the same sizes in every model

    def record_validation():
        for shape in shapes:  # validation sets of one shape at a time
            sel = [m for m in watched if data[m][2][0].shape == shape]
            accs = _balanced_accuracy({k: v[sel] for k, v in params.items()},
                                      torch.stack([data[m][2][0].reshape(-1, 8, 8) for m in sel]),
                                      torch.stack([data[m][2][1] for m in sel]))
            for m, acc in zip(sel, accs, strict=True):
                hist[m].append(acc)

    def batches():
        """Epoch after epoch, the class weights of the epoch and each model's next batch; at the end of an epoch
        (resumed for the next step's batch, after the epoch's last optimizer step), its validation point."""
        for epoch in range(epochs):
            w = torch.where((epoch >= switch)[:, None], late, early)
            for batch in zip(*samplers, strict=True):
                yield w, torch.as_tensor(batch, device=device)  # (models, batch)
            record_validation()

    stream = batches()

    def loss_at(_step):
        w, idx = next(stream)
        return _losses(_forward(params, images[which, idx]), labels[which, idx], w, offsets, gammas)

    def lr_scale_at(step):  # what MultiStepLR([drop_epoch], drop_factor), stepped after every epoch, gives
        return drop_factor if step // per_epoch >= drop_epoch else 1.0

    adam_steps(list(params.values()), loss_at, epochs * per_epoch, lr,
               lr_scale_at=None if drop_epoch is None else lr_scale_at)
    next(stream, None)  # the last epoch's validation point
    if not all(torch.isfinite(p).all() for p in params.values()):
        raise ValueError("a model's parameters became inf or NaN: check the weights and lr.")
    for m, net in enumerate(nets):
        with torch.no_grad():
            for name, p in net.named_parameters():
                p.copy_(params[name][m])
        net.eval()
    return hist


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
