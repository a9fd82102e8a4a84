"""Pupils' voice in Chromium on real Voila servers: two groups and the teacher's board over one class store.

One group chooses its own question and checks its own chart; it gives the other group two stars and a
wish (and an unkind one); the teacher hides the unkind one and lets groups see the rest; the other group,
after a refresh, sees only the kind one; looking back is saved and shows on the board. Pupils' text is
only ever text.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

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

    # The Blues, after a refresh, see only the kind feedback.
    rejoined(blues)
    for_us = blues.locator(".classlab-feedback-for-us")
    expect(for_us).to_contain_text("Bright colours", timeout=SAVE)
    expect(for_us).to_contain_text("Give it a title")
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
        result = Axe().run(page, context={"include": [[s] for s in selectors]})
        found = {v["id"]: [n["html"][:160] for n in v["nodes"]] for v in result.response["violations"]}
        assert found == {}, found
