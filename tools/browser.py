"""Drive the lessons in a real JupyterLab (or Voila) in headless Chromium, for tests and benchmarks.

Debian's ``chromium`` (apt-get install chromium) is driven by Playwright with
``executable_path``; Playwright's own browser download is not used. Servers listen
on 127.0.0.1 with a random token, serve a temporary copy of the notebooks (so a
run never writes into the repository), and are stopped when the ``with`` ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, timeout: float = 90.0) -> None:
    """Wait for an HTTP answer at ``url`` (or, for a bare "host:port", for the port to accept connections)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if url.startswith("http"):
                with urllib.request.urlopen(url, timeout=2):
                    return
            else:
                host, port = url.rsplit(":", 1)
                with socket.create_connection((host, int(port)), timeout=2):
                    return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"server did not answer at {url.split('?')[0]} within {timeout:.0f} s")


@contextlib.contextmanager
def notebook_copy():
    """A temporary copy of notebooks/ without outputs (same en / zh-TW folders, so language detection works).

    Without stored outputs, a cell prompt shows a number only once the browser run has executed it.
    """
    with tempfile.TemporaryDirectory(prefix="cwlab-") as tmp:
        shutil.copytree(ROOT / "notebooks", Path(tmp) / "notebooks")
        for path in Path(tmp, "notebooks").glob("*/*.ipynb"):
            nb = json.loads(path.read_text(encoding="utf-8"))
            nb["metadata"].pop("widgets", None)
            for cell in nb["cells"]:
                if cell["cell_type"] == "code":
                    cell["outputs"], cell["execution_count"] = [], None
            path.write_text(json.dumps(nb), encoding="utf-8")
        yield Path(tmp)


@contextlib.contextmanager
def server(kind: str, root: Path, notebook: str | None = None):
    """Start ``jupyter lab`` (kind="lab") or ``voila`` (kind="voila") on 127.0.0.1; yield (base_url, token)."""
    port, token = _free_port(), secrets.token_hex(16)
    bindir = Path(sys.executable).parent
    env = dict(os.environ)
    settings = root / "lab-settings"
    # Render every cell (no virtual scrolling), and never autosave: the page is a throwaway.
    for plugin, values in {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
                           "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
                           "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                                            "checkForUpdates": False}}.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(root / "lab-workspaces")
    root_flag = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    if kind == "lab":
        cmd = [str(bindir / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", *root_flag]
        probe = f"http://127.0.0.1:{port}/api/status?token={token}"
    else:
        # Voila runs the notebook for each page request, so only probe that the port is open.
        cmd = [str(bindir / "voila"), str(notebook), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
        token = ""
        probe = f"127.0.0.1:{port}"
    log = open(root / f"{kind}-server.log", "w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(probe)
        yield f"http://127.0.0.1:{port}", token
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("no Chromium found: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS[1:])
        try:
            yield b
        finally:
            b.close()


def run_all_cells(page, base: str, token: str, notebook: str, timeout_s: float = 240.0) -> None:
    """Open a notebook in JupyterLab, run every cell, wait until the kernel is idle and every cell has run."""
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
    time.sleep(1.0)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator("li[data-command='runmenu:run-all']").click()
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        state = page.evaluate("""() => {
            const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                .map(p => p.textContent.trim());
            return {prompts, pending: prompts.filter(t => t.includes('*') || t === '[ ]:' || t === '').length};
        }""")
        if state["prompts"] and state["pending"] == 0:
            return
        time.sleep(0.5)
    raise TimeoutError(f"{notebook}: cells still running after {timeout_s:.0f} s")


def page_problems(page) -> list[str]:
    """Error outputs, stderr outputs and widget display errors visible on the page."""
    return page.evaluate("""() => {
        const out = [];
        for (const el of document.querySelectorAll(
                "[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"))
            out.push(el.textContent.slice(0, 300));
        if (document.body.innerText.includes('Error displaying widget')) out.push('Error displaying widget');
        return out;
    }""")


def explorers(page):
    """Each explorer on the page: (its chart <img>, a slider handle (class 1's, if it has several), its numbers table)."""
    found = []
    outputs = page.locator(".jp-OutputArea-output:has(img.widget-image), .jp-OutputArea-child:has(img.widget-image)")
    seen = set()
    for i in range(outputs.count()):
        area = outputs.nth(i)
        img = area.locator("img.widget-image").first
        key = img.evaluate("e => e.src.length + ':' + e.getBoundingClientRect().top")
        if key in seen:
            continue
        seen.add(key)
        handles = area.locator(".noUi-handle")  # the second slider (class 1's weight) where there are several
        handle = handles.nth(1) if handles.count() > 1 else handles.first
        found.append((img, handle, area.locator(".widget-html-content").last))
    return found


def move_slider(page, handle, presses: int = 20, key: str = "ArrowRight") -> None:
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        page.keyboard.press(key)


def wait_for_change(get, before, timeout_s: float = 60.0):
    """Poll ``get()`` (a tuple of strings) until every element differs from ``before`` and none says
    "…" (the training explorer's "training…" placeholder); return the new tuple."""
    deadline = time.time() + timeout_s
    now = get()
    while time.time() < deadline:
        now = get()
        if all(a != b and "…" not in a for a, b in zip(now, before)):
            return now
        time.sleep(0.02)
    raise TimeoutError(f"not everything changed within {timeout_s:.0f} s: {[a != b for a, b in zip(now, before)]}")
