"""Oversampling: draw minority samples more often instead of weighting the loss."""

from __future__ import annotations

from typing import Any

import torch
from torch.utils.data import WeightedRandomSampler

from ._checks import as_labels, require_positive_counts


def oversampling_sampler(labels: Any, num_samples: int | None = None, seed: int | None = 0) -> WeightedRandomSampler:
    """A ``WeightedRandomSampler`` that draws each class about equally often.

    Each sample's probability is ``1 / count[its class]``, with replacement;
    ``num_samples`` draws per pass (default: as many as there are labels). Seeded by
    ``seed`` (None: PyTorch's global generator). Do not combine it with class weights
    in the loss: that counts the imbalance twice.
    """
    y = as_labels(labels)
    counts = torch.bincount(y).to(torch.float64)
    present = counts[counts > 0]
    require_positive_counts(present, "oversampling_sampler")
    sample_weights = (1.0 / counts)[y]
    n = len(y) if num_samples is None else int(num_samples)
    if n < 1:
        raise ValueError(f"num_samples is {num_samples}: it must be at least 1.")
    generator = None if seed is None else torch.Generator().manual_seed(seed)
    return WeightedRandomSampler(sample_weights, num_samples=n, replacement=True, generator=generator)
