"""The book as it prints: a real store, a real Chromium print to PDF, pages turned into pictures by pdftoppm."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from pypdf import PdfReader

from classlab import SMARTIES
from classlab.book import make_book

from tests.book.book_class import (AGREE, EVIDENCE, FOUND, OWN_QUESTION, REDS, REDS_FINDING, REDS_TUBES, STARS, UNKIND,
                                   WISH, add_voice, make_class)

A4 = (595.3, 841.9)  # points


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The Reds' book and the class book, made once from one class (printing takes a second or two each)."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: `make poppler` installs it (Debian's poppler-utils).", pytrace=False)
    folder = tmp_path_factory.mktemp("books")
    made = add_voice(make_class(f"sqlite:///{folder / 'store.sqlite'}"))
    group = make_book(made.store, made.code, "the <SCRIPT>alert('reds')</script> reds", folder / "out")
    whole = make_book(made.store, made.code, None, folder / "out")
    assert group.pdf is not None and whole.pdf is not None, group.problem or whole.problem
    return made, group, whole


def pages_text(pdf) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]


def picture(pdf, page: int, folder, dpi: int = 100) -> np.ndarray:
    """One page as RGB pixels, drawn by pdftoppm (portable pixmap, read without an imaging library)."""
    stem = folder / f"page-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=60)
    data = (stem.with_suffix(".ppm")).read_bytes()
    parts = data.split(maxsplit=4)  # P6, width, height, maxval, pixels
    assert parts[0] == b"P6"
    width, height = int(parts[1]), int(parts[2])
    return np.frombuffer(parts[4][: width * height * 3], dtype=np.uint8).reshape(height, width, 3)


def pixels_of(image: np.ndarray, colour: str, tolerance: int = 14) -> int:
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    return int((np.abs(image.astype(np.int16) - rgb).max(axis=2) <= tolerance).sum())


def test_the_groups_book_is_a4_with_its_own_question_and_name_on_page_one(books):
    _, group, _ = books
    reader = PdfReader(str(group.pdf))
    assert 3 <= len(reader.pages) <= 6, f"{len(reader.pages)} pages"
    for p in reader.pages:
        assert (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) == pytest.approx(A4, abs=1)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "<script>alert('reds')</script> Reds’ book" in first
    assert f"Our question: {OWN_QUESTION}" in first


def test_a_pupils_script_prints_as_words_and_the_page_runs_nothing(books):
    _, group, _ = books
    text = " ".join(" ".join(pages_text(group.pdf)).split())
    assert REDS_FINDING in text  # the finding, exactly as typed, angle brackets and all
    assert EVIDENCE in text
    page = group.html.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;found&#x27;)&lt;/script&gt;" in page
    assert "default-src 'none'" in page  # nothing in the book can load or run


def test_its_voice_is_printed_the_feedback_it_may_see_and_none_the_teacher_hid(books):
    _, group, _ = books
    text = " ".join(" ".join(pages_text(group.pdf)).split())
    for words in (FOUND, "Looking back", "What surprised us", *STARS, WISH, AGREE, "We agree", "Our own check",
                  "We think <pies> are prettiest", "Is your pie one whole, or are there several pies to compare?", "What we said about other groups' work", "Start the axis at 0"):
        assert words in text, words
    assert UNKIND not in text


def test_each_chart_is_on_the_page_in_the_groups_colours(books, tmp_path):
    _, group, _ = books
    texts = pages_text(group.pdf)
    totals = np.array(REDS_TUBES).sum(axis=0)
    for caption in ("Our chart, as we made it.", "All our tubes together."):
        found = [i for i, t in enumerate(texts) if caption in " ".join(t.split())]
        assert found, f"no page says {caption!r}"
        image = picture(group.pdf, found[0] + 1, tmp_path)
        for colour, n in zip(SMARTIES.colours, totals):
            assert n > 0
            # far more than the table's small swatches: only a chart paints this much of a colour
            assert pixels_of(image, colour) > 600, f"{colour} missing near {caption!r}"


def test_the_class_book_has_a_chapter_per_group_each_on_a_new_page_then_what_the_class_agreed(books, tmp_path):
    made, _, whole = books
    texts = [" ".join(t.split()) for t in pages_text(whole.pdf)]
    starts = {}
    for name in (REDS, "Blues", "Greens"):
        at = [i for i, t in enumerate(texts) if t.startswith(name)]
        assert at, f"no page starts with the chapter {name!r}"
        starts[name] = at[0]
    assert 0 < starts[REDS] < starts["Blues"] < starts["Greens"]
    agreed = [i for i, t in enumerate(texts) if t.startswith("What the class agreed")]
    assert agreed and agreed[0] > starts["Greens"]
    assert EVIDENCE in texts[agreed[0]]
    assert "practice data, made up by a computer" in " ".join(texts[starts["Greens"]:agreed[0]])
    # the class's chart on the last chapter: the pooled counts, in every colour (the Greens' practice data left out)
    image = picture(whole.pdf, agreed[0] + 1, tmp_path)
    assert all(pixels_of(image, c) > 600 for c in SMARTIES.colours)
    assert "All our class's tubes together" in texts[agreed[0]]
    assert "4 tubes counted by the class" in texts[agreed[0]]


def test_classlab_book_writes_the_page_and_the_pdf_and_says_where(books, tmp_path):
    made, _, _ = books
    out = tmp_path / "from the command"
    env_url = made.url
    done = subprocess.run([sys.executable, "-m", "classlab.cli", "book", made.code, "Blues", "--out", str(out),
                           "--database-url", env_url], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    html = sorted(out.glob("*.html"))
    pdf = sorted(out.glob("*.pdf"))
    assert len(html) == 1 and len(pdf) == 1
    assert str(pdf[0]) in done.stdout and str(html[0]) in done.stdout
    assert "Blues’ book" in PdfReader(str(pdf[0])).pages[0].extract_text()


def test_classlab_book_says_kindly_when_the_group_is_not_there(books, tmp_path):
    made, _, _ = books
    done = subprocess.run([sys.executable, "-m", "classlab.cli", "book", made.code, "Purples", "--out", str(tmp_path),
                           "--database-url", made.url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "There is no group called “Purples”" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_printing_a_book_sends_nothing_off_this_computer(books, tmp_path):
    """Chromium is watched with strace while it prints the group's book: no TCP connection is tried and no
    packet is sent to any address but this computer's own (its IPv6 route probe connects a UDP socket and
    sends nothing). Without --host-resolver-rules it sent DNS look-ups for Google's update servers."""
    from classlab.printing import find_chromium, print_pdf

    if not shutil.which("strace"):
        pytest.fail("strace is missing: `make poppler` installs it.", pytrace=False)
    _, group, _ = books
    trace = tmp_path / "strace.txt"
    watched = tmp_path / "chromium-watched"
    watched.write_text(f'#!/bin/sh\nexec strace -f -yy -e trace=connect,sendto,sendmsg,sendmmsg,write,writev '
                       f'-o "{trace}" "{find_chromium()}" "$@"\n')
    watched.chmod(0o755)
    assert print_pdf(group.html, tmp_path / "watched.pdf", chromium=str(watched)).read_bytes()[:5] == b"%PDF-"
    # Each line: pid, the call, and the socket it used as strace -yy names it (UNIX-STREAM, TCP, UDPv6, ...).
    calls = [re.match(r"\d+\s+(\w+)\(\d+<([\w-]+)", line) for line in trace.read_text(errors="replace").splitlines()]
    calls = [(m.group(1), m.group(2), m.string) for m in calls if m]
    assert any(name == "connect" for name, _, _ in calls)  # strace saw Chromium's sockets: the watch works
    outside = [line for name, kind, line in calls
               if kind.startswith(("TCP", "UDP")) and not re.search(r"127\.0\.0\.1|::1\b", line)
               and (name != "connect" or kind.startswith("TCP"))]  # sending anything, or opening a connection
    assert outside == [], "\n".join(outside[:5])
