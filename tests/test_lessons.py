"""Invariants of the committed lessons (nbval re-executes them; these check their shape)."""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from zh_usage import off_usage  # noqa: E402

import build_lessons  # noqa: E402
from lesson_stats import (  # noqa: E402
    comments,
    english_comments,
    english_prose,
    misaligned,
    printed_lines,
    printed_tables,
    prose_words,
    too_wide,
    without_comments,
)
from project import repo_config  # noqa: E402

SOURCES = build_lessons.lesson_sources()
NAMES = [s.stem for s in SOURCES]
LANGS = build_lessons.LANGS


def load(lang, name):
    return json.loads((ROOT / "notebooks" / lang / f"{name}.ipynb").read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def src(cell):
    return "".join(cell["source"])


def test_there_are_lessons_and_every_one_has_both_languages():
    assert SOURCES, "no lesson sources in lessons/"
    for lang in LANGS:
        on_disk = sorted(p.stem for p in (ROOT / "notebooks" / lang).glob("*.ipynb"))
        assert on_disk == NAMES, f"notebooks/{lang} does not match lessons/"


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_have_the_same_code_cells(name):
    en, zh = load("en", name), load("zh-TW", name)
    a, b = code_cells(en), code_cells(zh)
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert without_comments(src(x)) == without_comments(src(y))
        assert len(comments(src(x))) == len(comments(src(y))), "a comment in one language only"
        assert x["metadata"].get("tags", []) == y["metadata"].get("tags", [])
    # the same cell layout: markdown and code alternate the same way in both
    assert [c["cell_type"] for c in en["cells"]] == [c["cell_type"] for c in zh["cells"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_is_built_from_its_source(name, lang):
    """Nobody edits a notebook by hand: cells equal what the build makes from lessons/."""
    built = build_lessons.notebook_for(ROOT / "lessons" / f"{name}.py", lang)
    nb = load(lang, name)
    assert [(c["cell_type"], src(c)) for c in nb["cells"]] == [(c.cell_type, c.source) for c in built.cells], \
        f"run: python tools/build_lessons.py {name[:2]}"
    assert nb["metadata"]["classweights"]["lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_stored_outputs_are_clean(name, lang):
    nb = load(lang, name)
    cells = code_cells(nb)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1)), \
        "run top to bottom in a fresh kernel"
    for i, c in enumerate(cells, 1):
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"cell {i} stores an error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), \
                f"cell {i} writes to stderr: {out['text']}"
            assert not re.search(r"/(work|tmp|root|home)/", json.dumps(out)), f"cell {i} shows a machine path"


@pytest.mark.parametrize("name", NAMES)
def test_only_figure_and_widget_cells_skip_output_comparison(name):
    for lang in LANGS:
        for c in code_cells(load(lang, name)):
            tags = c["metadata"].get("tags", [])
            kinds = {k for o in c["outputs"] for k in o.get("data", {})}
            if "nbval-ignore-output" in tags or "nbval-skip" in tags:
                assert "nbval-skip" not in tags, "cells are executed, never skipped"
                assert kinds & {"image/png", "application/vnd.jupyter.widget-view+json"}, \
                    f"{lang}/{name}: ignore-output on a cell with no figure or widget:\n{src(c)}"


@pytest.mark.parametrize("name", NAMES)
def test_chinese_lesson_reads_as_taiwan_usage(name):
    prose = "".join(src(c) for c in load("zh-TW", name)["cells"] if c["cell_type"] == "markdown")
    least = 100 if name == "teacher_view" else 400
    assert len(re.findall(r"[\u4e00-\u9fff]", prose)) > least, "the zh-TW lesson has little Chinese prose"
    found = off_usage(prose)
    assert not found, f"mainland or off-glossary wording in zh-TW prose: {found}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_colab_badge_points_at_this_notebook(name, lang):
    first = src(load(lang, name)["cells"][0])
    assert f"/notebooks/{lang}/{name}.ipynb)" in first and "colab.research.google.com/github/" in first


@pytest.mark.parametrize("name", NAMES)
def test_colab_setup_installs_only_the_helper_package(name, monkeypatch):
    """The first code cell is plain Python (ast and ruff read the lesson sources). Run where Colab's module is
    loaded, it calls pip once, to install classweights alone (--no-deps, nothing upgraded), so Colab's own torch
    and ipywidgets stay; anywhere else it installs nothing."""
    import subprocess
    import types

    setup = compile(src(code_cells(load("en", name))[0]), f"{name}, setup cell", "exec")
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: calls.append((args, kwargs)))
    exec(setup, {})
    assert calls == [], "outside Colab the setup cell installs nothing"
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    exec(setup, {})
    assert len(calls) == 1, "in Colab the setup cell runs pip once"
    (command,), kwargs = calls[0]
    repo, branch = repo_config()
    assert command[:4] == [sys.executable, "-m", "pip", "install"] and "--no-deps" in command
    assert [a for a in command[4:] if not a.startswith("-")] == [f"classweights @ git+https://github.com/{repo}@{branch}"]
    assert not {"-U", "--upgrade", "--force-reinstall"} & set(command)
    assert kwargs == {"check": True}, "a failed install stops the lesson"


def test_the_toy_example_is_lesson_01s():
    """cw.toy_example() (the teacher's view, the exercises, the benchmark) is the tensor that lesson 01 writes out
    and discusses: logits just under ln 2, so that every sample's true class gets just under 4/5 (softmax of
    (ln 2, -ln 2) is (4/5, 1/5)), 8 samples of class 0 and 2 of class 1."""
    import math

    import torch

    import classweights as cw

    lesson = {"torch": torch, "device": "cpu"}
    for line in (ROOT / "lessons" / "01_toy_example.py").read_text(encoding="utf-8").splitlines():
        if line.startswith(("logits = torch.tensor(", "targets = torch.tensor(")):
            exec(line, lesson)
    logits, targets = cw.toy_example()
    assert torch.equal(logits, lesson["logits"]) and torch.equal(targets, lesson["targets"])
    assert torch.bincount(targets).tolist() == [8, 2]
    p = torch.softmax(logits, dim=1)[torch.arange(10), targets]
    assert bool((p < 0.8).all()) and torch.allclose(p, torch.full((10,), 0.8), atol=1e-4)
    assert 0 < math.log(2) - cw.reference.TOY_LOGIT < 1e-4


def test_the_lessons_blobs_split():
    """cw.lesson_blobs() (lessons 02, 03, 04 and 06, the teacher's view, the exercises, the benchmark): lesson 02's
    3000 points at 80 / 10 / 10, split as scikit-learn's train_test_split splits them, stratified, twice, into
    three sets of 1000 with 800 / 100 / 100 per class (3000 x 0.8 / 3 = 800)."""
    import numpy as np
    import torch
    from sklearn.model_selection import train_test_split

    import classweights as cw

    splits = cw.lesson_blobs(seed=0)
    X, y = cw.imbalanced_blobs(3000, (0.8, 0.1, 0.1), seed=0)
    labels = y.numpy()
    rest, test = train_test_split(np.arange(3000), test_size=1000, stratify=labels, random_state=0)
    train, val = train_test_split(rest, test_size=1000, stratify=labels[rest], random_state=0)
    assert list(splits) == ["train", "val", "test"]
    for name, index in (("train", train), ("val", val), ("test", test)):
        Xs, ys = splits[name]
        assert torch.equal(Xs, X[index]) and torch.equal(ys, y[index])
        assert torch.bincount(ys).tolist() == [800, 100, 100]
    assert not torch.equal(cw.lesson_blobs(seed=1)["train"][0], splits["train"][0])
    with pytest.raises(TypeError, match="seed is '0': give a whole number"):
        cw.lesson_blobs(seed="0")


def _cell_text(cell):
    text = src(cell)
    for out in cell.get("outputs", []):
        text += "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
    return text


def test_english_prose_is_recognised():
    assert english_prose("samples per class: [8.0, 2.0]")
    assert english_prose("weighted model and the rule argmax w_c p(c|x) agree on 982 of 1000 validation points")
    assert not english_prose("每個類別的筆數：[8.0, 2.0]")
    assert not english_prose("ValueError: weight has 3 entries but the logits have 2 classes")
    assert not english_prose("裝置：cpu") and not english_prose("cw.class_counts(targets) True")
    assert not english_prose("macro-F1 0.812")


@pytest.mark.parametrize("name", NAMES)
def test_a_chinese_lesson_prints_and_comments_in_chinese(name):
    """Issue: everything a zh-TW student reads is Chinese, the printed lines and the code comments too."""
    nb = load("zh-TW", name)
    english = [line for line in printed_lines(nb) if english_prose(line)]
    assert not english, f"zh-TW/{name}: printed lines of English prose (use cw.tr):\n" + "\n".join(english[:10])
    english = english_comments(nb)
    assert not english, f"zh-TW/{name}: English code comments (write '# en: ...' and '# zh-TW: ...'):\n" + \
        "\n".join(english[:10])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_printed_lines_fit_a_projector(name, lang):
    """At most 100 columns (a Chinese character takes two), except an exception's own text."""
    wide = too_wide(load(lang, name))
    assert not wide, f"{lang}/{name}: printed lines wider than 100 columns:\n" + "\n".join(wide[:10])


def test_a_table_padded_by_characters_is_caught():
    """Padding by characters (str.ljust) puts a row with Chinese two columns per character too far right."""
    import classweights as cw

    heads, rows = ["召回率", "精確率"], [("安全的每批次權重", ["0.761", "0.552"]), ("不加權", ["0.800", "0.700"])]
    by_chars = [" " * 10 + "".join(h.rjust(8) for h in heads)] + [n.ljust(10) + "".join(c.rjust(8) for c in v)
                                                                  for n, v in rows]
    assert misaligned(by_chars)
    table = cw.text_table(heads, rows).splitlines()
    assert not misaligned(table)
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "stream", "text": "\n".join(by_chars)}]}]}
    assert printed_tables(nb) == [by_chars]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_printed_tables_line_up(name, lang):
    """Every printed table's columns line up in a monospaced font, a Chinese character taking two columns."""
    bad = [t for t in printed_tables(load(lang, name)) if misaligned(t)]
    assert not bad, f"{lang}/{name}: a table whose columns do not line up:\n" + "\n".join(bad[0])


