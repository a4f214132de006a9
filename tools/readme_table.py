"""Write the READMEs' lesson tables (between their LESSONS markers) from lessons/, teachers/ and pyproject.toml.

README.md lists each lesson in both languages, README.zh-TW.md in Traditional Chinese; both give the minutes
each lesson takes, the length of the plan in its teacher's guide.

    python tools/readme_table.py          # rewrite README.md and README.zh-TW.md
    python tools/readme_table.py --check  # exit 1 if either is out of date
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
READMES = {"README.md": ("en", "zh-TW"), "README.zh-TW.md": ("zh-TW",)}
HEADERS = {"README.md": ["Lesson", "English", "繁體中文", "Minutes"], "README.zh-TW.md": ["課次", "課程", "分鐘"]}


def title(source: Path, lang: str) -> str:
    for cell in jupytext.read(source, fmt="py:percent").cells:
        if cell.cell_type == "markdown" and cell.metadata.get("lang") == lang:
            return re.sub(r"^#\s*", "", cell.source.splitlines()[0]).strip()
    raise SystemExit(f"{source.name}: no {lang} title")


def minutes(guide: Path) -> int:
    """The minutes a lesson takes: where the 45-minute plan of its teacher's guide ends (its last row, "| 41–45 |")."""
    ends = re.findall(r"^\| *\d+–(\d+) *\|", guide.read_text(encoding="utf-8"), flags=re.M)
    if not ends:
        raise SystemExit(f"{guide.relative_to(ROOT)}: no plan rows (| 0–5 | ...) to take the lesson's minutes from")
    return int(ends[-1])


def table(readme: str = "README.md") -> str:
    langs = READMES[readme]
    header = HEADERS[readme]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for src in sorted((ROOT / "lessons").glob("[0-9][0-9]_*.py")):
        nb = src.stem + ".ipynb"
        cells = []
        for lang in langs:
            guide = f"teachers/{lang}/{src.stem}.md"
            if not (ROOT / guide).exists():
                raise SystemExit(f"{src.name}: no teacher's guide {guide} (write one in each language)")
            cells.append(f"[{title(src, lang)}](notebooks/{lang}/{nb}) [![Colab]({BADGE})]({colab_url(lang, nb)})"
                         f" · [{GUIDE[lang]}]({guide})")
        length = {minutes(ROOT / f"teachers/{lang}/{src.stem}.md") for lang in ("en", "zh-TW")}
        if len(length) != 1:
            raise SystemExit(f"{src.stem}: the two teacher's guides plan different lengths {sorted(length)}")
        rows.append(f"| {src.stem[:2]} | {' | '.join(cells)} | {length.pop()} |")
    return "\n".join(rows)


def render(text: str, readme: str = "README.md") -> str:
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{readme} has no {BEGIN} ... {END} markers")
    return pattern.sub(lambda _: f"{BEGIN}\n{table(readme)}\n{END}", text)


def main() -> None:
    stale = []
    for readme in READMES:
        path = ROOT / readme
        old = path.read_text(encoding="utf-8")
        new = render(old, readme)
        if "--check" in sys.argv:
            stale += [readme] if new != old else []
        else:
            path.write_text(new, encoding="utf-8")
    if stale:
        sys.exit(f"lesson table out of date in {', '.join(stale)}: run python tools/readme_table.py")


if __name__ == "__main__":
    main()
