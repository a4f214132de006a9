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
def notebook_copy(teacher_view: bool = True):
    """A temporary students' copy of the lessons (tools/student_copy.py: no outputs, solutions folded) in
    ``notebooks/en`` and ``notebooks/zh-TW`` (the folders tell the lessons their language), with what
    ``voila`` reads from the folder it starts in. ``teacher_view=True`` adds the teacher's view, which a class
    copy leaves out; the browser tests open it.

    Without stored outputs, a cell prompt shows a number only once the browser run has executed it, so a
    browser run of every lesson is also the proof that a students' copy runs top to bottom.
    """
    from student_copy import write_copy

    with tempfile.TemporaryDirectory(prefix="cwlab-") as tmp:
        write_copy(Path(tmp) / "notebooks", teacher_view=teacher_view)
        # what `voila` reads from the folder it is started in: its configuration and the slides' stylesheets
        shutil.copy(ROOT / "voila.json", Path(tmp) / "voila.json")
        shutil.copytree(ROOT / "slides", Path(tmp) / "slides")
        yield Path(tmp)


@contextlib.contextmanager
def server(kind: str, root: Path, notebook: str | None = None, template: str | None = None,
           user_settings: dict | None = None):
    """Start ``jupyter lab`` (kind="lab") or ``voila`` (kind="voila", one notebook or, without ``notebook``, the
    folder; ``template="reveal"`` for slides) on 127.0.0.1; yield (base_url, token)."""
    port, token = _free_port(), secrets.token_hex(16)
    bindir = Path(sys.executable).parent
    env = dict(os.environ)
    settings = root / "lab-settings"
    # A fresh user: render every cell (no virtual scrolling), and never autosave (the page is a throwaway).
    # What a class needs besides (no news pop-up) comes from the repository's overrides (classroom/), not from here.
    for plugin, values in {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
                           "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
                           **(user_settings or {})}.items():
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
        cmd = [str(bindir / "voila"), *([str(notebook)] if notebook else []), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", *([f"--template={template}"] if template else [])]
        token = ""
        probe = f"127.0.0.1:{port}"
    with open(root / f"{kind}-server.log", "w") as log:
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


def _api(base: str, token: str, path: str, method: str = "GET"):
    """A call to the Jupyter server's REST API (JSON back, or None for an empty answer)."""
    req = urllib.request.Request(f"{base}/api/{path}", method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


def kernel_state(base: str, token: str, notebook: str) -> str | None:
    """The execution state ('starting', 'idle', 'busy') of the kernel of ``notebook``'s session, or None."""
    for session in _api(base, token, "sessions"):
        if session.get("path") == notebook and session.get("kernel"):
            return session["kernel"].get("execution_state")
    return None


def shut_down_kernels(base: str, token: str) -> None:
    """End every session and its kernel, so that a lesson's kernel does not use the machine during the next one."""
    for session in _api(base, token, "sessions"):
        _api(base, token, f"sessions/{session['id']}", method="DELETE")


def _prompt_kinds(page) -> list[str]:
    """Each code cell's state from its prompt: '[3]:' ran, '[*]:' running or queued, '[ ]:' not run."""
    prompts = page.evaluate("""() => [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim())""")
    return ["running or queued" if "*" in t else "ran" if t[1:-2].strip().isdigit() else "not run" for t in prompts]


def run_all_cells(page, base: str, token: str, notebook: str, timeout_s: float = 300.0) -> None:
    """Open a notebook in JupyterLab, run every cell, wait until the kernel is idle and every cell has run.

    Run All is clicked once the notebook's kernel is idle, and again if no cell has started 60 s later (a
    click can be lost while JupyterLab is still settling the page). A cell that raises stops Run All, and
    its error is raised here at once. On a timeout the error says what the prompts show and any dialog's
    text, so that a failure in CI can be told apart from a slow machine.
    """
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
    deadline = time.time() + timeout_s
    ready_by = time.time() + 120
    while kernel_state(base, token, notebook) != "idle" and time.time() < ready_by:
        time.sleep(0.5)
    time.sleep(1.0)

    def click_run_all():
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator("li[data-command='runmenu:run-all']").click()

    click_run_all()
    clicked_at, clicks = time.time(), 1
    kinds: list[str] = []
    while time.time() < deadline:
        kinds = _prompt_kinds(page)
        if kinds and set(kinds) == {"ran"} and kernel_state(base, token, notebook) != "busy":
            return
        started = set(kinds) != {"not run"}
        if started and "running or queued" not in kinds and kernel_state(base, token, notebook) == "idle":
            # JupyterLab draws a traceback with the stderr renderer
            errors = page.evaluate("""() => [...document.querySelectorAll(
                "[data-mime-type='application/vnd.jupyter.stderr']")].map(e => e.innerText.slice(-500))""")
            errors = [e for e in errors if "Traceback" in e or "Error" in e]
            if errors:  # Run All stops at a cell that raised: the cells below it will never run
                raise RuntimeError(f"{notebook}: Run All stopped at an error: ...{errors[0]}")
        if not started and clicks < 3 and time.time() - clicked_at > 60:
            click_run_all()
            clicked_at, clicks = time.time(), clicks + 1
        time.sleep(0.5)
    dialogs = page.evaluate("() => [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText.slice(0, 200))")
    counts = {kind: kinds.count(kind) for kind in ("ran", "running or queued", "not run")}
    raise TimeoutError(f"{notebook}: cells still running after {timeout_s:.0f} s: {len(kinds)} code cells, {counts}; "
                       f"Run All clicked {clicks} times; kernel {kernel_state(base, token, notebook)!r}; "
                       f"dialogs {dialogs}")


def page_problems(page) -> list[str]:
    """Error outputs, stderr outputs and widget display errors visible on the page."""
    return page.evaluate("""() => {
        const out = [];
        for (const el of document.querySelectorAll("[data-mime-type='application/vnd.jupyter.stderr'], "
                + ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"))
            out.push(el.textContent.slice(0, 300));
        if (document.body.innerText.includes('Error displaying widget')) out.push('Error displaying widget');
        return out;
    }""")


def explorers(page):
    """Each explorer on the page: (its chart <img>, a slider handle (class 1's, if it has several), its numbers
    table)."""
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


# -- slides (voila --template=reveal) ---------------------------------------------------------------------
def open_slides(page, base: str, notebook: str, timeout_s: float = 300.0) -> None:
    """Open a lesson as slides (Voila runs it first) and wait until its widgets are drawn."""
    page.goto(f"{base}/voila/render/{notebook}", timeout=timeout_s * 1000)
    page.wait_for_selector(".reveal .slides section.present", state="visible", timeout=timeout_s * 1000)
    page.wait_for_function("""() => [...document.querySelectorAll('.jupyter-widgets')]
        .every(w => !w.textContent.includes('Loading widget'))""", timeout=60_000)
    time.sleep(1.0)


SLIDE_JS = """() => {
    const present = [...document.querySelectorAll('.reveal .slides section.present')]
        .filter(s => !s.querySelector('section'));
    const s = present[present.length - 1];
    const rects = [...s.children].map(c => c.getBoundingClientRect()).filter(r => r.height > 0);
    const scale = s.getBoundingClientRect().width / s.offsetWidth || 1;
    const top = Math.min(...rects.map(r => r.top)), bottom = Math.max(...rects.map(r => r.bottom));
    const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
    return {hash: location.hash, height: rects.length ? (bottom - top) / scale : 0,
            width: rects.length ? (right - left) / scale : 0, scrollHeight: s.scrollHeight,
            text: s.innerText.trim().slice(0, 80), widgets: s.querySelectorAll('img.widget-image').length,
            figures: s.querySelectorAll('.jp-OutputArea-output img:not(.widget-image)').length,
            viewport: [window.innerWidth, window.innerHeight],
            on_screen: rects.every(r => r.top >= -1 && r.left >= -1 && r.bottom <= window.innerHeight + 1
                                        && r.right <= window.innerWidth + 1)};
}"""


def step_through_slides(page, max_slides: int = 400, unfold: bool = True) -> list[dict]:
    """Press "next" (space) from the first slide to the last; the size and place of every slide on the way
    (with every folded solution unfolded, as a teacher may show it, when ``unfold``)."""
    if unfold:
        page.evaluate("() => document.querySelectorAll('.reveal details').forEach(d => { d.open = true; })")
    page.evaluate("() => { location.hash = '#/0'; }")
    time.sleep(0.3)
    page.locator(".reveal").first.click(position={"x": 5, "y": 5})  # keyboard focus on the slides, not a widget
    seen = [page.evaluate(SLIDE_JS)]
    for _ in range(max_slides):
        page.keyboard.press("Space")
        time.sleep(0.15)
        now = page.evaluate(SLIDE_JS)
        if now["hash"] == seen[-1]["hash"]:
            return seen
        seen.append(now)
    raise RuntimeError(f"more than {max_slides} slides: is 'next' stuck?")


def drag_slider(page, handle, dx: float = 60.0) -> None:
    """Drag a slider handle with the mouse, as a teacher at the projector does (arrow keys also turn slides)."""
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + dx * i / 10, y)
        time.sleep(0.03)
    page.mouse.up()


# -- accessibility (axe-core, through axe-playwright-python) ---------------------------------------------------
# What the lessons themselves put on the page: rendered Markdown, cell outputs (text, tables, figures) and the
# explorers' widgets. A violation inside one of these is the lessons' (or the package's) to fix; anything else
# (JupyterLab's menus and toolbars, Voila's page, reveal.js's controls) belongs to the interface around them.
CONTENT_SELECTOR = (".jp-RenderedMarkdown, .jp-MarkdownOutput, .jp-RenderedHTMLCommon, .jp-OutputArea-output, "
                    ".jupyter-widgets")
SERIOUS = ("serious", "critical")
# Nothing of the lessons' own is left out of the content checks any more. A slider's handle (ipywidgets 8.1:
# role="slider", no name) and a figure's picture (JupyterLab's and Voila's renderers: <img> without alt) get
# their names from the lessons' extension (classroom/labextension: the handle's from the slider's label, the
# picture's from the Description that cw.show() writes into the PNG). A caller may still pass ``known`` pairs.
OPEN_PROBLEMS: tuple = ()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; one dict per violating node: rule, impact, selector, html, and
    ``content`` (True where the node lies inside :data:`CONTENT_SELECTOR`, the lessons' own content)."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page).response
    found = []
    for rule in response["violations"]:
        for node in rule["nodes"]:
            selector = node["target"][-1]
            inside = page.evaluate("""([sel, content]) => {
                let el = null;
                try { el = document.querySelector(sel); } catch (e) { return false; }
                return !!(el && el.closest(content));
            }""", [selector if isinstance(selector, str) else "", CONTENT_SELECTOR])
            found.append({"rule": rule["id"], "impact": node.get("impact") or rule["impact"], "selector": selector,
                          "html": node["html"][:160], "content": inside})
    return found


def axe_summary(violations: list[dict], where: str) -> str:
    """One line per rule: where, content or interface, impact, rule and how many nodes (for the test log)."""
    counts: dict[tuple, int] = {}
    for v in violations:
        key = ("content" if v["content"] else "interface", v["impact"], v["rule"])
        counts[key] = counts.get(key, 0) + 1
    return "\n".join(f"axe {where}: {side} {impact} {rule} ×{n}" for (side, impact, rule), n in sorted(counts.items()))


def serious_content_violations(violations: list[dict], where: str, known: tuple = ()) -> list[tuple]:
    """Print :func:`axe_summary` (pytest -s shows it) and return the serious or critical violations inside the
    lessons' content: (rule, impact, selector, html). ``known``: (rule, piece of the node's html) pairs to leave
    out, each a problem of a library's own markup that the repository cannot fix (the caller says which)."""
    print(axe_summary(violations, where) or f"axe {where}: no violation")
    return [(v["rule"], v["impact"], v["selector"], v["html"]) for v in violations
            if v["content"] and v["impact"] in SERIOUS
            and not any(v["rule"] == rule and piece in v["html"] for rule, piece in known)]
