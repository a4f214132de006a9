"""The one place that turns the repository slug and branch (pyproject.toml, [tool.classweights]) into links."""

from __future__ import annotations

from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]


def repo_config() -> tuple[str, str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        cfg = tomllib.load(f)["tool"]["classweights"]
    return cfg["repository"], cfg["branch"]


def colab_url(lang: str, notebook: str) -> str:
    repo, branch = repo_config()
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/notebooks/{lang}/{notebook}"
