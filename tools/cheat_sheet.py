"""Build the cheat sheet: one printable A4 page per language, as PDF and PNG, from ``cheatsheet/sheet.toml``.

The page has a "which approach when" flowchart, the three rules that hold on every path, and the numbered
rules a student should leave with; each rule and each answer of the chart names the lesson that teaches it.
Chinese text uses the package's bundled CJK font (``src/classweights/fonts``, the one ``use_cjk_font`` registers).

    python tools/cheat_sheet.py                  # both languages, into cheatsheet/
    python tools/cheat_sheet.py --lang zh-TW     # one language
    python tools/cheat_sheet.py --out DIR        # somewhere else (the tests build into a temporary folder)

Each file carries the text it shows: the PNG in its ``Description`` field, the PDF as a SHA-256 of that text in
its ``Keywords`` field, so a test can tell whether a committed file is what the build makes now without
comparing pixels. The build stops with an error if a glyph is missing from the fonts, and
``layout_problems`` lists overlapping, clipped or too small text.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import sys
import warnings
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "cheatsheet" / "sheet.toml"
OUT = ROOT / "cheatsheet"
FONT_DIR = ROOT / "src" / "classweights" / "fonts"
LANGS = ("en", "zh-TW")
PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGIN_MM = 8.0  # nothing printed closer to the edge: printers cannot reach it
DPI = 150  # the PNG: 1240 x 1753 pixels
MIN_POINTS = 8.0  # the smallest text, readable on paper
SIZES = {"title": 18.0, "subtitle": 9.5, "heading": 13.0, "node": 9.0, "edge": 8.5, "rule": 10.0, "footer": 8.0}
COLOURS = {  # light fills that print in grey, dark edges; blue and orange stay apart for colour-blind readers
    "question": ("#dcebf7", "#2b6a9e"), "answer": ("#f3f3f3", "#555555"), "always": ("#fde6c8", "#b35c00"),
    "tag": "#2b6a9e", "edge": "#333333", "muted": "#555555",
}
NODE_KINDS = ("question", "answer")
PAD_MM = 1.6  # inside a box, around its text


class SheetError(ValueError):
    """``cheatsheet/sheet.toml`` is missing something or refers to something that does not exist."""


def output_name(lang: str, suffix: str) -> str:
    return f"cheat_sheet_{lang}.{suffix}"


# -- the content --------------------------------------------------------------------------------------------------

def _lessons() -> set[str]:
    return {p.name[:2] for p in (ROOT / "lessons").glob("[0-9][0-9]_*.py")}


def _need_text(entry: dict, where: str, keys=LANGS) -> None:
    for key in keys:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise SheetError(f"{where}: no {key!r} text; add {key} = \"...\" to it in {SHEET.name}")


def _need_lesson(entry: dict, where: str, lessons: set[str]) -> None:
    nn = entry.get("lesson")
    if nn not in lessons:
        raise SheetError(f"{where}: lesson = {nn!r} is not a lesson of lessons/ ({', '.join(sorted(lessons))}); "
                         "give the two-digit number of the lesson that teaches it")
    evidence = entry.get("evidence")
    if not isinstance(evidence, dict):
        raise SheetError(f"{where}: no evidence; add evidence.en and evidence.zh-TW, words of lesson {nn}'s prose")
    _need_text(evidence, f"{where}, evidence")


def load_sheet(path: Path = SHEET) -> dict:
    """The sheet's content, checked: every text in both languages, every lesson real, every arrow between boxes."""
    try:
        sheet = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SheetError(f"{path.name} does not exist; the cheat sheet's content is cheatsheet/sheet.toml") from None
    except tomllib.TOMLDecodeError as err:
        raise SheetError(f"{path.name} is not valid TOML ({err}); fix the line it names") from None
    lessons = _lessons()
    page = sheet.get("page", {})
    for key in ("title", "subtitle", "flow", "always", "rules", "lesson", "footer"):
        _need_text(page.get(key, {}), f"[page] {key}")
    for lang in LANGS:
        if "{nn}" not in page["lesson"][lang]:
            raise SheetError(f"[page] lesson.{lang} must contain {{nn}}, where the lesson's number goes")
    ids = set()
    for i, node in enumerate(sheet.get("node", []), 1):
        where = f"node {i} ({node.get('id', 'no id')})"
        if not node.get("id") or node["id"] in ids:
            raise SheetError(f"{where}: every node needs an id of its own")
        ids.add(node["id"])
        if node.get("kind") not in NODE_KINDS:
            raise SheetError(f"{where}: kind = {node.get('kind')!r}; use one of {NODE_KINDS}")
        for key in ("x", "top", "width"):
            if not isinstance(node.get(key), (int, float)):
                raise SheetError(f"{where}: {key} must be a number of millimetres on the page")
        _need_text(node, where)
        if node["kind"] == "answer":
            _need_lesson(node, where, lessons)
    for i, edge in enumerate(sheet.get("edge", []), 1):
        for end in ("from", "to"):
            if edge.get(end) not in ids:
                raise SheetError(f"edge {i}: {end} = {edge.get(end)!r} is not a node id ({', '.join(sorted(ids))})")
        _need_text(edge, f"edge {i}")
    for table in ("always", "rule"):
        if not sheet.get(table):
            raise SheetError(f"no [[{table}]] entries in {path.name}; add at least one")
        for i, entry in enumerate(sheet[table], 1):
            _need_text(entry, f"{table} {i}")
            _need_lesson(entry, f"{table} {i}", lessons)
    return sheet


