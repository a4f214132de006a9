"""The cheat sheet (cheatsheet/): one printable A4 page per language, PDF and PNG, drawn by tools/cheat_sheet.py
from cheatsheet/sheet.toml.

Every rule and every answer of its chart names a lesson, and that lesson's prose holds the rule's evidence phrase
in each language. The committed files carry the text the build makes now."""

import hashlib
import re
import sys
from pathlib import Path

import jupytext
import matplotlib
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from zh_usage import off_usage  # noqa: E402

import cheat_sheet as CS  # noqa: E402

LANGS = ("en", "zh-TW")
A4_MM = (210, 297)
A4_POINTS = (210 / 25.4 * 72, 297 / 25.4 * 72)  # PDF units are 1/72 inch


def lesson_prose(nn: str, lang: str) -> str:
    """The markdown a reader of lesson ``nn`` sees in ``lang``, read from the lesson's source."""
    (path,) = (ROOT / "lessons").glob(f"{nn}_*.py")
    nb = jupytext.read(path, fmt="py:percent")
    return "\n".join(c.source for c in nb.cells
                     if c.cell_type == "markdown" and c.metadata.get("lang") in (lang, None))


def squash(text: str) -> str:
    """Spaces, line breaks, `backticks` and *emphasis* do not count."""
    return re.sub(r"[\s`*]", "", text).lower()


@pytest.fixture(scope="module")
def sheet():
    return CS.load_sheet()


@pytest.fixture(scope="module")
def built(tmp_path_factory, sheet):
    out = tmp_path_factory.mktemp("cheatsheet")
    return {lang: CS.build(lang, out, sheet) for lang in LANGS}


def test_the_sheet_has_rules_a_chart_and_the_three_rules_of_every_path(sheet):
    assert len(sheet["rule"]) >= 8 and len(sheet["always"]) == 3
    kinds = {n["kind"] for n in sheet["node"]}
    assert kinds == {"question", "answer"} and len(sheet["edge"]) >= len(sheet["node"]) - 1
    ends = {e["to"] for e in sheet["edge"]}
    assert [n["id"] for n in sheet["node"] if n["id"] not in ends] == ["start"], "one chart, one start"
    leaves = {n["id"] for n in sheet["node"]} - {e["from"] for e in sheet["edge"]}
    assert all(n["kind"] == "answer" for n in sheet["node"] if n["id"] in leaves), "every path ends in an answer"
    always = " ".join(a["en"] for a in sheet["always"]).lower()
    for words in ("sampler or weights, never both", "no per-batch weights", "on validation", "test set"):
        assert words in always, words


def test_every_lesson_teaches_something_on_the_sheet(sheet):
    """A new lesson gets its rules on the sheet (lesson 09 was missing for a while)."""
    lessons = sorted(p.name[:2] for p in (ROOT / "lessons").glob("[0-9][0-9]_*.py"))
    assert lessons[:9] == [f"{n:02d}" for n in range(1, 10)], lessons
    cited = {item["lesson"] for item in CS.taught_items(sheet)}
    missing = [nn for nn in lessons if nn not in cited]
    assert not missing, f"no rule or answer on the sheet cites lesson(s) {missing}: add one to cheatsheet/sheet.toml"


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_is_taught_by_the_lesson_it_names(sheet, lang):
    prose = {}
    missing = []
    for item in CS.taught_items(sheet):
        nn, phrase = item["lesson"], item["evidence"][lang]
        prose.setdefault(nn, squash(lesson_prose(nn, lang)))
        assert len(squash(phrase)) >= (8 if lang == "zh-TW" else 20), f"too short to be evidence: {phrase!r}"
        if squash(phrase) not in prose[nn]:
            missing.append(f"lesson {nn} does not say {phrase!r} (rule: {item[lang][:60]!r})")
    assert not missing, "\n".join(missing)


TAGS = {"en": r"\(L(\d\d)\)|^L(\d\d)$", "zh-TW": r"（第\s(\d\d)\s課）|^第\s(\d\d)\s課$"}  # in a box | beside a rule


