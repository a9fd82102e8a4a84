"""Pupils' voice in Chromium on real Voila servers: two groups and the teacher's board over one class store.

One group chooses its own question, answers it in its own box and shares the answer, and checks its own
chart; it gives the other group two stars and a wish (and an unkind one); the teacher hides the unkind one
and lets groups see the rest; the class agrees two stars and a wish on the board's spotlight; the other
group, after a refresh, sees the kind one and the class's; looking back is saved and shows on the board.
Pupils' text is only ever text.
"""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import violations

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

WAIT = 60_000  # a page's kernel on a busy 2-core machine
SAVE = 30_000
HOSTILE = "<img src=x onerror=window.__pwned=1>"
QUESTION = f"Are orange ones rarer in every tube? {HOSTILE}"


def group_page(browser, classroom, code, name):
    """A group's Smarties page in its own browser, joined to the class."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(classroom.pupils.url("smarties.ipynb"))
    page.get_by_role("button", name="Join", exact=True).wait_for(timeout=WAIT)
    page.get_by_label("Class code").fill(code)
    page.get_by_label("Group name").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.locator(".classlab-save-status")).to_contain_text("Everything you do is saved", timeout=SAVE)
    return page


def rejoined(page):
    """The same page after a refresh: a new kernel, which rejoins the group from the page's address."""
    page.reload()
    expect(page.locator(".classlab-save-status")).to_contain_text("Everything you do is saved", timeout=WAIT)
    return page


