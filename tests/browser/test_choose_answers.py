"""Choosing a survey's answers in Chromium: the box a mistake is in is aria-invalid and described by the message,
until it is fixed (as every other box on a pupil's page)."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 60_000  # a kernel on a busy 2-core machine


def test_a_wrong_answer_box_is_marked_until_it_is_fixed(page, labs_server):
    page.goto(labs_server.url("class_survey.ipynb"))
    first, second, third = (page.get_by_role("textbox", name=f"Answer {i}", exact=True) for i in (1, 2, 3))
    expect(first).to_be_visible(timeout=WAIT)
    start = page.get_by_role("button", name="Start counting")
    first.fill("walk")
    second.fill("Walk")
    start.click()
    expect(second).to_have_attribute("aria-invalid", "true", timeout=WAIT)
    message = page.locator("#" + second.get_attribute("aria-describedby"))
    expect(message).to_contain_text("twice")
    expect(message).to_have_attribute("role", "status")
    assert first.get_attribute("aria-invalid") != "true"

    second.fill("bus")
    third.fill("a very long way round by the canal and the park")
    start.click()
    expect(third).to_have_attribute("aria-invalid", "true", timeout=WAIT)  # the mistake moved ...
    expect(second).to_have_attribute("aria-invalid", "false")               # ... so its old box is clear
    assert second.get_attribute("aria-describedby") is None

    third.fill("car")
    third.evaluate("el => { el.dataset.third = 'yes'; }")  # found again once the boxes are put away
    start.click()
    expect(page.locator(".classlab-choose")).to_contain_text("Our answers: walk, bus, car", timeout=WAIT)
    fixed = page.locator("input[data-third=yes]")
    expect(fixed).to_have_attribute("aria-invalid", "false")
    assert fixed.get_attribute("aria-describedby") is None
