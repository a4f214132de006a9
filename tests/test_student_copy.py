"""The students' copy (tools/student_copy.py): no outputs, no teacher's view, solutions folded, and it runs.

The full tier's browser test runs every lesson of such a copy top to bottom in JupyterLab
(tools/browser.py's notebook_copy); here one short lesson runs with nbclient.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import student_copy  # noqa: E402

LANGS = ("en", "zh-TW")
LESSONS = sorted(p.name for p in (ROOT / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb"))


def committed(lang, name):
    return json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))


def text(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("class") / "class-copy"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "student_copy.py"), str(dest)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return dest


def test_the_copy_has_every_lesson_in_both_languages_and_no_teachers_view(copy):
    assert len(LESSONS) >= 8
    for lang in LANGS:
        assert sorted(p.name for p in (copy / lang).iterdir()) == LESSONS
        assert (ROOT / "notebooks" / lang / "teacher_view.ipynb").exists()  # left out, not missing


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_a_copied_lesson_has_no_outputs_and_its_solutions_stay_folded(copy, lang, name):
    stored, copied = committed(lang, name), json.loads((copy / lang / name).read_text(encoding="utf-8"))
    nbformat.validate(nbformat.reads(json.dumps(copied), as_version=4))
    code = [c for c in copied["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "widgets" not in copied["metadata"]
    # every cell of the lesson but the Colab button (which opens the stored notebook, outputs and all)
    kept = [c for c in stored["cells"] if "colab-badge" not in c["metadata"].get("tags", [])]
    assert len(kept) == len(stored["cells"]) - 1
    assert [(c["cell_type"], text(c)) for c in copied["cells"]] == [(c["cell_type"], text(c)) for c in kept]
    prose = "\n".join(text(c) for c in copied["cells"] if c["cell_type"] == "markdown")
    solutions = re.findall(r"<details>\s*<summary>([^<]*)</summary>", prose)
    assert len(solutions) == prose.count("<details") == prose.count("</details>"), "every <details> stays closed"
    assert "colab.research.google.com" not in json.dumps(copied)
    word = "Solution" if lang == "en" else "解答"
    assert solutions and all(word in s for s in solutions), solutions


def test_an_open_solution_is_folded_and_outputs_and_the_colab_button_go(tmp_path, monkeypatch):
    """A lesson whose solution was left open (``<details open>``) comes out folded."""
    src = tmp_path / "notebooks"
    (src / "en").mkdir(parents=True)
    badge = nbformat.v4.new_markdown_cell("[Colab](https://colab.research.google.com/x)",
                                          metadata={"tags": ["colab-badge"]})
    code = nbformat.v4.new_code_cell("print(2 + 2)", execution_count=1,
                                     outputs=[nbformat.v4.new_output("stream", name="stdout", text="4\n")])
    solution = nbformat.v4.new_markdown_cell("<details open='open'><summary>Solution 01.1</summary>\n\n4\n</details>")
    nbformat.write(nbformat.v4.new_notebook(cells=[badge, code, solution]), src / "en" / "01_x.ipynb")
    monkeypatch.setattr(student_copy, "NOTEBOOKS", src)
    [path] = student_copy.write_copy(tmp_path / "out", ["en"])
    nb = nbformat.read(path, as_version=4)
    assert [c.cell_type for c in nb.cells] == ["code", "markdown"]
    assert nb.cells[0].outputs == [] and nb.cells[0].execution_count is None
    assert nb.cells[1].source == "<details><summary>Solution 01.1</summary>\n\n4\n</details>"


def test_one_language_only(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "student_copy.py"), str(tmp_path / "c"), "--lang",
                        "zh-TW"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["zh-TW"]
    assert f"{len(LESSONS)} lessons" in r.stdout


def test_bad_destinations_and_languages_are_refused_with_the_fix(tmp_path):
    student_copy.write_copy(tmp_path, ["en"])
    with pytest.raises(FileExistsError, match="--overwrite"):
        student_copy.write_copy(tmp_path, ["en"])
    assert len(student_copy.write_copy(tmp_path, ["en"], overwrite=True)) == len(LESSONS)
    with pytest.raises(ValueError, match="folder of its own"):
        student_copy.write_copy(ROOT / "notebooks" / "copy", ["en"])
    with pytest.raises(ValueError, match="choose from en, zh-TW"):
        student_copy.write_copy(tmp_path / "x", ["fr"])
    assert not (tmp_path / "x").exists()


def test_a_copied_lesson_runs_top_to_bottom(copy):
    """Lesson 01 of the copy, run in its own folder in a fresh kernel, prints what the stored lesson prints."""
    from nbclient import NotebookClient

    folder = copy / "en"
    nb = nbformat.read(folder / LESSONS[0], as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    device = re.compile(r"\b(cpu|cuda(:\d+)?|mps(:\d+)?)\b")

    def printed(cells):
        return [device.sub("DEVICE", "".join("".join(o.get("text", "")) for o in c["outputs"]
                                              if o["output_type"] == "stream")) for c in cells]

    ran = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in ran] == list(range(1, len(ran) + 1))
    assert not [o for c in ran for o in c.outputs if o.output_type == "error" or o.get("name") == "stderr"]
    stored = [c for c in committed("en", LESSONS[0])["cells"] if c["cell_type"] == "code"]
    assert printed(ran) == printed(stored) and any(printed(ran))