def test_question_self_check_stars_and_wish_hidden_feedback_and_looking_back(browser, classroom, start_class):
    board = start_class()
    reds = group_page(browser, classroom, board.code, "Reds")
    blues = group_page(browser, classroom, board.code, "Blues")

    # The Reds write their own question: it heads their page (as text) and shows on the board.
    reds.get_by_role("textbox", name="In our own words").fill(QUESTION)
    reds.get_by_role("button", name="This is our question").click()
    expect(reds.locator(".classlab-our-question")).to_contain_text(QUESTION, timeout=SAVE)
    expect(board.locator(".classlab-board-questions")).to_contain_text(QUESTION, timeout=SAVE)
    reds_card = board.locator(".classlab-group-card").filter(has=board.get_by_text("Reds", exact=True))
    expect(reds_card.locator(".classlab-card-question")).to_contain_text(QUESTION, timeout=SAVE)

    # Their own question gets its own box in "What we found", first; their answer is shared with the class.
    own = reds.get_by_role("textbox", name="Our question", exact=True)
    own.fill("Orange, in 2 of our 3 tubes")
    own.press("Tab")
    reds.get_by_role("button", name="Share our answer with the class").click()
    expect(board.locator(".classlab-finding")).to_contain_text("Orange, in 2 of our 3 tubes", timeout=SAVE)

    # Their self check: they tick a title they have not written yet; the checker asks, never marks.
    reds.get_by_role("checkbox", name="A title that says what it shows").check()
    reds.get_by_role("textbox", name="Why we think so").fill("We looked at it together")
    reds.get_by_role("button", name="Compare with the checker").click()
    beside = reds.locator(".classlab-self-check-beside")
    expect(beside).to_contain_text("You ticked “A title that says what it shows”. Read your title out loud", timeout=SAVE)
    expect(beside).to_contain_text("There are no wrong ideas")

    # Two stars and a wish for the Blues, and one unkind one.
    reds.get_by_role("button", name="Find the other groups").click()
    reds.get_by_label("Another group").select_option(label="Blues")
    expect(reds.locator(".classlab-their-chart")).to_contain_text("Blues", timeout=SAVE)
    for stars, wish in [(("Bright colours", "A clear scale"), "Give it a title"), (("meh", "meh"), "Your chart is rubbish")]:
        reds.get_by_role("textbox", name="Star 1: something that works").fill(stars[0])
        reds.get_by_role("textbox", name="Star 2: something else that works").fill(stars[1])
        reds.get_by_role("textbox", name="A wish: one thing to try").fill(wish)
        reds.get_by_role("button", name="Send our stars and wish").click()
        expect(reds.get_by_role("textbox", name="A wish: one thing to try")).to_have_value("", timeout=SAVE)
    expect(reds.locator(".classlab-peer-feedback .classlab-say")).to_contain_text("Sent!")

    # The teacher sees both first, hides the unkind one, and lets groups see the rest.
    cards = board.locator(".classlab-feedback-card")
    expect(cards).to_have_count(2, timeout=SAVE)
    unkind = cards.filter(has_text="Your chart is rubbish")
    unkind.get_by_role("button", name="Hide feedback").click()
    expect(unkind).to_contain_text("Hidden: the group can't see it.", timeout=SAVE)
    board.get_by_role("button", name="Let groups see their feedback").click()
    expect(board.locator(".classlab-voice-board .classlab-say")).to_contain_text("1 more piece of feedback", timeout=SAVE)

    # The class agrees two stars and a wish for the Blues on the board's spotlight, and the teacher writes them.
    blues_card = board.locator(".classlab-group-card").filter(has=board.get_by_text("Blues", exact=True))
    blues_card.get_by_role("button", name="Spotlight").click()
    spot = board.locator(".classlab-spotlight")
    expect(spot.locator(".classlab-class-stars")).to_contain_text("from the class for Blues", timeout=SAVE)
    for name, words in [("Star 1: something that works", "Every colour is there"),
                        ("Star 2: something else that works", "Easy to compare"),
                        ("A wish: one thing to try", "Say how many tubes")]:
        spot.get_by_role("textbox", name=name).fill(words)
    spot.get_by_role("button", name="Send the class's stars and wish").click()
    expect(spot.locator(".classlab-class-stars .classlab-say")).to_contain_text("Sent to Blues", timeout=SAVE)
    ARTIFACTS.mkdir(exist_ok=True)
    board.screenshot(path=str(ARTIFACTS / "class-stars-spotlight.png"))  # for a person to look at
    board.keyboard.press("Escape")
    expect(spot).to_be_hidden(timeout=SAVE)

    # The Blues, after a refresh, see only the kind feedback, and the class's at once (it needs no release).
    rejoined(blues)
    for_us = blues.locator(".classlab-feedback-for-us")
    expect(for_us).to_contain_text("Bright colours", timeout=SAVE)
    expect(for_us).to_contain_text("Give it a title")
    expect(for_us).to_contain_text("The whole class")
    expect(for_us).to_contain_text("Say how many tubes")
    expect(for_us).not_to_contain_text("rubbish")

    # The Reds look back; the board shows it with the class's answers.
    reds.get_by_role("textbox", name="What surprised us").fill("The percentages made 99, not 100")
    reds.get_by_role("button", name="Save our thoughts").click()
    expect(reds.locator(".classlab-reflection .classlab-say")).to_contain_text("Saved", timeout=SAVE)
    expect(board.locator(".classlab-board-reflections")).to_contain_text("The percentages made 99, not 100", timeout=SAVE)

    # Everything the Reds did comes back after a refresh.
    rejoined(reds)
    expect(reds.locator(".classlab-our-question")).to_contain_text(QUESTION, timeout=SAVE)
    expect(reds.get_by_role("checkbox", name="A title that says what it shows")).to_be_checked()
    expect(reds.get_by_role("textbox", name="What surprised us")).to_have_value("The percentages made 99, not 100")

    # Pupils' text was only ever text.
    for page in (reds, blues, board):
        assert page.evaluate("window.__pwned") is None

    # axe-core finds nothing wrong in these parts, filled in as they are now (names, roles, contrast).
    parts = {reds: [".classlab-question-choice", ".classlab-self-check", ".classlab-peer-feedback", ".classlab-reflection"],
             blues: [".classlab-peer-feedback"], board: [".classlab-voice-board"]}
    for page, selectors in parts.items():
        found = violations(page, context={"include": [[s] for s in selectors]})
        assert found == {}, found
