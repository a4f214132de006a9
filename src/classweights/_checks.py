"""Input conversion and validation shared by every public helper.

Each check raises a ``TypeError`` or ``ValueError`` whose message names the
problem and the fix, so that nothing turns into inf or NaN silently.
Values are only inspected on devices that hold data (not on ``meta``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

_ACCEPTED = "a list, a NumPy array or a torch tensor"


def _has_data(t: torch.Tensor) -> bool:
    return t.device.type != "meta"


def as_tensor(x: Any, name: str) -> torch.Tensor:
    """Convert lists, tuples, NumPy arrays and tensors to a tensor (no copy for tensors)."""
    if isinstance(x, torch.Tensor):
        return x
    if isinstance(x, (list, tuple, np.ndarray)) or (np.isscalar(x) and not isinstance(x, (str, bytes))):
        try:
            return torch.as_tensor(np.asarray(x))
        except (TypeError, ValueError) as err:
            raise TypeError(f"{name} could not be turned into a tensor ({err}); pass {_ACCEPTED} of numbers.") from None
    raise TypeError(f"{name} must be {_ACCEPTED}, got {type(x).__name__}.")


def as_vector(x: Any, name: str, *, float_dtype: torch.dtype | None = None) -> torch.Tensor:
    """A non-empty 1-D floating tensor of finite, non-negative values."""
    t = as_tensor(x, name)
    if t.dtype == torch.bool or t.is_complex():
        raise TypeError(f"{name} must hold real numbers, got dtype {t.dtype}.")
    if not isinstance(x, torch.Tensor):  # lists and NumPy float64 arrays: torch's default dtype, like torch.tensor
        t = t.to(torch.get_default_dtype())
    if t.dim() != 1:
        raise ValueError(f"{name} must be 1-D (one value per class), got shape {tuple(t.shape)}.")
    if t.numel() == 0:
        raise ValueError(f"{name} is empty: give one value per class.")
    if not t.is_floating_point():
        t = t.to(torch.get_default_dtype())
    if float_dtype is not None:
        t = t.to(float_dtype)
    if _has_data(t):
        bad = ~torch.isfinite(t)
        if bad.any():
            c = int(bad.nonzero()[0])
            raise ValueError(f"{name}[{c}] is {t[c].item()}: every value must be a finite number.")
        neg = t < 0
        if neg.any():
            c = int(neg.nonzero()[0])
            raise ValueError(f"{name}[{c}] is {t[c].item():g}: {name} cannot be negative.")
    return t


def as_counts(counts: Any) -> torch.Tensor:
    return as_vector(counts, "counts")


def require_positive_counts(counts: torch.Tensor, scheme: str) -> None:
    """Schemes that divide by a count need every count above zero."""
    if not _has_data(counts):
        return
    zero = counts == 0
    if zero.any():
        c = int(zero.nonzero()[0])
        raise ValueError(
            f"class {c} has a count of 0, so {scheme} would divide by zero (an infinite weight). "
            "If the class has no samples, leave it out of the model's classes; if it is only missing "
            "from this batch, compute the counts on the whole training set (class_counts(labels, "
            "num_classes=K) uses bincount's minlength so every class is counted). Smoothing is no fix: "
            "(1 + s) / s is finite but huge for a small s (11 for s = 0.1); if the class must stay, give it "
            "a weight taken from the counted classes, e.g. smoothed_inverse_frequency(counts, s, "
            "zero_count='rarest') gives it the weight of the rarest counted class."
        )


def as_labels(labels: Any, name: str = "labels") -> torch.Tensor:
    """A 1-D integer tensor of class indices (non-negative)."""
    t = as_tensor(labels, name)
    if t.dim() == 0:
        t = t.reshape(1)
    if t.dim() != 1:
        raise ValueError(f"{name} must be 1-D (one class index per sample), got shape {tuple(t.shape)}.")
    if t.numel() == 0:
        raise ValueError(f"{name} is empty: there is nothing to count or to score; pass at least one sample.")
    if t.is_floating_point() or t.dtype == torch.bool or t.is_complex():
        raise TypeError(
            f"{name} must hold integer class indices, got dtype {t.dtype}; "
            f"convert with {name}.long() (tensors) or {name}.astype(int) (NumPy)."
        )
    t = t.long()
    if _has_data(t) and (t < 0).any():
        v = int(t[t < 0][0])
        raise ValueError(f"{name} contains {v}: class indices start at 0.")
    return t


def check_num_classes(num_classes: Any) -> int:
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise TypeError(f"num_classes must be an int, got {type(num_classes).__name__}.")
    if num_classes < 1:
        raise ValueError(f"num_classes is {num_classes}: it must be at least 1.")
    return int(num_classes)


def check_targets_in_range(targets: torch.Tensor, k: int, name: str = "targets") -> None:
    if _has_data(targets) and (targets >= k).any():
        v = int(targets[targets >= k][0])
        raise ValueError(
            f"{name} contains class {v}, outside 0..{k - 1} for {k} classes; "
            "check the labels, or give the model (and the weights) one entry per class."
        )


def check_same_device(**tensors: torch.Tensor) -> None:
    items = [(n, t) for n, t in tensors.items() if t is not None]
    first_name, first = items[0]
    for name, t in items[1:]:
        if t.device != first.device:
            raise ValueError(
                f"{first_name} is on device '{first.device}' but {name} is on device '{t.device}'; "
                f"put everything the loss sees on one device, e.g. {name} = {name}.to({first_name}.device)."
            )


def check_param(name: str, value: Any, low: float, high: float | None, *, high_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}.")
    v = float(value)
    ok = np.isfinite(v) and v >= low and (high is None or (v < high if high_open else v <= high))
    if not ok:
        if high is None:
            rng = f"a finite number >= {low:g}"
        else:
            rng = f"in [{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{name} is {value!r}: it must be {rng}.")
    return v


REDUCTIONS = ("sum", "mean")


def check_reduction(reduction: Any) -> str:
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction is {reduction!r}: use 'sum' or 'mean' "
                         "(the two CrossEntropyLoss reductions that give one number).")
    return reduction
