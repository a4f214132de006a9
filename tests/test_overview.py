"""The unit overview (teachers/en/00_unit_overview.md and teachers/zh-TW/00_unit_overview.md).

Both languages have the same sections; every lesson's 45-minute plan is its guide's; the table of what each lesson
needs, the map of which lesson needs which and the guides agree; every exercise of the lessons is listed; every
paper a lesson cites is in the reading list; the short version points at sections that exist; links work."""

import re
from pathlib import Path

import jupytext
import pytest
from zh_usage import off_usage

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "lessons").glob("[0-9][0-9]_*.py"))
LANGS = ("en", "zh-TW")
SECTIONS = {
    "en": ["## Goals of the unit", "## Who it is for", "## What each lesson needs", "## Every lesson's 45-minute plan",
           "## A short version: three meetings of 45 minutes", "## What the exercises check", "## Further reading"],
    "zh-TW": ["## 單元目標", "## 適合的對象", "## 每一課需要什麼", "## 各課的 45 分鐘教學流程",
              "## 精簡版：三次上課，每次 45 分鐘", "## 各練習檢查什麼", "## 延伸閱讀"],
}
GUIDE_PLAN = {"en": "## A 45-minute plan", "zh-TW": "## 45 分鐘教學流程"}
EXERCISE = {"en": r"\*\*Exercise (\d\d\.\d)", "zh-TW": r"\*\*練習 (\d\d\.\d)"}
LESSON_REF = {"en": r"[Ll]essons? (\d\d)", "zh-TW": r"第 (\d\d)"}
NONE = {"en": "none", "zh-TW": "無"}
# The reading list, by arXiv id (Bag of Tricks has none) and title.
PAPERS = ["arXiv:1708.02002", "arXiv:1901.05555", "arXiv:1906.07413", "arXiv:2007.07314",
          "Bag of Tricks for Long-Tailed Visual Recognition"]


