"""Accessibility: an axe-core scan (axe-playwright-python) of the lessons as the class sees them, in headless
Chromium (Debian's chromium, like tests/test_browser.py; marker ``browser``, the full tier).

Here: one lesson as slides in each language (its first slide, its first explorer's slide and its first figure's
slide; reveal.js shows one slide at a time and axe checks what is shown). The teacher's view in Voila and one
lesson in JupyterLab are scanned in tests/test_browser.py, on the pages its tests have already loaded and run (no
second server).

Each violating node is the lessons' own (inside rendered Markdown, an output or an explorer's widget:
tools/browser.py's CONTENT_SELECTOR) or the interface's (JupyterLab, Voila, reveal.js's controls). The lessons'
content may have no serious or critical violation; the interface's are printed (pytest -s shows them), not
counted: they are JupyterLab's, Voila's and reveal.js's to fix."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import browser as B  # noqa: E402

pytestmark = pytest.mark.browser
DECKS = [f"notebooks/{lang}/01_toy_example.ipynb" for lang in ("en", "zh-TW")]


@pytest.fixture(scope="module")
def slides(chromium):
    with B.notebook_copy() as root, B.server("voila", root, template="reveal") as (base, _):
        yield base


def test_the_scan_finds_a_picture_without_alt_text_and_tells_content_from_interface(chromium):
    """A page with two pictures without alt text (axe-core's rule image-alt, impact critical): one inside a
    cell's output (content), one in a toolbar (interface)."""
    page = chromium.new_page()
    try:
        page.set_content("""<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>
            <div class="jp-Toolbar"><img id="tool" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>
            <div class="jp-OutputArea-output"><img id="fig" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>
            </main></body></html>""")
        found = {(v["rule"], v["impact"], v["selector"], v["content"]) for v in B.axe_violations(page)}
        assert found == {("image-alt", "critical", "#tool", False), ("image-alt", "critical", "#fig", True)}
    finally:
        page.close()


def scan_deck(chromium, base, notebook, known):
    """Serious or critical content violations on the deck's first slide, its first explorer's slide and its
    first slide with a figure (whose picture must also have a text alternative, not only no violation)."""
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        B.open_slides(page, base, notebook)
        found = B.serious_content_violations(B.axe_violations(page), f"{notebook} slide 1", known)
        slides = B.step_through_slides(page, unfold=False)
        explorer = next(s["hash"] for s in slides if s["widgets"])
        figure = next(s["hash"] for s in slides if s["figures"])
        for where in (explorer, figure):
            page.evaluate(f"() => {{ location.hash = '{where}'; }}")
            page.wait_for_timeout(500)
            found += B.serious_content_violations(B.axe_violations(page), f"{notebook} slide {where}", known)
        alts = page.evaluate("() => [...document.querySelectorAll('.reveal section.present .jp-OutputArea-output "
                             "img:not(.widget-image)')].map(i => i.getAttribute('alt') || '')")
        assert alts and all(len(a) > 10 for a in alts), f"{notebook} slide {figure}: figures without text: {alts}"
        return found
    finally:
        page.close()


@pytest.mark.parametrize("notebook", DECKS)
def test_slides_have_no_serious_accessibility_problem_of_their_own(chromium, slides, notebook):
    assert scan_deck(chromium, slides, notebook, B.OPEN_PROBLEMS) == []

