"""'Make our book' on a real Smarties page in Chromium: the group's book, printed in its kernel, downloaded by a link."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from classlab.store import ClassStore

from tests.book.book_class import EVIDENCE, QUESTION_1, REDS, REDS_FINDING, counted, REDS_TUBES

pytestmark = pytest.mark.browser

WAIT = 90_000  # a kernel on a busy two-core machine, then Chromium printing inside it


@pytest.fixture
def reds(classroom):
    """A class in the classroom's store, and the Reds (a pupil's <script> in their name) with their saved work."""
    store = ClassStore(classroom.database_url)
    session = store.start_session("smarties", "Book day")
    group = store.join(session.code, REDS)
    counted(store, group.id, REDS_TUBES)
    store.save_state(group.id, "findings", {"answers": {QUESTION_1: REDS_FINDING}})
    store.save_state(group.id, "chart", {"view": "pooled", "kind": "bar", "title": "All our tubes together please"})
    finding = store.post_finding(group.id, QUESTION_1, REDS_FINDING)
    store.sort_finding(finding.id, "agreed", EVIDENCE)
    return session.code


def test_make_our_book_by_keyboard_and_download_it_as_a_pdf_and_a_web_page(browser, classroom, reds, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(classroom.pupils.url("smarties.ipynb") + "?" + urlencode({"class": reds, "group": REDS}))
        expect(page.get_by_text("You are group")).to_be_visible(timeout=WAIT)
        expect(page.get_by_label("Number of orange")).to_have_value("3", timeout=WAIT)  # the Reds' tube 1
        page.get_by_role("button", name="Add one orange").click()  # counted now: it must be in the book
        expect(page.get_by_label("Number of orange")).to_have_value("4", timeout=WAIT)

        make = page.get_by_role("button", name="Make our book")
        make.focus()
        page.keyboard.press("Enter")
        pdf_link = page.get_by_role("link", name="Download our book (PDF)")
        expect(pdf_link).to_be_visible(timeout=WAIT)
        box = pdf_link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box  # a target for a finger on a tablet
        expect(page.get_by_role("status").filter(has_text="Your book is ready")).to_be_visible(timeout=WAIT)

        with page.expect_download(timeout=WAIT) as pdf_download:
            pdf_link.focus()
            page.keyboard.press("Enter")
        name = pdf_download.value.suggested_filename
        assert name.endswith("-book.pdf") and "<" not in name
        saved = tmp_path / name
        pdf_download.value.save_as(saved)
        pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(saved)).pages]
        assert REDS + "’ book" in pages[0]
        before = sum(map(sum, REDS_TUBES))
        assert f"We counted {before + 1} sweets in 3 tubes." in pages[0]  # the orange just added is in the book
        everything = " ".join(pages)
        assert REDS_FINDING in everything and EVIDENCE in everything

        with page.expect_download(timeout=WAIT) as html_download:
            page.get_by_role("link", name="Download our book (web page)").click()
        html_path = tmp_path / html_download.value.suggested_filename
        html_download.value.save_as(html_path)
        text = html_path.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "&lt;script&gt;alert(&#x27;reds&#x27;)&lt;/script&gt;" in text

        # the book opened in the browser runs nothing: the pupil's <script> shows as words
        viewer = context.new_page()
        viewer.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        viewer.goto(html_path.as_uri())
        expect(viewer.get_by_role("heading", level=1)).to_have_text(REDS + "’ book")
        assert dialogs == []
    finally:
        context.close()


def test_the_board_spotlights_a_shared_misconception_and_makes_the_page_for_parents(start_class, classroom, tmp_path):
    board = start_class()
    store = ClassStore(classroom.database_url)
    for name, start in (("Axis <i>Team</i>", 3), ("Pie Team", 0), ("Tall Team", 5)):
        group = store.join(board.code, name)
        counted(store, group.id, REDS_TUBES[:1])
        store.save_state(group.id, "chart", {"view": "pooled", "kind": "bar", "title": "Our tube", "axis_start": start})

    board.get_by_role("button", name="Look for shared misconceptions").click()
    expect(board.get_by_role("status").filter(has_text="1 shared by two or more groups.")).to_be_visible(timeout=WAIT)
    spot = board.get_by_role("button", name="Spotlight: A count axis that does not start at 0")
    spot.focus()
    board.keyboard.press("Enter")
    shown = board.get_by_role("region", name="A count axis that does not start at 0")
    expect(shown).to_be_visible(timeout=WAIT)
    expect(shown.get_by_role("heading", name="Groups that share it (2)")).to_be_visible()
    expect(shown).to_contain_text("Axis <i>Team</i> started the count axis at 3")  # a pupil's markup is only words
    expect(shown).to_contain_text("Tall Team started the count axis at 5")
    expect(shown).not_to_contain_text("Pie Team")
    board.get_by_role("button", name="Close", exact=True).click()
    expect(shown).to_have_count(0, timeout=WAIT)

    board.get_by_role("button", name="Make the page for parents").click()
    link = board.get_by_role("link", name="Download the page for parents (PDF)")
    expect(link).to_be_visible(timeout=WAIT)
    with board.expect_download(timeout=WAIT) as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(saved)).pages).split())
    assert "Something to try at home" in text and "Together the class counted 129 sweets in 3 tubes." in text
    assert "Team" not in text  # no group's name reaches parents
