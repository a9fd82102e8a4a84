"""`--preheat N`: kernels kept ready for each lab (Voila's own pool), with everything a classroom needs still holding.

A pooled kernel has run its lab before anyone asks, so a page from the pool must still answer its
buttons, the pool must fill up again, a kernel waiting in the pool must never turn a pupil away
(nor let one past `--max-pages`), a page rejoining its class from its address must be run with that
address, a closed page's kernel must still go, and the kernel guards must still stand.
"""
from __future__ import annotations

import html
import re
import shutil

import psutil
import pytest
from playwright.sync_api import expect
from websockets.exceptions import InvalidStatus

from classlab.cli import main as classlab_command
from classlab.serve import default_max_pages, pool_sizes, pool_words, pooled_labs, preheat_options, voila_command
from server_helpers import ClassLabServe, KernelSocket, get, notebook, wait_until
from tests.conftest import LABS, free_port
from test_kernel_guard import _forge, _leaks

#: A lab whose page says which address query its kernel was run with.
ADDRESS_PAGE = (
    "import os\n"
    "import widgets  # ClassLab's widgets: what every lab imports\n"
    "print('Address query:', repr(os.environ.get('QUERY_STRING', '')))"
)


def shown(body: str) -> str:
    """The address query a page's kernel printed."""
    found = re.search(r"Address query: '(.*?)'", html.unescape(body))
    assert found, body[-2000:]
    return found.group(1)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """The Smarties lab and a small 'address' lab (each a notebook with its description), and a page that is no lab."""
    root = tmp_path_factory.mktemp("school")
    labs = root / "labs"
    labs.mkdir()
    for name in ("smarties.ipynb", "smarties.lab.yaml", "smarties.svg"):
        shutil.copy(LABS / name, labs / name)
    notebook(labs / "address.ipynb", ADDRESS_PAGE)
    shutil.copy(LABS / "smarties.lab.yaml", labs / "address.lab.yaml")
    notebook(labs / "notes.ipynb", "print('not a lab')")
    notebook(root / "teacher_guides" / "board.ipynb", "import os\nprint(os.environ.get('CLASSLAB_PUPILS_URL'))")
    return root


def _env(tmp_path) -> dict:
    return {"CLASSLAB_DATABASE_URL": f"sqlite:///{tmp_path / 'class.sqlite'}"}


def _pools_filled(server, labs: int = 2) -> bool:
    """Every lab's pool has its kernel (the pool is full once each has started)."""
    return server.log().count("Kernel pool of") >= labs and len(server.kernel_pids()) >= labs


def _used_from_pool(server) -> list[str]:
    return re.findall(r"Using pre-heated kernel: ([0-9a-f-]{36}) for (\S+)", server.log())


def _kernel_id(body: str) -> str:
    return re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', body).group(1)


def test_the_pool_is_kept_for_the_labs_only_and_off_at_zero(school):
    assert pooled_labs(school / "labs") == ["address.ipynb", "smarties.ipynb"]  # notes.ipynb is no lab
    assert preheat_options(school / "labs", 0) == []
    command = " ".join(voila_command(school / "labs", 8866, preheat=2))
    assert "--VoilaConfiguration.preheat_kernel=True" in command
    assert '"smarties.ipynb": {"pool_size": 2}' in command and '"default": {"pool_size": 0}' in command
    assert "preheat" not in " ".join(voila_command(school / "labs", 8866))
    with pytest.raises(ValueError):
        preheat_options(school / "labs", -1)


def test_the_lessons_lab_gets_a_pool_the_size_of_the_class(school):
    sizes = pool_sizes(school / "labs", 1, {"smarties": 15})
    assert sizes == {"address.ipynb": 1, "smarties.ipynb": 15}
    assert pool_words(sizes, 1) == "15 for smarties, 1 for each other lab"
    command = " ".join(voila_command(school / "labs", 8866, preheat=0, preheat_labs={"smarties.ipynb": 3}))
    assert '"smarties.ipynb": {"pool_size": 3}' in command and '"address.ipynb": {"pool_size": 0}' in command
    assert preheat_options(school / "labs", 0, {"smarties": 0}) == []  # nothing kept ready: no pool at all


def test_a_pool_for_a_lab_that_is_not_there_says_which_labs_are(school, capsys):
    with pytest.raises(ValueError, match="no lab called 'toast'.*address, smarties"):
        pool_sizes(school / "labs", 1, {"toast": 3})
    assert classlab_command(["serve", "--labs", str(school / "labs"), "--preheat-lab", "toast=3"]) == 2
    assert "There is no lab called 'toast'" in capsys.readouterr().out
    for wrong in ("smarties", "smarties=-2", "smarties=lots", "=4"):
        with pytest.raises(SystemExit):
            classlab_command(["serve", "--preheat-lab", wrong])
    assert "like smarties=15" in capsys.readouterr().err


