"""Keyboard focus, in Chromium: it is always visible and always somewhere useful.

The board's spotlight covers the whole screen, so focus must go into it, stay out of what it hides, leave by
Escape, and come back to the button that opened it.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from classlab import TallyChange
from classlab.store import ClassStore

pytestmark = pytest.mark.browser

WAIT = 60_000

#: The focused element's outline, as a colour and a width, and the colour of what it sits on.
RING = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor};
}"""


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG 2) of a CSS `rgb(r, g, b)` colour."""
    parts = [int(p) / 255 for p in rgb[rgb.index("(") + 1: rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _spotlight_button(board, classroom, group: str, colour: str, count: int):
    """A group with counts on the board, and the button that spotlights its chart."""
    store = ClassStore(classroom.database_url)
    try:
        store.record(store.join(board.code, group).id, TallyChange(0, colour, "set", count))
    finally:
        store.dispose()
    return board.locator(".classlab-group-card").filter(
        has=board.get_by_text(group, exact=True)).get_by_role("button", name="Spotlight")


def test_the_spotlight_takes_focus_hides_the_rest_closes_on_escape_and_gives_focus_back(start_class, classroom):
    board = start_class()
    opener = _spotlight_button(board, classroom, "Blues", "blue", 4)
    expect(opener).to_be_visible(timeout=WAIT)

    opener.focus()
    board.keyboard.press("Enter")
    spotlight = board.get_by_role("dialog", name="Spotlight on one group's chart")
    expect(spotlight).to_be_visible(timeout=WAIT)
    close = spotlight.get_by_role("button", name="Close the spotlight")
    expect(close).to_be_focused(timeout=WAIT)

    # What the spotlight covers cannot be reached: it is inert, and Tab never lands on it.
    assert board.get_by_role("button", name="Start a new class").evaluate("b => b.closest('[inert]') !== null")
    for _ in range(4):
        board.keyboard.press("Tab")
        outside = board.evaluate("""() => { const el = document.activeElement;
            return el && el !== document.body && !el.closest('.classlab-spotlight') ? el.outerHTML.slice(0, 120) : null; }""")
        assert outside is None, f"Tab reached a control hidden behind the spotlight: {outside}"

    board.keyboard.press("Escape")
    expect(spotlight).to_be_hidden(timeout=WAIT)
    expect(opener).to_be_focused(timeout=WAIT)
    assert board.get_by_role("button", name="Start a new class").evaluate("b => b.closest('[inert]') === null")


def test_the_close_button_also_gives_focus_back(start_class, classroom):
    board = start_class()
    opener = _spotlight_button(board, classroom, "Greens", "green", 2)
    opener.click(timeout=WAIT)
    close = board.get_by_role("button", name="Close the spotlight")
    expect(close).to_be_focused(timeout=WAIT)
    board.keyboard.press("Enter")
    expect(board.locator(".classlab-spotlight")).to_be_hidden(timeout=WAIT)
    expect(opener).to_be_focused(timeout=WAIT)


@pytest.mark.parametrize("control", ["Class code", "Group name"])
def test_text_boxes_show_a_clear_focus_ring(page, labs_server, control):
    page.goto(labs_server.url("smarties.ipynb"))
    box = page.get_by_label(control, exact=True)
    box.wait_for(timeout=WAIT)
    box.focus()
    ring = page.evaluate(RING)
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert contrast(ring["colour"], "rgb(255, 255, 255)") >= 3, ring


def test_the_tube_list_and_a_text_area_show_a_clear_focus_ring(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    area = page.get_by_label("Question 1")
    area.wait_for(timeout=WAIT)
    area.focus()
    ring = page.evaluate(RING)
    assert ring["style"] != "none" and ring["width"] >= 2 and contrast(ring["colour"], "rgb(255, 255, 255)") >= 3, ring
    which = page.get_by_label("Which", exact=True)
    which.focus()
    ring = page.evaluate(RING)
    assert ring["style"] != "none" and ring["width"] >= 2 and contrast(ring["colour"], "rgb(255, 255, 255)") >= 3, ring


def test_show_and_chart_are_radio_groups_worked_by_arrow_keys(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    show = page.get_by_role("radiogroup", name="Show")
    chart = page.get_by_role("radiogroup", name="Chart")
    expect(show).to_be_visible(timeout=WAIT)
    expect(show.get_by_role("radio")).to_have_count(4)
    expect(chart.get_by_role("radio", name="Bar chart")).to_be_checked()

    chart.get_by_role("radio", name="Bar chart").focus()
    page.keyboard.press("ArrowRight")
    pie = chart.get_by_role("radio", name="Pie chart")
    expect(pie).to_be_checked()
    expect(pie).to_be_focused()
    expect(chart.get_by_role("radio", name="Bar chart")).not_to_be_checked()
    # The choice reached Python: the chart's name says it is a pie now.
    expect(page.get_by_role("img", name=re.compile(r"^Pie chart"))).to_be_attached(timeout=WAIT)
    ring = page.evaluate("""() => { const l = document.activeElement.closest('label'), s = getComputedStyle(l);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }""")
    assert ring["style"] != "none" and ring["width"] >= 2 and contrast(ring["colour"], "rgb(255, 255, 255)") >= 3, ring


def test_after_join_focus_goes_to_what_happened(browser, start_class, classroom):
    board = start_class()
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    try:
        pupil = context.new_page()
        pupil.goto(classroom.pupils.url("smarties.ipynb"))
        pupil.get_by_label("Class code", exact=True).fill(board.code, timeout=WAIT)
        pupil.get_by_label("Group name", exact=True).fill("Purples")
        pupil.get_by_role("button", name="Join", exact=True).focus()
        pupil.keyboard.press("Enter")
        status = pupil.locator(".classlab-save-status")
        expect(status).to_contain_text("Everything you do is saved", timeout=WAIT)
        expect(status).to_be_focused(timeout=WAIT)  # not the page's body, where the gone Join button left it
        expect(status).to_have_attribute("role", "status")
        pupil.keyboard.press("Tab")  # and Tab goes on into the lab from there
        assert pupil.evaluate("document.activeElement !== document.body")
    finally:
        context.close()


def test_decimal_places_and_the_goal_are_radio_groups_in_words(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    places = page.get_by_role("radiogroup", name="Decimal places")
    expect(places).to_be_visible(timeout=WAIT)
    expect(places.get_by_role("radio", name="0 decimal places")).to_be_checked()
    expect(places.get_by_role("radio", name="1 decimal place", exact=True)).not_to_be_checked()
    goal = page.get_by_role("radiogroup", name="I want")
    expect(goal.get_by_role("radio", name="A fair share")).to_be_checked()
    goal.get_by_role("radio", name="A fair share").focus()
    page.keyboard.press("ArrowDown")
    expect(goal.get_by_role("radio", name="At least this many")).to_be_checked()
    expect(page.get_by_label("How many I want")).to_be_visible(timeout=WAIT)  # Python heard the new goal
