"""A whole lesson by keyboard alone (issue 12), in a real Chromium and Voila: no click anywhere.

The teacher starts a class and spotlights a group by keyboard; a group on a tablet joins, counts, makes its
chart, reads percentages, predicts then tests, and shares a finding by keyboard. Each step reaches its control
the way a keyboard user would (Tab from the step before, or the control a sighted keyboard user tabs to) and
works it with Enter, Space, arrows and typing. What each step did is checked on the page and on the board.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 60_000  # a kernel round trip on a busy 2-core machine


def focused_name(page) -> str:
    """What a screen reader would call the focused control (its label, aria-label or words)."""
    return page.evaluate("""() => { const el = document.activeElement;
        const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
        return (el.getAttribute('aria-label') || label || el.innerText || el.value || '').trim(); }""")


def test_a_whole_lesson_works_by_keyboard_alone(browser, classroom, start_class):
    board = start_class()  # the board's own journey starts here: its Start button, pressed by Enter below
    board.get_by_role("button", name="Start a new class").focus()
    board.keyboard.press("Enter")  # a second class, started by keyboard: the one this test uses
    code = board.locator(".classlab-class-code span")
    expect(code).not_to_have_text(board.code, timeout=WAIT)
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{6}$"), timeout=WAIT)
    class_code = code.inner_text().strip()

    context = browser.new_context(viewport={"width": 768, "height": 1024})
    try:
        pupil = context.new_page()
        pupil.goto(classroom.pupils.url("smarties.ipynb"))
        keys = pupil.keyboard

        # Join: the class code, Tab, the group's name, Tab, Join, Enter (once the page is there: its chart drawn).
        pupil.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=WAIT)
        pupil.get_by_label("Class code", exact=True).focus(timeout=WAIT)
        keys.type(class_code)
        keys.press("Tab")
        assert focused_name(pupil) == "Group name"
        keys.type("Keys")
        keys.press("Tab")
        assert focused_name(pupil) == "Join"
        keys.press("Enter")
        status = pupil.locator(".classlab-save-status")
        expect(status).to_contain_text("Everything you do is saved", timeout=WAIT)
        expect(status).to_be_focused(timeout=WAIT)

        # Count: + by Enter and by Space, then a count typed into the box (Shift+Tab back to it).
        add_red = pupil.get_by_role("button", name="Add one red")
        add_red.focus()
        keys.press("Enter")
        keys.press("Enter")
        keys.press("Space")
        expect(pupil.get_by_label("Number of red")).to_have_value("3", timeout=WAIT)
        keys.press("Shift+Tab")
        assert focused_name(pupil) == "Number of red"
        keys.press("Control+A")
        keys.type("5")
        keys.press("Enter")
        expect(pupil.get_by_role("img", name="5 tally marks for red")).to_be_attached(timeout=WAIT)
        pupil.get_by_role("button", name="Add one blue").focus()
        keys.press("Enter")
        expect(pupil.get_by_label("Number of blue")).to_have_value("1", timeout=WAIT)

        # The chart: the kind by arrow keys, then a title typed and left by Tab.
        chart = pupil.get_by_role("radiogroup", name="Chart")
        chart.get_by_role("radio", name="Bar chart").focus()
        keys.press("ArrowRight")
        expect(chart.get_by_role("radio", name="Pie chart")).to_be_checked(timeout=WAIT)
        pupil.get_by_label("Title", exact=True).focus()
        keys.type("Colours in our first tube")
        keys.press("Tab")
        expect(pupil.get_by_role("img", name=re.compile(r"^Pie chart: Colours in our first tube"))).to_be_attached(
            timeout=WAIT)

        # Percentages: one decimal place, by arrow key.
        places = pupil.get_by_role("radiogroup", name="Decimal places")
        places.get_by_role("radio", name="0 decimal places").focus()
        keys.press("ArrowRight")
        expect(places.get_by_role("radio", name="1 decimal place", exact=True)).to_be_checked(timeout=WAIT)
        expect(pupil.get_by_role("table", name="Percentages", exact=True)).to_contain_text("83.3", timeout=WAIT)  # 5 of 6

        # Predict, then test: a number typed, Tab to the button, Enter.
        pupil.get_by_label("My prediction: I need this many tubes").focus()
        keys.type("6")
        test = pupil.get_by_role("button", name="Test my prediction")
        expect(test).to_be_enabled(timeout=WAIT)  # it waits for a prediction, as a pupil sees
        for _ in range(6):  # the next control that takes focus, a Tab or a few away
            keys.press("Tab")
            if focused_name(pupil) == "Test my prediction":
                break
        expect(test).to_be_focused()
        keys.press("Enter")
        expect(pupil.locator(".classlab-verdict")).to_contain_text("You predicted 6 tubes", timeout=WAIT)

        # Share a finding: typed, Tab to Share, Enter; the board shows it.
        pupil.get_by_label("Question 1", exact=True).focus()
        keys.type("Red is the most common in our tube")
        keys.press("Tab")
        assert focused_name(pupil) == "Share answer 1 with the class"
        keys.press("Enter")
        expect(pupil.get_by_text("Shared!")).to_be_visible(timeout=WAIT)
        expect(board.locator(".classlab-finding")).to_contain_text("Red is the most common", timeout=WAIT)

        # The board: spotlight the group by Enter, close it by Escape, focus back on its button.
        opener = board.locator(".classlab-group-card").filter(has=board.get_by_text("Keys", exact=True)).get_by_role(
            "button", name="Spotlight")
        expect(opener).to_be_visible(timeout=WAIT)
        opener.focus()
        board.keyboard.press("Enter")
        spotlight = board.get_by_role("dialog", name="Spotlight on one group's chart")
        expect(spotlight).to_be_visible(timeout=WAIT)
        expect(spotlight).to_contain_text("Keys", timeout=WAIT)
        board.keyboard.press("Escape")
        expect(spotlight).to_be_hidden(timeout=WAIT)
        expect(opener).to_be_focused(timeout=WAIT)
    finally:
        context.close()
