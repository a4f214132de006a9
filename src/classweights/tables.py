"""Text tables for printed results: columns aligned for monospaced fonts, CJK characters counted double."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from . import i18n
from .metrics import mean_std


def text_table(heads: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], min_col: int = 12) -> str:
    """Rows of (name, cells) under right-aligned column heads, padded for CJK text (two columns a character)."""
    width = max(_width(name) for name, _ in rows) + 2
    col = max(min_col, *(_width(h) + 2 for h in heads))
    pad = lambda text: " " * (col - _width(text)) + text  # noqa: E731
    lines = [" " * width + "".join(pad(h) for h in heads)]
    lines += [name + " " * (width - _width(name)) + "".join(pad(c) for c in cells) for name, cells in rows]
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a string takes in a monospaced font (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def compare_metrics(results: dict, lang: str | None = None) -> str:
    """A text table of :func:`evaluate` results side by side: one column per run, one row per metric."""
    if not results:
        raise ValueError("results is empty: pass a dict such as {'no weights': evaluate(...), ...}.")
    runs = list(results)
    k = len(next(iter(results.values()))["recall"])
    rows = []
    for key in ("recall", "precision"):
        for c in range(k):
            rows.append((f"{i18n.text(key, lang)} {i18n.text('class', lang, c=c)}", [results[r][key][c] for r in runs]))
    for key in ("balanced_accuracy", "macro_f1", "accuracy"):
        rows.append((i18n.text(key, lang), [results[r][key] for r in runs]))
    return text_table(runs, [(name, [f"{v:.3f}" for v in vals]) for name, vals in rows], min_col=12)


# The columns of lab_table unless told otherwise.
LAB_METRICS = ("balanced_accuracy", "macro_f1", "weakest_minority_recall", "majority_recall", "minority_precision")


def metric_label(key: str, lang: str | None = None) -> str:
    if key == "weakest_minority_recall":
        return i18n.tr("weakest minority recall", lang)
    return i18n.text(key, lang)


def lab_table(lab, ratio: int, lang: str | None = None, metrics: Sequence[str] = LAB_METRICS) -> str:
    """Mean ± std over seeds of each metric, one row per scheme, scheme names in the lesson's language.

    ``lab``: what :func:`scheme_lab` returns (a :class:`SchemeLab`); ``ratio``: one of its imbalance ratios."""
    heads = [metric_label(k, lang) for k in metrics]
    rows = [(i18n.scheme_name(name, lang), ["{:.3f} ± {:.3f}".format(*mean_std(runs, key)) for key in metrics])
            for name, runs in lab.results[ratio].items()]
    return text_table(heads, rows, min_col=16)
