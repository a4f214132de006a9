"""The weighting-schemes lab: one learnable dataset, many ways to handle imbalance, several seeds.

Every scheme trains the same linear model as :func:`train` (full batch, Adam, 300 steps); all
models of one imbalance ratio, every scheme, seed and knob value, train together in one batch
(:func:`train_many`). Knobs are chosen on validation data, and each final model is scored once
on a large test set with the same imbalance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from .data import imbalanced_blobs, train_val_test_split
from .metrics import evaluate, mean_std
from .sampling import oversampling_sampler
from .training import Run, train_many
from .weights import (
    balanced,
    effective_number,
    inverse_frequency,
    logit_adjustment,
    smoothed_inverse_frequency,
    sqrt_inverse_frequency,
)


class LogitAdjusted(torch.nn.Module):
    """Post-hoc logit adjustment: the trained model's logits minus ``offsets`` (tau * log prior)."""

    def __init__(self, model: torch.nn.Module, offsets: torch.Tensor):
        super().__init__()
        self.model = model
        self.register_buffer("offsets", offsets)

    def forward(self, x):
        return self.model(x) - self.offsets


def _runs(gamma: float) -> dict[str, Callable]:
    """Each scheme: (X, y, counts, seed, knob) -> the :class:`Run` that trains its model.

    ``knob`` is the scheme's tuned parameter, or None. Post-hoc logit adjustment trains
    nothing: it adjusts the "no weights" model after training.
    """
    return {
        "no weights": lambda X, y, n, seed, _: Run(X, y, seed=seed),
        "inverse frequency": lambda X, y, n, seed, _: Run(X, y, inverse_frequency(n), seed=seed),
        "smoothed": lambda X, y, n, seed, s: Run(X, y, smoothed_inverse_frequency(n, s), seed=seed),
        "balanced": lambda X, y, n, seed, _: Run(X, y, balanced(n), seed=seed),
        "1 / sqrt(count)": lambda X, y, n, seed, _: Run(X, y, sqrt_inverse_frequency(n), seed=seed),
        "effective number": lambda X, y, n, seed, beta: Run(X, y, effective_number(n, beta), seed=seed),
        "focal": lambda X, y, n, seed, _: Run(X, y, balanced(n), seed=seed, gamma=gamma),
        "oversampling": lambda X, y, n, seed, _: Run(X, y, seed=seed, sampler=oversampling_sampler(y, seed=seed)),
        "logit adjustment, post-hoc": None,
        "logit adjustment, in the loss": lambda X, y, n, seed, _: Run(X, y, seed=seed,
                                                                      logit_offsets=logit_adjustment(n)),
    }


# The knob of each tuned scheme and the values tried on the validation set.
KNOBS = {
    "smoothed": ("s", (1.0, 10.0, 100.0)),
    "effective number": ("β", (0.99, 0.999, 0.9999)),
    "logit adjustment, post-hoc": ("τ", (0.5, 1.0, 1.5, 2.0)),
}


@dataclass
class SchemeLab:
    """What :func:`scheme_lab` returns.

    ``results[ratio][scheme]``: the test set's :func:`evaluate` result of each seed's final model;
    ``counts[ratio]``: the training set's samples per class; ``chosen[ratio][scheme]``: each seed's knob
    value, chosen on validation, for the tuned schemes; ``knobs``: each tuned scheme's knob and the values
    tried (:data:`KNOBS`).
    """

    results: dict[int, dict[str, list[dict]]]
    counts: dict[int, list[float]]
    chosen: dict[int, dict[str, list[float]]]
    knobs: dict[str, tuple[str, tuple[float, ...]]]

    @property
    def ratios(self) -> list[int]:
        """The imbalance ratios, in the order they were run."""
        return list(self.results)

    def overlapping(self, ratio: int, key: str = "balanced_accuracy") -> tuple[str, list[str]]:
        """At this ratio, the scheme with the best mean ``key`` over seeds, and every scheme (itself included)
        whose mean ± std bar overlaps the best one's."""
        stats = {name: mean_std(runs, key) for name, runs in self.results[ratio].items()}
        best = max(stats, key=lambda n: stats[n][0])
        close = [n for n in stats if stats[best][0] - stats[n][0] <= stats[best][1] + stats[n][1]]
        return best, close


def scheme_lab(
    ratios: Sequence[int] = (10, 100),
    seeds: Sequence[int] = (0, 1, 2),
    *,
    n_majority: int = 1000,
    val_factor: int = 3,
    test_factor: int = 10,
    gamma: float = 2.0,
    select_by: str = "balanced_accuracy",
) -> SchemeLab:
    """Train every scheme at each imbalance ratio (majority : each of two minorities) and seed.

    For each ratio and seed one dataset is drawn and split, stratified, into a training set
    (``n_majority`` samples of class 0), a validation set ``val_factor`` times as large and a
    test set ``test_factor`` times as large. Each tuned scheme (:data:`KNOBS`) tries its values
    on the training set and keeps the one with the best ``select_by`` on the **validation**
    set; then every scheme's final model is scored once on the test set.

    Returns a :class:`SchemeLab`: ``.results[ratio][scheme]``, the test results per seed, and the training
    counts, the chosen knob values and the knobs tried.
    """
    makers = _runs(gamma)
    out = SchemeLab(results={}, counts={}, chosen={}, knobs=KNOBS)
    for ratio in ratios:
        n_minor = max(1, n_majority // ratio)
        n_train = n_majority + 2 * n_minor
        n_val, n_test = val_factor * n_train, test_factor * n_train
        props = (n_majority / n_train, n_minor / n_train, n_minor / n_train)
        out.results[ratio] = {name: [] for name in makers}
        out.chosen[ratio] = {name: [] for name in KNOBS}
        # Every model of this ratio, all seeds and knob values, trained together in one batch.
        data, keys, runs = {}, [], []
        for seed in seeds:
            X, y = imbalanced_blobs(n_train + n_val + n_test, props, seed=seed)
            splits = train_val_test_split(X, y, val_size=n_val, test_size=n_test, seed=seed)
            (Xtr, ytr), val, test = splits["train"], splits["val"], splits["test"]
            counts = torch.bincount(ytr, minlength=3).float()
            out.counts[ratio] = counts.tolist()
            data[seed] = (counts, val, test)
            for name, make in makers.items():
                for knob in (KNOBS[name][1] if name in KNOBS else (None,)) if make is not None else ():
                    keys.append((seed, name, knob))
                    runs.append(make(Xtr, ytr, counts, seed, knob))
        trained = dict(zip(keys, train_many(runs)))
        for seed in seeds:
            counts, (Xv, yv), (Xt, yt) = data[seed]
            models = {}
            for name in makers:
                if name == "logit adjustment, post-hoc":
                    candidates = {tau: LogitAdjusted(models["no weights"], logit_adjustment(counts, tau))
                                  for tau in KNOBS[name][1]}
                elif name in KNOBS:
                    candidates = {v: trained[seed, name, v] for v in KNOBS[name][1]}
                else:
                    models[name] = trained[seed, name, None]
                    continue
                scores = {v: evaluate(m, Xv, yv, num_classes=3)[select_by] for v, m in candidates.items()}
                best = max(candidates, key=lambda v: round(scores[v], 6))  # first of any tie, in grid order
                out.chosen[ratio][name].append(best)
                models[name] = candidates[best]
            for name, model in models.items():
                out.results[ratio][name].append(evaluate(model, Xt, yt, num_classes=3))
    return out
