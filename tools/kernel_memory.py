"""Measure the peak memory of one student's kernel for each lesson, and write it into the README's table.

Each lesson (its English notebook; the Chinese one runs the same code) is executed top to bottom in a fresh
kernel, as a student does with "Run all"; then the kernel reports its own peak resident memory
(``getrusage(...).ru_maxrss``, Linux). Widgets and figures are created as in class. The teacher's view counts
as a lesson here: it holds the explorers of every lesson at once.

    python tools/kernel_memory.py            # measure every lesson and rewrite the table in README.md
    python tools/kernel_memory.py 02 07      # measure some lessons, print only
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- MEMORY:BEGIN (tools/kernel_memory.py writes this table) -->", "<!-- MEMORY:END -->"
PROBE = ("import resource, sys\n"
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == 'darwin' else 1024))")


def peak_bytes(notebook: Path, timeout: int = 900) -> tuple[int, float]:
    """Run ``notebook`` in a fresh kernel; return its kernel's peak resident memory in bytes and the run time."""
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    return int(text.split()[-1]), time.perf_counter() - start


def table(results: dict[str, tuple[int, float]]) -> str:
    rows = ["| Lesson | Peak memory of its kernel | Run all |", "|---|---|---|"]
    for name, (peak, seconds) in results.items():
        label = "Teacher's view" if name == "teacher_view" else name[:2]
        rows.append(f"| {label} | {peak / 2**20:.0f} MiB | {seconds:.0f} s |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lessons", nargs="*", help="name prefixes (default: every lesson, then the README is rewritten)")
    args = ap.parse_args(argv)
    english = ROOT / "notebooks" / "en"
    notebooks = [*sorted(english.glob("[0-9][0-9]_*.ipynb")), english / "teacher_view.ipynb"]
    if args.lessons:
        notebooks = [n for n in notebooks if any(n.stem.startswith(p) for p in args.lessons)]
    results = {}
    for nb in notebooks:
        results[nb.stem] = peak_bytes(nb)
        print(f"{nb.stem}: {results[nb.stem][0] / 2**20:.0f} MiB, {results[nb.stem][1]:.0f} s", flush=True)
    if args.lessons:
        return
    path = ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {BEGIN} ... {END} markers")
    path.write_text(pattern.sub(lambda _: f"{BEGIN}\n{table(results)}\n{END}", readme), encoding="utf-8")
    print("README.md: memory table rewritten")


if __name__ == "__main__":
    main()
