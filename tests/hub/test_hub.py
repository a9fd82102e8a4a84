"""ClassLab on JupyterHub, in Chromium: two groups' accounts and a teacher, one hub, one PostgreSQL store.

What a district deployment must keep: each group's tallies reach the teacher's board through the
hub, and a pupil's login opens the labs only (not the board, not a terminal, not the contents API).
"""
from __future__ import annotations

import re
import sys

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.hub.conftest import HUB_CONFIG, PUPILS, TEACHER, hub_context

pytestmark = pytest.mark.browser

KERNEL = 60_000  # a lab page starts a kernel on a busy machine


def open_lab(page, hub, user: str, notebook: str = "smarties.ipynb"):
    page.goto(hub.url(f"/user/{user}/voila/render/{notebook}"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=KERNEL)
    return page


def test_both_groups_tallies_reach_the_teachers_board(hub, logged_in):
    board = logged_in[TEACHER]
    board.goto(hub.url(f"/user/{TEACHER}/voila/render/class_board.ipynb"))
    start = board.get_by_role("button", name="Start a new class")
    start.wait_for(timeout=KERNEL)
    start.click()
    code = board.locator(".classlab-class-code span")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{6}$"), timeout=30_000)
    class_code = code.inner_text().strip()

    groups = {"pupil1": ("Reds", "orange", 3), "pupil2": ("Blues", "blue", 2)}
    for user, (group, colour, times) in groups.items():
        page = open_lab(logged_in[user], hub, user)
        page.get_by_label("Class code").fill(class_code)
        page.get_by_label("Group name").fill(group)
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator(".classlab-save-status")).to_contain_text("Everything you do is saved", timeout=30_000)
        for _ in range(times):
            page.get_by_role("button", name=f"Add one {colour}").click()
        expect(page.get_by_label(f"Number of {colour}")).to_have_value(str(times), timeout=30_000)

    for group, _, times in groups.values():
        card = board.locator(".classlab-group-card").filter(has=board.get_by_text(group, exact=True))
        expect(card).to_contain_text(f"1 tube · {times} counted", timeout=30_000)

    # Both groups' servers wrote to the one PostgreSQL store the hub named, not to files of their own.
    engine = sa.create_engine(hub.database_url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            names = set(conn.execute(sa.text("SELECT name FROM groups WHERE session_code = :c"),
                                     {"c": class_code}).scalars())
    finally:
        engine.dispose()
    assert names == {"Reds", "Blues"}


def test_a_pupil_opens_labs_and_nothing_else(hub, logged_in):
    """A pupil's login reaches the labs; the board, terminals, the contents API and JupyterLab answer 403 or 404."""
    request = logged_in[PUPILS[0]].context.request
    gallery = request.get(hub.url(f"/user/{PUPILS[0]}/"))
    assert gallery.status == 200 and "smarties" in gallery.text()  # logged in: the refusals below are not a login page

    # The teacher's server is running (the teacher is logged in) and holds the board; the hub refuses pupils it.
    teachers = logged_in[TEACHER].context.request.get(hub.url(f"/user/{TEACHER}/"))
    assert teachers.status == 200 and "class_board" in teachers.text()
    for path in (f"/user/{TEACHER}/voila/render/class_board.ipynb", f"/user/{TEACHER}/"):
        response = request.get(hub.url(path))
        assert response.status == 403 and "/hub/" in response.url, (path, response.status, response.url)

    own = f"/user/{PUPILS[0]}"
    refused = [
        f"{own}/voila/render/class_board.ipynb",
        f"{own}/voila/render/../teacher_guides/class_board.ipynb",
        f"{own}/voila/tree/../teacher_guides",
        f"{own}/api/contents", f"{own}/api/contents/smarties.ipynb",
        f"{own}/terminals/1", f"{own}/api/terminals", f"{own}/terminals/websocket/1",
        f"{own}/lab", f"{own}/tree", f"{own}/api/sessions", f"{own}/api/kernels",
    ]
    for path in refused:
        response = request.get(hub.url(path))
        assert response.status in (403, 404), (path, response.status, response.url)
        assert "classlab-board" not in response.text() and "Start a new class" not in response.text(), path
    # Opening a terminal is refused too, not only looking for one.
    created = request.post(hub.url(f"{own}/api/terminals"))
    assert created.status in (403, 404, 405), created.status


def test_a_pupil_who_is_not_logged_in_is_sent_to_the_hubs_login(browser, hub):
    context = hub_context(browser)
    try:
        page = context.new_page()
        page.goto(hub.url(f"/user/{PUPILS[1]}/voila/render/smarties.ipynb"))
        expect(page.get_by_label("Password")).to_be_visible(timeout=30_000)
        assert "/hub/login" in page.url
    finally:
        context.close()


def test_the_store_address_never_reaches_a_page(hub, logged_in):
    """The hub hands the store's address to the servers it starts; no page a pupil can open shows it."""
    request = logged_in[PUPILS[1]].context.request
    page = request.get(hub.url(f"/user/{PUPILS[1]}/voila/render/smarties.ipynb"))
    assert page.status == 200 and "kernelId" in page.text()
    where = hub.database_url.split("@", 1)[1].split("?", 1)[0]  # host:port/database
    assert where not in page.text() and "CLASSLAB_DATABASE_URL" not in page.text()


def test_each_server_is_classlabs_voila_under_the_hubs_prefix():
    """The command a hub user's server runs: ClassLab's classroom Voila, under the user's prefix, the hub's login."""
    sys.path.insert(0, str(HUB_CONFIG.parent))
    try:
        import classlab_hub
    finally:
        sys.path.pop(0)
    env = {"JUPYTERHUB_SERVICE_URL": "http://0.0.0.0:8888/user/reds/", "JUPYTERHUB_SERVICE_PREFIX": "/user/reds/",
           "CLASSLAB_MAX_PAGES": "12"}
    cmd = classlab_hub.command("labs", env, python="py")
    assert cmd[:3] == ["py", "-m", "voila"] and cmd[3].endswith("/labs")
    for setting in ("--Voila.ip=0.0.0.0", "--port=8888", "--Voila.base_url=/user/reds/",
                    "--VoilaConfiguration.show_tracebacks=False", "--ClassLabKernelManager.max_pages=12",
                    "--Voila.identity_provider_class=classlab_hub.HubIdentityProvider",
                    "--KernelManager.transport=ipc"):
        assert setting in cmd, setting
    assert any(part.startswith("--MappingKernelManager.cull_idle_timeout=") for part in cmd)
    assert classlab_hub.command("teacher_guides", env)[3].endswith("/teacher_guides")
    with pytest.raises(SystemExit):
        classlab_hub.command("../data", env)