def taught_items(sheet: dict) -> list[dict]:
    """Everything on the sheet that a lesson teaches: the chart's answers, the 'always' rules, the numbered rules."""
    return [n for n in sheet["node"] if n["kind"] == "answer"] + sheet["always"] + sheet["rule"]


# -- text that fits ---------------------------------------------------------------------------------------------

_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_BREAK = " \t\n"  # the spaces a line may break at (not the no-break space that binds a formula together)
# A token is one CJK character; or a run of other characters, which may end after a call's "(", a keyword's "="
# or a ",", where a line may break inside code; or spaces.
_TOKEN = re.compile(rf"[{_CJK}]|[^{_BREAK}{_CJK}]*?(?:[A-Za-z_.][(=]|,)(?=[^{_BREAK}])|[^{_BREAK}{_CJK}]+|[{_BREAK}]+")
_FORMULA_SPACE = re.compile(r" ([/+−=×±≈]) ")  # "1 / (1 + p)" stays on one line
_NO_LINE_START = set("，。、；：？！）」』》,.;:!?)]")
_NO_LINE_END = set("（「『《")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(_FORMULA_SPACE.sub("\u00a0\\1\u00a0", text)):
        glue = out and not tok.isspace() and not out[-1].isspace() and (
            tok[0] in _NO_LINE_START or out[-1][-1] in _NO_LINE_END or out[-1] in ("(", "[")
            or "\u00a0" in (tok[0], out[-1][-1]))
        if glue:
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _width_mm(text: str, size: float, renderer) -> float:
    from matplotlib.font_manager import FontProperties

    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)
    return width / renderer.dpi * 25.4


def wrap(text: str, width_mm: float, size: float, renderer) -> str:
    """``text`` broken into lines no wider than ``width_mm`` at ``size`` points: at spaces, between CJK characters
    and after a call's "(", a keyword's "=" or a ","; never before closing punctuation or around " / ", " + ", ...
    (those spaces become no-break spaces)."""
    lines, line = [], ""
    for tok in _tokens(re.sub(f"[{_BREAK}]+", " ", text.strip())):
        if not line and tok.isspace():
            continue
        if line and not tok.isspace() and _width_mm((line + tok).rstrip(), size, renderer) > width_mm:
            lines.append(line.rstrip())
            line = tok
        else:
            line += tok
    lines.append(line.rstrip())
    return "\n".join(lines)


# -- drawing ------------------------------------------------------------------------------------------------------

def _extent_mm(artist, ax, renderer) -> Bbox:
    return artist.get_window_extent(renderer).transformed(ax.transData.inverted())


def _tag(sheet: dict, lang: str, nn: str) -> str:
    return sheet["page"]["lesson"][lang].format(nn=nn)


def _tagged(sheet: dict, lang: str, text: str, nn: str | None) -> str:
    """A box's text with the lesson that teaches it: "... (L08)", "...（第 08 課）"."""
    if nn is None:
        return text
    tag = _tag(sheet, lang, nn).replace(" ", "\u00a0")  # one unit: never broken across lines
    return f"{text}（{tag}）" if lang == "zh-TW" else f"{text} ({tag})"


