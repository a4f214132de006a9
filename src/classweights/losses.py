"""Per-class parts of (weighted) cross-entropy."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from ._checks import (
    _has_data,
    as_labels,
    as_tensor,
    as_vector,
    check_reduction,
    check_same_device,
    check_targets_in_range,
)


def prepare_loss_inputs(logits: Any, targets: Any, weight: Any = None):
    """Check and convert what a cross-entropy loss sees.

    Returns ``(logits, targets, weight)`` as tensors on one device, ``weight``
    in the logits' dtype (or None). Raises a clear error for anything that would
    make torch fail obscurely or give inf/NaN.
    """
    x = as_tensor(logits, "logits")
    if not x.is_floating_point():
        raise TypeError(f"logits must be floating point, got dtype {x.dtype}; use logits.float().")
    if x.dim() != 2:
        raise ValueError("logits must have shape (N, K): one row of K class scores per sample; "
                         f"got shape {tuple(x.shape)}.")
    y = as_labels(targets, "targets")
    w = None if weight is None else as_vector(weight, "weight")
    check_same_device(logits=x, targets=y, weight=w)
    n, k = x.shape
    if y.numel() != n:
        raise ValueError(f"logits has {n} rows but targets has {y.numel()} entries: give one target per row.")
    if w is not None:
        if w.numel() != k:
            raise ValueError(
                f"weight has {w.numel()} entries but the logits have {k} classes: give exactly one weight per class."
            )
        w = w.to(x.dtype)
    check_targets_in_range(y, k)
    if _has_data(x) and not torch.isfinite(x).all():
        raise ValueError("logits contain inf or NaN: check the model's outputs (a diverging learning rate?) "
                         "before the loss.")
    return x, y, w


def per_class_loss(logits: Any, targets: Any, weight: Any = None, reduction: str = "sum") -> torch.Tensor:
    """Each class's part of ``torch.nn.CrossEntropyLoss(weight=weight, reduction=reduction)``.

    Returns a tensor of K numbers that add up to that loss. Sample i contributes
    ``weight[y_i] * -log softmax(logits_i)[y_i]`` to its class ``y_i``. With
    ``reduction="mean"`` PyTorch divides the weighted sum by the sum of the
    targets' weights ``sum_i weight[y_i]`` (not by N), and so does this function.
    """
    reduction = check_reduction(reduction)
    x, y, w = prepare_loss_inputs(logits, targets, weight)
    k = x.shape[1]
    per_sample = F.cross_entropy(x, y, weight=w, reduction="none")
    parts = torch.zeros(k, dtype=per_sample.dtype, device=per_sample.device).index_add(0, y, per_sample)
    if reduction == "mean":
        denom = torch.ones_like(per_sample).sum() if w is None else w[y].sum()
        if _has_data(denom) and denom.item() == 0:
            raise ValueError(
                "every target's class has weight 0, so reduction='mean' would divide 0 by 0 (NaN): "
                "give a positive weight to at least one class present in the targets, or use reduction='sum'."
            )
        parts = parts / denom
    return parts


def focal_loss(logits: Any, targets: Any, gamma: float = 2.0, weight: Any = None,
               reduction: str = "mean") -> torch.Tensor:
    """Focal loss (Lin et al., 2017) with per-class weights alpha = ``weight``.

    Sample i costs ``weight[y_i] * (1 - p_i) ** gamma * -log p_i`` (p_i: the probability
    of its true class). Reduced like ``CrossEntropyLoss``: "sum" adds them, "mean"
    divides by the sum of the targets' weights (by N without weights), so with
    ``gamma=0`` it equals ``CrossEntropyLoss(weight=weight, reduction=reduction)``.
    ``reduction="none"`` returns the per-sample losses.
    """
    from ._checks import check_param

    g = check_param("gamma", gamma, 0.0, None)
    if reduction not in ("none", "sum", "mean"):
        raise ValueError(f"reduction is {reduction!r}: use 'none', 'sum' or 'mean'.")
    x, y, w = prepare_loss_inputs(logits, targets, weight)
    log_p = F.log_softmax(x, dim=1).gather(1, y[:, None]).squeeze(1)
    per_sample = -((1.0 - log_p.exp()).clamp(min=0.0) ** g) * log_p
    sample_w = torch.ones_like(per_sample) if w is None else w[y]
    per_sample = sample_w * per_sample
    if reduction == "none":
        return per_sample
    if reduction == "sum":
        return per_sample.sum()
    denom = sample_w.sum()
    if _has_data(denom) and denom.item() == 0:
        raise ValueError("every target's class has weight 0, so reduction='mean' would divide 0 by 0 (NaN): "
                         "give a positive weight to at least one class present in the targets, or use reduction='sum'.")
    return per_sample.sum() / denom
