"""The graded assignment (assignments/, nbgrader's course layout), in both languages.

Its two source notebooks are built from one source and share their code; the numbers its prose states are the
data's; and nbgrader itself, run as teachers run it, makes the students' version (no solutions, no hidden tests)
and autogrades a correct, a wrong and a blank submission, with the scores read from its gradebook.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ROOT / "assignments"
sys.path.insert(0, str(ASSIGNMENTS))
import build_assignment as B  # noqa: E402

LANGS = tuple(B.ASSIGNMENTS)
NOTEBOOK = B.NOTEBOOK.removesuffix(".ipynb")  # nbgrader's name for the notebook in the gradebook
CJK = re.compile(r"[\u4e00-\u9fff]")
DELIMITERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def source_notebook(lang: str) -> nbformat.NotebookNode:
    return nbformat.read(B.notebook_path(lang), as_version=4)


def cell_by_grade_id(nb, grade_id: str):
    cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == grade_id]
    assert len(cells) == 1, f"{len(cells)} cells with grade_id {grade_id!r}"
    return cells[0]


# -- the source: built from assignments/assignment.py, the same in both languages ------------------------------

def test_the_committed_notebooks_are_what_the_source_builds():
    for lang in LANGS:
        assert source_notebook(lang) == B.notebook_for(lang), (
            f"{B.notebook_path(lang).relative_to(ROOT)} is out of date: python assignments/build_assignment.py")


def test_both_languages_share_the_code_and_the_grading():
    en, zh = (source_notebook(lang) for lang in LANGS)
    code = [[c.source for c in nb.cells if c.cell_type == "code"] for nb in (en, zh)]
    assert code[0] == code[1] and len(code[0]) == 2 + 2 * 5  # setup, the given model; 5 answers with their tests
    graded = [[(c.cell_type, nbgrader_meta(c)) for c in nb.cells if nbgrader_meta(c)] for nb in (en, zh)]
    assert graded[0] == graded[1]
    for nb, lang in ((en, "en"), (zh, "zh-TW")):
        prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
        assert all(bool(CJK.search(text)) == (lang == "zh-TW") for text in prose), lang
        # every autograded answer is followed, after its own cells, by its tests; the tests are locked
        ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c)]
        answers = [g for g in ids if re.fullmatch(r"q\d", g)]
        for q in answers:
            if nbgrader_meta(cell_by_grade_id(nb, q))["grade"]:
                continue  # the written answer
            assert ids.index(q + "_tests") == ids.index(q) + 1, q
            assert nbgrader_meta(cell_by_grade_id(nb, q + "_tests"))["locked"]
    points = {m["grade_id"]: m["points"] for _, m in graded[0] if m["grade"]}
    auto = {g: p for g, p in points.items() if g.endswith("_tests")}
    assert auto == {f"q{i}_tests": 2 for i in range(1, 6)}, auto
    assert set(points) - set(auto) == {"q6"} and points["q6"] == 4


def test_each_hidden_test_region_is_closed_and_inside_a_tests_cell():
    nb = source_notebook("en")
    for cell in nb.cells:
        text, meta = cell.source, nbgrader_meta(cell)
        begin, end = text.count(DELIMITERS[2]), text.count(DELIMITERS[3])
        assert begin == end and begin <= 1
        if begin:
            assert meta.get("grade") and not meta.get("solution"), meta
        if DELIMITERS[0] in text:
            assert meta.get("solution") and text.count(DELIMITERS[0]) == text.count(DELIMITERS[1]), meta


def test_the_prose_states_the_datas_numbers():
    """Setup cell run here; its counts checked against scikit-learn's data and the prose of both languages."""
    from sklearn.datasets import load_breast_cancer

    X, target = load_breast_cancer(return_X_y=True)
    n_benign, n_malignant = int((target == 1).sum()), int((target == 0).sum())
    namespace: dict = {}
    exec(cell_by_grade_id(source_notebook("en"), "setup").source, namespace)
    y_train, y_val = namespace["y_train"], namespace["y_val"]
    X_test, y_test = namespace["_test_set"]
    assert namespace["open_test_set"].calls == 0
    n = len(y_train) + len(y_val) + len(y_test)
    kept_malignant = n - n_benign
    assert np.bincount(np.concatenate([y_train, y_val, y_test]))[0] == n_benign, "every benign tumour is kept"
    assert 0 < kept_malignant < n_malignant
    assert abs(len(y_train) / n - 0.5) < 0.01 and abs(len(y_val) / n - 0.25) < 0.01
    assert X_test.shape == (len(y_test), X.shape[1]) and str(X_test.dtype) == "torch.float32"
    for y in (y_train, y_val, y_test):  # stratified: the same share of malignant tumours, up to one tumour
        assert abs(y.mean() - kept_malignant / n) <= 1 / len(y)
    neg, pos = np.bincount(y_train)
    val_pos, test_pos = int(y_val.sum()), int(y_test.sum())
    assert val_pos == test_pos
    en, zh = (re.sub(r"\s+", " ", "\n".join(c.source for c in source_notebook(lang).cells if c.cell_type == "markdown"))
              for lang in LANGS)
    for text in (en, zh):
        for number in (len(target), X.shape[1], n_benign, kept_malignant, len(y_test)):
            assert re.search(rf"(?<![\d.]){number}(?![\d.])", text), number
        assert f"{neg} / {pos} = {neg / pos:.1f}" in text
        assert f"10 / {len(y_test)} = {10 / len(y_test):.1f}" in text
    assert f"{val_pos} malignant tumours each" in en and f"各有 {val_pos} 顆惡性腫瘤" in zh
    assert f"a validation set with {val_pos} positives" in en and f"只有 {val_pos} 筆陽性的驗證集" in zh