def lesson_tags(lang, text):
    return ["".join(groups) for groups in re.findall(TAGS[lang], text, flags=re.M)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_shows_every_rule_with_its_lesson(sheet, built, lang):
    text = built[lang]["text"]
    shown = squash(text)
    page = sheet["page"]
    for key in ("title", "flow", "always", "rules"):
        assert squash(page[key][lang]) in shown, key
    for item in [*sheet["node"], *sheet["edge"], *sheet["always"], *sheet["rule"]]:
        assert squash(item[lang]) in shown, item[lang]
    taught = [item["lesson"] for item in CS.taught_items(sheet)]
    assert sorted(lesson_tags(lang, text)) == sorted(taught), "each rule and each answer shows its lesson"


def test_both_pages_say_the_same_things(built):
    en, zh = (built[lang]["text"].replace("\u00a0", " ") for lang in LANGS)
    assert lesson_tags("en", en) == lesson_tags("zh-TW", zh), "the same lessons in the same order"
    formulas = (r"argmax|softmax|pos_weight|BCEWithLogitsLoss|CrossEntropyLoss|torch\.isfinite|Σᵢ w\[yᵢ\]|1 / count"
                r'|n_neg / n_pos|ignore_index|reduction="none"|mean\(w·l\)')
    assert re.findall(formulas, en) == re.findall(formulas, zh), "the same code and formulas"


def test_the_chinese_page_reads_as_taiwan_usage(sheet):
    texts = [entry["zh-TW"] for entry in [*sheet["node"], *sheet["edge"], *sheet["always"], *sheet["rule"]]]
    texts += [value["zh-TW"] for value in sheet["page"].values()]
    found = sorted({w for t in texts for w in off_usage(t)})
    assert not found, f"mainland or off-glossary wording: {found}"
    for text in texts:
        assert re.search(r"[\u4e00-\u9fff]", text), f"a zh-TW reader sees Chinese: {text!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_prints_cleanly(built, lang):
    """No text overlaps another, leaves its box or the printable area, or is smaller than 8 pt."""
    assert built[lang]["problems"] == []
    assert CS.MIN_POINTS >= 8


@pytest.mark.parametrize("lang", LANGS)
def test_each_file_is_one_valid_a4_page(built, lang):
    pdf = built[lang]["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF-1.") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "exactly one page object"
    (box,) = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert [float(v) for v in box] == pytest.approx(A4_POINTS, abs=0.5)

    with Image.open(built[lang]["png"]) as png:
        png.verify()
    with Image.open(built[lang]["png"]) as png:
        assert png.format == "PNG" and png.n_frames == 1
        dpi = png.info["dpi"]
        size_mm = [png.size[i] / dpi[i] * 25.4 for i in (0, 1)]
        assert size_mm == pytest.approx(A4_MM, abs=0.5), "A4 at the stored resolution"
        assert min(dpi) > 149, "sharp enough to print"


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_files_are_what_the_build_makes(built, lang):
    text = built[lang]["text"]
    digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert f"/Keywords ({digest})".encode() in built[lang]["pdf"].read_bytes(), "the build marks its PDF"
    fix = "run `python tools/cheat_sheet.py` and commit cheatsheet/"
    committed_png = ROOT / "cheatsheet" / CS.output_name(lang, "png")
    committed_pdf = ROOT / "cheatsheet" / CS.output_name(lang, "pdf")
    with Image.open(committed_png) as png:
        assert png.info.get("Description") == text, f"{committed_png.name} shows other text than the build: {fix}"
    assert f"/Keywords ({digest})".encode() in committed_pdf.read_bytes(), \
        f"{committed_pdf.name} shows other text than the build: {fix}"


def test_wrapping_keeps_formulas_and_lesson_tags_whole_and_lines_inside_the_width():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fig = Figure(dpi=150)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    text = "Weight p acts like threshold 1 / (1 + p), and BCEWithLogitsLoss(pos_weight=p) (L08)"
    for width in (25, 30, 40, 60):
        lines = CS.wrap(text, width, 9, renderer).split("\n")
        assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text), "nothing lost or added"
        for line in lines:
            w, _, _ = renderer.get_text_width_height_descent(line, FontProperties(size=9), ismath=False)
            assert w / 150 * 25.4 <= width or " " not in line, f"only one unbreakable piece may be wider: {line!r}"
        assert any("1\u00a0/\u00a0(1\u00a0+\u00a0p)," in line for line in lines), lines
    zh = CS._tagged({"page": {"lesson": {"zh-TW": "第 {nn} 課"}}}, "zh-TW", "它的機率會高估加了權重的類別。", "02")
    with matplotlib.rc_context({"font.family": ["DejaVu Sans", CS.cjk_family()]}):  # as draw() measures Chinese
        for width in (12, 20, 30):
            assert any("（第\u00a002\u00a0課）" in line for line in CS.wrap(zh, width, 9, renderer).split("\n"))


