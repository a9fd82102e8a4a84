"""The class survey in Chromium: the teacher sets the question and answers on the board; groups count exactly those."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_teachers_answers_reach_every_group_and_their_tallies_reach_the_board(browser, classroom):
    teacher = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    teacher.goto(f"{classroom.teacher.url('class_survey_board.ipynb')}?token={classroom.key}")
    teacher.get_by_label("Our question").fill("How do you come to school?")
    for i, answer in enumerate(["walk", "car", "bus", "<b>bike</b>"], start=1):
        teacher.get_by_label(f"Answer {i}", exact=True).fill(answer)
    teacher.get_by_role("button", name="Start counting").click()
    start = teacher.get_by_role("button", name="Start a new class")
    start.wait_for(timeout=60_000)
    # The board wears the lab's look (its lab_style() was not last in its cell, so never shown): 17 px text and
    # a clear focus ring.
    assert teacher.evaluate("getComputedStyle(document.body).fontSize") == "17px"
    teacher.locator(".classlab-board h1").wait_for()
    code = teacher.locator(".classlab-class-code span")
    before = code.inner_text().strip() if code.count() else ""
    start.click()
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{6}$"))
    expect(code).not_to_have_text(before)
    class_code = code.inner_text().strip()

    pupil = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    pupil.goto(classroom.pupils.url("class_survey.ipynb"))
    pupil.get_by_label("Class code").fill(class_code)
    pupil.get_by_role("button", name="Use our class's answers").click()
    expect(pupil.get_by_label("Class code")).to_have_value(class_code)  # the join box, filled in for them
    pupil.get_by_label("Group name").fill("Table 3")
    pupil.get_by_role("button", name="Join", exact=True).click()
    expect(pupil.locator(".classlab-save-status")).to_contain_text("saved", timeout=30_000)
    add_bus = pupil.get_by_role("button", name="Add one bus")
    expect(add_bus).to_be_visible(timeout=30_000)
    expect(pupil.get_by_role("button", name="Add one <b>bike</b>")).to_be_visible()  # shown as typed, as text
    for _ in range(3):
        add_bus.click()
    expect(pupil.get_by_label("Number of bus")).to_have_value("3")
    card = teacher.locator(".classlab-group-card").filter(has=teacher.get_by_text("Table 3", exact=True))
    expect(card).to_contain_text("3 counted", timeout=20_000)
    assert teacher.locator(".classlab-board b", has_text="bike").count() == 0
