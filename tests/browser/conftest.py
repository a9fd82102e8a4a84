"""Fixtures shared by the browser tests: a class board started on its own fresh class."""
import re

import pytest
from playwright.sync_api import expect

# A kernel's round trip can take several seconds on a busy 2-core machine: no browser check gives up in 5 s.
expect.set_options(timeout=30_000)

WAIT = 60_000  # a kernel on a busy 2-core machine


@pytest.fixture
def start_class(browser, classroom):
    """`start_class(board_notebook)`: the teacher's board on a projector, with a new class started.

    The page gets `.code`, the class code pupils type. Every board opened is closed after the test.
    """
    contexts = []

    def start(notebook: str = "class_board.ipynb", viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 1000}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{classroom.teacher.url(notebook)}?token={classroom.key}")
        button = page.get_by_role("button", name="Start a new class")
        button.wait_for(timeout=WAIT)
        page.locator(".classlab-board h1").wait_for(timeout=WAIT)  # a class code or "No class yet"
        code = page.locator(".classlab-class-code span")
        before = code.inner_text().strip() if code.count() else ""  # a new board opens the latest class first
        button.click()
        expect(code).to_have_text(re.compile(r"^[A-Z0-9]{6}$"), timeout=WAIT)
        expect(code).not_to_have_text(before, timeout=WAIT)
        page.code = code.inner_text().strip()
        return page

    yield start
    for context in contexts:
        context.close()