@pytest.mark.browser
def test_a_preheated_lab_answers_its_button_the_pool_refills_and_a_closed_page_goes(voila_server, school, page,
                                                                                      tmp_path):
    server = voila_server(school / "labs", preheat=1, closed_page_grace=2, env=_env(tmp_path))
    assert wait_until(lambda: _pools_filled(server), timeout=120), server.log()[-3000:]
    pooled = server.kernel_pids()
    assert len(pooled) == 2  # one for each lab, none for the page that is no lab

    page.goto(server.url("smarties.ipynb"))
    page.get_by_role("button", name="Add one orange").click(timeout=60_000)
    expect(page.get_by_label("Number of orange")).to_have_value("1", timeout=30_000)
    used = _used_from_pool(server)
    assert [notebook for _, notebook in used] == ["smarties.ipynb"]
    assert used[0][0] == _kernel_id(page.content())  # this page's kernel came from the pool
    page_kernel = wait_until(lambda: [p for p in server.kernel_pids() if p in pooled
                                      and used[0][0] in " ".join(psutil.Process(p).cmdline())], timeout=10)
    assert page_kernel, "the page's kernel is not the pooled one"

    # The pool fills up again behind the pupil: a new kernel, ready for the next page.
    assert wait_until(lambda: len(server.kernel_pids()) == 3, timeout=120), server.log()[-3000:]

    page.close()  # the pupil closes the page: its kernel goes, the pool's stay
    assert wait_until(lambda: not set(page_kernel) & server.kernel_pids(), timeout=60), server.log()[-3000:]
    assert len(server.kernel_pids()) == 2 and "its page was closed" in server.log()


def test_a_pooled_kernel_turns_nobody_away_and_max_pages_still_holds(voila_server, school, tmp_path):
    server = voila_server(school / "labs", preheat=1, max_pages=2, unopened_page_grace=600, env=_env(tmp_path))
    assert wait_until(lambda: _pools_filled(server), timeout=120), server.log()[-3000:]

    # Two kernels wait in the pool, yet the first pupil is let in: pooled kernels are not pages.
    status, body = get(server.url("address.ipynb?class=ABC123&group=Blue"))
    assert status == 200
    # A page rejoining its class from its address is run with that address, not from the pool.
    assert shown(body) == "class=ABC123&group=Blue"
    assert _used_from_pool(server) == []

    status, body = get(server.url("address.ipynb"))  # a plain address: straight from the pool
    assert status == 200 and shown(body) == ""
    assert [notebook for _, notebook in _used_from_pool(server)] == ["address.ipynb"]

    # Two pages running: the limit holds though the pool has filled up again with a ready kernel.
    assert wait_until(lambda: len(server.kernel_pids()) == 4, timeout=120), server.log()[-3000:]
    for address in ("address.ipynb", "smarties.ipynb", "address.ipynb?group=Red"):
        status, body = get(server.url(address))
        assert status == 503 and "This computer is full: ask your teacher" in body, address
    assert len(server.kernel_pids()) == 4 and len(_used_from_pool(server)) == 1  # the pool was not touched


def test_a_pooled_pages_kernel_keeps_the_guards(voila_server, school, tmp_path):
    """No v1-less WebSocket, and no traceback for a forged message, on a kernel that came from the pool."""
    server = voila_server(school / "labs", preheat=1, env=_env(tmp_path))
    assert wait_until(lambda: _pools_filled(server), timeout=120), server.log()[-3000:]
    status, body = get(server.url("smarties.ipynb"))
    assert status == 200 and [nb for _, nb in _used_from_pool(server)] == ["smarties.ipynb"]
    kernel_id = _kernel_id(body)
    with pytest.raises(InvalidStatus) as refused:
        KernelSocket(server.port, kernel_id, v1=False)
    assert refused.value.response.status_code == 400
    socket = KernelSocket(server.port, kernel_id)
    try:
        messages = _forge(socket)
    finally:
        socket.close()
    assert messages and not _leaks(messages)


def test_classlab_serve_preheats_the_pupils_labs_only_with_the_class_settings(school, tmp_path):
    port = free_port()
    store = f"sqlite:///{tmp_path / 'class.sqlite'}"
    served = ClassLabServe("--port", str(port), "--labs", str(school / "labs"),
                           "--teacher-guides", str(school / "teacher_guides"), "--preheat", "1",
                           "--preheat-lab", "smarties=2", "--database-url", store)
    try:
        assert "3 kernels kept ready (2 for smarties, 1 for each other lab" in served.output
        # The pool's memory is taken off the pages this computer can hold.
        assert f"At most {max(4, default_max_pages() - 3)} pages at once" in served.output
        servers = psutil.Process(served.proc.pid).children()
        pupils = next(p for p in servers if f"--port={port}" in p.cmdline())
        teacher = next(p for p in servers if p.pid != pupils.pid)
        assert "--VoilaConfiguration.preheat_kernel=True" in pupils.cmdline()
        assert not any("preheat" in part for part in teacher.cmdline())  # teacher pages: no pool

        def pool():
            return [k for k in pupils.children(recursive=True) if "ipykernel" in " ".join(k.cmdline())]

        kernels = wait_until(lambda: len(pool()) == 3 and pool(), timeout=120)
        assert kernels, served.output
        for kernel in kernels:  # the class store's address reached the pooled kernels
            assert kernel.environ().get("CLASSLAB_DATABASE_URL") == store
        assert teacher.children(recursive=True) == []
        # The teacher's pages still hear the pupils' address.
        assert teacher.environ().get("CLASSLAB_PUPILS_URL") == f"http://127.0.0.1:{port}/"
    finally:
        served.stop()
