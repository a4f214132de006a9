"""Every lesson as slides (``voila --template=reveal``, configured by voila.json), in headless Chromium at
1280×800: step through every slide, each fits the screen (solutions unfolded), and every explorer on a slide
reacts when its slider is dragged; the arrow keys on a focused slider move the slider, not the slides. Needs
Debian's chromium, like tests/test_browser.py.

The Chinese lessons run here; the English ones run in JupyterLab (tests/test_browser.py). A slide's fit depends
on its language (Chinese text is set larger in the slides), so the check on the English slides is left to the
layout, which is the same; the two languages' cells and slide breaks are equal by construction (test_lessons)."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import browser as B  # noqa: E402
import build_lessons  # noqa: E402

LESSONS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks" / "zh-TW").glob("[0-9][0-9]_*.ipynb"))
WIDTH, HEIGHT = 1280, 800

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def slides(chromium):
    with B.notebook_copy() as root, B.server("voila", root, template="reveal") as (base, _):
        yield base


def test_voila_json_sets_the_slides_up():
    conf = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))["VoilaConfiguration"]
    reveal = conf["resources"]["reveal"]
    assert (reveal["width"], reveal["height"]) == (WIDTH, HEIGHT)
    prefix = reveal["url_prefix"].removeprefix("/voila/files/")
    for css in ("dist/reveal.css", f"dist/theme/{reveal['theme']}.css"):  # what the reveal template links to
        assert (ROOT / prefix / css).exists(), f"{prefix}/{css} is missing: the slides would need the internet"


def expected_slides(notebook):
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    kinds = [c["metadata"].get("slideshow", {}).get("slide_type") for c in cells]
    assert None not in kinds, "every cell has a slide type (tools/build_lessons.py: slide_type)"
    return sum(k in ("slide", "subslide") for k in kinds)


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_as_slides_fits_the_screen_and_its_explorers_react(chromium, slides, notebook):
    page = chromium.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        B.open_slides(page, slides, notebook)
        assert B.page_problems(page) == []
        text = page.inner_text("body")
        assert "import classweights" not in text and "cw.check(" not in text, "the slides show code"
        seen = B.step_through_slides(page)
        assert len(seen) == expected_slides(notebook), "stepping did not reach every slide"
        too_big = [(s["hash"], round(s["height"]), round(s["width"]), s["text"][:40]) for s in seen
                   if s["height"] > HEIGHT or s["width"] > WIDTH or not s["on_screen"]]
        assert not too_big, f"slides that do not fit {WIDTH}×{HEIGHT}: {too_big}"
        source = (ROOT / notebook).read_text(encoding="utf-8")
        explorers = build_lessons.explorer_calls(source)
        with_widgets = [s for s in seen if s["widgets"]]
        assert len(with_widgets) == explorers, "each explorer on a slide of its own"
        for s in with_widgets:  # go to the explorer's slide, drag a slider, see its chart change
            page.evaluate(f"() => {{ location.hash = '{s['hash']}'; }}")
            page.wait_for_timeout(500)
            here = page.locator(".reveal section.present:not(.stack)").last
            img = here.locator("img.widget-image").first.element_handle()  # this slide's, even if it turned
            handles = here.locator(".noUi-handle")
            handle = (handles.nth(1) if handles.count() > 1 else handles.first).element_handle()
            before = (img.get_attribute("src"),)
            B.drag_slider(page, handle)
            B.wait_for_change(lambda img=img: (img.get_attribute("src"),), before)
            assert page.evaluate("location.hash") == s["hash"], "dragging a slider turned the slide"
        assert B.page_problems(page) == []
    finally:
        page.close()


def test_arrow_keys_on_a_focused_slider_move_the_slider_not_the_slides(chromium, slides):
    """reveal.js turns the slide on an arrow key unless the focus is in an <input>; a slider's handle is a <div>.
    The lessons' extension (classroom/labextension, loaded by voila.json) keeps the arrow keys of a focused widget
    control in the widget."""
    notebook = LESSONS[0]
    page = chromium.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        B.open_slides(page, slides, notebook)
        target = next(s["hash"] for s in B.step_through_slides(page, unfold=False) if s["widgets"])
        page.evaluate(f"() => {{ location.hash = '{target}'; }}")
        page.wait_for_timeout(500)
        here = page.locator(".reveal section.present:not(.stack)").last
        handle = here.locator(".noUi-handle").first.element_handle()  # this slide's, even if the slide turned
        img = here.locator("img.widget-image").first.element_handle()
        before = (handle.get_attribute("aria-valuenow"), img.get_attribute("src"))
        B.move_slider(page, handle, presses=20, key="ArrowRight")
        after = B.wait_for_change(lambda: (handle.get_attribute("aria-valuenow"), img.get_attribute("src")), before)
        assert float(after[0]) > float(before[0]), f"the slider moved the wrong way: {before[0]} -> {after[0]}"
        assert page.evaluate("location.hash") == target, "an arrow key on a focused slider turned the slide"
        # the arrow keys still turn the slides when no widget has the focus
        page.locator(".reveal").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(500)
        assert page.evaluate("location.hash") != target, "the arrow keys no longer turn the slides"
        assert B.page_problems(page) == []
    finally:
        page.close()