def _box(ax, renderer, *, text: str, x: float, top: float, width: float, kind: str, centred: bool) -> dict:
    fill, edge = COLOURS[kind]
    size = SIZES["node"]
    body = wrap(text, width - 2 * PAD_MM, size, renderer)
    tx = x if centred else x - width / 2 + PAD_MM
    t = ax.text(tx, top - PAD_MM, body, ha="center" if centred else "left", va="top", fontsize=size,
                linespacing=1.25, multialignment="center" if centred else "left", zorder=3)
    height = top - _extent_mm(t, ax, renderer).y0 + PAD_MM
    patch = FancyBboxPatch((x - width / 2, top - height), width, height, boxstyle="round,pad=0,rounding_size=1.2",
                           facecolor=fill, edgecolor=edge, linewidth=0.9, zorder=2)
    ax.add_patch(patch)
    t.cheat_sheet_box = patch  # layout_problems checks that the text stays inside its box
    return {"x": x, "left": x - width / 2, "right": x + width / 2, "top": top, "bottom": top - height, "text": t,
            "patch": patch}


BEND_CLEARANCE_MM = 2.0  # between an arrow's sideways run and a box it passes under
LABEL_ROOM_MM = 4.0  # between an arrow's sideways run and the box it points to: room for the arrow's label


def _arrow(ax, renderer, start: dict, end: dict, label: str, others: list[dict]) -> None:
    """An arrow from the bottom of ``start`` to the top of ``end``: down, sideways, down. The sideways run lies 3 mm
    under ``start``, or lower where a box of ``others`` reaches down into its way. The label sits on the last
    vertical piece, between the sideways run's height and ``end`` (on a straight arrow too, so that it stays clear
    of a sibling arrow that leaves sideways). Where no such height leaves room for the label above ``end``, the run
    stays where it is and ``layout_problems`` reports the box it crosses."""
    (x0, y0), (x1, y1) = (start["x"], start["bottom"]), (end["x"], end["top"])
    bend = y0 - min(3.0, (y0 - y1) / 3)
    if abs(x0 - x1) < 0.5:
        points = [(x0, y0), (x1, y1)]
    else:
        for box in sorted(others, key=lambda b: -b["bottom"]):
            below = box["bottom"] - BEND_CLEARANCE_MM
            if box["left"] < max(x0, x1) and box["right"] > min(x0, x1) and below < bend < box["top"] \
                    and below >= y1 + LABEL_ROOM_MM:
                bend = below
        points = [(x0, y0), (x0, bend), (x1, bend), (x1, y1)]
    codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 1)
    arrow = FancyArrowPatch(path=MplPath(points, codes), arrowstyle="-|>", mutation_scale=9,
                            color=COLOURS["edge"], linewidth=0.9, shrinkA=0, shrinkB=0, zorder=1)
    ax.add_patch(arrow)
    text = ax.text(x1, (bend + y1) / 2, label, ha="center", va="center", fontsize=SIZES["edge"],
                   color=COLOURS["muted"], zorder=4,
                   bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    # layout_problems checks that the arrow passes no box but its own two and no text but its label
    arrow.cheat_sheet_route = {"points": points, "ends": (start["patch"], end["patch"]), "label": text}


def draw(sheet: dict, lang: str) -> Figure:
    """The page of one language, as a matplotlib Figure (A4; axes in millimetres, origin bottom left)."""
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r}: the cheat sheet exists in {LANGS}; pick one of them")
    # DejaVu Sans, and for Chinese the bundled CJK font behind it for the glyphs DejaVu lacks.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"] + ([cjk_family()] if lang == "zh-TW" else [])}):
        return _draw(sheet, lang)


