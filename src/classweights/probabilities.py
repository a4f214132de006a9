"""Binary-label weights, probabilities after class weighting, and calibration.

``pos_weight`` gives ``BCEWithLogitsLoss`` its per-label weight of the positive
samples; ``unweight_probabilities`` undoes the effect of class weights on a
model's predicted probabilities; ``expected_calibration_error`` measures how far
predicted confidences are from the accuracy actually reached.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from ._checks import _has_data, as_labels, as_tensor, as_vector, check_same_device, check_targets_in_range


def _first_index(mask: torch.Tensor) -> tuple[int, ...]:
    """The index (as a tuple) of the first True entry of ``mask``."""
    return tuple(int(i) for i in mask.nonzero()[0])


def _index_text(name: str, idx: tuple[int, ...]) -> str:
    return f"{name}[{', '.join(str(i) for i in idx)}]"


def pos_weight(targets: Any) -> torch.Tensor:
    """``n_negative / n_positive`` per label, for ``torch.nn.BCEWithLogitsLoss(pos_weight=...)``.

    ``targets`` holds 0/1 values (ints, bools, or floats equal to 0 or 1) as a
    list, NumPy array or tensor: shape (N,) for one binary label, or (N, L) for
    L labels (multi-label). Returns a float tensor of shape (1,) or (L,) on the
    targets' device (in the targets' dtype if they are a floating-point
    tensor, else in torch's default dtype). With it, the positives of each
    label weigh as much in the loss as its negatives:
    ``pos_weight * n_positive == n_negative``.
    """
    t = as_tensor(targets, "targets")
    if t.is_complex():
        raise TypeError(f"targets must hold 0/1 values, got dtype {t.dtype}.")
    if t.dim() not in (1, 2):
        raise ValueError(
            f"targets must have shape (N,) for one binary label or (N, L) for L labels, got shape {tuple(t.shape)}; "
            "for a single target, wrap it in a list; for higher-dimensional targets, reshape to (N, L)."
        )
    if t.shape[0] == 0:
        raise ValueError("targets is empty (no samples): pos_weight needs the 0/1 targets of at least one sample.")
    if t.dim() == 2 and t.shape[1] == 0:
        raise ValueError(f"targets has shape {tuple(t.shape)}: no labels; give one column per label, "
                         "shape (N, L) with L >= 1.")
    # like the weighting schemes: floating tensors keep their dtype, everything else gets torch's default
    dtype = t.dtype if isinstance(targets, torch.Tensor) and t.is_floating_point() else torch.get_default_dtype()
    t2 = t if t.dim() == 2 else t[:, None]
    if _has_data(t2):
        bad = ~((t2 == 0) | (t2 == 1))
        if bad.any():
            idx = _first_index(bad)
            v = t2[idx].item()
            where = _index_text("targets", idx if t.dim() == 2 else idx[:1])
            raise ValueError(
                f"targets contains {v!r} (at {where}): pos_weight needs binary targets, 0 (absent) or 1 (present). "
                "For class indices 0..K-1 of a single-label problem use class weights with CrossEntropyLoss "
                "(e.g. balanced(class_counts(labels))), or one-hot encode them with torch.nn.functional.one_hot."
            )
    positives = (t2 == 1).sum(dim=0)
    negatives = t2.shape[0] - positives
    if _has_data(t2):
        missing = (positives == 0) | (negatives == 0)
        if missing.any():
            c = int(missing.nonzero()[0])
            p, n = int(positives[c]), int(negatives[c])
            label = f"label {c}" + (" (the only label)" if t.dim() == 1 else "")
            column = "targets" if t.dim() == 1 else f"targets[:, {c}]"
            if p == 0:
                raise ValueError(
                    f"{label} has no positive sample ({column} is all 0), so pos_weight = n_negative / n_positive "
                    f"= {n} / 0 would be inf. Compute pos_weight on the whole training set rather than a batch, "
                    "or leave that label out of the model."
                )
            raise ValueError(
                f"{label} has no negative sample ({column} is all 1), so pos_weight = n_negative / n_positive "
                f"= 0 / {p} would be 0 and the loss would ignore that label's positives. Compute pos_weight "
                "on the whole training set rather than a batch, or leave that label out of the model."
            )
    return negatives.to(dtype) / positives.to(dtype)


def unweight_probabilities(logits: Any, weight: Any) -> torch.Tensor:
    """The probabilities of a model trained with class weights, corrected to the data's class frequencies.

    Training with ``CrossEntropyLoss(weight=w)`` makes a model predict
    probabilities proportional to ``w_c * p(c | x)``: class c looks ``w_c`` times
    more frequent than it is. Dividing by ``w_c`` and renormalizing undoes that:
    ``softmax(logits - log(weight))`` over the class dimension (dim 1).

    ``logits``: shape (N, K), or (N, K, ...) for dense predictions (class
    dimension 1, as for ``CrossEntropyLoss``). ``weight``: K positive, finite
    numbers (a list, NumPy array or tensor); only their ratios matter, so any
    multiple of the training weights gives the same result. It is cast to the
    logits' dtype; lists and NumPy arrays go to the logits' device, a tensor on
    another device is an error.
    """
    x = as_tensor(logits, "logits")
    if not x.is_floating_point():
        raise TypeError(f"logits must be floating point, got dtype {x.dtype}; use logits.float().")
    if x.dim() < 2:
        raise ValueError(
            f"logits must have shape (N, K) (or (N, K, ...) with the classes on dim 1), got shape {tuple(x.shape)}; "
            "for a single sample use logits[None]."
        )
    k = x.shape[1]
    if k == 0:
        raise ValueError(f"logits has shape {tuple(x.shape)}: no classes on dim 1; give one score per class.")
    w_is_tensor = isinstance(weight, torch.Tensor)
    w = as_vector(weight, "weight")
    if w_is_tensor:
        check_same_device(logits=x, weight=w)
    else:
        w = w.to(x.device)
    if w.numel() != k:
        raise ValueError(
            f"weight has {w.numel()} entries but the logits have {k} classes (logits.shape[1]): "
            "give exactly one weight per class, the weights the model was trained with."
        )
    if _has_data(w):
        zero = w == 0
        if zero.any():
            c = int(zero.nonzero()[0])
            raise ValueError(
                f"weight[{c}] is 0: a class trained with weight 0 was never learned, and correcting by it would "
                "divide by zero (log(0) = -inf). Every weight must be positive."
            )
    if _has_data(x) and not torch.isfinite(x).all():
        raise ValueError("logits contain inf or NaN: check the model's outputs (a diverging learning rate?) first.")
    log_w = torch.log(w.to(x.dtype)).reshape(1, k, *([1] * (x.dim() - 2)))
    return torch.softmax(x - log_w, dim=1)


def _check_n_bins(n_bins: Any) -> int:
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)):
        raise TypeError(f"n_bins must be an int, got {type(n_bins).__name__}.")
    if n_bins < 1:
        raise ValueError(f"n_bins is {n_bins}: it must be at least 1.")
    return int(n_bins)


def expected_calibration_error(probs: Any, targets: Any, n_bins: int = 10) -> float:
    """Top-label expected calibration error (ECE) of predicted probabilities.

    Each sample's confidence is its highest probability, and it is correct when
    that class (the argmax) is its target. The confidences are put in
    ``n_bins`` equal-width bins over [0, 1] with edges
    ``np.linspace(0, 1, n_bins + 1)``; each bin holds ``lo <= confidence < hi``,
    the last one also confidence 1.0. Then
    ``ECE = sum over non-empty bins of (n_bin / N) * |accuracy_bin - mean confidence_bin|``.
    0 means perfectly calibrated.

    ``probs``: shape (N, K), rows of probabilities adding up to 1 (within 1e-4,
    more for float16/bfloat16), e.g. ``torch.softmax(logits, dim=1)`` or the
    output of ``unweight_probabilities``. ``targets``: N class indices in 0..K-1.
    Returns a Python float.

    For reliability curves (accuracy against confidence per bin, to plot), use
    scikit-learn's ``sklearn.calibration.calibration_curve``.
    """
    b = _check_n_bins(n_bins)
    p = as_tensor(probs, "probs")
    if not p.is_floating_point():
        raise TypeError(
            f"probs must be floating point probabilities, got dtype {p.dtype}; "
            "pass probabilities, e.g. torch.softmax(logits, dim=1)."
        )
    if p.dim() != 2:
        raise ValueError("probs must have shape (N, K): one row of K class probabilities per sample; "
                         f"got shape {tuple(p.shape)}.")
    n, k = p.shape
    if n == 0:
        raise ValueError("probs is empty (no samples): there is nothing to score; pass at least one sample.")
    if k == 0:
        raise ValueError(f"probs has shape {tuple(p.shape)}: no classes; give one probability per class.")
    y = as_labels(targets, "targets")
    check_same_device(probs=p, targets=y)
    if not _has_data(p):
        raise ValueError(f"probs is on device '{p.device}', which holds no values: compute the ECE on real data.")
    if y.numel() != n:
        raise ValueError(f"probs has {n} rows but targets has {y.numel()} entries: give one target per row.")
    check_targets_in_range(y, k)
    tol = max(1e-4, 8 * float(torch.finfo(p.dtype).eps))
    pd = p.detach().to("cpu", torch.float64)
    y = y.cpu()
    if not torch.isfinite(pd).all():
        raise ValueError("probs contain inf or NaN: pass probabilities, e.g. torch.softmax(logits, dim=1), "
                         "of finite logits.")
    if (pd < 0).any():
        idx = _first_index(pd < 0)
        raise ValueError(
            f"{_index_text('probs', idx)} is {pd[idx].item():g}: probabilities cannot be negative; "
            "pass probabilities, e.g. torch.softmax(logits, dim=1), not logits."
        )
    off = (pd.sum(dim=1) - 1).abs() > tol
    if off.any():
        i = int(off.nonzero()[0])
        raise ValueError(
            f"row {i} of probs sums to {pd[i].sum().item():.6g}, not 1: pass probabilities, "
            "e.g. torch.softmax(logits, dim=1), not logits or unnormalized scores."
        )
    confidence, predicted = pd.max(dim=1)
    correct = (predicted == y).to(torch.float64)
    edges = torch.from_numpy(np.linspace(0.0, 1.0, b + 1))
    # right=True: bin i holds edges[i] <= confidence < edges[i + 1]; 1.0 lands in the last bin
    bin_of = torch.bucketize(confidence, edges[1:-1], right=True)
    conf_sum = torch.zeros(b, dtype=torch.float64).index_add(0, bin_of, confidence)
    correct_sum = torch.zeros(b, dtype=torch.float64).index_add(0, bin_of, correct)
    # (n_bin / N) * |correct_sum / n_bin - conf_sum / n_bin|; empty bins add 0
    return float((correct_sum - conf_sum).abs().sum() / n)
