"""Write the README's lesson table (between its LESSONS markers) from lessons/, teachers/ and pyproject.toml.

    python tools/readme_table.py          # rewrite README.md
    python tools/readme_table.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import jupytext

from project import ROOT, colab_url

BEGIN, END = "<!-- LESSONS:BEGIN (tools/readme_table.py writes this table) -->", "<!-- LESSONS:END -->"
BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
GUIDE = {"en": "teacher's guide", "zh-TW": "教師手冊"}


def title(source: Path, lang: str) -> str:
    for cell in jupytext.read(source, fmt="py:percent").cells:
        if cell.cell_type == "markdown" and cell.metadata.get("lang") == lang:
            return re.sub(r"^#\s*", "", cell.source.splitlines()[0]).strip()
    raise SystemExit(f"{source.name}: no {lang} title")


def table() -> str:
    rows = ["| Lesson | English | 繁體中文 |", "|---|---|---|"]
    for src in sorted((ROOT / "lessons").glob("[0-9][0-9]_*.py")):
        nb = src.stem + ".ipynb"
        cells = []
        for lang in ("en", "zh-TW"):
            guide = f"teachers/{lang}/{src.stem}.md"
            if not (ROOT / guide).exists():
                raise SystemExit(f"{src.name}: no teacher's guide {guide} (write one in each language)")
            cells.append(f"[{title(src, lang)}](notebooks/{lang}/{nb}) [![Colab]({BADGE})]({colab_url(lang, nb)})"
                         f" · [{GUIDE[lang]}]({guide})")
        rows.append(f"| {src.stem[:2]} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def render(readme: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {BEGIN} ... {END} markers")
    return pattern.sub(lambda _: f"{BEGIN}\n{table()}\n{END}", readme)


def main() -> None:
    path = ROOT / "README.md"
    old = path.read_text(encoding="utf-8")
    new = render(old)
    if "--check" in sys.argv:
        sys.exit(0 if new == old else "README.md lesson table is out of date: run python tools/readme_table.py")
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
