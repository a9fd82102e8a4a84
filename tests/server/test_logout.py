"""`/logout` on the teacher's server answers a kind page (it answered 500) and forgets the key."""
from __future__ import annotations

import html
import http.cookiejar
import urllib.error
import urllib.request

from server_helpers import notebook

KEY = "logout-test-key-3310"


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def _status(opener, url):
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode("utf-8", "replace")


def test_logout_says_kindly_that_the_teacher_has_left_and_forgets_the_key(voila_server, tmp_path):
    notebook(tmp_path / "teacher" / "board.ipynb", "print('THE BOARD')")
    server = voila_server(tmp_path / "teacher", token=KEY)
    browser, jar = _opener()
    board = server.url("board.ipynb")

    status, _, body = _status(browser, f"{board}?token={KEY}")
    assert status == 200 and "THE BOARD" in body
    assert len(jar) >= 1  # the key, kept as a cookie
    status, _, body = _status(browser, board)
    assert status == 200 and "THE BOARD" in body

    status, _, body = _status(browser, f"{server.base_url}/logout")
    assert status == 200
    assert "You have left the teacher's pages" in html.unescape(body) and "Traceback" not in body
    status, where, body = _status(browser, board)
    assert "THE BOARD" not in body and (status in (401, 403) or "/login" in where)
    assert "Uncaught exception" not in server.log()
