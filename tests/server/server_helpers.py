"""What the server tests share: a tiny school of notebooks, a page's kernel, a raw kernel WebSocket.

The WebSocket client here is what a curious pupil (or a careless program) could write: it talks to
`/api/kernels/<id>/channels` directly, with or without Jupyter's v1 kernel protocol.
"""
from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import nbformat
import psutil
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from websockets.sync.client import connect

from classlab.serve import descendants
from tests.conftest import wait_until  # noqa: F401 - shared by the server tests

V1 = "v1.kernel.websocket.jupyter.org"

#: A page with widgets whose state holds binary buffers (the Image), as the labs' charts do.
WIDGETS_PAGE = (
    "import ipywidgets as w\n"
    "box = w.VBox([w.IntSlider(value=3, description='count'), w.Image(value=bytes(range(64))),\n"
    "              w.Button(description='Press me')])\n"
    "box"
)


def notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def school_labs(tmp_path_factory, **pages: str | tuple[str, ...]) -> Path:
    """A school's labs folder of small notebooks: `school_labs(f, press=PRESS_PAGE)` writes press.ipynb."""
    folder = tmp_path_factory.mktemp("school") / "labs"
    for name, sources in pages.items():
        notebook(folder / f"{name}.ipynb", *((sources,) if isinstance(sources, str) else sources))
    return folder


def alive(pids) -> set[int]:
    """The processes of `pids` still running (a zombie is not running)."""
    found = set()
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                found.add(pid)
        except psutil.NoSuchProcess:
            pass
    return found


def get(url: str, timeout: float = 60) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def open_page_kernel(server, notebook_name: str) -> str:
    """Request a page as a browser would (Voila runs it) and return the id of the kernel it started."""
    status, body = get(server.url(notebook_name), timeout=120)
    assert status == 200, body[-2000:]
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', body)
    assert found, body[-2000:]
    return found.group(1)


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 1e6


class KernelSocket:
    """A raw WebSocket to a kernel's channels; `v1=False` offers no subprotocol (the old layout)."""

    def __init__(self, port: int, kernel_id: str, v1: bool = True, host: str = "127.0.0.1"):
        self.v1 = v1
        self.session = uuid.uuid4().hex
        address = f"ws://{host}:{port}/api/kernels/{kernel_id}/channels?session_id={self.session}"
        options = dict(subprotocols=[V1] if v1 else None, open_timeout=60, max_size=None)
        try:
            self.ws = connect(address, legacy=True, **options)  # websockets >= 16: kept open outside a `with`
        except TypeError:
            self.ws = connect(address, **options)

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        header = {"msg_id": uuid.uuid4().hex, "username": "pupil", "session": self.session,
                  "msg_type": msg_type, "version": "5.3", "date": ""}
        msg = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        if self.v1:
            self.ws.send(serialize_msg_to_ws_v1(msg, channel, pack=lambda part: json.dumps(part).encode()))
        else:
            self.ws.send(json.dumps({**msg, "channel": channel, "buffers": []}))
        return header["msg_id"]

    def receive(self, timeout: float) -> dict | None:
        """The next message as a dict (with `channel` and `buffers`), or None if none came in time."""
        try:
            raw = self.ws.recv(timeout=timeout)
        except TimeoutError:
            return None
        if isinstance(raw, str):
            return json.loads(raw)
        channel, parts = deserialize_msg_from_ws_v1(raw)
        header, parent, metadata, content = (json.loads(p) for p in parts[:4])
        return {"channel": channel, "header": header, "parent_header": parent, "metadata": metadata,
                "content": content, "buffers": parts[4:]}

    def messages_until(self, predicate, timeout: float) -> list[dict]:
        """Every message received until one satisfies `predicate` (it is the last) or time runs out."""
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.receive(timeout=max(0.1, deadline - time.monotonic()))
            if msg is None:
                break
            seen.append(msg)
            if predicate(msg):
                break
        return seen

    def widget_comms(self, timeout: float = 60) -> list[str]:
        msg_id = self.send("comm_info_request", {})
        replies = self.messages_until(
            lambda m: m["header"]["msg_type"] == "comm_info_reply" and m["parent_header"].get("msg_id") == msg_id,
            timeout)
        assert replies and replies[-1]["header"]["msg_type"] == "comm_info_reply", replies
        return [cid for cid, info in replies[-1]["content"]["comms"].items() if info["target_name"] == "jupyter.widget"]

    def close(self) -> None:
        self.ws.close()


def answers(host: str, port: int, path: str = "/", timeout: float = 30) -> int | None:
    """The HTTP status a server gives on `host`, or None if nothing answers there."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


class ClassLabServe:
    """`classlab serve ...` as a teacher runs it, in its own session; `.output` is what it printed."""

    def __init__(self, *args: str, timeout: float = 120, env: dict | None = None):
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "classlab"), "serve", *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("Press Ctrl-C to stop", timeout)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)

    @property
    def output(self) -> str:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return "".join(self.seen)

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output and time.monotonic() < deadline and self.proc.poll() is None:
            try:
                self.seen.append(self.lines.get(timeout=0.5))
            except queue.Empty:
                pass
        assert text in self.output, self.output

    def stop(self) -> None:
        kids = descendants(self.proc.pid)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        for pid in kids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
