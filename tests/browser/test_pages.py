"""Every page is a proper page: it prints whole, scrolls by keyboard, says it is British English, has a
title that says what it is and one main landmark, as Chromium and axe-core see it; its subject words link to
what they mean."""
from __future__ import annotations

import io
import urllib.error
import urllib.request
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from classlab.lab_format import LAB_SUFFIX, read
from tests.browser.conftest import new_problems, violations
from tests.server.server_helpers import notebook

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
LABS = REPO / "labs"
HOME_SHEET = "everyday_maths_home_sheet.ipynb"
LAB_NAMES = sorted(p.name[: -len(LAB_SUFFIX)] for p in LABS.glob(f"*{LAB_SUFFIX}"))
KERNEL_WAIT = 60_000


def printed(page) -> tuple[int, str]:
    """Print the page to an A4 PDF as Chromium's print dialogue would: (sheets, the text on them)."""
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(pdf.pages), "\n".join(sheet.extract_text() for sheet in pdf.pages)


def flat(text: str) -> str:
    """PDF text with its line breaks and ligatures undone, so a sentence can be looked for whole."""
    return " ".join(text.replace("\ufb01", "fi").replace("\ufb02", "fl").split())


def open_home_sheet(page, server):
    page.goto(server.url(HOME_SHEET))
    page.get_by_text("Thank you for helping!").wait_for(state="visible", timeout=KERNEL_WAIT)


def open_lab(page, server, name):
    page.goto(server.url(f"{name}.ipynb"))
    page.locator("#rendered_cells .jupyter-widgets").first.wait_for(state="visible", timeout=KERNEL_WAIT)


def assert_proper_page(page, title: str) -> None:
    """British English, the title given, and exactly one main landmark holding the page's heading."""
    expect(page).to_have_title(title)
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    main = page.get_by_role("main")
    expect(main).to_have_count(1)
    expect(main.get_by_role("heading", level=1).first).to_be_visible()


# ---- 1. Print ---------------------------------------------------------------------------------------------

def test_the_home_sheet_prints_whole_down_to_its_last_words(page, labs_server):
    open_home_sheet(page, labs_server)
    box = page.locator("#rendered_cells")
    # On screen the sheet is taller than its scrolling box: this is what printing used to cut.
    assert box.evaluate("b => b.scrollHeight > b.clientHeight + 100")

    sheets, text = printed(page)
    words = flat(text)
    assert sheets >= 2, f"the home sheet printed on {sheets} sheet(s)"
    for must in ("Birds from home: our counting sheet", "goldfinch", "A note for parents and carers",
                 "How the counts come back to school", "Thank you for helping!"):
        assert must in words, f"{must!r} is missing from the printed sheet"
    assert words.rstrip().endswith("Thank you for helping!")

    # The grid families fill in by hand has its lines on paper (on screen its cells have none).
    cell = page.locator("#rendered_cells td").nth(1)
    assert cell.evaluate("td => getComputedStyle(td).borderLeftStyle") == "none"
    page.emulate_media(media="print")
    assert cell.evaluate("td => getComputedStyle(td).borderLeftStyle") == "solid"


def test_a_lab_prints_whole_without_its_buttons(page, labs_server):
    open_lab(page, labs_server, "smarties")
    expect(page.get_by_role("button", name="Load practice data")).to_be_visible(timeout=KERNEL_WAIT)
    page.locator(".classlab-chart .bargroup rect").first.wait_for(state="attached", timeout=KERNEL_WAIT)
    sheets, text = printed(page)
    words = flat(text)
    assert sheets >= 3, f"the Smarties lab printed on {sheets} sheet(s)"
    assert "The Smarties investigation" in words and "The class's findings" in words  # first and last section
    assert "Load practice data" not in words  # a button means nothing on paper


