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
