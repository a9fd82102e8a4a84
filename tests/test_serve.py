"""The classroom server: labs only, no tracebacks, closed tabs' kernels culled, Ctrl-C leaves nothing behind.

Run against tiny throwaway notebooks in a temporary labs folder, so these tests say something
about the server and nothing about any one lab.
"""
from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from classlab.cli import DEFAULT_LABS, build_parser
from classlab.serve import descendants
from tests.conftest import wait_until
from tests.server.server_helpers import notebook

REPO = Path(__file__).resolve().parent.parent
SECRET = "TEACHER-ONLY-7731"
HIDDEN = "pupils_never_see_this"


@pytest.fixture(scope="module")
def school(tmp_path_factory) -> Path:
    """A school folder: `labs/` (served) beside `teacher_guides/` (never served)."""
    root = tmp_path_factory.mktemp("school")
    notebook(root / "labs" / "smarties.ipynb", "import ipywidgets as w\nw.Button(description='Press me')")
    notebook(
        root / "labs" / "broken.ipynb",
        "import ipywidgets as w\nw.Label('Before the error')",
        f"def {HIDDEN}():\n    return 1 / 0\n{HIDDEN}()",
    )
    notebook(root / "teacher_guides" / "secret.ipynb", f"print('{SECRET}')")
    return root


def _get(port: int, path: str) -> tuple[int, str]:
    """GET a raw path (no client-side normalising of `..`)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _alive(pids) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.add(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.browser
def test_a_lab_in_the_served_folder_renders_its_widget(voila_server, school, page):
    server = voila_server(school / "labs")
    response = page.goto(server.url("smarties.ipynb"))
    assert response.status == 200
    page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)


def test_a_pages_kernel_talks_to_voila_over_a_unix_socket_not_a_port(voila_server, school, page):
    """Kernels started together over TCP once picked the same port and hung the server: sockets cannot clash."""
    server = voila_server(school / "labs")
    page.goto(server.url("smarties.ipynb"))
    page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    (kernel,) = server.kernel_pids()
    connection_file = next(part for part in psutil.Process(kernel).cmdline() if part.endswith(".json"))
    assert json.loads(Path(connection_file).read_text())["transport"] == "ipc"


def test_server_listens_on_this_computer_only(voila_server, school):
    server = voila_server(school / "labs")
    listening = [c.laddr.ip for c in psutil.Process(server.proc.pid).net_connections("inet") if c.status == "LISTEN"]
    assert listening and set(listening) <= {"127.0.0.1"}


OUTSIDE = [
    "/voila/render/teacher_guides/secret.ipynb",  # reachable if the school folder were served
    "/voila/render/../teacher_guides/secret.ipynb",
    "/voila/render/%2e%2e/teacher_guides/secret.ipynb",
    "/voila/render/%2E%2E%2Fteacher_guides%2Fsecret.ipynb",
    "/voila/render/..%2fteacher_guides/secret.ipynb",
    "/voila/files/../teacher_guides/secret.ipynb",
    "/voila/files/%2e%2e/teacher_guides/secret.ipynb",
    "/voila/files/smarties.ipynb",  # a lab's source is not a file to download either
    "/voila/tree/teacher_guides",
    "/voila/tree/%2e%2e/teacher_guides",
    "/voila/api/contents/%2e%2e/teacher_guides",
]


def test_notebooks_outside_the_labs_folder_cannot_be_reached(voila_server, school):
    server = voila_server(school / "labs")
    answers = {path: _get(server.port, path) for path in OUTSIDE}
    reached = {p: s for p, (s, body) in answers.items() if s not in (403, 404) or SECRET in body or "secret.ipynb" in body}
    assert not reached


@pytest.mark.browser
def test_a_failing_cell_shows_no_traceback(voila_server, school, page):
    server = voila_server(school / "labs")
    page.goto(server.url("broken.ipynb"))
    page.get_by_text("Before the error").wait_for(state="visible", timeout=60_000)
    page.get_by_text("There was an error when executing cell").first.wait_for(state="attached", timeout=10_000)
    shown = page.content() + page.inner_text("body")
    for leak in (HIDDEN, "ZeroDivisionError", "Traceback", "1 / 0"):
        assert leak not in shown


@pytest.mark.browser
def test_a_closed_pages_kernel_is_culled(voila_server, school, page):
    server = voila_server(school / "labs", cull_idle_timeout=4, cull_interval=1)
    page.goto(server.url("smarties.ipynb"))
    page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    kernels = server.kernel_pids()
    assert len(kernels) == 1
    page.close()
    wait_until(lambda: not _alive(kernels), timeout=30)
    assert not _alive(kernels), server.log()[-2000:]


@pytest.mark.browser
def test_an_open_pages_kernel_is_kept(voila_server, school, page):
    """A pupil thinking for a while must not lose their page: only closed pages are culled."""
    server = voila_server(school / "labs", cull_idle_timeout=2, cull_interval=1)
    page.goto(server.url("smarties.ipynb"))
    page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
    kernels = server.kernel_pids()
    # Watch for well past timeout + interval: the kernel must be there the whole time.
    lost = wait_until(lambda: kernels - _alive(kernels), timeout=6)
    assert not lost and "Culling 'idle' kernel" not in server.log()


def test_classlab_serve_without_options_serves_the_repositorys_labs():
    args = build_parser().parse_args(["serve"])
    assert args.labs == DEFAULT_LABS == REPO / "labs"
    assert (args.port, args.cull_idle, args.cull_interval) == (8866, 600, 60)
    assert (args.lan, args.teacher_lan, args.max_pages) == (False, False, None)  # this computer only
    assert args.preheat == 1  # one kernel kept ready for each lab


def test_classlab_serve_lan_options_parse():
    args = build_parser().parse_args(["serve", "--lan", "--teacher-lan", "--max-pages", "12"])
    assert (args.lan, args.teacher_lan, args.max_pages) == (True, True, 12)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--max-pages", "0"])
    assert build_parser().parse_args(["serve", "--preheat", "0"]).preheat == 0  # no pool
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--preheat", "-1"])


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


@pytest.mark.browser
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_classlab_serve_stops_cleanly_leaving_no_kernels(school, page, unused_port, sig):
    port = unused_port
    classlab = Path(sys.executable).parent / "classlab"
    proc = subprocess.Popen(
        [str(classlab), "serve", "--port", str(port), "--labs", str(school / "labs")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    started: set[int] = set()
    try:
        address = f"http://127.0.0.1:{port}/voila/render/smarties.ipynb"
        seen: list[str] = []
        deadline = time.monotonic() + 90
        while address not in "".join(seen) and time.monotonic() < deadline and proc.poll() is None:
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                pass
        assert address in "".join(seen), "".join(seen)

        page.goto(address)
        page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)
        started = set(descendants(proc.pid))
        assert any("ipykernel" in " ".join(psutil.Process(p).cmdline()) for p in started)

        os.killpg(proc.pid, sig)  # as the terminal does on Ctrl-C: to the whole foreground group
        assert proc.wait(timeout=30) == 0
        assert not _alive(started)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in _alive(started):
            os.kill(pid, signal.SIGKILL)