def _draw(sheet: dict, lang: str) -> Figure:
    page = sheet["page"]
    fig = Figure(figsize=(PAGE_MM[0] / 25.4, PAGE_MM[1] / 25.4), dpi=DPI)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, PAGE_MM[0])
    ax.set_ylim(0, PAGE_MM[1])
    ax.set_axis_off()
    left, right = MARGIN_MM + 2, PAGE_MM[0] - MARGIN_MM - 2
    bold = "bold" if lang == "en" else "normal"  # the CJK font has no bold face

    ax.text(left, 287, page["title"][lang], fontsize=SIZES["title"], fontweight=bold, va="top")
    ax.text(left, 278.5, wrap(page["subtitle"][lang], right - left, SIZES["subtitle"], renderer),
            fontsize=SIZES["subtitle"], color=COLOURS["muted"], va="top")
    ax.text(left, 270, page["flow"][lang], fontsize=SIZES["heading"], fontweight=bold, va="top")

    boxes = {}
    for node in sheet["node"]:
        text = _tagged(sheet, lang, node[lang], node.get("lesson"))
        boxes[node["id"]] = _box(ax, renderer, text=text, x=node["x"], top=node["top"], width=node["width"],
                                 kind=node["kind"], centred=node["kind"] == "question")
    for edge in sheet["edge"]:
        others = [b for key, b in boxes.items() if key not in (edge["from"], edge["to"])]
        _arrow(ax, renderer, boxes[edge["from"]], boxes[edge["to"]], edge[lang], others)

    # The rules that hold on every path: a band of boxes under the chart.
    y = min(b["bottom"] for b in boxes.values()) - 4
    heading = ax.text(left, y, page["always"][lang], fontsize=SIZES["heading"], fontweight=bold, va="top")
    y = _extent_mm(heading, ax, renderer).y0 - 2
    gap, n = 3.0, len(sheet["always"])
    width = (right - left - gap * (n - 1)) / n
    band = [_box(ax, renderer, text=_tagged(sheet, lang, item[lang], item["lesson"]),
                 x=left + width / 2 + i * (width + gap), top=y, width=width, kind="always", centred=False)
            for i, item in enumerate(sheet["always"])]
    y = min(b["bottom"] for b in band) - 4.5

    heading = ax.text(left, y, page["rules"][lang], fontsize=SIZES["heading"], fontweight=bold, va="top")
    y = _extent_mm(heading, ax, renderer).y0 - 2.5
    tag_width = max(_width_mm(_tag(sheet, lang, r["lesson"]), SIZES["rule"], renderer) for r in sheet["rule"]) + 4
    for i, rule in enumerate(sheet["rule"], 1):
        ax.text(left, y, f"{i}.", fontsize=SIZES["rule"], va="top", fontweight=bold)
        body = ax.text(left + 8, y, wrap(rule[lang], right - left - 8 - tag_width, SIZES["rule"], renderer),
                       fontsize=SIZES["rule"], va="top", linespacing=1.25)
        ax.text(right, y, _tag(sheet, lang, rule["lesson"]), fontsize=SIZES["rule"], va="top", ha="right",
                color=COLOURS["tag"])
        y = _extent_mm(body, ax, renderer).y0 - 1.8

    ax.text(left, MARGIN_MM + 1, wrap(page["footer"][lang], right - left, SIZES["footer"], renderer),
            fontsize=SIZES["footer"], color=COLOURS["muted"], va="bottom")
    return fig


def page_text(fig: Figure) -> str:
    """Every text the page shows, in drawing order, one per line (wrapped texts keep their line breaks)."""
    return "\n".join(t.get_text() for t in fig.axes[0].texts if t.get_visible() and t.get_text())


