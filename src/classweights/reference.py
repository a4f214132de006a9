"""The reference answer's three training examples, reproduced and seeded.

The reference builds a dataset of 1000 samples with 10 uniform random features
and labels drawn with probabilities 0.8 / 0.1 / 0.1, then trains one
``Linear(10, 3)`` with Adam (lr 1e-3), batches of 32 in order, for 2 epochs,
and prints the loss of each epoch's *last batch*. The features carry no
information about the labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch

from ._checks import as_labels, check_num_classes, check_param
from .training import single_thread


def noise_dataset(
    n_samples: int = 1000, n_features: int = 10, proportions: Sequence[float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """The reference's data, from a seeded NumPy generator: labels drawn with ``proportions``, uniform features."""
    rng = np.random.default_rng(seed)
    labels = rng.choice(len(proportions), size=n_samples, p=list(proportions))
    data = rng.random((n_samples, n_features))
    return torch.tensor(data, dtype=torch.float32), torch.tensor(labels, dtype=torch.long)


# The reference notebook's logit in lesson 01's toy example: just under ln 2 (0.693147...), so that every sample's
# true class gets a probability just under 0.8; lesson 01 discusses this very literal.
TOY_LOGIT = 0.6931


def toy_example(device: Any = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Lesson 01's ten samples (the reference notebook's toy example): 8 of class 0, 2 of class 1, and fixed
    logits (``TOY_LOGIT``, ``-TOY_LOGIT``) towards each sample's own class.

    Returns ``(logits, targets)``: float32 logits of shape (10, 2) and the class indices, on ``device``.
    """
    logits = torch.tensor([[TOY_LOGIT, -TOY_LOGIT]] * 8 + [[-TOY_LOGIT, TOY_LOGIT]] * 2, device=device)
    targets = torch.tensor([0] * 8 + [1] * 2, device=device)
    return logits, targets


WeightRule = Callable[[torch.Tensor], torch.Tensor]


def reference_training(
    X: torch.Tensor,
    y: torch.Tensor,
    weight: torch.Tensor | WeightRule | None = None,
    *,
    epochs: int = 2,
    batch_size: int = 32,
    lr: float = 1e-3,
    seed: int = 0,
    label_smoothing: float = 0.0,
) -> dict:
    """The reference's training loop. ``weight`` is a fixed tensor, None, or a function
    of each batch's labels (example 3: weights recomputed per batch).

    Batches are taken in order without shuffling (as the reference's DataLoader does).
    Returns ``model``, ``batch_losses`` (every batch), ``last_batch_loss`` (per epoch:
    what the reference prints as "Epoch: e, Loss: ...") and ``batch_weights`` (the
    weights used in each batch).
    """
    torch.manual_seed(seed)
    model = torch.nn.Linear(X.shape[1], 3 if weight is None or callable(weight) else len(weight))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    batch_losses, last_batch_loss, batch_weights = [], [], []
    with single_thread():
        for _epoch in range(epochs):
            _epoch_loop(X, y, weight, batch_size, label_smoothing, model, optimizer, batch_losses, batch_weights)
            last_batch_loss.append(batch_losses[-1])
    return {"model": model, "batch_losses": batch_losses, "last_batch_loss": last_batch_loss,
            "batch_weights": batch_weights}


def _epoch_loop(X, y, weight, batch_size, label_smoothing, model, optimizer, batch_losses, batch_weights):
    for start in range(0, len(X), batch_size):
        inputs, labels = X[start:start + batch_size], y[start:start + batch_size]
        w = weight(labels) if callable(weight) else weight
        criterion = torch.nn.CrossEntropyLoss(weight=w, label_smoothing=label_smoothing)
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        optimizer.step()
        batch_losses.append(loss.item())
        batch_weights.append(None if w is None else w.detach().clone())


def batch_inverse_frequency(labels: Any, num_classes: int) -> torch.Tensor:
    """Example 3's rule as the reference wrote it: ``1 / bincount(labels, minlength=K)``.

    A class missing from the batch gets an infinite weight (1 / 0); kept as is to show what it does.
    """
    y = as_labels(labels)
    counts = torch.bincount(y, minlength=check_num_classes(num_classes)).float()
    return 1.0 / counts


def safe_batch_weights(labels: Any, num_classes: int, smoothing: float = 1.0) -> torch.Tensor:
    """A per-batch rule that never divides by zero: ``(1 + s) / (count + s)`` on the batch's counts.

    A class missing from the batch gets the finite weight ``(1 + s) / s``: with
    ``smoothing=1`` that is 2, and a class seen once gets 1. Use it when a weight
    must exist for every class (e.g. with label smoothing, which touches every class).
    """
    s = check_param("smoothing", smoothing, 0.0, None)
    if s == 0:
        raise ValueError("smoothing is 0: a class missing from the batch would get 1 / 0; use a positive smoothing.")
    y = as_labels(labels)
    counts = torch.bincount(y, minlength=check_num_classes(num_classes)).to(torch.get_default_dtype())
    return (1.0 + s) / (counts + s)
