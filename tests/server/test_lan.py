"""`classlab serve --lan`: pupils' own devices reach the labs; the teacher's pages stay on this computer.

Tests never touch a real network address: a server bound to every interface answers on 127.0.0.2,
one bound to 127.0.0.1 (the default) does not.
"""
from __future__ import annotations

import pytest

from classlab.serve import LOOPBACK, any_free_port, default_max_pages, lan_address, pupils_url, voila_command
from server_helpers import ClassLabServe, answers, get, notebook

KEY = "lan-test-key-5521"


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    root = tmp_path_factory.mktemp("school")
    notebook(root / "labs" / "smarties.ipynb", "import ipywidgets as w\nw.Button(description='Press me')")
    notebook(root / "teacher_guides" / "class_board.ipynb",
             "import os\nprint('PUPILS AT ' + os.environ.get('CLASSLAB_PUPILS_URL', 'nowhere'))")
    return root


def test_the_default_server_listens_on_this_computer_only(voila_server, school):
    server = voila_server(school / "labs")
    assert answers("127.0.0.1", server.port) == 200
    assert answers("127.0.0.2", server.port, timeout=5) is None


def test_a_server_on_every_interface_answers_beyond_127_0_0_1(voila_server, school):
    server = voila_server(school / "labs", ip="0.0.0.0")
    assert answers("127.0.0.2", server.port) == 200


def test_voila_command_keeps_127_0_0_1_unless_asked(school):
    assert "--Voila.ip=127.0.0.1" in voila_command(school / "labs", 8866)
    assert "--Voila.ip=0.0.0.0" in voila_command(school / "labs", 8866, ip="0.0.0.0")


def test_the_address_pupils_type_is_found_without_the_network_and_is_never_loopback():
    address = lan_address()
    assert address is None or not address.startswith("127.")
    assert pupils_url(8866) == "http://127.0.0.1:8866/"
    assert pupils_url(8866, lan=True, address="192.168.1.20") == "http://192.168.1.20:8866/"


@pytest.mark.browser
def test_classlab_serve_lan_serves_the_labs_beyond_this_computer_and_not_the_teachers_pages(
        school, page, unused_port):
    port, teacher_port = unused_port, any_free_port()
    serve = ClassLabServe("--lan", "--port", str(port), "--teacher-port", str(teacher_port),
                          "--labs", str(school / "labs"), "--teacher-guides", str(school / "teacher_guides"),
                          env={"CLASSLAB_TEACHER_KEY": KEY})
    try:
        printed = serve.output
        assert pupils_url(port, lan=True) in printed  # the address pupils type
        assert "the school network" in printed and "stay on this computer" in printed
        assert f"At most {default_max_pages()} pages at once" in printed  # worked out from the memory

        # A pupil's device: the lab, through another address than 127.0.0.1.
        page.goto(f"http://127.0.0.2:{port}/voila/render/smarties.ipynb")
        page.get_by_role("button", name="Press me").wait_for(state="visible", timeout=60_000)

        # The teacher's pages stay on this computer, and their kernels know where the pupils are.
        assert answers("127.0.0.2", teacher_port, timeout=5) is None
        status, body = get(f"http://127.0.0.1:{teacher_port}/voila/render/class_board.ipynb?token={KEY}")
        assert status == 200 and f"PUPILS AT {pupils_url(port, lan=True)}" in body
    finally:
        serve.stop()


def test_classlab_serve_teacher_lan_puts_the_board_on_the_network_behind_the_key(school, unused_port):
    port, teacher_port = unused_port, any_free_port()
    serve = ClassLabServe("--teacher-lan", "--max-pages", "5", "--port", str(port), "--teacher-port", str(teacher_port),
                          "--labs", str(school / "labs"), "--teacher-guides", str(school / "teacher_guides"),
                          env={"CLASSLAB_TEACHER_KEY": KEY})
    try:
        assert "At most 5 pages at once" in serve.output
        assert answers("127.0.0.2", port, timeout=5) is None  # the pupils' labs were not asked for
        board = "/voila/render/class_board.ipynb"
        assert answers("127.0.0.2", teacher_port, board) in (302, 403)  # no key, no board
        status, body = get(f"http://127.0.0.2:{teacher_port}{board}?token={KEY}")
        assert status == 200 and f"PUPILS AT http://{LOOPBACK}:{port}/" in body
    finally:
        serve.stop()
