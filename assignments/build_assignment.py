"""Write the graded assignment's source notebooks, one per language, from one bilingual source.

``assignments/assignment.py`` (jupytext ``py:percent``) holds the assignment: markdown cells carry
``lang="en"`` or ``lang="zh-TW"``, code cells are shared by both languages, and a cell's ``role`` becomes
its nbgrader metadata:

- ``role="locked"``: a read-only cell (the setup, the given model);
- ``role="answer"``: an autograded answer, its solution between ``### BEGIN SOLUTION`` and ``### END SOLUTION``;
- ``role="tests"`` with ``points=N``: autograder tests, the hidden ones between ``### BEGIN HIDDEN TESTS`` and
  ``### END HIDDEN TESTS``;
- ``role="manual"`` with ``points=N``: a written answer graded by hand (its whole text is the model answer);
- ``role="note"``: a note for whoever edits the source, not written into the notebooks.

Each cell with a role also has a ``grade_id``. The notebooks land where nbgrader looks for them, in
``source/cw_assignment_en/assignment.ipynb`` and ``source/cw_assignment_zh-TW/assignment.ipynb``:

    python assignments/build_assignment.py           # write both notebooks
    python assignments/build_assignment.py --check   # exit 1 if a committed notebook differs from the source
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "assignment.py"
ASSIGNMENTS = {"en": "cw_assignment_en", "zh-TW": "cw_assignment_zh-TW"}
NOTEBOOK = "assignment.ipynb"
ROLES = {
    "locked": {"grade": False, "solution": False, "locked": True},
    "answer": {"grade": False, "solution": True, "locked": False},
    "tests": {"grade": True, "solution": False, "locked": True},
    "manual": {"grade": True, "solution": True, "locked": False},
}


def notebook_path(lang: str) -> Path:
    if lang not in ASSIGNMENTS:
        raise ValueError(f"unknown language {lang!r}: use one of {list(ASSIGNMENTS)}")
    return HERE / "source" / ASSIGNMENTS[lang] / NOTEBOOK


def nbgrader_metadata(role: str, grade_id: str | None, points: int | None, where: str) -> dict:
    if role not in ROLES:
        raise SystemExit(f"{where}: unknown role={role!r}; use one of {[*ROLES, 'note']}")
    if not grade_id:
        raise SystemExit(f"{where}: a cell with role={role!r} needs a grade_id=\"...\"")
    meta = {**ROLES[role], "grade_id": grade_id, "schema_version": 3, "task": False}
    if meta["grade"]:
        if not isinstance(points, int) or points <= 0:
            raise SystemExit(f"{where}: a cell with role={role!r} needs points=N, a positive whole number")
        meta["points"] = points
    elif points is not None:
        raise SystemExit(f"{where}: only role=\"tests\" and role=\"manual\" cells carry points")
    return dict(sorted(meta.items()))


def notebook_for(lang: str, source: Path = SOURCE) -> nbformat.NotebookNode:
    """The source notebook of one language, as nbgrader's generate_assignment reads it."""
    notebook_path(lang)  # checks the language
    out = nbformat.v4.new_notebook()
    grade_ids = set()
    for n, cell in enumerate(jupytext.read(source, fmt="py:percent").cells, start=1):
        meta = dict(cell.metadata)
        where = f"{source.name}, cell {n}"
        cell_lang, role = meta.pop("lang", None), meta.pop("role", None)
        grade_id, points = meta.pop("grade_id", None), meta.pop("points", None)
        meta.pop("lines_to_next_cell", None)  # jupytext's note on blank lines, not the notebook's
        if cell_lang is not None and cell_lang not in ASSIGNMENTS:
            raise SystemExit(f"{where}: unknown lang={cell_lang!r}; use one of {list(ASSIGNMENTS)}")
        if cell.cell_type == "code" and cell_lang is not None:
            raise SystemExit(f"{where}: code cells are shared by both languages; remove lang={cell_lang!r}")
        if meta:
            raise SystemExit(f"{where}: unknown cell options {sorted(meta)}; use lang, role, grade_id, points")
        if role == "note" or cell_lang not in (None, lang):
            continue
        if role is not None:
            meta["nbgrader"] = nbgrader_metadata(role, grade_id, points, where)
            if grade_id in grade_ids:
                raise SystemExit(f"{where}: grade_id {grade_id!r} is used twice in the {lang} notebook")
            grade_ids.add(grade_id)
        elif grade_id is not None or points is not None:
            raise SystemExit(f"{where}: grade_id and points need a role")
        new = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
        out.cells.append(new(cell.source, metadata=meta))
    for i, cell in enumerate(out.cells):  # stable ids, so that a rebuild does not churn the files
        cell["id"] = f"cell-{i:03d}"
    out.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "classweights": {"lang": lang, "source": "assignments/assignment.py"},
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare the committed notebooks with the source")
    args = ap.parse_args(argv)
    stale = []
    for lang in ASSIGNMENTS:
        nb, path = notebook_for(lang), notebook_path(lang)
        if args.check:
            if not path.exists() or nbformat.read(path, as_version=4) != nb:
                stale.append(path.relative_to(HERE.parent))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        print(f"wrote {path.relative_to(HERE.parent)}")
    if stale:
        print("out of date:", *stale, "(run: python assignments/build_assignment.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