def test_the_teachers_readme_names_what_exists_in_both_languages():
    readme = (ASSIGNMENTS / "README.md").read_text(encoding="utf-8")
    english, chinese = readme.split("\n## 計分作業（教師用）\n")
    assert not CJK.search(english.split("## What it is", 1)[1]) and CJK.search(chinese)
    pinned = next(line for line in (ROOT / "constraints.txt").read_text().splitlines() if line.startswith("nbgrader=="))
    for half in (english, chinese):
        assert f'"{pinned}"' in half  # the teachers' install names the version CI tests
        for path in re.findall(r"`((?:source/|tests/|assignments/)[^`\s]*)`", half):
            assert (ASSIGNMENTS / path).exists() or (ROOT / path).exists(), path
        for command in ("generate_assignment", "release_assignment", "collect", "autograde", "generate_feedback",
                        "release_feedback", "export", "Formgrader", "JupyterHub", "Manual Grading"):
            assert command in half, command
    for lang, aid in B.ASSIGNMENTS.items():
        assert f"nbgrader generate_assignment {aid}" in readme, lang


# -- nbgrader itself: the students' version, and three submissions autograded ------------------------------------

# The blank submission only in English: it checks nbgrader's handling of the stubs, which the languages share.
STUDENTS = {"en": ("correct", "wrong", "blank"), "zh-TW": ("correct", "wrong")}
# Worked out from the hidden tests, per tests cell (2 points each):
# - correct: every test passes;
# - wrong: pos_weight_for raises no ValueError when a class is missing (question 1's visible test passes, a hidden
#   one fails; its pos_weight is right, so question 3 passes), and the threshold is chosen on the test set
#   (question 4: the test set opened before question 5; question 5: opened twice);
# - blank: the students' version handed in unchanged, every answer raises NotImplementedError.
EXPECTED = {
    "correct": {"q1_tests": 2, "q2_tests": 2, "q3_tests": 2, "q4_tests": 2, "q5_tests": 2},
    "wrong": {"q1_tests": 0, "q2_tests": 2, "q3_tests": 2, "q4_tests": 0, "q5_tests": 0},
    "blank": {"q1_tests": 0, "q2_tests": 0, "q3_tests": 0, "q4_tests": 0, "q5_tests": 0},
}
WRONG_Q1 = '''def pos_weight_for(y):
    y = np.asarray(y)
    return torch.tensor([(y == 0).sum() / (y == 1).sum()], dtype=torch.float32)
'''
WRITTEN = {
    "en": "a. p > 1 / 11, since 10 p > 1 - p. b. pos_weight multiplies the odds by about 8.9 ...",
    "zh-TW": "a. p > 1 / 11，因為 10 p > 1 - p。b. pos_weight 把勝算放大了大約 8.9 倍……",
}