def test_a_bad_sheet_says_what_is_wrong_and_how_to_fix_it(tmp_path, sheet):
    source = CS.SHEET.read_text(encoding="utf-8")
    bad = tmp_path / "sheet.toml"
    bad.write_text(source.replace('lesson = "01"', 'lesson = "99"', 1), encoding="utf-8")
    with pytest.raises(CS.SheetError, match=r"lesson = '99' is not a lesson of lessons/.*two-digit number"):
        CS.load_sheet(bad)
    bad.write_text(source.replace("[[edge]]\nfrom = \"start\"", "[[edge]]\nfrom = \"nowhere\"", 1), encoding="utf-8")
    with pytest.raises(CS.SheetError, match=r"from = 'nowhere' is not a node id"):
        CS.load_sheet(bad)
    bad.write_text(source.replace('evidence.zh-TW = "記得用', 'evidence.xx = "記得用', 1), encoding="utf-8")
    with pytest.raises(CS.SheetError, match=r"evidence: no 'zh-TW' text; add zh-TW"):
        CS.load_sheet(bad)
    bad.write_text("[page\n", encoding="utf-8")
    with pytest.raises(CS.SheetError, match="not valid TOML"):
        CS.load_sheet(bad)
    with pytest.raises(ValueError, match=r"lang='fr'.*pick one of them"):
        CS.draw(sheet, "fr")
    a_file = tmp_path / "not_a_folder"
    a_file.write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="give a folder"):
        CS.build("en", a_file, sheet)


def test_the_layout_check_finds_overlaps_clipping_and_small_text(sheet):
    import copy

    moved = copy.deepcopy(sheet)
    nodes = {n["id"]: n for n in moved["node"]}
    nodes["posthoc"]["x"] = nodes["weights"]["x"] - 5  # onto its neighbour
    nodes["start"]["top"] = 299  # above the page
    nodes["threshold"]["width"] = 12  # too narrow for "BCEWithLogitsLoss("-sized words
    fig = CS.draw(moved, "en")
    fig.axes[0].texts[-1].set_fontsize(6)
    problems = "\n".join(CS.layout_problems(fig))
    assert "two boxes overlap" in problems
    assert "outside the printable area" in problems
    assert "sticks out of its box" in problems
    assert "6 pt, below 8" in problems


def test_arrows_go_under_a_box_in_their_way_or_are_reported(sheet):
    """An arrow's sideways run drops below a box that reaches into it; an arrow that cannot avoid a box is a
    layout problem."""
    import copy

    def chart(blocker_x, blocker_top):
        small = copy.deepcopy(sheet)
        start = next(n for n in small["node"] if n["id"] == "start")
        answer = next(n for n in small["node"] if n["kind"] == "answer")
        small["node"] = [
            {**start, "x": 60, "top": 263, "width": 60},
            {**answer, "id": "end", "x": 150, "top": 200, "width": 40},
            {**answer, "id": "blocker", "x": blocker_x, "top": blocker_top, "width": 30},
        ]
        small["edge"] = [{"from": "start", "to": "end", "en": "go", "zh-TW": "走"}]
        fig = CS.draw(small, "en")
        (arrow,) = [p for p in fig.axes[0].patches if hasattr(p, "cheat_sheet_route")]
        return arrow.cheat_sheet_route["points"], "\n".join(CS.layout_problems(fig))

    points, problems = chart(blocker_x=150, blocker_top=300)  # far above the page: out of the way
    start_bottom, run = points[0][1], points[1][1]
    assert run == pytest.approx(start_bottom - 3), "3 mm under the start box"
    assert "crosses a box" not in problems

    points, problems = chart(blocker_x=105, blocker_top=258)  # reaches down across the sideways run
    assert points[1][1] < start_bottom - 3, "the run drops under the box"
    assert points[1][1] > 200 + CS.LABEL_ROOM_MM - 1e-9, "and stays above the box it points to"
    assert "crosses a box" not in problems

    points, problems = chart(blocker_x=150, blocker_top=240)  # sits on the last vertical piece
    assert "crosses a box" in problems
