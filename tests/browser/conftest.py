"""Fixtures shared by the browser tests: a class board started on its own fresh class, and axe-core's
judgement of a page against a bare Voila page's own (measured once per run)."""
import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.conftest import REPO, VoilaServer

# A kernel's round trip can take several seconds on a busy 2-core machine: no browser check gives up in 5 s.
expect.set_options(timeout=30_000)

WAIT = 60_000  # a kernel on a busy 2-core machine
BARE = REPO / "benchmarks" / "pages" / "bare.ipynb"


def violations(page, context=None) -> dict[str, list[str]]:
    """What axe-core (WCAG 2.2 AA rules) finds on the page, or in `context` of it: rule -> the elements' HTML."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=context) if context is not None else Axe().run(page)
    return {v["id"]: [n["html"][:200] for n in v["nodes"]] for v in result.response["violations"]}


@pytest.fixture(scope="session")
def axe_baseline(browser, tmp_path_factory) -> set[str]:
    """The rules a bare Voila page (one button, ClassLab's template) already breaks: pages are judged beyond it."""
    folder = tmp_path_factory.mktemp("bare")
    shutil.copy(BARE, folder / "bare.ipynb")
    server = VoilaServer(folder, folder / "voila.log")
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.goto(server.url("bare.ipynb"))
        page.wait_for_selector("button.jupyter-button", timeout=WAIT)
        return set(violations(page))
    finally:
        context.close()
        server.stop()


def new_problems(page, baseline: set[str]) -> dict[str, list[str]]:
    """What axe-core finds on the page beyond the bare page's baseline (an empty dict: nothing new)."""
    return {k: v for k, v in violations(page).items() if k not in baseline}


def open_board(browser, classroom, notebook: str = "class_board.ipynb", viewport=None):
    """The teacher's board in a browser context of its own, with a new class started: (context, page).

    The page gets `.code`, the class code pupils type. The caller closes the context.
    """
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 1000}, accept_downloads=True)
    try:
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
    except Exception:
        context.close()
        raise
    return context, page


@pytest.fixture
def start_class(browser, classroom):
    """`start_class(board_notebook)`: the teacher's board on a projector, with a new class started.

    The page gets `.code`, the class code pupils type. Every board opened is closed after the test.
    """
    contexts = []

    def start(notebook: str = "class_board.ipynb", viewport=None):
        context, page = open_board(browser, classroom, notebook, viewport)
        contexts.append(context)
        return page

    yield start
    for context in contexts:
        context.close()