def layout_problems(fig: Figure) -> list[str]:
    """What would make the printed page hard to read: text below MIN_POINTS, text outside the printable area or
    outside its box, texts that overlap each other, boxes that overlap, an arrow through a box or a text."""
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    problems = []
    texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
    extents = [_extent_mm(t, ax, renderer) for t in texts]
    area = Bbox.from_extents(MARGIN_MM, MARGIN_MM, PAGE_MM[0] - MARGIN_MM, PAGE_MM[1] - MARGIN_MM)

    def name(t):
        return repr(t.get_text().replace("\n", " ")[:50])

    for t, e in zip(texts, extents):
        if t.get_fontsize() < MIN_POINTS:
            problems.append(f"{name(t)}: {t.get_fontsize():g} pt, below {MIN_POINTS:g}")
        if not (area.x0 <= e.x0 and e.x1 <= area.x1 and area.y0 <= e.y0 and e.y1 <= area.y1):
            where = f"x {e.x0:.1f}..{e.x1:.1f}, y {e.y0:.1f}..{e.y1:.1f} mm"
            problems.append(f"{name(t)}: outside the printable area ({where})")
        box = getattr(t, "cheat_sheet_box", None)
        if box is not None:
            b = _extent_mm(box, ax, renderer)
            if not (b.x0 < e.x0 and e.x1 < b.x1 and b.y0 < e.y0 and e.y1 < b.y1):
                problems.append(f"{name(t)}: sticks out of its box")
    for (t1, e1), (t2, e2) in itertools.combinations(zip(texts, extents), 2):
        if e1.overlaps(e2):
            problems.append(f"{name(t1)} overlaps {name(t2)}")
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    box_extents = [_extent_mm(p, ax, renderer) for p in boxes]
    for b1, b2 in itertools.combinations(box_extents, 2):
        if b1.overlaps(b2):
            problems.append(f"two boxes overlap, at ({b1.x0:.1f}, {b1.y0:.1f}) and ({b2.x0:.1f}, {b2.y0:.1f}) mm")
    for t, e in zip(texts, extents):  # an arrow's label must not cover a box
        if getattr(t, "cheat_sheet_box", None) is None and t.get_bbox_patch() is not None:
            problems += [f"{name(t)} covers a box" for b in box_extents if b.overlaps(e)]
    for arrow in ax.patches:
        route = getattr(arrow, "cheat_sheet_route", None)
        if route is None:
            continue
        for (xa, ya), (xb, yb) in itertools.pairwise(route["points"]):
            piece = Bbox.from_extents(min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
            where = f"the arrow piece ({xa:.1f}, {ya:.1f})-({xb:.1f}, {yb:.1f}) mm"
            problems += [f"{where} crosses a box, at ({b.x0:.1f}, {b.y0:.1f}) mm"
                         for p, b in zip(boxes, box_extents) if p not in route["ends"] and piece.overlaps(b)]
            problems += [f"{where} runs through {name(t)}" for t, e in zip(texts, extents)
                         if t is not route["label"] and getattr(t, "cheat_sheet_box", None) is None
                         and piece.overlaps(e)]
    return problems


def cjk_family() -> str:
    """Register the package's bundled CJK font (the file ``classweights.plotting.use_cjk_font`` registers) and
    return its family name. Read from the file, so that drawing the sheet does not import the package and torch."""
    from matplotlib import font_manager

    fonts = sorted(FONT_DIR.glob("*.ttf"))
    if not fonts:
        raise FileNotFoundError(f"no .ttf font in {FONT_DIR.relative_to(ROOT)}; the Chinese page needs the CJK font "
                                "that the package ships (see its README for how to regenerate it)")
    known = {f.fname for f in font_manager.fontManager.ttflist}
    if str(fonts[0]) not in known:
        font_manager.fontManager.addfont(str(fonts[0]))
    return font_manager.FontProperties(fname=fonts[0]).get_name()


def text_digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(lang: str, out: Path = OUT, sheet: dict | None = None) -> dict:
    """Draw one language's page and write its PDF and PNG into ``out``; returns their paths and the page's text."""
    sheet = load_sheet() if sheet is None else sheet
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"--out {out} is a file; give a folder for the PDF and PNG")
    out.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"pdf.fonttype": 42, "svg.fonttype": "none"}), warnings.catch_warnings():
        # A glyph missing from both fonts would print as an empty box: stop instead.
        warnings.filterwarnings("error", message=r"Glyph .* missing from")
        fig = draw(sheet, lang)
        text = page_text(fig)
        problems = layout_problems(fig)
        title = sheet["page"]["title"][lang]
        pdf, png = out / output_name(lang, "pdf"), out / output_name(lang, "png")
        fig.savefig(pdf, metadata={"Title": title, "Keywords": text_digest(text), "Creator": "tools/cheat_sheet.py",
                                   "CreationDate": None})
        fig.savefig(png, dpi=DPI, metadata={"Title": title, "Description": text, "Software": "tools/cheat_sheet.py"})
    return {"pdf": pdf, "png": png, "text": text, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGS, action="append", help="one language (default: both)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PDF and PNG (default: cheatsheet/)")
    args = parser.parse_args(argv)
    try:
        sheet = load_sheet()
    except SheetError as err:
        print(f"cheat sheet: {err}", file=sys.stderr)
        return 2
    status = 0
    for lang in args.lang or LANGS:
        made = build(lang, args.out, sheet)
        print(f"{lang}: {made['pdf'].name}, {made['png'].name}")
        for problem in made["problems"]:
            print(f"  layout: {problem}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
