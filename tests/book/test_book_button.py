"""The pupil page's "Make our book" button, in a kernel-less page over a real store (the browser test clicks it)."""
from __future__ import annotations

import base64
import re

import pytest
from pypdf import PdfReader
import io

from classlab.lab_format import read
from widgets import LabPage

from tests.book.book_class import EVIDENCE, QUESTION_1, REDS_FINDING, make_class
from tests.conftest import LABS


def links(button) -> dict[str, bytes]:
    """The files inside the page's download links, by file name."""
    found = re.findall(r'download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', button.links.value)
    return {name: base64.b64decode(data) for name, _mime, data in found}


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def page():
    lab = LabPage(read(LABS / "smarties.lab.yaml"), query_string="", every=3600)
    yield lab
    lab.close()


def test_every_lab_page_has_the_book_button_after_its_findings(page):
    sections = [c for c in page.children if "classlab-section" in getattr(c, "_dom_classes", ())]
    parts = [c for c in sections if "classlab-section-book" not in c._dom_classes]
    book = [c for c in sections if "classlab-section-book" in c._dom_classes]
    assert len(book) == 1 and page.book_button in book[0].children
    assert sections.index(book[0]) > sections.index(next(c for c in parts if "classlab-section-findings" in c._dom_classes))
    assert page.book_button.make.description == "Make our book"
    assert page.book_button.make.tooltip  # a name that says what it does


def test_before_joining_the_book_is_the_pages_own_work(page):
    for _ in range(4):
        page.book.add("orange")
    page.findings.write(QUESTION_1, "Orange <script>x</script> is rare")
    assert page.book_button.make_book()
    files = links(page.book_button)
    assert set(files) == {"our-group-book.pdf", "our-group-book.html"}
    assert files["our-group-book.pdf"][:5] == b"%PDF-"
    text = pdf_text(files["our-group-book.pdf"])
    assert "Our group’s book" in text and "Orange <script>x</script> is rare" in text
    assert "What our class agreed" not in text  # no class joined: only the group's own work
    assert "Your book is ready" in page.book_button.message.value


def test_a_joined_group_gets_its_saved_work_and_the_class_agreement(page, tmp_path):
    made = make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")
    page.join._store = made.store
    page.join.code.value, page.join.name.value = made.code, "blues"
    assert page.join.join(asked=True)
    page.book.add("red")  # counted on this page just now: in the book too
    assert page.book_button.make_book()
    files = links(page.book_button)
    pdf = files["blues-book.pdf"]
    text = pdf_text(pdf)
    assert "Blues’ book" in text and EVIDENCE in text and REDS_FINDING in text
    assert "We counted 49 sweets in 1 tube." in text  # the Blues' 48, and the red just added
    html = files["blues-book.html"].decode("utf-8")
    assert "<script" not in html.lower() and "Blues’ book" in html
