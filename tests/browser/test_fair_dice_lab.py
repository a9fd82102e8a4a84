"""The fair-dice lab in Chromium: tally a face, see the fair line, and test a prediction on the loaded dice."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def dice(page, labs_server):
    page.goto(labs_server.url("fair_dice.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    return page


def test_a_throw_is_tallied_and_its_bar_grows(dice):
    bars = dice.locator(".classlab-chart .bargroup rect")
    before = float(bars.nth(5).get_attribute("height"))
    dice.get_by_role("button", name="Add one 6").click()
    expect(dice.get_by_label("Number of 6")).to_have_value("1")
    dice.wait_for_function(
        "h => parseFloat(document.querySelectorAll('.classlab-chart .bargroup rect')[5].getAttribute('height')) !== h",
        arg=before)
    expect(dice.get_by_text("Total in this set of throws: 1")).to_be_visible()


def test_the_loaded_dice_is_caught(dice):
    dice.get_by_role("button", name="Load practice data").click()
    expect(dice.get_by_text("of 20")).to_be_visible()
    expect(dice.locator(".classlab-words").first).to_contain_text("What fair would look like: 100 each")
    dice.get_by_label("My prediction", exact=False).fill("5")
    dice.get_by_role("button", name="Test my prediction").click()
    expect(dice.locator(".classlab-verdict")).to_contain_text("did not work 9 times out of 10")
