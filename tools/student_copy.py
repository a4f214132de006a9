"""Write the lessons for a class that predicts before it runs: no outputs, no teacher's view, solutions folded.

    python tools/student_copy.py class-copy                # both languages: class-copy/en, class-copy/zh-TW
    python tools/student_copy.py class-copy --lang zh-TW   # one language: class-copy/zh-TW

The committed notebooks (notebooks/en, notebooks/zh-TW) keep their outputs, which is right for reading, but
every answer a lesson asks students to predict is then already on screen. A copy made here has:

- no outputs and no execution counts (nbconvert's ClearOutputPreprocessor), so each result appears only
  when the student runs its cell;
- no teacher's view (the explorers without code, for the projector);
- no Colab button, which would open the stored notebook with all its outputs;
- every exercise solution folded (a ``<details>`` element with no ``open``), as in the lessons.

Each language goes to a folder named after it (``en``, ``zh-TW``): the lessons take their language from that
folder. The copy runs wherever requirements.txt is installed, for example on a JupyterHub (see the README,
"Serving a room"). The browser tests run every lesson of such a copy top to bottom (tools/browser.py's
notebook_copy): the English ones in JupyterLab, the Chinese ones as slides in Voila.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANGS = ("en", "zh-TW")
TEACHER_VIEW = "teacher_view.ipynb"
OPEN_DETAILS = re.compile(r"<details\s+open(=(\"[^\"]*\"|'[^']*'|\S+))?\s*>", re.I)


def student_notebook(path: Path, keep_badge: bool = False) -> nbformat.NotebookNode:
    """One notebook without outputs, widget state or Colab button, with every ``<details>`` folded."""
    nb = nbformat.read(path, as_version=4)
    nb, _ = ClearOutputPreprocessor().preprocess(nb, {})
    nb.metadata.pop("widgets", None)
    if not keep_badge:
        nb.cells = [c for c in nb.cells if "colab-badge" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = OPEN_DETAILS.sub("<details>", cell.source)
    return nb


def write_copy(dest: Path, langs: tuple[str, ...] | list[str] = LANGS, teacher_view: bool = False,
               keep_badge: bool = False, overwrite: bool = False) -> list[Path]:
    """Write ``dest/<lang>/*.ipynb`` for each language in ``langs``; return the paths written.

    ``teacher_view=True`` adds the teacher's view (the browser tests open it); a class copy leaves it out.
    """
    dest = Path(dest).resolve()
    unknown = [lang for lang in langs if lang not in LANGS]
    if unknown or not langs:
        raise ValueError(f"languages {list(langs)}: choose from {', '.join(LANGS)} (for example --lang zh-TW)")
    if dest == NOTEBOOKS.resolve() or NOTEBOOKS.resolve() in dest.parents:
        raise ValueError(f"{dest} is inside notebooks/, whose lessons keep their outputs: "
                         "write the copy to a folder of its own, for example class-copy")
    written = []
    for lang in langs:
        out = dest / lang
        existing = sorted(out.glob("*.ipynb")) if out.is_dir() else []
        if existing and not overwrite:
            raise FileExistsError(f"{out} already holds notebooks ({existing[0].name}, ...): "
                                  "choose an empty folder, or pass --overwrite to replace them")
        out.mkdir(parents=True, exist_ok=True)
        for path in sorted((NOTEBOOKS / lang).glob("*.ipynb")):
            if path.name == TEACHER_VIEW and not teacher_view:
                continue
            target = out / path.name
            nbformat.write(student_notebook(path, keep_badge=keep_badge), target)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder to write into (it gets an en/ and a zh-TW/ folder)")
    parser.add_argument("--lang", choices=(*LANGS, "both"), default="both",
                        help="which language's lessons to write (default: both)")
    parser.add_argument("--overwrite", action="store_true", help="replace notebooks already in dest/<lang>")
    args = parser.parse_args(argv)
    langs = LANGS if args.lang == "both" else (args.lang,)
    try:
        written = write_copy(args.dest, langs, overwrite=args.overwrite)
    except (ValueError, FileExistsError) as e:
        print(f"student_copy: {e}", file=sys.stderr)
        return 2
    for lang in langs:
        n = sum(p.parent.name == lang for p in written)
        print(f"{n} lessons without outputs in {args.dest / lang}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