def overview(lang: str) -> str:
    return (ROOT / "teachers" / lang / "00_unit_overview.md").read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^(## .+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def section(lang: str, index: int) -> str:
    return sections(overview(lang))[SECTIONS[lang][index]]


def lesson_prose(name: str, lang: str) -> str:
    nb = jupytext.read(ROOT / "lessons" / f"{name}.py", fmt="py:percent")
    return "\n".join(c.source for c in nb.cells
                     if c.cell_type == "markdown" and c.metadata.get("lang") in (lang, None))


def guide_plan(lang: str, name: str) -> list[tuple[int, int, str]]:
    guide = (ROOT / "teachers" / lang / f"{name}.md").read_text(encoding="utf-8")
    plan = sections(guide)[GUIDE_PLAN[lang]]
    return [(int(a), int(b), part) for a, b, part in re.findall(r"^\| *(\d+)–(\d+) *\| *(.*?) *\|", plan, re.M)]


def table_rows(text: str) -> dict[str, list[str]]:
    """The rows of a table whose first column links a guide, ``| [NN](NN_name.md) | ... |``, by lesson number."""
    rows = re.findall(r"^\| \[(\d\d)\]\((\d\d)_[a-z_]+\.md\) \|(.*)\|$", text, re.M)
    assert all(nn == link for nn, link, _ in rows), "each row links its own lesson's guide"
    return {nn: [cell.strip() for cell in cells.split(" | ")] for nn, _, cells in rows}


def lesson_set(cell: str, lang: str) -> set[str]:
    """ "01–03" -> {"01", "02", "03"}; "02, 05" -> {"02", "05"}; none -> set()."""
    if cell == NONE[lang]:
        return set()
    out = set()
    for a, b in re.findall(r"(\d\d)(?:–(\d\d))?", cell):
        out |= {f"{n:02d}" for n in range(int(a), int(b or a) + 1)}
    return out


def test_the_overview_has_the_same_sections_in_both_languages():
    for lang in LANGS:
        text = overview(lang)
        assert list(sections(text)) == SECTIONS[lang], f"{lang}: sections in this order"
        other = "zh-TW" if lang == "en" else "en"
        assert f"](../{other}/00_unit_overview.md)" in text, "links the other language"
        assert f"](../../cheatsheet/cheat_sheet_{lang}.pdf)" in text, "links its language's cheat sheet"
    counts = [[len(re.findall(r"^(?:- |\d\. |\| \S)", body, re.M)) for body in sections(overview(lang)).values()]
              for lang in LANGS]
    assert counts[0] == counts[1], "the same number of bullets, steps and table rows in every section"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_each_lessons_plan_is_its_guides(lang, name):
    rows = table_rows(section(lang, 3))
    assert sorted(rows) == [n[:2] for n in LESSONS], "one row per lesson"
    (cell,) = rows[name[:2]]
    parts = [re.fullmatch(r"\*\*(\d+)–(\d+)\*\* (.+)", part.strip()) for part in cell.split("<br>")]
    assert all(parts), f"lesson {name[:2]}: each part reads **a–b** part"
    plan = [(int(m[1]), int(m[2]), m[3]) for m in parts]
    assert plan == guide_plan(lang, name), f"lesson {name[:2]}'s row differs from teachers/{lang}/{name}.md"


def test_needs_table_map_and_guides_agree():
    needs = {}
    for lang in LANGS:
        text = section(lang, 2)
        rows = table_rows(text)
        assert sorted(rows) == [n[:2] for n in LESSONS], "one row per lesson"
        needs[lang] = {nn: lesson_set(cells[0], lang) for nn, cells in rows.items()}
        for nn, earlier in needs[lang].items():
            assert all(e < nn for e in earlier), f"lesson {nn} can only need earlier lessons"
        edges = re.findall(r"L(\d\d)(?:\[[^\]]*\])? --> L(\d\d)", text)
        assert edges, "the map is a mermaid graph"

        def before(nn, edges=edges):
            direct = {a for a, b in edges if b == nn}
            return direct.union(*(before(a) for a in direct))

        for nn in needs[lang]:
            assert before(nn) == needs[lang][nn], f"{lang}: the map and the table disagree on lesson {nn}"
    assert needs["en"] == needs["zh-TW"]
    # What each guide's introduction asks students to have done ("lesson 02", "lessons 02 and 03", "01 to 06").
    for name in LESSONS:
        guide = (ROOT / "teachers" / "en" / f"{name}.md").read_text(encoding="utf-8")
        intro = guide.split("\n", 1)[1].split("## Learning goals")[0]
        asked = set()
        for a, word, b in re.findall(r"[Ll]essons? (\d\d)(?: (to|and) (\d\d))?", intro):
            asked |= {f"{n:02d}" for n in range(int(a), int(b) + 1)} if word == "to" else {a, b} - {""}
        assert asked <= needs["en"][name[:2]], f"guide {name} asks for lessons {sorted(asked)}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_exercise_is_listed_once(lang):
    in_lessons = sorted(n for name in LESSONS for n in re.findall(EXERCISE[lang], lesson_prose(name, lang)))
    listed = re.findall(r"^\| (\d\d\.\d) \|", section(lang, 5), re.M)
    assert in_lessons and listed == in_lessons
    assert 'cw.check("NN.N", answer)' in section(lang, 5)


@pytest.mark.parametrize("lang", LANGS)
def test_the_reading_list_cites_every_paper_a_lesson_names(lang):
    reading = section(lang, 6)
    cited = {name for lesson in LESSONS for lg in LANGS
             for name in re.findall(r"([A-Z][a-z]+) et al\.", lesson_prose(lesson, lg))}
    assert {"Lin", "Cui", "Cao", "Menon"} <= cited, "the lessons cite these (the test reads them)"
    entries = re.findall(r"^- (.+?)(?=^- |^\S|\Z)", reading, re.M | re.S)
    citations = [entry for entry in entries if "API" not in entry]
    for name in cited:
        assert any(entry.split(",")[0].endswith(name) for entry in citations), f"no citation's first author is {name}"
    for paper in PAPERS:
        assert paper in reading, paper
    for entry in citations:  # authors, a quoted title, a venue with its year
        assert re.match(r"([A-Z][\w.-]*( [A-Z][\w.-]*)*, )+", entry), f"authors first: {entry[:60]}"
        assert re.search(r'"[^"]+\."', entry) and re.search(r"\b(19|20)\d\d\b", entry), entry


@pytest.mark.parametrize("lang", LANGS)
def test_the_short_version_points_at_sections_that_exist(lang):
    short = section(lang, 4)
    refs, lesson = [], None
    for m in re.finditer(LESSON_REF[lang] + r"|§(\d+)", short):
        if m[1]:
            lesson = m[1]
        else:
            refs.append((lesson, m[2]))
    assert len(refs) >= 10
    for nn, n in refs:
        (name,) = [name for name in LESSONS if name.startswith(nn)]
        assert re.search(rf"^## {n}\. ", lesson_prose(name, lang), re.M), f"lesson {nn} has no section {n}"


@pytest.mark.parametrize("lang", LANGS)
def test_links_work_and_no_machine_paths(lang):
    text = overview(lang)
    here = ROOT / "teachers" / lang
    for link in re.findall(r"\]\(([^)]+)\)", text):
        if not link.startswith("https://"):
            assert (here / link.split("#")[0]).resolve().exists(), link
    for bad in ("/work", "/tmp", "/root", "file://", "pypi"):
        assert bad not in text, bad


def test_the_chinese_overview_reads_as_taiwan_usage():
    text = overview("zh-TW")
    own = text.replace(section("zh-TW", 3), "")  # the plan table quotes the guides' section names as they are
    found = off_usage(own)
    assert not found, f"mainland or off-glossary wording: {found}"
    prose = re.sub(r"`[^`]*`|\([^)]*\)|（[^）]*）|\[[^\]]*\]|https?://\S+", "", own.split("## 延伸閱讀")[0])
    latin = re.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", prose)
    # Names the Chinese lessons keep in English too (the glossary: logits, focal loss, logit 調整, mean / sum).
    allowed = {"BCE", "CNN", "CPU", "Colab", "DRW", "NaN", "PyTorch", "Python", "argmax", "count", "focal", "inf",
               "log", "logit", "logits", "loss", "macro-F1", "mean", "softmax", "sum"}
    unexplained = sorted(set(latin) - allowed)
    assert not unexplained, f"English words a zh-TW reader would see: {unexplained}"


def test_a_teacher_reads_it_in_ten_minutes():
    prose = [line for line in overview("en").splitlines() if not line.startswith("|")]
    assert len(" ".join(prose).split()) <= 1400, "about 1,200 words of prose beside the two reference tables"
