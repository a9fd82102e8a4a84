"""The gallery of labs on the pupils' server, in a real Chromium: every lab with its title, picture and ages."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "docs" / "images"
CLASSLAB = str(Path(sys.executable).parent / "classlab")


@pytest.fixture
def school_labs(tmp_path) -> Path:
    """The school's labs plus one made by `classlab new` (no picture of its own) and a plain notebook."""
    labs = tmp_path / "labs"
    shutil.copytree(REPO / "labs", labs, ignore=lambda folder, names: [n for n in names if not n.startswith("smarties")])  # a school with one lab: the Smarties
    made = subprocess.run([CLASSLAB, "new", "fruit_survey", "--labs", str(labs)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stdout
    shutil.copy(REPO / "benchmarks" / "pages" / "bare.ipynb", labs / "scratch.ipynb")
    return labs


def picture_loaded(card) -> bool:
    return card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_gallery_lists_every_lab_with_its_title_picture_and_ages(voila_server, school_labs, page):
    server = voila_server(school_labs)
    page.goto(server.base_url + "/")
    expect(page.get_by_role("heading", name="Our labs", level=1)).to_be_visible(timeout=30_000)
    cards = page.get_by_role("list", name="Labs").get_by_role("listitem")
    expect(cards).to_have_count(2)
    smarties = cards.filter(has=page.get_by_role("heading", name="The Smarties investigation"))
    expect(smarties).to_contain_text("Some people say a tube of Smarties never has a fair share of each colour.")
    expect(smarties).to_contain_text("Ages 8 to 11 · 2 lessons")
    assert smarties.locator("img").get_attribute("src") == "/voila/files/smarties.svg"
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    assert picture_loaded(smarties)
    fruit = cards.filter(has=page.get_by_role("heading", name="Fruit survey"))
    expect(fruit).to_contain_text("Ages 8 to 11 · 60 minutes")
    assert fruit.locator("img").get_attribute("src").startswith("data:image/svg+xml") and picture_loaded(fruit)
    others = page.get_by_role("region", name="Other pages")
    expect(others.get_by_role("link", name="Scratch")).to_have_attribute("href", "/voila/render/scratch.ipynb")
    assert "Traceback" not in page.content()
    page.set_viewport_size({"width": 1100, "height": 620})
    page.screenshot(path=str(IMAGES / "gallery.png"))  # for docs/authoring.md


def test_a_link_in_the_gallery_opens_the_lab(voila_server, school_labs, page):
    server = voila_server(school_labs)
    page.goto(server.base_url + "/")
    page.get_by_role("link", name="Fruit survey").click()
    expect(page).to_have_url(server.url("fruit_survey.ipynb"), timeout=30_000)
    expect(page.get_by_role("heading", name="1. Count")).to_be_visible(timeout=60_000)
    add = page.get_by_role("button", name="Add one banana")
    add.click()
    expect(page.get_by_label("Number of banana")).to_have_value("1")
    expect(page.get_by_text("Total in this lunch box: 1")).to_be_visible()
    page.set_viewport_size({"width": 1100, "height": 900})
    page.get_by_role("heading", name="1. Count").scroll_into_view_if_needed()
    page.screenshot(path=str(IMAGES / "new-lab.png"))  # for docs/authoring.md


def test_the_gallery_works_by_keyboard(labs_server, page):
    page.goto(labs_server.base_url + "/")
    link = page.get_by_role("link", name="The Smarties investigation")
    expect(link).to_be_visible(timeout=30_000)
    for _ in range(10):  # Tab through the cards to the Smarties lab
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    expect(page.get_by_role("heading", name="5. What we found")).to_be_visible()


def test_a_lab_with_a_broken_description_shows_a_note_not_an_error(voila_server, school_labs, page):
    text = (school_labs / "fruit_survey.lab.yaml").read_text().replace("  - tally ", "  - tallies ")
    (school_labs / "fruit_survey.lab.yaml").write_text(text)
    server = voila_server(school_labs)
    page.goto(server.base_url + "/")
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Fruit survey"))
    expect(card).to_contain_text("has a mistake. Teachers: run classlab check fruit_survey", timeout=30_000)
    expect(page.get_by_role("heading", name="The Smarties investigation")).to_be_visible()
