"""Every lesson in a real JupyterLab, in headless Chromium: run all cells, no error, every explorer reacts.

The English notebooks run here; the Chinese ones run as slides in Voila (tests/test_slides.py), so that each
browser path sees each lesson once and each language is drawn by a browser (the teacher's view below is Chinese).

Needs Debian's chromium (CI installs it: see .ci/run). Without it the test is skipped on a
developer's machine and fails under CI=true.
"""

import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import browser as B  # noqa: E402
import build_lessons  # noqa: E402

NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks" / "en").glob("*.ipynb"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(chromium):
    with B.notebook_copy() as root, B.server("lab", root) as (base, token):
        yield base, token


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_runs_in_jupyterlab_and_its_explorers_react(chromium, lab, notebook):
    base, token = lab
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    try:
        B.run_all_cells(page, base, token, notebook)
        assert B.page_problems(page) == []
        source = (ROOT / notebook).read_text(encoding="utf-8")
        expected = build_lessons.explorer_calls(source)
        found = B.explorers(page)
        assert len(found) == expected, f"{len(found)} explorers rendered, {expected} in the notebook"
        for img, handle, table in found:
            before = (img.get_attribute("src"), table.inner_text())
            B.move_slider(page, handle)
            def now(img=img, table=table):
                return img.get_attribute("src"), table.inner_text()

            after = B.wait_for_change(now, before)
            assert any(ch.isdigit() for ch in after[1])
        assert B.page_problems(page) == []
        if notebook == NOTEBOOKS[0]:  # one lesson in JupyterLab, run, scanned by axe-core (tests/test_accessibility.py)
            found = B.serious_content_violations(B.axe_violations(page), f"JupyterLab {notebook}", B.OPEN_PROBLEMS)
            assert found == []
            # the lessons' extension (classroom/labextension): every figure has its text, every handle a name
            alts = page.evaluate("() => [...document.querySelectorAll('.jp-OutputArea-output img:not(.widget-image)')]"
                                 ".map(i => i.getAttribute('alt') || '')")
            assert alts and all(len(a) > 10 for a in alts), f"figures without text: {alts}"
            names = page.evaluate("() => [...document.querySelectorAll('.noUi-handle')]"
                                  ".map(h => h.getAttribute('aria-label') || '')")
            assert names and all(names), f"slider handles without a name: {names}"
    finally:
        page.close()
        B.shut_down_kernels(base, token)  # the next lesson runs on a machine this one's kernel no longer uses


def test_teacher_view_in_voila_shows_no_code_and_reacts(chromium):
    with B.notebook_copy() as root, B.server("voila", root, "notebooks/zh-TW/teacher_view.ipynb") as (base, _):
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base + "/")
        page.wait_for_selector("img.widget-image", timeout=180_000)
        page.wait_for_function("document.querySelectorAll('img.widget-image').length >= 4", timeout=180_000)
        text = page.inner_text("body")
        assert "cw.weight_explorer" not in text and "import torch" not in text, "Voila shows code"
        assert "教師檢視" in text and "Error displaying widget" not in text
        # the first explorer (lesson 01) and the last one (lesson 08's threshold slider)
        for img, handle, table in ((page.locator("img.widget-image").first, page.locator(".noUi-handle").nth(1),
                                    page.locator(".widget-html-content").first),
                                   (page.locator("img.widget-image").last, page.locator(".noUi-handle").last,
                                    page.locator(".widget-html-content").last)):
            before = (img.get_attribute("src"), table.inner_text())
            B.move_slider(page, handle)
            B.wait_for_change(lambda img=img, table=table: (img.get_attribute("src"), table.inner_text()), before)
        # axe-core: no serious or critical problem in the lessons' content (tests/test_accessibility.py)
        assert B.serious_content_violations(B.axe_violations(page), "teacher's view in Voila", B.OPEN_PROBLEMS) == []
        page.close()


def test_chromium_has_a_font_for_traditional_chinese():
    """Without a CJK font Chromium draws every Chinese character of a zh-TW lesson as a box.

    CI installs fonts-noto-cjk."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None or B.chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs fontconfig, chromium and fonts-noto-cjk (see .ci/run)")
        pytest.skip("no fontconfig or Chromium here")
    fonts = subprocess.run(["fc-list", ":lang=zh-tw", "family"], capture_output=True, text=True).stdout
    if not fonts.strip() and not os.environ.get("CI"):
        pytest.skip("no CJK font here: apt-get install fonts-noto-cjk")
    assert "CJK" in fonts, "no font covers Traditional Chinese: apt-get install fonts-noto-cjk"


def _toasts(page, seconds: float) -> list[str]:
    """Notifications or dialogs that appear within ``seconds`` of opening a notebook."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = page.evaluate("""() => [...document.querySelectorAll('.Toastify__toast, .jp-Dialog')]
            .map(e => e.innerText.slice(0, 120))""")
        if found:
            return found
        time.sleep(0.5)
    return []


def test_jupyterlab_for_a_class_shows_no_news_popup(chromium):
    """The repository's settings override (classroom/, installed by requirements.txt) keeps the projector clean.

    One server, two users in turn. First a user who asked for news (fetchNews "none", JupyterLab's own default,
    in their settings file): the page shows the news prompt, so the check sees one when there is one, and the
    time it took sets the wait. Then a fresh user (no settings file): no prompt in three times that wait."""
    override = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.d/classweights-classroom.json"
    assert override.exists(), "pip install -r requirements.txt installs ./classroom (JupyterLab's settings for a class)"
    news = {"@jupyterlab/apputils-extension/notification": {"fetchNews": "none"}}
    with B.notebook_copy() as root, B.server("lab", root, user_settings=news) as (base, token):
        url = f"{base}/lab/tree/notebooks/zh-TW/01_toy_example.ipynb?reset&token={token}"
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        start = time.time()
        found = _toasts(page, 60)
        shown_after = time.time() - start
        page.close()
        assert any("news" in t for t in found), f"the control page showed no news prompt: {found}"
        (root / "lab-settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings").unlink()
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        found = _toasts(page, max(10.0, 3 * shown_after))
        page.close()
    assert found == [], f"JupyterLab shows a prompt to the class: {found}"
