"""Benchmarks, reported as ratios measured in one run (machines are shared and noisy).

    python benchmarks/bench.py            # everything
    python benchmarks/bench.py explorer   # only the slider update
    python benchmarks/bench.py training   # only one training run and one training-explorer update
    python benchmarks/bench.py suite      # only the notebook suite against its floor

- explorer: one slider move of the weight explorer (recompute + redraw of chart and table), median
  over many moves, against the target of 50 ms; also the share of that spent on the numbers alone.
- training: one cw.train run on the 1000-sample dataset (full batch, default 300 steps), median,
  against the target of 300 ms; and one training-explorer update (train + evaluate + redraw).
- suite: pytest --nbval over every lesson notebook, against the same number of notebooks that only
  import torch, matplotlib, ipywidgets and classweights (the floor no lesson can go below); target 1.5x.
Not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench_explorer(moves: int = 60) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import torch

    import classweights as cw

    logits = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.6931, 0.6931]] * 2)
    targets = torch.tensor([0] * 8 + [1] * 2)
    results = {}
    for lang in ("en", "zh-TW"):
        ex = cw.weight_explorer(logits, targets, lang=lang).explorer
        full, numbers = [], []
        for i in range(moves):
            t = time.perf_counter()
            ex.sliders[i % 2].value = 0.5 + (i % 20) * 0.1
            full.append(time.perf_counter() - t)
            t = time.perf_counter()
            cw.explorer_state(logits, targets, ex.weights, ex.reduction.value)
            numbers.append(time.perf_counter() - t)
        results[lang] = (statistics.median(full) * 1000, statistics.median(numbers) * 1000)
    for lang, (full, numbers) in results.items():
        print(f"explorer [{lang}]: slider update median {full:.1f} ms (target <= 50 ms, ratio to target "
              f"{full / 50:.2f}); numbers alone {numbers:.2f} ms ({numbers / full:.1%} of the update)")
    return results


def bench_training(runs: int = 7) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import classweights as cw

    X, y = cw.imbalanced_blobs(seed=0)
    Xt, yt = cw.imbalanced_blobs(seed=1)
    w = cw.balanced(cw.class_counts(y))
    cw.train(X, y, w)  # warm-up
    times = []
    for seed in range(runs):
        t = time.perf_counter()
        cw.train(X, y, w, seed=seed)
        times.append(time.perf_counter() - t)
    ex = cw.training_explorer(X, y, Xt, yt).explorer
    updates = []
    for i in range(5):
        t = time.perf_counter()
        ex.sliders[1].value = 1.0 + i
        updates.append(time.perf_counter() - t)
    train_ms, update_ms = statistics.median(times) * 1000, statistics.median(updates) * 1000
    print(f"training: one run median {train_ms:.0f} ms (target <= 300 ms, ratio to target {train_ms / 300:.2f}); "
          f"training-explorer update median {update_ms:.0f} ms ({update_ms / train_ms:.2f}x one training run)")
    return {"train_ms": train_ms, "update_ms": update_ms}


def _pytest_nbval(paths: list[str]) -> float:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
                        "--nbval-sanitize-with", str(ROOT / "tests" / "sanitize.cfg"), *paths],
                       cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"pytest failed:\n{r.stdout[-3000:]}")
    return elapsed


def bench_suite(repeats: int = 2) -> dict:
    import nbformat

    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*/*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        floor_nbs = []
        for i in range(len(notebooks)):
            nb = nbformat.v4.new_notebook()
            nb.cells.append(nbformat.v4.new_code_cell("import torch, matplotlib, ipywidgets, classweights"))
            p = Path(tmp) / f"floor_{i:02d}.ipynb"
            nbformat.write(nb, p)
            floor_nbs.append(str(p))
        lesson_t, floor_t = [], []
        for _ in range(repeats):  # interleaved, so both see the same machine load
            floor_t.append(_pytest_nbval(floor_nbs))
            lesson_t.append(_pytest_nbval(notebooks))
    lesson, floor = min(lesson_t), min(floor_t)
    print(f"suite: {len(notebooks)} lesson notebooks under nbval {lesson:.1f} s; {len(floor_nbs)} import-only "
          f"notebooks {floor:.1f} s; ratio {lesson / floor:.2f} (target <= 1.5)")
    return {"lessons_s": lesson, "floor_s": floor, "ratio": lesson / floor}


if __name__ == "__main__":
    which = set(sys.argv[1:]) or {"explorer", "training", "suite"}
    if "explorer" in which:
        bench_explorer()
    if "training" in which:
        bench_training()
    if "suite" in which:
        bench_suite()
