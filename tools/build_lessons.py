"""Build the lessons: one source per lesson, two notebooks (en, zh-TW), executed.

Each lesson is one jupytext ``py:percent`` file in ``lessons/``. Code cells are
shared; each markdown cell carries ``lang="en"`` or ``lang="zh-TW"`` (or none,
for both). A code comment that is a sentence comes in both languages, and each
notebook gets its own (see :func:`localize_comments`). This script writes ``notebooks/en/NAME.ipynb`` and
``notebooks/zh-TW/NAME.ipynb`` with the same code cells by construction, fills
in the repository slug and branch from ``pyproject.toml`` ([tool.classweights]),
puts a Colab badge on top, and executes each notebook in its own folder in a
fresh kernel so the stored outputs are the ones nbval will compare.

    python tools/build_lessons.py            # build and execute every lesson
    python tools/build_lessons.py 01         # only lessons whose name starts with 01
    python tools/build_lessons.py --no-execute
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
NOTEBOOKS = ROOT / "notebooks"
LANGS = ("en", "zh-TW")
BADGE_ALT = {"en": "Open in Colab", "zh-TW": "在 Colab 開啟"}
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip")
EXPLORERS = ("weight_explorer(", "training_explorer(", "threshold_explorer(", "tau_explorer(", "multilabel_explorer(")

sys.path.insert(0, str(ROOT / "tools"))
from project import colab_url, repo_config  # noqa: E402


def lesson_sources(prefixes: list[str] | None = None) -> list[Path]:
    """Numbered lessons, then the teacher's view (the explorers on one page, for Voila)."""
    files = [*sorted(LESSONS.glob("[0-9][0-9]_*.py")), LESSONS / "teacher_view.py"]
    if prefixes:
        files = [f for f in files if any(f.stem.startswith(p) for p in prefixes)]
    return files


def explorer_calls(source: str) -> int:
    """How many explorers a notebook's or a cell's source displays (``cw.weight_explorer(...)`` and the others)."""
    return sum(source.count(f"cw.{name}") for name in EXPLORERS)


def slide_type(cell_type: str, source: str, override: str | None = None) -> str:
    """Where a cell goes in the lesson's slideshow (``voila --template=reveal``): the one rule for every lesson.

    A markdown cell with a ``#`` or ``##`` heading opens a new slide; any other markdown cell opens a
    sub-slide (the next one down). A code cell joins the slide of the prose above it, except an explorer,
    which gets a sub-slide of its own so that it fits the screen. A code cell of a lesson source may say
    otherwise with ``slide="subslide"`` (an output too tall to share a slide) or ``slide="skip"``; both
    languages share it, because code cells are shared.
    """
    if override is not None:
        if cell_type != "code" or override not in SLIDE_TYPES:
            raise SystemExit(f"slide={override!r}: only code cells choose their slide, with one of {SLIDE_TYPES}")
        return override
    if cell_type == "markdown":
        return "slide" if re.match(r"#{1,2} ", source.lstrip()) else "subslide"
    return "subslide" if any(name in source for name in EXPLORERS) else "-"


COMMENT_TAG = re.compile(r"#\s*(en|zh-TW):\s?")


def localize_comments(code: str, lang: str, where: str = "") -> str:
    """Keep each comment in the notebook's language: the code itself is the same in both.

    A comment line ``# en: ...`` is kept (as ``# ...``) in the English notebook only, a line
    ``# zh-TW: ...`` in the Chinese one; write them in pairs, English first. A comment after code
    gives both languages in one line: ``x = f()  # en: the mean  # zh-TW: 平均``. Comments
    without a tag (``# noqa``, ``# 0.8 = softmax(...)``) stay in both notebooks.
    """
    out = []
    for line in code.splitlines():
        stripped = line.lstrip()
        tag = COMMENT_TAG.match(stripped)
        if tag:  # a whole-line comment in one language
            if tag.group(1) == lang:
                out.append(line[: len(line) - len(stripped)] + "# " + stripped[tag.end():])
            continue
        trailing = re.search(r"\s#\s*en:\s?(.*?)\s+#\s*zh-TW:\s?(.*)$", line)
        if trailing:
            text = trailing.group(1) if lang == "en" else trailing.group(2)
            line = line[: trailing.start()].rstrip() + "  # " + text
        elif re.search(r"#\s*(en|zh-TW):", line):
            raise SystemExit(f"{where}: a comment after code needs both languages, "
                             f"'  # en: ...  # zh-TW: ...': {line.strip()!r}")
        out.append(line)
    return "\n".join(out)


def notebook_for(source: Path, lang: str) -> nbformat.NotebookNode:
    """The unexecuted notebook of one language (what the committed notebook's cells must be)."""
    repo, branch = repo_config()
    nb = jupytext.read(source, fmt="py:percent")
    out = nbformat.v4.new_notebook()
    name = source.stem + ".ipynb"
    badge = f"[![{BADGE_ALT[lang]}](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(lang, name)})"
    out.cells.append(nbformat.v4.new_markdown_cell(badge, metadata={"tags": ["colab-badge"],
                                                                    "slideshow": {"slide_type": "skip"}}))
    for cell in nb.cells:
        meta = dict(cell.metadata)
        cell_lang = meta.pop("lang", None)
        slide = meta.pop("slide", None)
        if cell_lang is not None and cell_lang not in LANGS:
            raise SystemExit(f"{source.name}: unknown lang {cell_lang!r} in a cell (use one of {LANGS})")
        if cell_lang not in (None, lang):
            continue
        if cell.cell_type == "code" and cell_lang is not None:
            raise SystemExit(f"{source.name}: code cells are shared by both languages; remove lang={cell_lang!r}")
        src = cell.source.replace("{{REPO}}", repo).replace("{{BRANCH}}", branch)
        try:
            meta["slideshow"] = {"slide_type": slide_type(cell.cell_type, src, slide)}
        except SystemExit as e:
            raise SystemExit(f"{source.name}: {e}") from None
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(localize_comments(src, lang, source.name), metadata=meta)
        else:
            new = nbformat.v4.new_markdown_cell(src, metadata=meta)
        out.cells.append(new)
    for i, cell in enumerate(out.cells):  # stable ids, so rebuilding does not churn the files
        cell["id"] = f"{source.stem[:8]}-{i:03d}"
    out.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "classweights": {"lang": lang, "source": f"lessons/{source.name}"},
        "colab": {"provenance": []},
    }
    return out


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 600) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    # No widget state in the notebook: an explorer's output then falls back to the PNG in its mime bundle
    # wherever no kernel runs it (JupyterLab before "Run all", nbconvert's HTML export, nbviewer, GitHub).
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
                            store_widget_state=False, record_timing=False)
    client.execute()
    nb.metadata["language_info"] = {"name": "python"}  # the exact Python version is not part of the lesson
    return nb


def build(source: Path, run: bool = True) -> list[Path]:
    written = []
    for lang in LANGS:
        nb = notebook_for(source, lang)
        target = NOTEBOOKS / lang / (source.stem + ".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        if run:
            nb = execute(nb, target.parent)
        nbformat.write(nb, target)
        written.append(target)
        print(f"wrote {target.relative_to(ROOT)}", flush=True)
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lessons", nargs="*", help="name prefixes of lessons to build (default: all)")
    ap.add_argument("--no-execute", action="store_true", help="write the notebooks without running them")
    args = ap.parse_args(argv)
    sources = lesson_sources(args.lessons)
    if not sources:
        raise SystemExit(f"no lesson matches {args.lessons} in lessons/")
    for src in sources:
        build(src, run=not args.no_execute)


if __name__ == "__main__":
    main()