def test_the_home_sheet_scrolls_by_keyboard(page, labs_server):
    open_home_sheet(page, labs_server)
    box = page.get_by_role("main", name="Birds from home: our counting sheet")
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    assert box.evaluate("b => b.scrollTop") == 0
    page.keyboard.press("End")
    page.wait_for_function("document.querySelector('#rendered_cells').scrollTop > 100")
    expect(page.get_by_text("Thank you for helping!")).to_be_in_viewport()


# ---- 2. Landmarks, language and titles ---------------------------------------------------------------------

@pytest.mark.parametrize("name", LAB_NAMES)
def test_a_lab_page_is_titled_from_its_description(page, labs_server, name):
    open_lab(page, labs_server, name)
    title = read(LABS / f"{name}{LAB_SUFFIX}").description.title
    assert_proper_page(page, f"{title} · ClassLab")
    expect(page.get_by_role("main", name=title)).to_have_attribute("tabindex", "0")


def test_the_home_sheet_and_the_gallery_are_proper_pages(page, labs_server):
    open_home_sheet(page, labs_server)
    assert_proper_page(page, "Birds from home: our counting sheet · ClassLab")
    page.goto(labs_server.base_url + "/")
    assert_proper_page(page, "Our labs · ClassLab")


def test_the_class_board_is_a_proper_page(page, classroom):
    page.goto(classroom.board_url())
    page.locator(".classlab-board h1").wait_for(timeout=KERNEL_WAIT)
    expect(page).to_have_title("Class board · ClassLab")
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    expect(page.get_by_role("main")).to_have_count(1)


def test_pages_add_no_accessibility_problem_beyond_a_bare_voila_page(page, labs_server, axe_baseline):
    baseline = axe_baseline
    # The bare page gets the template too: it is itself titled, in en-GB, with a main landmark.
    assert not baseline & {"document-title", "html-has-lang", "html-lang-valid", "landmark-one-main",
                           "scrollable-region-focusable"}, baseline

    open_home_sheet(page, labs_server)
    extra = new_problems(page, baseline)
    assert extra == {}, f"new accessibility problems on the home sheet (baseline {sorted(baseline)}): {extra}"
    page.goto(labs_server.base_url + "/")
    page.get_by_role("heading", name="Our labs").wait_for()
    assert violations(page) == {}


# ---- 3. The "computer is full" and logout pages ------------------------------------------------------------

def test_the_computer_is_full_page_is_a_proper_page(page, voila_server, tmp_path):
    notebook(tmp_path / "labs" / "press.ipynb", "print('hello')")
    server = voila_server(tmp_path / "labs", max_pages=1, unopened_page_grace=600)
    with urllib.request.urlopen(server.url("press.ipynb"), timeout=60) as first:  # takes the only place
        assert first.status == 200
    response = page.goto(server.url("press.ipynb"))
    assert response.status == 503
    assert_proper_page(page, "This computer is full · ClassLab")
    assert violations(page) == {}


def test_the_logout_page_is_a_proper_page(page, voila_server, tmp_path):
    notebook(tmp_path / "teacher" / "board.ipynb", "print('THE BOARD')")
    server = voila_server(tmp_path / "teacher", token="pages-test-key-5521")
    page.goto(f"{server.base_url}/logout")
    # Its words come from classlab/server_guards.py: they already say what the page is.
    assert_proper_page(page, "You have left the teacher's pages")
    assert violations(page) == {}


# ---- 4. Words we use ---------------------------------------------------------------------------------------

def test_a_subject_word_on_a_lab_page_links_to_what_it_means(page, labs_server):
    open_lab(page, labs_server, "smarties")
    expect(page.locator(".classlab-glossary")).to_be_attached(timeout=KERNEL_WAIT)
    expect(page.get_by_role("heading", name="Words we use")).to_be_attached()
    link = page.get_by_role("link", name="frequency", exact=True).first
    link.click()
    meaning = page.locator("#classlab-word-frequency")
    expect(meaning).to_be_in_viewport()
    expect(meaning).to_be_focused()  # a screen reader user lands on the word, and Tab goes on from there
    expect(page.get_by_text("How many times something happens.", exact=False)).to_be_in_viewport()
