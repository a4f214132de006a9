"""The teacher's guides (teachers/en, teachers/zh-TW): one per lesson and language, the same structure in
both, and no number that the lesson does not print."""

import itertools
import json
import re
from pathlib import Path

import pytest
from zh_usage import off_usage

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "lessons").glob("[0-9][0-9]_*.py"))
HEADINGS = {
    "en": ("# Teacher's guide · Lesson {nn} · ", ["## Learning goals", "## A 45-minute plan",
                                                  "## Questions to ask the class",
                                                  "## Misconceptions this lesson targets"], "Answer"),
    "zh-TW": ("# 教師手冊 · 第 {nn} 課 · ", ["## 學習目標", "## 45 分鐘教學流程", "## 課堂提問（附答案）",
                                            "## 本課要破除的迷思"], "答案"),
}


def guide(lang, name):
    return (ROOT / "teachers" / lang / f"{name}.md").read_text(encoding="utf-8")


def sections(text):
    parts = re.split(r"^(## .+)$", text, flags=re.M)
    return parts[0], {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def structure(lang, name):
    """Goals, plan rows (minute ranges), questions, misconceptions: what both languages must share."""
    _, sec = sections(guide(lang, name))
    goals, plan, questions, misconceptions = (sec[h] for h in HEADINGS[lang][1])
    rows = re.findall(r"^\| *(\d+)–(\d+) *\|", plan, flags=re.M)
    return {"goals": len(re.findall(r"^- ", goals, flags=re.M)),
            "plan": [(int(a), int(b)) for a, b in rows],
            "questions": len(re.findall(r"^\d+\. \*\*", questions, flags=re.M)),
            "answers": questions.count("<details><summary>"),
            "misconceptions": len(re.findall(r"^- \*\*", misconceptions, flags=re.M))}


def notebook_text(lang, name):
    nb = json.loads((ROOT / "notebooks" / lang / f"{name}.ipynb").read_text(encoding="utf-8"))
    out = []
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            out.append("".join(c["source"]))
            for o in c["outputs"]:
                out.append("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", "")))
    return "\n".join(out)


def title(lang, name):
    nb = json.loads((ROOT / "notebooks" / lang / f"{name}.ipynb").read_text(encoding="utf-8"))
    first = "".join(nb["cells"][1]["source"]).splitlines()[0]
    return re.sub(r"^# (Lesson \d\d|第 \d\d 課) · ", "", first)


@pytest.mark.parametrize("lang", HEADINGS)
@pytest.mark.parametrize("name", LESSONS)
def test_guide_has_the_sections_and_links(name, lang):
    text = guide(lang, name)
    head, wanted, answer = HEADINGS[lang]
    assert text.startswith(head.format(nn=name[:2]) + title(lang, name) + "\n"), "title: the lesson's own"
    _, sec = sections(text)
    assert list(sec) == wanted, f"sections must be exactly {wanted}"
    other = "zh-TW" if lang == "en" else "en"
    for link in (f"../../notebooks/{lang}/{name}.ipynb", f"../{other}/{name}.md"):
        assert f"]({link})" in text and (ROOT / "teachers" / lang / link).resolve().exists(), link
    st = structure(lang, name)
    assert 3 <= st["goals"] <= 5 and 4 <= st["questions"] <= 6 and 3 <= st["misconceptions"] <= 5
    assert st["answers"] == st["questions"] and text.count(f"<summary>{answer}</summary>") == st["questions"]
    plan = st["plan"]
    assert plan and plan[0][0] == 0 and plan[-1][1] == 45, "the plan runs from minute 0 to minute 45"
    assert all(a < b for a, b in plan) and all(p[1] == q[0] for p, q in itertools.pairwise(plan)), "consecutive ranges"
    html = re.findall(r"<(?!/?(details|summary)\b)[a-zA-Z/][^>]*>", text)
    assert not html, f"markdown only (besides details/summary): {html}"


@pytest.mark.parametrize("name", LESSONS)
def test_both_languages_say_the_same_things(name):
    assert structure("en", name) == structure("zh-TW", name)


@pytest.mark.parametrize("lang", HEADINGS)
@pytest.mark.parametrize("name", LESSONS)
def test_every_decimal_number_in_a_guide_is_printed_by_the_lesson(name, lang):
    shown = notebook_text(lang, name)
    text = re.sub(r"^\| *\d+–\d+ *\|", "|", guide(lang, name), flags=re.M)
    text = re.sub(r"(Lesson|Exercise|exercise|lessons|練習|第) ?\d\d(\.\d)?", "", text)
    missing = [n for n in re.findall(r"(?<![\w.])\d+\.\d+", text) if n not in shown]
    assert not missing, f"teachers/{lang}/{name}.md states numbers its lesson does not print: {missing}"


@pytest.mark.parametrize("name", LESSONS)
def test_chinese_guide_reads_as_taiwan_usage(name):
    text = guide("zh-TW", name)
    found = off_usage(text)
    assert not found, f"mainland or off-glossary wording: {found}"
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 800
