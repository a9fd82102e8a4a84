"""No pupil can bring the server down through a page's kernel WebSocket.

Voila 0.5.13 hangs (and grows ~30 MB/s) when a client without Jupyter's v1 kernel protocol asks the
widgets for their state: ClassLab's servers refuse such a connection and keep answering everyone.
See docs/voila_websocket_report.md for the reproduction on an unguarded Voila.
"""
from __future__ import annotations

import pytest
from websockets.exceptions import InvalidStatus

from server_helpers import WIDGETS_PAGE, KernelSocket, get, open_page_kernel, rss_mb, school_labs


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    return school_labs(tmp_path_factory, widgets=WIDGETS_PAGE)


def test_a_kernel_websocket_without_the_v1_protocol_is_refused_and_the_server_keeps_answering(voila_server, labs):
    server = voila_server(labs)
    kernel_id = open_page_kernel(server, "widgets.ipynb")
    before = rss_mb(server.proc.pid)

    with pytest.raises(InvalidStatus) as refused:
        KernelSocket(server.port, kernel_id, v1=False)
    assert refused.value.response.status_code == 400

    status, body = get(f"{server.base_url}/", timeout=10)  # at once, not after a hang
    assert status == 200 and "widgets" in body
    assert open_page_kernel(server, "widgets.ipynb") != kernel_id  # another pupil's page still runs
    assert rss_mb(server.proc.pid) - before < 100, "the server's memory ballooned"
    assert "Refused a kernel WebSocket" in server.log()


def test_a_page_speaking_v1_still_gets_its_widgets_state_with_their_buffers(voila_server, labs):
    """The guard must not cost real pages anything: the same request over v1 is answered in full."""
    server = voila_server(labs)
    kernel_id = open_page_kernel(server, "widgets.ipynb")
    socket = KernelSocket(server.port, kernel_id, v1=True)
    try:
        comms = socket.widget_comms()
        assert len(comms) >= 4  # the box, the slider, the image, the button (and their layouts)
        for comm_id in comms:
            socket.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}})
        states = socket.messages_until(lambda m: any(bytes(b) == bytes(range(64)) for b in m.get("buffers", [])),
                                       timeout=60)
        assert any(bytes(b) == bytes(range(64)) for m in states for b in m.get("buffers", [])), \
            [m["header"]["msg_type"] for m in states]
    finally:
        socket.close()
    status, _ = get(f"{server.base_url}/", timeout=10)
    assert status == 200
