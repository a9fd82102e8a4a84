"""Class store fixtures: a real SQLite file per test, and one throwaway PostgreSQL cluster per test run.

The store's behaviour tests run against both (`store` is parametrised), because a school may run
either. PostgreSQL comes from Debian's `postgresql` package, which `make test` installs; without it
the PostgreSQL tests fail with a message saying so (they are part of the suite, not optional).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa

from classlab.store import ClassSession, ClassStore, Group
from tests.conftest import free_port

BACKENDS = ["sqlite", "postgresql"]


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        pytest.fail(
            "PostgreSQL's server programs are missing (no /usr/lib/postgresql/*/bin/initdb), so the class store's "
            "PostgreSQL tests cannot run. `make test` installs them; or, as root: apt-get install -y postgresql",
            pytrace=False,
        )
    return Path(found[-1]).parent


class PostgresCluster:
    """initdb into a temporary folder, pg_ctl start on a free port; as the `postgres` user when we are root."""

    def __init__(self):
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="classlab-pg-"))
        self.data, self.sockets, self.log = self.root / "data", self.root / "sockets", self.root / "server.log"
        self.sockets.mkdir()
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.user = "postgres"
            entry = pwd.getpwnam("postgres")
            for path in (self.root, self.sockets):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
                  "--locale", "C.UTF-8")
        for attempt in range(3):
            self.port = free_port()
            options = (f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            result = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options,
                               "start", check=False)
            if result.returncode == 0:
                break
        else:
            raise RuntimeError(f"PostgreSQL did not start:\n{self.log.read_text()[-3000:]}")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self.admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([str(self.bin / program), *args], user=self.user, cwd=self.root,
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode:
            raise RuntimeError(f"{program} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def new_database(self) -> str:
        """A fresh, empty schema, first on the search path (quicker than CREATE DATABASE): each test starts
        from nothing, and the store cannot see another test's tables."""
        name = "t_" + uuid.uuid4().hex[:16]
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        return f"{self.url}?options=-csearch_path%3D{name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("%3D", 1)[1]
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    def stop(self) -> None:
        self.admin.dispose()
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the whole run, stopped and removed at the end."""
    cluster = PostgresCluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """An empty store's address: an SQLite file in tmp_path, or a fresh schema in the PostgreSQL server."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_url")
        return
    cluster = request.getfixturevalue("postgres")
    url = cluster.new_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture
def sqlite_url(tmp_path):
    """For what only SQLite has (a file to back up, to crash, to check with PRAGMA integrity_check)."""
    return f"sqlite:///{tmp_path / 'class.sqlite'}"


def opened(url):
    """A class store at `url`, closed when the test that asked for it ends."""
    with ClassStore(url) as store:
        yield store


@pytest.fixture
def store(store_url):
    """An empty class store, on SQLite and on PostgreSQL."""
    yield from opened(store_url)


@pytest.fixture
def sqlite_store(sqlite_url):
    """An empty class store in an SQLite file."""
    yield from opened(sqlite_url)


class SmartiesClass(NamedTuple):
    """A class and its two groups, by name (still unpacks as store, session, reds, blues)."""

    store: ClassStore
    session: ClassSession
    reds: Group
    blues: Group


@pytest.fixture
def smarties_class(store) -> SmartiesClass:
    """A Smarties class with two groups, Reds and Blues."""
    from classlab import SMARTIES

    session = store.start_session("smarties", "Year 4 Smarties", categories=SMARTIES)
    return SmartiesClass(store, session, store.join(session.code, "Reds"), store.join(session.code, "Blues"))