def without_delimiters(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip() not in DELIMITERS)


def answers(lang: str, student: str) -> dict:
    """A submission's answer cells, grade_id -> source: the source's solutions, with a student's mistakes."""
    nb = source_notebook(lang)
    out = {nbgrader_meta(c)["grade_id"]: without_delimiters(c.source) for c in nb.cells
           if nbgrader_meta(c).get("solution") and c.cell_type == "code"}
    out["q6"] = WRITTEN[lang]
    if student == "wrong":
        out["q1"] = WRONG_Q1
        chosen_on_validation = "threshold = choose_threshold(p_val, y_val)"
        assert chosen_on_validation in out["q4"]
        out["q4"] = out["q4"].replace(chosen_on_validation, "X_peek, y_peek = open_test_set()\n"
                                      "threshold = choose_threshold(probabilities(model, X_peek), y_peek)")
    return out


def nbgrader(course: Path, *args: str) -> subprocess.Popen:
    """nbgrader's own command line, in a course folder, as a teacher runs it from the venv."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_CONFIG_DIR": str(course / ".jupyter")}  # only the course's nbgrader_config.py applies
    env.pop("CLASSWEIGHTS_LANG", None)
    return subprocess.Popen([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_all(processes: dict) -> None:
    for what, p in processes.items():
        out, _ = p.communicate(timeout=600)
        assert p.returncode == 0, f"nbgrader {what} failed:\n{out[-6000:]}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One course folder per language (their own gradebooks, so both run at once): generate, submit, autograde."""
    pytest.importorskip("nbgrader", reason="nbgrader is in the contributors' install: "
                        "pip install -r requirements-dev.txt -c constraints.txt")
    from nbgrader.api import Gradebook

    courses = {}
    for lang, aid in B.ASSIGNMENTS.items():
        course = tmp_path_factory.mktemp(f"course_{lang}")
        shutil.copy(ASSIGNMENTS / "nbgrader_config.py", course)
        shutil.copytree(B.notebook_path(lang).parent, course / "source" / aid)
        courses[lang] = course
    wait_all({f"generate_assignment {aid}": nbgrader(courses[lang], "generate_assignment", aid)
              for lang, aid in B.ASSIGNMENTS.items()})
    for lang, aid in B.ASSIGNMENTS.items():
        release = nbformat.read(courses[lang] / "release" / aid / B.NOTEBOOK, as_version=4)
        for student in STUDENTS[lang]:
            nb = nbformat.from_dict(release)
            if student != "blank":
                filled = answers(lang, student)
                for cell in nb.cells:
                    if nbgrader_meta(cell).get("solution"):
                        cell.source = filled[nbgrader_meta(cell)["grade_id"]]
            folder = courses[lang] / "submitted" / student / aid
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / B.NOTEBOOK)
    wait_all({f"autograde {aid}": nbgrader(courses[lang], "autograde", aid, "--create")
              for lang, aid in B.ASSIGNMENTS.items()})
    results = {}
    for lang, aid in B.ASSIGNMENTS.items():
        with Gradebook(f"sqlite:///{courses[lang] / 'gradebook.db'}") as gb:
            for student in STUDENTS[lang]:
                submission = gb.find_submission(aid, student)
                cells = {g: gb.find_grade(g, NOTEBOOK, aid, student) for g in [*EXPECTED[student], "q6"]}
                results[lang, student] = {
                    "score": submission.score, "max_score": submission.max_score,
                    "needs_manual_grade": submission.needs_manual_grade,
                    "cells": {g: grade.score for g, grade in cells.items()},
                    "q6_needs_manual_grade": cells["q6"].needs_manual_grade,
                }
    return courses, results


