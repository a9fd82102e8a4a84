"""A closed or reloaded page frees its kernel within a minute, with the kernel API still closed to pupils.

The page's own shutdown request is refused (no `_xsrf`), so the server notices instead: a kernel
whose last WebSocket closed is shut down unless its page reconnects first.
"""
from __future__ import annotations

import pytest

from server_helpers import KernelSocket, WIDGETS_PAGE, alive as _alive, open_page_kernel, school_labs, wait_until


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    return school_labs(tmp_path_factory, widgets=WIDGETS_PAGE)


@pytest.mark.browser
def test_twenty_reloads_leave_one_kernel_a_minute_later(voila_server, labs, page):
    server = voila_server(labs, cull_idle_timeout=600, cull_interval=60)  # culling alone would take 10 minutes
    page.goto(server.url("widgets.ipynb"))
    page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    for _ in range(20):
        page.reload()
        page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    started = server.kernel_pids()
    assert len(started) >= 1
    left = wait_until(lambda: len(server.kernel_pids()) <= 1, timeout=90, interval=1)
    assert left, f"{len(server.kernel_pids())} kernels still running"
    # The open page kept its own kernel and still works.
    assert len(server.kernel_pids()) == 1
    page.get_by_role("button", name="Press me").click()
    assert "Shutting down kernel" in server.log() and "its page was closed" in server.log()


def test_a_page_that_reconnects_in_time_keeps_its_kernel(voila_server, labs):
    """A tablet's connection dropping for a moment must not lose the pupil's work."""
    server = voila_server(labs, closed_page_grace=3)
    kernel_id = open_page_kernel(server, "widgets.ipynb")
    kernels = server.kernel_pids()
    first = KernelSocket(server.port, kernel_id)
    first.close()
    again = KernelSocket(server.port, kernel_id)  # back within the grace
    try:
        lost = wait_until(lambda: kernels - _alive(kernels), timeout=8)
        assert not lost and "its page was closed" not in server.log()
        assert again.widget_comms()  # and the kernel still answers
    finally:
        again.close()
    gone = wait_until(lambda: not _alive(kernels), timeout=30)
    assert gone, server.log()[-2000:]


def test_a_page_requested_but_never_opened_frees_its_kernel(voila_server, labs):
    """A plain request (no browser to open the page) must not hold a kernel for the whole lesson."""
    server = voila_server(labs, unopened_page_grace=3, cull_idle_timeout=600, cull_interval=60)
    open_page_kernel(server, "widgets.ipynb")
    kernels = server.kernel_pids()
    assert len(kernels) == 1
    assert wait_until(lambda: not _alive(kernels), timeout=30), server.log()[-2000:]
    assert "its page never opened" in server.log()
