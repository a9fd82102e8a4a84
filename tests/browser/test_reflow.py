"""Every lab page and the board reflow on a 320 px phone and a 768 px tablet: nothing cut off the right edge,
no sideways scrolling of the page, and buttons keep their full words ("Previous tube", not "Pre…").

A wide chart may scroll inside itself (a box marked `.classlab-scroll-x`): what sits in that box is not cut.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KERNEL = 60_000
LAB_PAGES = ["smarties", "everyday_maths", "fair_dice", "class_survey"]
SIZES = {"phone": (320, 640), "tablet": (768, 1024)}
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "reflow"

#: What the page shows past the right edge, and which buttons show only part of their words.
MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('#rendered_cells');
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  // Cut: past the window's right edge, or past the edge of a box that clips it (Jupyter's output areas do),
  // unless that box is one made to scroll sideways on its own.
  const isCut = (el) => {
    const right = el.getBoundingClientRect().right;
    if (right > vw + 1) return !el.closest('.classlab-scroll-x');
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (a.classList.contains('classlab-scroll-x')) return false;
      if (getComputedStyle(a).overflowX !== 'visible' && right > a.getBoundingClientRect().right + 1) return true;
    }
    return false;
  };
  const name = (el) => (el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
      ? '.' + String(el.className).trim().split(/\\s+/).slice(0, 3).join('.') : '') + ' "'
      + (el.innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 30) + '"');
  const cut = [...main.querySelectorAll('*')].filter((el) => shown(el) && isCut(el)).map(name);
  // Buttons, and any label drawn to end in "…", that show only part of their words. (A group's long name on
  // the board ends in "…" on purpose and shows whole on focus.)
  const squeezed = [...main.querySelectorAll('button, label, span, .widget-label')]
      .filter((el) => shown(el) && el.scrollWidth > el.clientWidth + 1 && !el.closest('.classlab-group-name')
              && (el.tagName === 'BUTTON' || getComputedStyle(el).textOverflow === 'ellipsis'))
      .map(name);
  const sideways = Math.max(document.scrollingElement.scrollWidth - vw, main.scrollWidth - main.clientWidth);
  return {cut, squeezed, sideways};
}"""


#: Every control a finger must hit that is smaller than 44 x 44 CSS px. A box or list is hit where its label is
#: (a checkbox inside its <label>); each row of a list of tubes is a target of its own.
SMALL_TARGETS = """() => {
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && getComputedStyle(el).visibility !== 'hidden'; };
  const main = document.querySelector('#rendered_cells');
  const small = [];
  for (const el of main.querySelectorAll('button, input, select, textarea, select[multiple] option')) {
    if (!shown(el)) continue;
    const target = el.tagName === 'INPUT' && el.closest('label') ? el.closest('label') : el;
    const r = target.getBoundingClientRect();
    if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
      small.push(`${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') || el.innerText || el.value || target.innerText
        || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return small;
}"""


def measure(page) -> dict:
    return page.evaluate(MEASURE)


def assert_big_enough(page, what: str) -> None:
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], f"{what}: {len(small)} control(s) under 44 x 44 px: {small[:15]}"


def assert_reflows(page, what: str) -> None:
    found = measure(page)
    # A picture of the whole page at this width, to look at (the page scrolls inside its main box, so the
    # window is made as tall as the page first; the width, which is what reflows, stays the same).
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    tall = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(tall, 16_000)})
    page.screenshot(path=str(SHOTS / f"{what}.png"))
    assert found["cut"] == [], f"{what}: {len(found['cut'])} element(s) off the right edge: {found['cut'][:15]}"
    assert found["squeezed"] == [], f"{what}: buttons cut short: {found['squeezed']}"
    assert found["sideways"] <= 1, f"{what}: the page scrolls sideways by {found['sideways']} px"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", LAB_PAGES)
def test_a_lab_page_reflows_with_nothing_cut(browser, labs_server, name, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(labs_server.url(f"{name}.ipynb"))
        if name == "class_survey":  # the survey counts once its question and answers are typed
            page.get_by_label("Our question").fill("How do you come to school?")
            for i, answer in enumerate(["walk", "car", "bus"], start=1):
                page.get_by_label(f"Answer {i}", exact=True).fill(answer)
            page.get_by_role("button", name="Start counting").click()
        # The last part of every lab is the findings box; its chart is drawn by then.
        expect(page.locator(".classlab-findings").first).to_be_visible(timeout=KERNEL)
        page.locator(".classlab-chart svg").first.wait_for(state="attached", timeout=KERNEL)
        assert_reflows(page, f"{name}-{width}")
        assert_big_enough(page, f"{name}-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_board_reflows_with_nothing_cut(start_class, size):
    width, height = SIZES[size]
    board = start_class(viewport={"width": width, "height": height})
    expect(board.get_by_role("button", name="Start a new class")).to_be_visible()
    assert_reflows(board, f"board-{width}")
    assert_big_enough(board, f"board-{width}")


def test_the_list_of_tubes_to_compare_has_rows_a_finger_can_hit(browser, labs_server):
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    try:
        page = context.new_page()
        page.goto(labs_server.url("smarties.ipynb"))
        page.get_by_role("button", name="Load practice data").click(timeout=KERNEL)
        expect(page.get_by_text("of 29")).to_be_visible(timeout=KERNEL)
        page.get_by_role("radio", name="Tubes side by side").check()
        tubes = page.get_by_role("listbox", name="Tubes")
        expect(tubes).to_be_visible(timeout=KERNEL)
        expect(tubes.get_by_role("option")).to_have_count(29)
        heights = tubes.evaluate("s => [...s.options].slice(0, 6).map(o => o.getBoundingClientRect().height)")
        assert min(heights) >= 44, heights  # each tube a big toggle, not a 17 px line
        assert_big_enough(page, "smarties-768-tube-list")
    finally:
        context.close()
