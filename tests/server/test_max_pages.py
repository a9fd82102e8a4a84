"""`--max-pages`: once the computer holds as many pages as it can, a newcomer is asked kindly to wait
and every page already open carries on."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import html

import pytest

from classlab.serve import KERNEL_MB, SYSTEM_MB, default_max_pages, voila_command
from server_helpers import KernelSocket, get, open_page_kernel, school_labs, wait_until

PRESS_PAGE = (
    "import ipywidgets as w\n"
    "said = w.Label('Not pressed yet')\n"
    "button = w.Button(description='Press me')\n"
    "button.on_click(lambda _: setattr(said, 'value', 'Pressed'))\n"
    "w.VBox([button, said])"
)


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    return school_labs(tmp_path_factory, press=PRESS_PAGE)


def _open(context, server):
    page = context.new_page()
    page.goto(server.url("press.ipynb"))
    page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    return page


@pytest.mark.browser
def test_a_full_computer_turns_a_newcomer_away_kindly_and_open_pages_carry_on(voila_server, labs, browser):
    server = voila_server(labs, max_pages=2, closed_page_grace=2)
    context = browser.new_context()
    try:
        first, second = _open(context, server), _open(context, server)
        assert len(server.kernel_pids()) == 2

        newcomer = context.new_page()
        response = newcomer.goto(server.url("press.ipynb"))
        assert response.status == 503
        newcomer.get_by_role("heading", name="This computer is full: ask your teacher").wait_for(timeout=30_000)
        assert len(server.kernel_pids()) == 2  # no kernel was started for the newcomer

        for page in (first, second):  # nobody's open page is affected
            page.get_by_role("button", name="Press me").click()
            page.get_by_text("Pressed", exact=True).wait_for(timeout=30_000)

        second.close()  # a pupil closes a page: there is room again
        assert wait_until(lambda: len(server.kernel_pids()) == 1, timeout=60)
        newcomer.reload()
        newcomer.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    finally:
        context.close()


@pytest.mark.parametrize("language, lang, heading", [
    ("en_GB", "en-GB", "This computer is full: ask your teacher"),
    ("cy", "cy", "Mae'r cyfrifiadur yma'n llawn: gofynnwch i'ch athro"),  # the server's language (CLASSLAB_LANGUAGE)
])
def test_a_plain_request_beyond_the_limit_gets_503_and_the_kind_page(voila_server, labs, language, lang, heading):
    server = voila_server(labs, max_pages=1, unopened_page_grace=600, env={"CLASSLAB_LANGUAGE": language})
    assert get(server.url("press.ipynb"))[0] == 200
    status, body = get(server.url("press.ipynb"))
    assert status == 503 and heading in html.unescape(body) and f'<html lang="{lang}">' in body, body[:800]
    assert "Traceback" not in body and "<script" not in body


def test_a_closed_pages_room_is_free_as_soon_as_its_kernel_has_gone(voila_server, labs):
    """The kernel manager finishes a shutdown about a second after the kernel's process has gone; a
    newcomer in that second was turned away (so the test above, reloading at once, failed now and then)."""
    server = voila_server(labs, max_pages=1, closed_page_grace=1)
    kernel_id = open_page_kernel(server, "press.ipynb")
    for _ in range(3):
        kernels = server.kernel_pids()
        KernelSocket(server.port, kernel_id).close()  # the page opened and was closed
        assert wait_until(lambda: not kernels & server.kernel_pids(), timeout=60, interval=0.02)
        kernel_id = open_page_kernel(server, "press.ipynb")  # at once: there is room (200, not 503)


def test_pages_arriving_together_are_counted_exactly(voila_server, labs):
    """Six requests at the same moment with room for three: three pages run, three are asked to wait."""
    server = voila_server(labs, max_pages=3, unopened_page_grace=600)
    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(status for status, _ in pool.map(lambda _: get(server.url("press.ipynb")), range(6)))
    assert statuses == [200, 200, 200, 503, 503, 503]
    assert len(server.kernel_pids()) == 3


def test_the_default_limit_follows_the_computers_memory():
    assert default_max_pages(4096) == (4096 - SYSTEM_MB) // KERNEL_MB
    assert default_max_pages(8192) > default_max_pages(4096)
    assert default_max_pages(1024) >= 4  # a small machine still takes a group or two
    assert default_max_pages() >= 4
    assert "--ClassLabKernelManager.max_pages=7" in voila_command("labs", 8866, max_pages=7)
    assert not any("max_pages" in part for part in voila_command("labs", 8866))
