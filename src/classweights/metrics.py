"""How good a classifier is: predictions, held-out metrics (scikit-learn), and the numbers read from them."""

from __future__ import annotations

import statistics
from typing import Any

import torch

from ._checks import as_labels, as_tensor


@torch.no_grad()
def predict(model: torch.nn.Module, X: Any) -> torch.Tensor:
    """The class each row of X gets: the argmax of the model's logits."""
    return model(as_tensor(X, "X")).argmax(dim=1)


def evaluate(model: torch.nn.Module, X: Any, y: Any, num_classes: int | None = None) -> dict:
    """Held-out metrics, computed with scikit-learn.

    Returns a dict: ``recall`` and ``precision`` (lists, one per class; a class never
    predicted has precision 0), ``balanced_accuracy`` (the mean of the recalls),
    ``macro_f1``, ``accuracy`` and ``confusion_matrix`` (rows: true class,
    columns: predicted class, as a list of lists).
    """
    from sklearn import metrics

    y_t = as_labels(y, "y")
    pred = predict(model, X).cpu().numpy()
    true = y_t.cpu().numpy()
    k = num_classes if num_classes is not None else int(max(true.max(), pred.max())) + 1
    labels = list(range(k))
    precision, recall, f1, _ = metrics.precision_recall_fscore_support(true, pred, labels=labels, average=None,
                                                                       zero_division=0)
    return {
        "recall": recall.tolist(),
        "precision": precision.tolist(),
        "balanced_accuracy": float(metrics.balanced_accuracy_score(true, pred)),
        "macro_f1": float(f1.mean()),  # what f1_score(average="macro") returns: the mean of the per-class F1
        "accuracy": float(metrics.accuracy_score(true, pred)),
        "confusion_matrix": metrics.confusion_matrix(true, pred, labels=labels).tolist(),
    }


def metric(result: dict, key: str) -> float:
    """One number from an :func:`evaluate` result; class 0 is the majority, the others the minorities."""
    if key == "weakest_minority_recall":
        return min(result["recall"][1:])
    if key == "majority_recall":
        return result["recall"][0]
    if key == "majority_precision":
        return result["precision"][0]
    if key in ("minority_recall", "minority_precision"):
        values = result[key.split("_")[1]][1:]
        return sum(values) / len(values)
    return result[key]


def mean_std(results: list[dict], key: str) -> tuple[float, float]:
    """Mean and standard deviation over seeds (population formula: divide by the number of seeds)."""
    values = [metric(r, key) for r in results]
    return statistics.mean(values), (statistics.pstdev(values) if len(values) > 1 else 0.0)
