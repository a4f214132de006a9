"""Class counts and the weighting schemes built from them.

Every scheme takes per-class counts (a list, NumPy array or tensor) and
returns a float tensor with one weight per class, on the counts' device.
"""

from __future__ import annotations

from typing import Any

import torch

from ._checks import (
    as_counts,
    as_labels,
    check_num_classes,
    check_param,
    check_targets_in_range,
    require_positive_counts,
)


def class_counts(labels: Any, num_classes: int | None = None) -> torch.Tensor:
    """Number of samples of each class, as a float tensor.

    ``num_classes`` makes the result have one entry per class even when the
    highest classes are absent (a zero count), like ``bincount(minlength=...)``.
    """
    y = as_labels(labels)
    if num_classes is not None:
        k = check_num_classes(num_classes)
        check_targets_in_range(y, k, "labels")
    else:
        k = 0
    return torch.bincount(y, minlength=k).to(torch.get_default_dtype())


def inverse_frequency(counts: Any) -> torch.Tensor:
    """``1 / n_c``: the weight of class c is one over its count."""
    n = as_counts(counts)
    require_positive_counts(n, "inverse_frequency (1 / count)")
    return 1.0 / n


def smoothed_inverse_frequency(counts: Any, smoothing: float = 0.1, zero_count: str = "raise") -> torch.Tensor:
    """``(1 + s) / (n_c + s)``: inverse frequency pulled towards 1 by the smoothing factor s.

    Smoothing is not a fix for a zero count: ``(1 + s) / s`` is finite but huge for a small s (11 for
    s = 0.1, about 8000 times the weight of a class of 800 samples), and it is the largest weight of all.
    ``zero_count="raise"`` (the default) refuses a zero count; ``zero_count="rarest"`` gives a class with
    no samples the weight of the rarest counted class (the largest weight among the counted classes).
    Better still, leave a class with no training samples out of the model's classes.
    """
    s = check_param("smoothing", smoothing, 0.0, None)
    if zero_count not in ("raise", "rarest"):
        raise ValueError(f"zero_count is {zero_count!r}: use 'raise' (refuse a zero count) or 'rarest' "
                         "(a class with no samples gets the weight of the rarest counted class).")
    n = as_counts(counts)
    if s == 0:
        require_positive_counts(n, "smoothed_inverse_frequency with smoothing=0 ((1 + 0) / count)")
    if n.device.type == "meta":
        return (1.0 + s) / (n + s)
    counted = n > 0
    if zero_count == "raise" and not counted.all():
        c = int((~counted).nonzero()[0])
        raise ValueError(
            f"class {c} has a count of 0: (1 + s) / s = {(1 + s) / s:.4g} would be its weight, "
            f"{(1 + s) / s * (n.max().item() + s) / (1 + s):.4g} times the weight of the most frequent class, "
            "and smoothing does not make that a sensible weight. Leave a class with no samples out of the "
            "model's classes, count the whole training set (class_counts(labels, num_classes=K)), or pass "
            "zero_count='rarest' to give it the weight of the rarest counted class."
        )
    if not counted.any():
        raise ValueError("every count is 0: there is no counted class to take a weight from; "
                         "count the labels of the whole training set (class_counts(labels, num_classes=K)).")
    w = (1.0 + s) / (n + s)
    return torch.where(counted, w, w[counted].max())


def balanced(counts: Any) -> torch.Tensor:
    """``N / (K * n_c)``: average count per class over the class's count.

    The same numbers as scikit-learn's ``compute_class_weight("balanced")``.
    """
    n = as_counts(counts)
    require_positive_counts(n, "balanced (N / (K * count))")
    return n.sum() / (n.numel() * n)


def effective_number(counts: Any, beta: float = 0.999) -> torch.Tensor:
    """Class-balanced weights from the effective number of samples (Cui et al., CVPR 2019).

    ``(1 - beta) / (1 - beta ** n_c)``, rescaled so that the weights add up to K.
    beta = 0 gives equal weights; beta close to 1 approaches inverse frequency.
    """
    b = check_param("beta", beta, 0.0, 1.0, high_open=True)
    n = as_counts(counts)
    require_positive_counts(n, "effective_number ((1 - beta) / (1 - beta ** count))")
    w = (1.0 - b) / (1.0 - torch.pow(torch.as_tensor(b, dtype=n.dtype, device=n.device), n))
    return w * (n.numel() / w.sum())


def sqrt_inverse_frequency(counts: Any) -> torch.Tensor:
    """``1 / sqrt(n_c)``: a milder inverse frequency (the ratio of two weights is the square root of theirs)."""
    n = as_counts(counts)
    require_positive_counts(n, "sqrt_inverse_frequency (1 / sqrt(count))")
    return 1.0 / torch.sqrt(n)


def logit_adjustment(counts: Any, tau: float = 1.0) -> torch.Tensor:
    """Per-class logit offsets ``tau * log(prior_c)``, prior_c = n_c / N (Menon et al., ICLR 2021).

    Post-hoc: predict ``argmax(logits - offsets)``. In the loss: train on
    ``CrossEntropyLoss()(logits + offsets, targets)`` and predict ``argmax(logits)``.
    """
    t = check_param("tau", tau, 0.0, None)
    n = as_counts(counts)
    require_positive_counts(n, "logit_adjustment (log of a zero prior is -inf)")
    return t * torch.log(n / n.sum())