@pytest.mark.parametrize("lang", LANGS)
def test_the_students_version_has_no_solutions_and_no_hidden_tests(graded, lang):
    courses, _ = graded
    aid = B.ASSIGNMENTS[lang]
    release_path = courses[lang] / "release" / aid / B.NOTEBOOK
    release = nbformat.read(release_path, as_version=4)
    text = release_path.read_text(encoding="utf-8")
    source = source_notebook(lang)
    # every line inside a solution or hidden-test region that appears nowhere else in the source is gone
    inside, outside = set(), set()
    for cell in source.cells:
        region = None
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped in (DELIMITERS[0], DELIMITERS[2]):
                region = stripped
            elif stripped in (DELIMITERS[1], DELIMITERS[3]):
                region = None
            elif stripped:
                (inside if region or (nbgrader_meta(cell).get("grade") and nbgrader_meta(cell).get("solution"))
                 else outside).add(stripped)
    secret = inside - outside
    assert len(secret) > 40
    release_lines = {line.strip() for cell in release.cells for line in cell.source.splitlines()}
    assert not secret & release_lines, sorted(secret & release_lines)[:5]
    assert not any(d in text for d in DELIMITERS)
    code = "\n".join(c.source for c in release.cells if c.cell_type == "code")
    assert "compute_class_weight" not in code and "confusion_matrix" not in code  # the hidden tests' imports
    # the stubs: one per solution region, the written answer empty; the grading cells stay locked
    regions = sum(c.source.count(DELIMITERS[0]) for c in source.cells if c.cell_type == "code")
    assert code.count("raise NotImplementedError()") == regions == 6
    assert cell_by_grade_id(release, "q6").source.startswith("YOUR ANSWER HERE")
    for cell in release.cells:
        meta = nbgrader_meta(cell)
        if meta.get("locked"):
            assert cell.metadata.get("editable") is False and cell.metadata.get("deletable") is False, meta
    assert len(release.cells) == len(source.cells) and not any(c.get("outputs") for c in release.cells)


@pytest.mark.parametrize(("lang", "student"), [(lang, s) for lang in LANGS for s in STUDENTS[lang]])
def test_autograded_scores(graded, lang, student):
    _, results = graded
    got = results[lang, student]
    expected = EXPECTED[student]
    assert {g: got["cells"][g] for g in expected} == expected
    assert got["score"] == sum(expected.values())  # the written answer counts nothing until a teacher grades it
    assert got["max_score"] == 10 + 4
    # a written answer waits for the teacher; one left as the stub gets 0 without them
    if student == "blank":
        assert got["cells"]["q6"] == 0 and not got["q6_needs_manual_grade"] and not got["needs_manual_grade"]
    else:
        assert got["q6_needs_manual_grade"] and got["needs_manual_grade"]


def printed(nb, grade_id: str) -> str:
    return "".join(o.text for o in cell_by_grade_id(nb, grade_id).outputs if o.output_type == "stream")


def test_the_correct_submission_prints_short_lines_and_restores_the_hidden_tests(graded):
    courses, _ = graded
    for lang, aid in B.ASSIGNMENTS.items():
        nb = nbformat.read(courses[lang] / "autograded" / "correct" / aid / B.NOTEBOOK, as_version=4)
        lines = [line for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"
                 for line in o.text.splitlines()]
        assert lines and max(map(len, lines)) <= 100, max(lines, key=len)
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert DELIMITERS[2] in cell_by_grade_id(nb, "q1_tests").source  # autograde ran the hidden tests
        # the model answer of question 6 (b): the threshold chosen on validation lies near w / (w + 10), far
        # above the calibrated 1 / 11, for w = pos_weight = n_negative / n_positive of the training set
        threshold = float(re.fullmatch(r"threshold = ([\d.]+)\n", printed(nb, "q4")).group(1))
        counts = re.search(r"np.bincount\(y_train\) = \[\s*(\d+)\s+(\d+)\]", printed(nb, "setup"))
        w = int(counts.group(1)) / int(counts.group(2))
        assert abs(threshold - w / (w + 10)) < 0.1 and threshold > 1 / 11 + 0.2, (lang, threshold, w)
