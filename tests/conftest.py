"""Shared fixtures: a real Voila server (started exactly as `classlab serve` starts it) and Chromium.

Browser tests drive the same server a classroom gets, so what passes here is what pupils see.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from classlab.serve import any_free_port, descendants, stop as stop_voila, voila_command, wait_until_answering

REPO = Path(__file__).resolve().parent.parent
LABS = REPO / "labs"
TEACHER = REPO / "teacher_guides"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def smarties_words() -> dict:
    """The Smarties lab's own words (tube, colour, sweet), read from its description as a page reads them."""
    from classlab.lab_format import read

    counting = read(LABS / "smarties.lab.yaml").description.counting
    return {"sample_label": counting.sample, "category_label": counting.category, "thing_label": counting.thing}


def smarties_book(categories=None, **kwargs):
    """A tally book speaking the Smarties lab's words: the engine's own words are generic ("sample")."""
    from classlab import SMARTIES, TallyBook

    return TallyBook(SMARTIES if categories is None else categories, **{**smarties_words(), **kwargs})


@pytest.fixture
def store(tmp_path):
    """A class store in a real SQLite file in a temp folder (tests/store's own fixture adds PostgreSQL)."""
    from classlab.store import ClassStore

    s = ClassStore(f"sqlite:///{tmp_path / 'class.sqlite'}")
    yield s
    s.dispose()


QUESTIONS = ["Does every tube contain the same number of each colour?", "How many tubes for a fair share?"]


@dataclass
class PupilPage:
    """A pupil's lab page without a browser, by part: its models, the join box and a findings box."""

    book: object
    chart: object
    prediction: object
    findings: object
    join: object
    box: object


def pupil_page(store, query: str = "", questions=QUESTIONS) -> PupilPage:
    """A joined pupil page when `query` says `class=...&group=...` (as a refresh does); else one not joined yet."""
    from classlab import ChartSpec, Findings, Prediction
    from widgets import FindingsBox, JoinClass

    book, chart, prediction, findings = smarties_book(), ChartSpec(), Prediction(), Findings(questions=questions)
    join = JoinClass(book, chart=chart, prediction=prediction, findings=findings, store=store, query_string=query,
                     every=3600)  # the heartbeat is driven by hand in these tests, not by the clock
    return PupilPage(book, chart, prediction, findings, join, FindingsBox(findings, join=join))


def joined_page(store, code: str, group: str = "Reds") -> PupilPage:
    """A pupil page of group `group` in class `code`, joined through its address."""
    from urllib.parse import urlencode

    page = pupil_page(store, query=urlencode({"class": code, "group": group}))
    assert page.join.link is not None, page.join.message.value
    return page


#: A port nobody is listening on now, so parallel servers never collide (the one `classlab serve` uses).
free_port = any_free_port


def wait_until(condition, timeout: float, interval: float = 0.1):
    """Poll `condition` until it is truthy or `timeout` runs out; returns its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        threading.Event().wait(interval)
    return condition()


class VoilaServer:
    """A Voila subprocess serving one folder; `.url(notebook)` is a page's address."""

    def __init__(self, labs_dir, log_path, port=None, cull_idle_timeout=30, cull_interval=5, timeout=90,
                 token=None, env=None, **voila_options):
        self.labs_dir = Path(labs_dir)
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "wb")
        # voila_options: more of voila_command's settings (ip=, max_pages=, closed_page_grace=...).
        cmd = voila_command(self.labs_dir, self.port, cull_idle_timeout=cull_idle_timeout, cull_interval=cull_interval,
                            token=token, **voila_options)
        # Its own session: a Ctrl-C aimed at pytest does not hit Voila half way through a test.
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, **(env or {})})
        if not wait_until_answering(self.port, self.proc, timeout=timeout):
            self.stop()
            raise RuntimeError(f"Voila did not start on port {self.port}:\n{self.log()[-3000:]}")

    def url(self, notebook: str) -> str:
        return f"{self.base_url}/voila/render/{notebook}"

    def kernel_pids(self) -> set[int]:
        """The kernels this server is running now (one per open or not-yet-culled page)."""
        pids = set()
        for pid in descendants(self.proc.pid):
            try:
                if any("ipykernel" in part for part in psutil.Process(pid).cmdline()):
                    pids.add(pid)
            except psutil.Error:
                pass
        return pids

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM (Voila shuts its kernels down), wait, then kill any kernel left over."""
        stop_voila(self.proc)
        self._log.close()


def stop_all(servers) -> None:
    """Stop servers side by side: each waits for its kernels to shut down, which one after another adds up."""
    servers = list(servers)
    if servers:
        with ThreadPoolExecutor(len(servers)) as pool:
            for done in [pool.submit(server.stop) for server in servers]:
                done.result()  # a server that failed to stop still fails the test's teardown


@pytest.fixture(scope="session")
def labs_server(tmp_path_factory):
    """Voila over the repository's labs/, shared by every browser test in the run."""
    server = VoilaServer(LABS, tmp_path_factory.mktemp("labs_server") / "voila.log")
    yield server
    server.stop()


class Classroom:
    """The pupils' server, the teacher's server behind a key, and the class store they share."""

    def __init__(self, tmp):
        self.store_path = tmp / "data" / "classlab.sqlite"
        self.store_path.parent.mkdir()
        self.database_url = f"sqlite:///{self.store_path}"
        self.key = secrets.token_urlsafe(12)
        env = {"CLASSLAB_DATABASE_URL": self.database_url}
        self.pupils = VoilaServer(LABS, tmp / "pupils.log", env=env)
        try:  # the teacher's kernels are told the address pupils type, as `classlab serve` tells them
            self.teacher = VoilaServer(TEACHER, tmp / "teacher.log", token=self.key,
                                       env={**env, "CLASSLAB_PUPILS_URL": f"{self.pupils.base_url}/"})
        except Exception:
            self.pupils.stop()
            raise

    def board_url(self) -> str:
        return f"{self.teacher.url('class_board.ipynb')}?token={self.key}"

    def stop(self) -> None:
        stop_all([self.pupils, self.teacher])


@pytest.fixture(scope="session")
def classroom(tmp_path_factory):
    """`classlab serve` as a class gets it: both servers, one SQLite store outside every served folder."""
    room = Classroom(tmp_path_factory.mktemp("classroom"))
    yield room
    room.stop()


@pytest.fixture
def voila_server(tmp_path_factory):
    """Start extra servers over any folder (`voila_server(folder, cull_idle_timeout=4, ...)`); all stopped after the test."""
    started = []

    def start(labs_dir, **kwargs) -> VoilaServer:
        server = VoilaServer(labs_dir, tmp_path_factory.mktemp("voila") / "voila.log", **kwargs)
        started.append(server)
        return server

    yield start
    stop_all(started)


@pytest.fixture
def unused_port() -> int:
    """`free_port()` as a fixture, for tests that start a server of their own."""
    return free_port()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; Playwright never downloads a browser of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh context and page per test (no shared cookies or storage), closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    yield page
    context.close()
