"""The weighting-schemes lab: one learnable dataset, many ways to handle imbalance, several seeds.

Every scheme trains the same linear model with :func:`train` (full batch, Adam,
300 steps) and is scored on a large held-out set with the same imbalance.
"""

from __future__ import annotations

import statistics
from functools import partial
from typing import Callable, Sequence

import torch

from . import i18n
from .losses import focal_loss
from .sampling import oversampling_sampler
from .training import evaluate, imbalanced_blobs, train
from .weights import (balanced, effective_number, inverse_frequency, logit_adjustment, smoothed_inverse_frequency,
                      sqrt_inverse_frequency)


class LogitAdjusted(torch.nn.Module):
    """Post-hoc logit adjustment: the trained model's logits minus ``offsets`` (tau * log prior)."""

    def __init__(self, model: torch.nn.Module, offsets: torch.Tensor):
        super().__init__()
        self.model = model
        self.register_buffer("offsets", offsets)

    def forward(self, x):
        return self.model(x) - self.offsets


def _schemes(smoothing: float, beta: float, gamma: float) -> dict[str, Callable]:
    """Each scheme: (X, y, counts, seed) -> a model to evaluate."""
    return {
        "no weights": lambda X, y, n, seed: train(X, y, seed=seed),
        "inverse frequency": lambda X, y, n, seed: train(X, y, inverse_frequency(n), seed=seed),
        f"smoothed, s = {smoothing:g}": lambda X, y, n, seed: train(X, y, smoothed_inverse_frequency(n, smoothing), seed=seed),
        "balanced": lambda X, y, n, seed: train(X, y, balanced(n), seed=seed),
        "1 / sqrt(count)": lambda X, y, n, seed: train(X, y, sqrt_inverse_frequency(n), seed=seed),
        f"effective number, β = {beta:g}": lambda X, y, n, seed: train(X, y, effective_number(n, beta), seed=seed),
        f"focal, γ = {gamma:g}, α = balanced": lambda X, y, n, seed: train(
            X, y, seed=seed, loss_fn=partial(focal_loss, gamma=gamma, weight=balanced(n))),
        "oversampling": lambda X, y, n, seed: train(X, y, seed=seed, sampler=oversampling_sampler(y, seed=seed)),
        "logit adjustment, post-hoc": lambda X, y, n, seed: LogitAdjusted(train(X, y, seed=seed), logit_adjustment(n)),
        "logit adjustment, in the loss": lambda X, y, n, seed: train(X, y, seed=seed, logit_offsets=logit_adjustment(n)),
    }


def scheme_names(smoothing: float = 10.0, beta: float = 0.999, gamma: float = 2.0) -> list[str]:
    return list(_schemes(smoothing, beta, gamma))


def scheme_lab(
    ratios: Sequence[int] = (10, 100),
    seeds: Sequence[int] = (0, 1, 2),
    *,
    n_majority: int = 1000,
    n_test_majority: int = 10000,
    smoothing: float = 10.0,
    beta: float = 0.999,
    gamma: float = 2.0,
) -> dict:
    """Train every scheme at each imbalance ratio (majority : each of two minorities) and seed.

    Returns ``{ratio: {scheme: [evaluate(...) per seed]}}`` plus the training counts
    under the key ``"counts"`` (``{ratio: [..]}``). Held-out data use seed 1000 + seed.
    """
    schemes = _schemes(smoothing, beta, gamma)
    out: dict = {"counts": {}}
    for ratio in ratios:
        props = (ratio / (ratio + 2), 1 / (ratio + 2), 1 / (ratio + 2))
        n_train = n_majority + 2 * max(1, n_majority // ratio)
        n_test = n_test_majority + 2 * max(1, n_test_majority // ratio)
        out[ratio] = {name: [] for name in schemes}
        for seed in seeds:
            X, y = imbalanced_blobs(n_train, props, seed=seed)
            Xt, yt = imbalanced_blobs(n_test, props, seed=1000 + seed)
            counts = torch.bincount(y, minlength=3).float()
            out["counts"][ratio] = counts.tolist()
            for name, make in schemes.items():
                out[ratio][name].append(evaluate(make(X, y, counts, seed), Xt, yt, num_classes=3))
    return out


METRICS = ("balanced_accuracy", "macro_f1", "minority_recall")


def _metric(result: dict, key: str) -> float:
    if key == "minority_recall":
        return min(result["recall"][1:])  # the weaker of the two minority classes
    return result[key]


def mean_std(results: list[dict], key: str) -> tuple[float, float]:
    values = [_metric(r, key) for r in results]
    return statistics.mean(values), (statistics.pstdev(values) if len(values) > 1 else 0.0)


def lab_table(lab: dict, ratio: int, lang: str | None = None) -> str:
    """Mean ± std over seeds of balanced accuracy, macro-F1 and the weaker minority's recall."""
    from .training import text_table

    heads = [i18n.text(k, lang) if k != "minority_recall" else i18n.tr("weakest minority recall", lang) for k in METRICS]
    rows = [(name, ["{:.3f} ± {:.3f}".format(*mean_std(runs, key)) for key in METRICS]) for name, runs in lab[ratio].items()]
    return text_table(heads, rows, min_col=16)


def plot_lab(lab: dict, key: str = "balanced_accuracy", lang: str | None = None, figsize=(9.5, 3.6)):
    """One horizontal bar per scheme and ratio: mean over seeds, with the std as an error bar."""
    import matplotlib.pyplot as plt

    ratios = [r for r in lab if r != "counts"]
    names = list(lab[ratios[0]])
    fig, axes = plt.subplots(1, len(ratios), figsize=figsize, dpi=80, sharey=True, layout="constrained")
    axes = [axes] if len(ratios) == 1 else list(axes)
    label = i18n.text(key, lang) if key != "minority_recall" else i18n.tr("weakest minority recall", lang)
    for ax, ratio in zip(axes, ratios):
        stats = [mean_std(lab[ratio][n], key) for n in names]
        ax.barh(range(len(names)), [m for m, _ in stats], xerr=[s for _, s in stats], color="#4C72B0", alpha=0.85)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(names, fontsize=8)
        ax.set_xlim(0, 1)
        ax.set_xlabel(label)
        ax.set_title(i18n.tr("imbalance 1:{r}", lang, r=ratio), fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].invert_yaxis()  # the axes share y: invert once, so the first scheme is on top
    return fig
