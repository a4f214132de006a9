import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from zh_usage import off_usage

ROOT = Path(__file__).resolve().parents[1]


def readme(name="README.md"):
    return (ROOT / name).read_text(encoding="utf-8")


def quick_start():
    """The README's two commands: the first ```bash block runs the lessons, the second runs the tests."""
    blocks = re.findall(r"```bash\n(.*?)```", readme(), re.S)
    return [line for b in blocks[:2] for line in b.splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_readme_test_command():
    commands = quick_start()
    assert len(commands) == 2, "the quick start is exactly two commands"
    students, contributors = commands
    assert "jupyter lab" in students and "-r requirements.txt" in students and "pytest" not in students
    assert "-r requirements-dev.txt -c constraints.txt" in contributors and contributors.endswith("pytest --full")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert contributors in ci.splitlines() and re.search(r"^export CI=1$", ci, re.M)
    contributing = readme().split("## For contributors", 1)[1]
    tiers = re.findall(r"^\| `(\.venv/bin/python -m pytest[^`]*)` \| (.+) \| (.+) \|$", contributing, re.M)
    assert [t[0] for t in tiers] == [".venv/bin/python -m pytest", ".venv/bin/python -m pytest --full"], \
        "the README's table of the two test tiers (fast, full)"
    assert "nbval" in tiers[0][1] and "(`.ci/run`)" in tiers[1][1]


def test_every_system_has_its_commands_in_both_readmes():
    """macOS/Linux and Windows (PowerShell) commands, and a complete CPU-only torch command, in both languages."""
    windows = [".venv\\Scripts\\python -m pip install -r requirements.txt", ".venv\\Scripts\\jupyter lab notebooks"]
    cpu = "python3 -m venv .venv && .venv/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu"
    for name in ("README.md", "README.zh-TW.md"):
        text = readme(name)
        powershell = re.findall(r"```powershell\n(.*?)```", text, re.S)
        assert powershell and powershell[0].splitlines() == ["py -m venv .venv", *windows], name
        assert quick_start()[0] in text and cpu in text, name
        assert "<" not in cpu and "Intel" in text and "Colab" in text, name
        assert "3.10" in text and "3.13" in text, name


def test_the_readmes_start_with_the_students():
    text = readme()
    students = text.split("## Start here (students)", 1)[1].split("\n## ", 1)[0]
    for needed in ("Who the lessons are for", "What to know first", "Python", "PyTorch", "Lesson 07",
                   "convolutional network", "DataLoader", "Start with lesson 01", "Google Colab", "LESSONS:BEGIN"):
        assert needed in students, needed
    assert text.index("## Start here (students)") < text.index("## For teachers") < text.index("## For contributors")
    assert text.index("README.zh-TW.md") < text.index("## Start here (students)"), "the Chinese reader's way in"
    zh = readme("README.zh-TW.md")
    start = zh.split("## 學生從這裡開始", 1)[1].split("\n## ", 1)[0]
    for needed in ("適合誰", "先備知識", "Python", "PyTorch", "第 07 課", "卷積神經網路", "DataLoader",
                   "從第 01 課開始", "Google Colab", "LESSONS:BEGIN"):
        assert needed in start, needed
    assert zh.index("## 學生從這裡開始") < zh.index("## 給教師") < zh.index("## 給貢獻者")
    found = off_usage(zh)
    assert not found, f"mainland wording in README.zh-TW.md: {found}"


def test_each_lesson_lists_the_minutes_its_teachers_guide_plans():
    headers = {"README.md": "| Lesson | English | 繁體中文 | Minutes |", "README.zh-TW.md": "| 課次 | 課程 | 分鐘 |"}
    for name, header in headers.items():
        table = readme(name).split("<!-- LESSONS:BEGIN", 1)[1].split("<!-- LESSONS:END -->", 1)[0]
        assert header in table, name
        rows = [line for line in table.splitlines() if line.startswith("| 0")]
        assert len(rows) == len(list((ROOT / "lessons").glob("[0-9][0-9]_*.py")))
        for row in rows:
            nn = row[2:4]
            guide = next((ROOT / "teachers" / "en").glob(f"{nn}_*.md")).read_text(encoding="utf-8")
            planned = re.search(r"^## A (\d+)-minute plan$", guide, re.M).group(1)
            assert row.rstrip(" |").rsplit("|", 1)[1].strip() == planned, row[:40]


def test_readme_lesson_table_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "readme_table.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_public_names_of_the_design():
    import classweights as cw

    for name in ["class_counts", "inverse_frequency", "smoothed_inverse_frequency", "balanced",
                 "effective_number", "per_class_loss", "weight_explorer"]:
        assert callable(getattr(cw, name))


def test_every_colab_link_points_at_an_existing_notebook_of_its_language():
    sys.path.insert(0, str(ROOT / "tools"))
    from project import repo_config

    repo, branch = repo_config()
    prefix = f"https://colab.research.google.com/github/{repo}/blob/{branch}/"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lessons_table = readme.split("<!-- LESSONS:BEGIN", 1)[1].split("<!-- LESSONS:END -->", 1)[0]
    rows = [line for line in lessons_table.splitlines() if line.startswith("| 0")]
    assert len(rows) == len(list((ROOT / "lessons").glob("[0-9][0-9]_*.py")))
    for row in rows:
        en, zh = row.split("|")[2:4]
        for cell, lang in ((en, "en"), (zh, "zh-TW")):
            local = re.findall(r"\]\((notebooks/[^)]+)\)", cell)
            colab = re.findall(re.escape(prefix) + r"(notebooks/[^)]+)\)", cell)
            assert local and colab and local[0] == colab[0], row
            assert local[0].startswith(f"notebooks/{lang}/") and (ROOT / local[0]).exists(), local[0]
            guide = re.findall(r"\]\((teachers/[^)]+)\)", cell)
            assert guide == [local[0].replace("notebooks/", "teachers/").replace(".ipynb", ".md")], row
            assert (ROOT / guide[0]).exists(), guide[0]
    zh_readme = (ROOT / "README.zh-TW.md").read_text(encoding="utf-8")
    zh_table = zh_readme.split("<!-- LESSONS:BEGIN", 1)[1].split("<!-- LESSONS:END -->", 1)[0]
    zh_rows = [line for line in zh_table.splitlines() if line.startswith("| 0")]
    assert [r.split("|")[2] for r in zh_rows] == [r.split("|")[3] for r in rows], "README.zh-TW.md: the zh-TW cells"
    for nb in (ROOT / "notebooks").glob("*/*.ipynb"):
        first = "".join(json.loads(nb.read_text(encoding="utf-8"))["cells"][0]["source"])
        target = re.findall(re.escape(prefix) + r"(notebooks/[^)]+)\)", first)
        assert target == [str(nb.relative_to(ROOT))], (nb, first)


def test_readme_gives_the_slides_command_and_each_lessons_kernel_memory():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/voila --template=reveal notebooks/en/01_toy_example.ipynb" in readme
    table = readme.split("<!-- MEMORY:BEGIN", 1)[1].split("<!-- MEMORY:END -->", 1)[0]
    rows = re.findall(r"^\| (\d\d|Teacher's view) \| (\d+) MiB \| (\d+) s \|$", table, flags=re.M)
    lessons = sorted(p.stem[:2] for p in (ROOT / "lessons").glob("[0-9][0-9]_*.py"))
    assert [r[0] for r in rows] == [*lessons, "Teacher's view"], "run: python tools/kernel_memory.py"
    assert all(100 < int(r[1]) < 8000 for r in rows)


# -- the two installs ------------------------------------------------------------------------------------------
TEST_TOOLS = {"pytest", "nbval", "playwright", "jupytext", "ruff"}


def requirement_lines(name):
    from packaging.requirements import Requirement

    lines = [line.split(" #")[0].strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")], Requirement


def pins(name):
    from packaging.utils import canonicalize_name

    lines, _ = requirement_lines(name)
    return {canonicalize_name(line.split("==")[0]): line.split("==")[1].split(";")[0].strip()
            for line in lines if "==" in line}


def test_the_students_install_has_ranges_and_no_test_tools():
    from packaging.utils import canonicalize_name

    lines, Requirement = requirement_lines("requirements.txt")
    assert "-e ." in lines and "./classroom" in lines
    reqs = {canonicalize_name(r.name): r for r in map(Requirement, [x for x in lines if not x.startswith(("-", "."))])}
    wanted = {"torch", "numpy", "matplotlib", "ipywidgets", "jupyterlab", "ipykernel", "scikit-learn", "scipy",
              "voila", "jupyterlab-language-pack-zh-tw"}
    assert set(reqs) == wanted
    for name, req in reqs.items():
        ops = {s.operator for s in req.specifier}
        assert ">=" in ops and "<" in ops and "==" not in ops, f"{name}: a range with both ends, not a pin"
    # lower ends: what the Colab-versions run tests, where it has the package
    from packaging.version import Version

    colab = pins("tests/colab-requirements.txt")
    for name in set(reqs) & set(colab):
        lower = next(s.version for s in reqs[name].specifier if s.operator == ">=")
        assert Version(lower) == Version(colab[name]), f"{name}: lower end {lower}, the Colab run tests {colab[name]}"
    assert {"torch", "numpy", "matplotlib", "ipywidgets", "scikit-learn", "scipy", "ipykernel"} <= set(colab)


def test_the_contributors_install_adds_the_tools_and_ci_pins_every_version():
    from packaging.utils import canonicalize_name

    lines, Requirement = requirement_lines("requirements-dev.txt")
    assert lines[0] == "-r requirements.txt"
    dev = {canonicalize_name(r.name): r for r in map(Requirement, lines[1:])}
    assert TEST_TOOLS | {"nbclient", "nbconvert", "nbformat", "fonttools", "tomli"} <= set(dev)
    assert str(dev["tomli"].marker) == 'python_version < "3.11"'
    students, _ = requirement_lines("requirements.txt")
    students = {canonicalize_name(r.name): r for r in map(Requirement, [x for x in students if x[0] not in "-."])}
    exact = pins("constraints.txt")
    assert all("==" in line for line in requirement_lines("constraints.txt")[0]), "constraints: exact versions only"
    for name, req in {**students, **dev}.items():
        if req.marker is not None and not req.marker.evaluate():
            continue  # tomli on Python 3.10 only: CI resolves on the Python it runs
        assert name in exact, f"constraints.txt pins no version of {name}"
        assert req.specifier.contains(exact[name]), f"{name}=={exact[name]} is outside {req.specifier}"
    assert not {"classweights", "classweights-classroom"} & set(exact), "the local packages come from the checkout"


# -- students' copies (tools/student_copy.py) ------------------------------------------------------------------
# The full tier's browser tests run every lesson of such a copy top to bottom (tools/browser.py's notebook_copy):
# English in JupyterLab, Chinese as slides in Voila. Here one short lesson runs with nbclient.
LANGS = ("en", "zh-TW")
LESSONS = sorted(p.name for p in (ROOT / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb"))


def student_copy_module():
    sys.path.insert(0, str(ROOT / "tools"))
    import student_copy

    return student_copy


def committed(lang, name):
    return json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))


def cell_text(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.fixture(scope="module")
def class_copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("class") / "class-copy"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "student_copy.py"), str(dest)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return dest


def test_a_students_copy_has_every_lesson_in_both_languages_and_no_teachers_view(class_copy):
    assert len(LESSONS) >= 8
    for lang in LANGS:
        assert sorted(p.name for p in (class_copy / lang).iterdir()) == LESSONS
        assert (ROOT / "notebooks" / lang / "teacher_view.ipynb").exists()  # left out, not missing


@pytest.mark.parametrize("lang", LANGS)
def test_a_students_copy_has_no_outputs_and_its_solutions_stay_folded(class_copy, lang):
    import nbformat

    for name in LESSONS:
        stored, copied = committed(lang, name), json.loads((class_copy / lang / name).read_text(encoding="utf-8"))
        nbformat.validate(nbformat.reads(json.dumps(copied), as_version=4))
        code = [c for c in copied["cells"] if c["cell_type"] == "code"]
        assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code), name
        assert "widgets" not in copied["metadata"]
        # every cell of the lesson but the Colab button (which opens the stored notebook, outputs and all)
        kept = [c for c in stored["cells"] if "colab-badge" not in c["metadata"].get("tags", [])]
        assert len(kept) == len(stored["cells"]) - 1
        assert [(c["cell_type"], cell_text(c)) for c in copied["cells"]] == \
               [(c["cell_type"], cell_text(c)) for c in kept], name
        prose = "\n".join(cell_text(c) for c in copied["cells"] if c["cell_type"] == "markdown")
        solutions = re.findall(r"<details>\s*<summary>([^<]*)</summary>", prose)
        assert len(solutions) == prose.count("<details") == prose.count("</details>"), "every <details> closed"
        assert "colab.research.google.com" not in json.dumps(copied)
        word = "Solution" if lang == "en" else "解答"
        assert solutions and all(word in s for s in solutions), (name, solutions)


def test_an_open_solution_is_folded_and_outputs_and_the_colab_button_go(tmp_path, monkeypatch):
    """A lesson whose solution was left open (``<details open>``) comes out folded."""
    import nbformat

    student_copy = student_copy_module()
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


def test_a_students_copy_of_one_language(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "student_copy.py"), str(tmp_path / "c"), "--lang",
                        "zh-TW"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["zh-TW"]
    assert f"{len(LESSONS)} lessons" in r.stdout


def test_a_students_copy_refuses_bad_destinations_and_languages_with_the_fix(tmp_path):
    student_copy = student_copy_module()
    student_copy.write_copy(tmp_path, ["en"])
    with pytest.raises(FileExistsError, match="--overwrite"):
        student_copy.write_copy(tmp_path, ["en"])
    assert len(student_copy.write_copy(tmp_path, ["en"], overwrite=True)) == len(LESSONS)
    with pytest.raises(ValueError, match="folder of its own"):
        student_copy.write_copy(ROOT / "notebooks" / "copy", ["en"])
    with pytest.raises(ValueError, match="choose from en, zh-TW"):
        student_copy.write_copy(tmp_path / "x", ["fr"])
    assert not (tmp_path / "x").exists()


def test_a_students_copy_runs_top_to_bottom(class_copy):
    """Lesson 01 of the copy, run in its own folder in a fresh kernel, prints what the stored lesson prints."""
    import nbformat
    from nbclient import NotebookClient

    folder = class_copy / "en"
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