LESSONS = [n for n in NAMES if n[:2].isdigit()]


@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_fits_45_minutes(name):
    """At most 1,900 words of English prose and 18 code cells (the Colab badge is not prose)."""
    words = prose_words(load("en", name))
    assert words <= 1900, f"{name}: {words} words of English prose, at most 1,900 fit 45 minutes"
    assert len(code_cells(load("en", name))) <= 18, f"{name}: more than 18 code cells"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_decimal_number_in_the_prose_is_shown_by_code(name, lang):
    """A number with decimals that the prose states appears in a code cell above (its code or its printed
    output) or in the code cell right after the paragraph that introduces it. Exercise numbers ("01.1")
    and folded solutions (their code computes the answer) are exempt."""
    cells = load(lang, name)["cells"]
    missing = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown" or "<details>" in src(cell):
            continue
        above = "".join(_cell_text(c) for c in cells[:i] if c["cell_type"] == "code")
        after = next((_cell_text(c) for c in cells[i + 1:] if c["cell_type"] == "code"), "")
        prose = re.sub(r"\$\$.*?\$\$", "", src(cell), flags=re.S)
        prose = re.sub(r"(Exercise|exercise|練習)\s*\d\d\.\d", "", prose)
        for number in re.findall(r"(?<![\w.])\d+\.\d+", prose):
            if number not in above and number not in after:
                missing.append(number)
    assert not missing, f"{lang}/{name}: numbers in the prose that no code cell shows: {missing}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_stored_widget_output_carries_a_picture_for_static_viewers(name, lang):
    """GitHub, nbviewer and an HTML export cannot run widgets: each widget output also holds a PNG of its chart."""
    import base64

    widgets = [o for c in code_cells(load(lang, name)) for o in c["outputs"]
               if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    explorers = sum(build_lessons.explorer_calls(src(c)) for c in code_cells(load(lang, name)))
    assert len(widgets) == explorers, f"{len(widgets)} widget outputs for {explorers} explorer calls"
    for out in widgets:
        png = base64.b64decode(out["data"].get("image/png", ""))
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000, "a widget output without its PNG"


def test_slide_breaks_follow_one_rule():
    """tools/build_lessons.py gives every cell its place in the slideshow: headings open slides, other prose
    opens sub-slides, code joins the prose above it, an explorer gets its own sub-slide."""
    rule = build_lessons.slide_type
    assert rule("markdown", "## 2. Train\ntext") == "slide" and rule("markdown", "# Lesson 01 · x") == "slide"
    assert rule("markdown", "Read the table:\n- a") == "subslide" and rule("markdown", "### Detail") == "subslide"
    assert rule("code", "print(1)") == "-" and rule("code", "cw.weight_explorer(logits, targets)") == "subslide"
    assert rule("code", "print(1)", "subslide") == "subslide"
    with pytest.raises(SystemExit, match="only code cells"):
        rule("markdown", "text", "skip")
    with pytest.raises(SystemExit, match="one of"):
        rule("code", "x", "new-slide")
    for name in NAMES:
        for lang in LANGS:
            cells = load(lang, name)["cells"]
            kinds = [c["metadata"]["slideshow"]["slide_type"] for c in cells]
            assert kinds[0] == "skip" and kinds[1] == "slide", "the Colab badge is skipped; the title opens"


@pytest.mark.parametrize("name", [n for n in NAMES
                                  if build_lessons.explorer_calls((ROOT / "lessons" / f"{n}.py").read_text())])
def test_a_static_html_export_shows_each_explorer_as_its_picture(name):
    """nbconvert (and so nbviewer) renders a widget output from stored widget state if there is any; the
    notebooks store none, so the export shows the explorer's PNG instead of an empty widget placeholder."""
    from nbconvert import HTMLExporter

    nb = load("en", name)
    assert "widgets" not in nb["metadata"], "no stored widget state (tools/build_lessons.py)"
    pngs = [o["data"]["image/png"] for c in code_cells(nb) for o in c["outputs"]
            if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    html, _ = HTMLExporter().from_filename(str(ROOT / "notebooks" / "en" / f"{name}.ipynb"))
    assert pngs and all(f"data:image/png;base64,{png.strip()}" in html for png in pngs)
    assert 'type="application/vnd.jupyter.widget-view+json"' not in html


def test_comments_are_written_in_each_notebooks_language():
    code = ("# en: the loss per class\n# zh-TW: 每個類別的損失\nx = f(y)  # en: the mean  # zh-TW: 平均\n"
            "z = 1  # noqa: E731\n")
    english = "# the loss per class\nx = f(y)  # the mean\nz = 1  # noqa: E731"
    assert build_lessons.localize_comments(code, "en") == english
    assert build_lessons.localize_comments(code, "zh-TW") == "# 每個類別的損失\nx = f(y)  # 平均\nz = 1  # noqa: E731"
    with pytest.raises(SystemExit, match="needs both languages"):
        build_lessons.localize_comments("x = 1  # en: one\n", "en")
    for name in NAMES:  # every tagged comment line of a source has its other language
        text = (ROOT / "lessons" / f"{name}.py").read_text(encoding="utf-8")
        assert len(re.findall(r"^\s*# en:", text, re.M)) == len(re.findall(r"^\s*# zh-TW:", text, re.M)), name
