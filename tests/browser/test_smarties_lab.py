"""The Smarties lab in a real Chromium, served by a real Voila with the classroom settings."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
SCREENSHOT = IMAGES / "smarties-lab.png"
CHART_SHOT = IMAGES / "smarties-chart-builder.png"
ORANGE = 1  # position of orange among the Smarties colours, so of its bar


@pytest.fixture
def lab(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    return page


def bar_height(page, index):
    return float(page.locator(".classlab-chart .bargroup rect").nth(index).get_attribute("height"))


def wait_for_bar_change(page, index, before):
    page.wait_for_function(
        "([i, h]) => { const r = document.querySelectorAll('.classlab-chart .bargroup rect')[i];"
        " return r && parseFloat(r.getAttribute('height')) !== h; }",
        arg=[index, before],
        timeout=15_000,
    )


def test_every_part_of_the_lab_is_on_the_page(lab):
    for heading in ["1. Count", "2. Make a chart that works", "3. Percentages", "4. Predict, then test", "5. What we found"]:
        expect(lab.get_by_role("heading", name=heading)).to_be_visible()
    expect(lab.get_by_role("button", name="Add one orange")).to_be_visible()
    expect(lab.get_by_role("button", name="Test my prediction")).to_be_disabled()
    expect(lab.get_by_label("Question 1")).to_be_visible()
    assert "Traceback" not in lab.content()


def test_tally_by_clicking_grows_the_bar(lab):
    before = bar_height(lab, ORANGE)
    add = lab.get_by_role("button", name="Add one orange")
    for _ in range(3):
        add.click()
    expect(lab.get_by_label("Number of orange")).to_have_value("3")
    wait_for_bar_change(lab, ORANGE, before)
    expect(lab.get_by_role("img", name="3 tally marks for orange")).to_be_attached()
    expect(lab.get_by_text("Total in this tube: 3")).to_be_visible()
    assert bar_height(lab, ORANGE) > before


def test_tally_by_keyboard(lab):
    add = lab.get_by_role("button", name="Add one red")
    add.focus()
    lab.keyboard.press("Enter")
    lab.keyboard.press("Space")
    box = lab.get_by_label("Number of red")
    expect(box).to_have_value("2")
    lab.keyboard.press("Shift+Tab")  # back to the count box
    expect(box).to_be_focused()
    lab.keyboard.press("ArrowUp")
    expect(box).to_have_value("3")
    # The kernel's answer (the marks it draws) before typing over it: a late echo would put "3" back.
    expect(lab.get_by_role("img", name="3 tally marks for red")).to_be_attached()
    lab.keyboard.press("Control+a")
    lab.keyboard.type("12")
    lab.keyboard.press("Enter")
    expect(lab.get_by_role("img", name="12 tally marks for red")).to_be_attached()


def test_bad_entry_shows_a_kind_message_and_keeps_the_count(lab):
    lab.get_by_role("button", name="Add one blue").click()
    box = lab.get_by_label("Number of blue")
    expect(box).to_have_value("1")
    for typed, words in [("-2", "can't be less than zero"), ("lots", "isn't a number"), ("2.5", "whole number")]:
        box.fill(typed)
        box.press("Enter")
        expect(lab.get_by_role("status").filter(has_text=words)).to_be_visible()
        expect(box).to_have_value("1")
        expect(box).to_have_attribute("aria-invalid", "true")


def test_the_99_puzzle_appears_in_the_percentages(lab):
    for colour in ["red", "orange", "yellow"]:
        lab.get_by_role("button", name=f"Add one {colour}").click()
    expect(lab.get_by_label("Number of yellow")).to_have_value("1")
    table = lab.get_by_role("table", name="Percentages")
    expect(table).to_contain_text("99 %")
    expect(lab.get_by_text("These don't add up to 100!")).to_be_visible()
    lab.get_by_role("radio", name="2 decimal places").check()
    expect(table).to_contain_text("99.99 %")


def test_predict_first_then_test(lab):
    lab.get_by_role("button", name="Load practice data").click()
    expect(lab.get_by_text("of 29")).to_be_visible()
    run = lab.get_by_role("button", name="Test my prediction")
    expect(run).to_be_disabled()
    lab.get_by_label("My prediction: I need this many tubes").fill("6")
    expect(run).to_be_enabled()
    run.click()
    verdict = lab.locator(".classlab-verdict")
    expect(verdict).to_contain_text("You predicted 6 tubes")
    expect(lab.get_by_role("table", name="Answers from more data")).to_contain_text("From 29 tubes")


def test_chart_choices_and_save_as_png(lab, tmp_path):
    lab.get_by_role("button", name="Load practice data").click()
    expect(lab.get_by_text("of 29")).to_be_visible()
    lab.get_by_role("radio", name="All tubes together").check()
    title = lab.get_by_label("Title", exact=True)
    title.fill("Colours in all 29 tubes")
    title.press("Enter")
    expect(lab.locator(".classlab-next")).to_contain_text("works well")
    with lab.expect_download() as download:
        lab.get_by_role("button", name="Save as picture").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "smarties-chart.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshot_for_the_readme(lab):
    """A picture of the lab in use, taken by the browser tests and shown in the README."""
    lab.set_viewport_size({"width": 1100, "height": 1500})
    lab.get_by_role("button", name="Load practice data").click()
    expect(lab.get_by_text("of 29")).to_be_visible()
    title = lab.get_by_label("Title", exact=True)
    title.fill("Colours in tube 1")
    title.press("Enter")
    expect(lab.locator(".classlab-next")).to_contain_text("works well")
    lab.get_by_role("heading", name="1. Count").scroll_into_view_if_needed()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    lab.screenshot(path=str(SCREENSHOT))
    lab.locator(".classlab-chart-builder").screenshot(path=str(CHART_SHOT))
    assert SCREENSHOT.stat().st_size > 20_000 and CHART_SHOT.stat().st_size > 20_000
