"""A class in Welsh: the teacher chooses it on the board, and a pupil's page that joins reopens in it,
rejoined, in a real Chromium and Voila; a refresh after the teacher changes back reopens it in English."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOT = Path(__file__).resolve().parents[1] / "artifacts" / "class-in-welsh.png"


def test_a_page_joining_a_welsh_class_reopens_in_welsh_and_follows_the_teacher_back(browser, classroom, start_class):
    board = start_class()
    choose = board.get_by_label("Pupils' pages in")
    expect(choose).to_have_value("English (United Kingdom)")  # a new class speaks the server's language
    choose.select_option(label="Cymraeg")
    expect(board.get_by_text("from now on open in Cymraeg")).to_be_visible()

    context = browser.new_context(viewport={"width": 768, "height": 1024})
    try:
        pupil = context.new_page()
        pupil.goto(classroom.pupils.url("smarties.ipynb"))  # a plain address, as pupils type it
        pupil.get_by_label("Class code").fill(board.code)
        pupil.get_by_label("Group name").fill("Cochion")
        pupil.get_by_role("button", name="Join", exact=True).click()
        expect(pupil).to_have_url(re.compile(rf"class={board.code}.*group=Cochion.*lang=cy&lang_of=class"), timeout=60_000)
        add = pupil.get_by_role("button", name="Un yn fwy ar gyfer oren")  # the lab's word in Welsh too
        expect(add).to_be_visible(timeout=60_000)
        expect(pupil.locator("html")).to_have_attribute("lang", "cy")
        expect(pupil.locator(".classlab-save-status")).to_contain_text("Cochion", timeout=30_000)  # rejoined
        add.click()
        expect(pupil.get_by_label("Nifer ar gyfer oren")).to_have_value("1")
        SHOT.parent.mkdir(exist_ok=True)
        pupil.screenshot(path=str(SHOT))  # looked at by a person: the page rejoined, in Welsh
        expect(board.locator(".classlab-group-card").filter(has_text="Cochion")).to_contain_text("1", timeout=30_000)

        choose.select_option(label="English (United Kingdom)")
        expect(board.get_by_text("open in English (United Kingdom)")).to_be_visible()
        pupil.reload()  # a page already open follows when it is refreshed
        expect(pupil).to_have_url(re.compile(r"lang=en_GB&lang_of=class"), timeout=60_000)
        expect(pupil.get_by_label("Number of orange")).to_have_value("1", timeout=60_000)  # nothing lost
        expect(pupil.locator("html")).to_have_attribute("lang", "en-GB")
        assert "Traceback" not in pupil.content()
    finally:
        context.close()
