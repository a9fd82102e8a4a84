"""One JupyterHub for the module: ClassLab's deploy config, local processes, one throwaway PostgreSQL store.

The hub runs deploy/jupyterhub/jupyterhub_config.py as a school would, with only what a test machine
needs put on top: users made up on the spot (SimpleLocalProcessSpawner), a password login
(DummyAuthenticator), loopback and free ports. Its proxy is configurable-http-proxy from the npm
registry, installed by `make test` into .venv/chp (never fetched while testing).
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from classlab.serve import descendants, stop
from tests.conftest import REPO, free_port, wait_until
from tests.store.conftest import PostgresCluster, postgres  # noqa: F401 - the store tests' throwaway cluster

HUB_CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = REPO / ".venv" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
PUPILS, TEACHER = ("pupil1", "pupil2"), "teacher"


def proxy_command() -> str:
    """The project's own configurable-http-proxy; skip only where npm (and so the proxy) cannot be had."""
    if PROXY.exists():
        return str(PROXY)
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed, so JupyterHub's proxy (configurable-http-proxy) cannot be: "
                    "apt-get install -y npm, then make test")
    pytest.fail(f"JupyterHub's proxy is missing ({PROXY}). `make test` installs it with npm.", pytrace=False)


class Hub:
    """`python -m jupyterhub` with ClassLab's config on free loopback ports; `.url(path)` is an address on it."""

    def __init__(self, root: Path, database_url: str, proxy: str, extra_config: str = "", env: dict | None = None):
        self.root = root
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.password = secrets.token_urlsafe(12)
        self.database_url = database_url
        self.log_path = root / "hub.log"
        config = root / "test_config.py"
        config.write_text(f"""\
c = get_config()
load_subconfig({str(HUB_CONFIG)!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(root / "home" / "{username}")!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {self.password!r}
c.Authenticator.allowed_users = {set(PUPILS) | {TEACHER}!r}
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{root / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(root / "jupyterhub_cookie_secret")!r}
c.JupyterHub.pid_file = {str(root / "jupyterhub.pid")!r}
""" + extra_config)
        (root / "home").mkdir()
        env = {**os.environ, "CLASSLAB_TEACHERS": TEACHER, "CLASSLAB_DATABASE_URL": database_url,
               "CLASSLAB_PUPILS_URL": self.url("/"), "CLASSLAB_CULL_IDLE": "120", **(env or {})}
        env.pop("CLASSLAB_DATA", None)  # the store is the hub's PostgreSQL one, not the test data folder
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=root,
                                     stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
        if wait_until(self._healthy, timeout=90) and self.proc.poll() is None:  # the condition: the hub says it is healthy
            return
        self.stop()
        raise RuntimeError(f"JupyterHub did not start:\n{self.log()[-3000:]}")

    def _healthy(self) -> bool:
        """True once /hub/health answers 200; False while the hub starts; True to stop waiting if it died."""
        if self.proc.poll() is not None:
            return True  # nothing left to wait for: the caller sees the log
        try:
            with urllib.request.urlopen(self.url("/hub/health"), timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def processes(self) -> list[int]:
        return descendants(self.proc.pid)

    def stop(self) -> None:
        """SIGTERM: the hub stops every user's server and its proxy; then anything left is killed."""
        stop(self.proc, grace=60)
        self._log.close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory, postgres):  # noqa: F811 - the imported session fixture
    proxy = proxy_command()
    url = postgres.new_database()
    hub = Hub(tmp_path_factory.mktemp("hub"), url, proxy)
    try:
        yield hub
    finally:
        hub.stop()
        postgres.drop_database(url)


def login(browser, hub: Hub, user: str):
    """A browser context logged in to the hub as `user`, with the user's server started; returns its page."""
    context = hub_context(browser)
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(hub.password)
    page.get_by_role("button", name="Sign in").click()
    # The hub starts the user's Voila, then sends the browser to it (a busy machine: give it time).
    page.wait_for_url(f"**/user/{user}/", timeout=180_000)
    return page


def hub_context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 1000})


@pytest.fixture(scope="module")
def logged_in(browser, hub):
    """user -> a page logged in to the hub with that user's server running; closed at the module's end."""
    pages = {}
    try:
        for user in (TEACHER, *PUPILS):
            pages[user] = login(browser, hub, user)
        yield pages
    finally:
        for page in pages.values():
            page.context.close()
