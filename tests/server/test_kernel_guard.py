"""A forged widget message gets no traceback back: the pupil's kernel keeps the server's insides to itself.

Driven as a curious pupil could: a real Voila page's kernel, a raw WebSocket speaking Jupyter's v1
protocol, trait updates with bad values and a click on a button whose handler fails.
"""
from __future__ import annotations

import json
import logging

import pytest

from widgets._kernel_guard import NoTracebackFilter

from server_helpers import KernelSocket, get, notebook, open_page_kernel, school_labs

PAGE = (
    "import ipywidgets as w\n"
    "count = w.IntText(value=3, description='count')\n"
    "def hidden_handler_name(_):\n"
    "    return 1 / 0\n"
    "press = w.Button(description='Press me')\n"
    "press.on_click(hidden_handler_name)\n"
    "w.VBox([count, press])"
)
LEAKS = ("Traceback", "site-packages", ".py", "hidden_handler_name", "ZeroDivisionError", "TraitError")


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    return school_labs(tmp_path_factory, guarded=("import widgets  # ClassLab's widgets: installs the guard", PAGE),
                       unguarded=PAGE)


def _forge(socket: KernelSocket) -> list[dict]:
    """Bad values for every widget and a click on every one; every message the kernel sent back."""
    comms = socket.widget_comms()
    for comm_id in comms:
        socket.send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": {"value": "x"},
                                                               "buffer_paths": []}})
        socket.send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})
    # The kernel answers shell messages in order: once this one is done, so are the forged ones.
    last = socket.send("kernel_info_request", {})
    return socket.messages_until(
        lambda m: m["header"]["msg_type"] == "status" and m["content"].get("execution_state") == "idle"
        and m["parent_header"].get("msg_id") == last, timeout=60)


def _leaks(messages: list[dict]) -> list[str]:
    found = []
    for msg in messages:
        if msg["header"]["msg_type"] in ("error", "stream"):
            text = json.dumps(msg["content"])
            found += [f"{msg['header']['msg_type']}: {leak}" for leak in LEAKS if leak in text]
    return found


def test_forged_messages_to_a_classlab_page_get_no_traceback_back(voila_server, labs):
    server = voila_server(labs)
    socket = KernelSocket(server.port, open_page_kernel(server, "guarded.ipynb"))
    try:
        messages = _forge(socket)
    finally:
        socket.close()
    assert messages and messages[-1]["header"]["msg_type"] == "status"  # we saw the kernel finish
    assert not [m for m in messages if m["header"]["msg_type"] == "error"]
    assert not _leaks(messages)
    log = server.log()
    assert "[ClassLab kernel] A page's message failed (TraitError" in log  # one short line for the teacher
    assert "[ClassLab kernel] A page's message failed (ZeroDivisionError" in log


def test_without_the_guard_the_same_messages_send_a_traceback(voila_server, labs):
    """The forging is real: a page without ClassLab's widgets leaks the traceback (what pupils saw before)."""
    server = voila_server(labs)
    socket = KernelSocket(server.port, open_page_kernel(server, "unguarded.ipynb"))
    try:
        messages = _forge(socket)
    finally:
        socket.close()
    assert any("Traceback" in leak or "site-packages" in leak for leak in _leaks(messages))


def test_a_cells_own_error_is_still_reported_to_voila(voila_server, tmp_path):
    """The guard leaves the notebook's cells alone: Voila still knows a cell failed (and hides the details)."""
    notebook(tmp_path / "labs" / "broken.ipynb", "import widgets", "1 / 0")
    server = voila_server(tmp_path / "labs")
    status, body = get(server.url("broken.ipynb"))
    assert status == 200 and "There was an error when executing cell" in body
    assert "ZeroDivisionError" not in body


def test_a_logged_exception_keeps_its_traceback_out_of_the_stream(capfd):
    """The comm and kernel loggers write to stderr, which ipykernel forwards to the page."""
    logger = logging.getLogger("classlab-test-comm")
    logger.addFilter(NoTracebackFilter())
    stream = logging.StreamHandler()
    logger.addHandler(stream)
    try:
        try:
            {}["hidden_key"]
        except KeyError:
            logger.error("Exception in comm_msg for abc", exc_info=True)
        logger.warning("a plain warning")
    finally:
        logger.removeHandler(stream)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "test_kernel_guard.py" not in err
    assert "[ClassLab kernel] Exception in comm_msg for abc (KeyError: 'hidden_key')" in err
    assert "a plain warning" in err
