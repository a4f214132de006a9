"""The students' install works on the machines students bring: pip's dry run against each platform's wheel tags.

For Python 3.10, 3.11, 3.12 and 3.13 on Linux x86_64, Windows x86_64 and macOS on Apple Silicon, pip resolves
every package of requirements.txt to a wheel (``--only-binary=:all:``), from the default index, as a student's
pip would (``--isolated``: no local configuration). pip evaluates environment markers on the machine it runs
on, so each package is resolved on its own (``--no-deps``) and the markers of requirements.txt are evaluated
here for the target. Also: torch from PyTorch's CPU wheel index (the README's command) where that index can be
reached, and no torch wheel for Intel Macs (the README says so and names Colab instead).

Needs the network; the dry runs go in parallel threads (about a minute) and write nothing in the repository.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# pip expands a macOS tag to older macOS versions itself, but not a manylinux_2_x tag to older glibc ones
LINUX = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)] + ["manylinux2014_x86_64"]
PLATFORMS = {
    "Linux x86_64": (LINUX, {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                             "platform_machine": "x86_64"}),
    "Windows x86_64": (["win_amd64"], {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                                       "platform_machine": "AMD64"}),
    "macOS Apple Silicon": (["macosx_14_0_arm64"], {"sys_platform": "darwin", "platform_system": "Darwin",
                                                    "os_name": "posix", "platform_machine": "arm64"}),
}
LINUX_ACCEPTED = {*LINUX, "manylinux2010_x86_64", "manylinux1_x86_64"}  # pip's own expansion of manylinux2014
INTEL_MAC = ["macosx_14_0_x86_64"]

pytestmark = pytest.mark.install


def students_requirements(python: str, markers: dict) -> list[Requirement]:
    """requirements.txt's packages from an index (not the local ``-e .`` and ``./classroom``) for a target."""
    env = {**default_environment(), **markers, "python_version": python, "python_full_version": f"{python}.0"}
    reqs = []
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith(("#", "-", ".")):
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            reqs.append(req)
    return reqs


def dry_run(reqs: list[str], python: str, platforms: list[str], index_url: str | None = None) -> dict:
    """pip's choice for each requirement (name -> (version, wheel file)), or {"error": pip's message}."""
    with tempfile.TemporaryDirectory(prefix="cw-dry-run-") as tmp:
        cmd = [sys.executable, "-m", "pip", "install", "--isolated", "--no-cache-dir", "--disable-pip-version-check",
               "--quiet", "--dry-run", "--ignore-installed", "--no-deps", "--only-binary=:all:",
               "--python-version", python, "--target", str(Path(tmp) / "target"), "--report", str(Path(tmp) / "r.json")]
        cmd += [arg for p in platforms for arg in ("--platform", p)]
        cmd += ["--index-url", index_url] if index_url else []
        r = subprocess.run(cmd + reqs, capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            lines = [line for line in r.stderr.splitlines() if line.strip() and "[notice]" not in line]
            return {"error": "\n".join(lines)}
        report = json.loads((Path(tmp) / "r.json").read_text(encoding="utf-8"))
    return {canonicalize_name(i["metadata"]["name"]): (i["metadata"]["version"],
                                                       i["download_info"]["url"].rsplit("/", 1)[-1])
            for i in report["install"]}


def cpu_index_url() -> str:
    """The CPU wheel index of the README's CPU-only torch command (the one PyTorch's install selector gives)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"pip install torch\S* --index-url (https://\S+/whl/cpu)\b", readme)
    assert found, "the README gives a complete CPU-only torch command with PyTorch's CPU wheel index"
    return found[0]


def reachable(url: str) -> bool:
    try:
        socket.getaddrinfo(urlparse(url).hostname, 443)
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def resolved():
    """Every dry run of this module at once, in threads (pip spends most of its time waiting for the index)."""
    jobs = {}
    for python in PYTHONS:
        for name, (tags, markers) in PLATFORMS.items():
            reqs = [str(r) for r in students_requirements(python, markers)]
            jobs[("default", python, name)] = (reqs, python, tags, None)
    torch = next(str(r) for r in students_requirements("3.12", PLATFORMS["Linux x86_64"][1]) if r.name == "torch")
    jobs[("intel-mac", "3.12", "macOS Intel")] = ([torch], "3.12", INTEL_MAC, None)
    url = cpu_index_url()
    if reachable(url):
        for python in PYTHONS:
            jobs[("cpu-index", python, "Linux x86_64")] = ([torch], python, LINUX, url)
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        futures = {key: pool.submit(dry_run, *args) for key, args in jobs.items()}
        return {key: f.result() for key, f in futures.items()} | {"cpu_index": url}


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("python", PYTHONS)
def test_every_students_package_has_a_wheel(resolved, python, platform):
    got = resolved[("default", python, platform)]
    wanted = students_requirements(python, PLATFORMS[platform][1])
    assert "error" not in got, f"Python {python}, {platform}: requirements.txt does not resolve:\n{got.get('error')}"
    for req in wanted:
        version, wheel = got[canonicalize_name(req.name)]
        assert req.specifier.contains(version, prereleases=True), (req, version)
        assert wheel.endswith(".whl"), wheel
        tag = wheel[:-4].split("-")[-3:]  # python tag, ABI tag, platform tag
        assert tag[0].startswith(("py3", "py2.py3", "cp3")), wheel
        if tag[2] != "any":
            assert tag[0] == "cp" + python.replace(".", "") or tag[1] == "abi3", f"{wheel} for Python {python}?"
            platforms = tag[2].split(".")
            if platform.startswith("Linux"):
                assert set(platforms) & LINUX_ACCEPTED, wheel
            elif platform.startswith("Windows"):
                assert platforms == ["win_amd64"], wheel
            else:
                assert all(t.startswith("macosx_") and t.endswith(("_arm64", "_universal2")) for t in platforms), wheel


def test_current_torch_has_no_intel_mac_wheel(resolved):
    """The README sends Intel-Mac users to Colab: the day PyTorch ships such wheels again, this fails."""
    got = resolved[("intel-mac", "3.12", "macOS Intel")]
    assert "error" in got and "torch" in got["error"], got
    assert "No matching distribution" in got["error"] or "ResolutionImpossible" in got["error"], got["error"]
    assert "error" not in resolved[("default", "3.12", "macOS Apple Silicon")], "the index answers for Macs"


@pytest.mark.parametrize("python", PYTHONS)
def test_the_readmes_cpu_torch_command_finds_a_wheel(resolved, python):
    key = ("cpu-index", python, "Linux x86_64")
    if key not in resolved:
        pytest.skip(f"{urlparse(resolved['cpu_index']).hostname} cannot be reached from here")
    got = resolved[key]
    assert "error" not in got, got
    version, wheel = got["torch"]
    torch = next(r for r in students_requirements(python, PLATFORMS["Linux x86_64"][1]) if r.name == "torch")
    assert torch.specifier.contains(version) and "+cpu" in version, version
    assert f"cp{python.replace('.', '')}" in wheel and "x86_64" in wheel, wheel
