import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    commands = [line for b in blocks[:2] for line in b.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2, "the quick start is exactly two commands"
    assert "jupyter lab" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_lesson_table_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "readme_table.py"), "--check"], capture_output=True, text=True)
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
    assert [r[0] for r in rows] == lessons + ["Teacher's view"], "run: python tools/kernel_memory.py"
    assert all(100 < int(r[1]) < 8000 for r in rows)
