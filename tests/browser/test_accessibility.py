"""Accessibility of the Smarties lab, judged by axe-core against a bare Voila page's own baseline."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_problems

pytestmark = pytest.mark.browser


def test_lab_has_no_accessibility_problems_beyond_a_bare_voila_page(page, labs_server, axe_baseline):
    page.goto(labs_server.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    page.get_by_role("button", name="Load practice data").click()
    expect(page.get_by_text("of 29")).to_be_visible()
    page.get_by_label("My prediction: I need this many tubes").fill("5")
    page.get_by_role("button", name="Test my prediction").click()
    expect(page.locator(".classlab-verdict")).to_be_visible()
    extra = new_problems(page, axe_baseline)
    assert extra == {}, f"new accessibility problems (baseline {sorted(axe_baseline)}): {extra}"


def test_a_chart_is_one_image_named_for_what_it_shows_and_described_in_words(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    page.get_by_role("button", name="Load practice data").click(timeout=60_000)
    expect(page.get_by_text("of 29")).to_be_visible(timeout=30_000)
    page.get_by_role("radio", name="All tubes together").or_(
        page.get_by_role("button", name="All tubes together")).first.click()
    chart = page.get_by_role("img", name="Bar chart: All tubes together")
    expect(chart).to_be_attached(timeout=30_000)
    words = page.locator("#" + chart.get_attribute("aria-describedby"))
    expect(words).to_contain_text("orange", timeout=30_000)  # the chart said in words, colour by colour

    page.get_by_label("Title", exact=True).fill("Colours in our 29 tubes")
    page.keyboard.press("Enter")
    expect(page.get_by_role("img", name="Bar chart: Colours in our 29 tubes")).to_be_attached(timeout=30_000)


def test_messages_change_in_one_live_region_and_a_wrong_count_points_at_its_message(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    region = page.locator(".classlab-chart-builder .classlab-say")
    expect(region).to_have_attribute("role", "status", timeout=60_000)
    expect(region).to_have_attribute("aria-live", "polite")
    region.evaluate("el => { el.dataset.before = 'yes'; }")  # the same element must carry every message

    start = page.get_by_role("textbox", name="Count axis starts at")
    start.fill("lots")
    start.press("Enter")
    expect(region).not_to_have_text("", timeout=30_000)
    expect(region).to_have_attribute("data-before", "yes")  # not a new box: the region that was there changed
    expect(region.locator("[role=status]")).to_have_count(0)  # and no live region inside another

    box = page.get_by_label("Number of red")
    box.fill("lots")
    box.press("Enter")
    expect(box).to_have_attribute("aria-invalid", "true", timeout=30_000)
    message = page.locator("#" + box.get_attribute("aria-describedby"))
    expect(message).not_to_have_text("", timeout=30_000)
    expect(message).to_have_attribute("role", "status")
    box.fill("3")
    box.press("Enter")
    expect(box).to_have_attribute("aria-invalid", "false", timeout=30_000)
