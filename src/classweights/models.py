"""The classifiers the lessons train on 2-D data (the CNN of lesson 07 lives in digits.py)."""

from __future__ import annotations

import torch


def make_model(n_features: int, num_classes: int, hidden: int | None = None) -> torch.nn.Module:
    """A linear classifier (as in the reference), or a one-hidden-layer MLP if ``hidden`` is given."""
    if hidden is None:
        return torch.nn.Linear(n_features, num_classes)
    return torch.nn.Sequential(torch.nn.Linear(n_features, hidden), torch.nn.ReLU(),
                               torch.nn.Linear(hidden, num_classes))
