"""What a lesson asks of a class: words of prose, code cells, the widest printed line, and what a
Chinese reader would meet in English. The lesson tests use these measures; run it for the table.

    python tools/lesson_stats.py
"""

from __future__ import annotations

import io
import json
import re
import tokenize
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+$")
EXCEPTION_LINE = re.compile(r"\s*\w*(Error|Warning|Exception)\b")


def load(lang: str, name: str) -> dict:
    return json.loads((ROOT / "notebooks" / lang / f"{name}.ipynb").read_text(encoding="utf-8"))


def _src(cell) -> str:
    return "".join(cell["source"])


def code_cells(nb) -> list:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def english_prose(line: str) -> bool:
    """Three English words in a row and no Chinese on the line. Identifiers (snake_case, dotted names,
    `code`), True/False and device names do not count, nor does an exception's own text."""
    if re.search(r"[\u4e00-\u9fff]{2,}", line) or EXCEPTION_LINE.match(line):
        return False
    run = 0
    for tok in re.sub(r"`[^`]*`|\b\w+_\w+\b|\b[\w.]+\.\w+\b", " ", line).split():
        w = tok.strip(".,:;!?()[]{}\"'=<>|/%+-*0123456789")
        if not w:
            continue
        run = run + 1 if _WORD.match(w) and w.lower() not in ("true", "false", "cpu", "cuda", "mps") else 0
        if run >= 3:
            return True
    return False


def printed_lines(nb) -> list[str]:
    """Every line the code cells print or show as text (a widget or a figure shows its picture instead)."""
    return [line for text in output_texts(nb) for line in text.splitlines()]


def output_texts(nb) -> list[str]:
    """The text of each output of the code cells, widgets and figures left out (they show a picture)."""
    texts = []
    for c in code_cells(nb):
        for o in c["outputs"]:
            data = o.get("data", {})
            if "application/vnd.jupyter.widget-view+json" not in data and "image/png" not in data:
                texts.append("".join(o.get("text", "")) or "".join(data.get("text/plain", "")))
    return texts


def comments(code: str) -> list[str]:
    return [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.COMMENT]


def without_comments(code: str) -> str:
    """A cell's code without its comments (each notebook has them in its own language)."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type != tokenize.COMMENT]
    return "\n".join(line.rstrip() for line in tokenize.untokenize(tokens).splitlines() if line.strip())


def display_width(line: str) -> int:
    """Columns in a monospaced font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def too_wide(nb, limit: int = 100) -> list[str]:
    return [line for line in printed_lines(nb) if display_width(line) > limit and not EXCEPTION_LINE.match(line)]


def prose_words(nb) -> int:
    """Words of prose (markdown, without the Colab badge and fenced code)."""
    prose = " ".join(_src(c) for c in nb["cells"]
                     if c["cell_type"] == "markdown" and "colab-badge" not in c["metadata"].get("tags", []))
    return len(re.findall(r"[A-Za-z0-9][\w'\u2019-]*", re.sub(r"```.*?```", " ", prose, flags=re.S)))


def english_comments(nb) -> list[str]:
    return [c for cell in code_cells(nb) for c in comments(_src(cell)) if english_prose(c.lstrip("# "))]


def _header(line: str) -> bool:
    return line.startswith("    ") and len(re.findall(r"\S {2,}(?=\S)", line)) >= 1


def _row(line: str) -> bool:
    return _header(line) or len(re.findall(r"\S {2,}(?=\S)", line)) >= 2


def printed_tables(nb) -> list[list[str]]:
    """The tables a notebook prints: runs of three or more lines with two or more gaps of 2+ spaces between
    words; a header (it starts with spaces: the name column is empty; one gap is enough) opens a new table."""
    tables = []
    for text in output_texts(nb):
        run: list[str] = []
        for line in [*text.splitlines(), ""]:
            if _row(line) and not (run and _header(line)):
                run.append(line)
                continue
            if len(run) >= 3:
                tables.append(run)
            run = [line] if _row(line) else []
    return tables


def misaligned(table: list[str]) -> bool:
    """cw.text_table right-aligns every column, so every line of a table ends at the same display column."""
    return len({display_width(line.rstrip()) for line in table}) > 1


def main() -> None:
    names = sorted(p.stem for p in (ROOT / "notebooks" / "en").glob("*.ipynb"))
    print(f"{'lesson':<40}{'words':>7}{'code':>6}{'widest en':>11}{'widest zh':>11}{'zh: English lines':>19}"
          f"{'comments':>10}")
    for name in names:
        en, zh = load("en", name), load("zh-TW", name)
        widest = [max((display_width(x) for x in printed_lines(nb)), default=0) for nb in (en, zh)]
        print(f"{name:<40}{prose_words(en):>7}{len(code_cells(en)):>6}{widest[0]:>11}{widest[1]:>11}"
              f"{sum(map(english_prose, printed_lines(zh))):>19}{len(english_comments(zh)):>10}")


if __name__ == "__main__":
    main()
