"""Where the store lives: the database engine, its schema migrations and transactions retried while busy."""
from __future__ import annotations

import random
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from .. import settings
from ..language import _
from .errors import StoreBusy, StoreError, StoreTooNew, StoreUnavailable


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The newest migration's revision. A store already there opens without loading Alembic at all (a
#: lab kernel is lighter and starts sooner); tests/store/test_store_migrations.py keeps it in step.
SCHEMA_HEAD = "0007"
#: How long SQLite waits for another writer before it says "busy" (then the store tries again).
BUSY_TIMEOUT = 10.0
#: PostgreSQL advisory locks: ClassLab's namespace, and key 0 for schema upgrades.
_LOCK_NS = 0x436C  # "Cl"
T = TypeVar("T")


def default_url() -> str:
    """The store's address: $CLASSLAB_DATABASE_URL, else an SQLite file in a private data folder.

    The folder ($CLASSLAB_DATA or ~/.local/share/classlab) is never inside a served folder, and is
    made readable by its owner only.
    """
    url = settings.database_url()
    if url:
        return url
    folder = settings.data_folder().expanduser().resolve()
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask
    return f"sqlite:///{folder / 'classlab.sqlite'}"


def _sqlite_connect(dbapi_connection, _record, busy_timeout: float = BUSY_TIMEOUT) -> None:
    """Every SQLite connection: WAL (readers beside a writer), a busy timeout, foreign keys, durable commits."""
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event below issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")  # a power cut loses no saved tally
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA secure_delete = ON")  # a deleted class is overwritten, not just unlinked
    cursor.close()


def _sqlite_begin(conn) -> None:
    """Writers take the write lock at BEGIN: a deferred read-then-write can fail "locked" despite the timeout."""
    immediate = conn.get_execution_options().get("classlab_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(_("That database address doesn't look right (for example sqlite:///path/classlab.sqlite).")) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        memory = parsed.database in (None, "", ":memory:")
        kwargs: dict[str, Any] = {"connect_args": {"timeout": busy_timeout, "check_same_thread": False}}
        if memory:
            kwargs["poolclass"] = StaticPool
        else:
            try:
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as e:
                # Translators: {folder} is a folder on the computer; {problem} is what the system said (in English).
                raise StoreUnavailable(_("We can't make a folder for the class store at {folder}: {problem}.").format(
                    folder=parsed.database, problem=e.strerror)) from e
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", lambda conn, record: _sqlite_connect(conn, record, busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise StoreError(_("The class store works with SQLite or PostgreSQL."))


def _schema_heads(conn: Connection) -> tuple[str, ...]:
    """The revisions the store is at, read with plain SQL (Alembic's own table; none in a new store)."""
    if not inspect(conn).has_table("alembic_version"):
        return ()
    return tuple(row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version")))


def _alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _upgrade(conn: Connection, revision: str = "head") -> None:
    """Bring the schema to `revision` inside the caller's transaction; refuse a store from a newer ClassLab."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_NS}, 0)")
    from alembic import command

    _refuse_unknown(_schema_heads(conn))
    command.upgrade(_alembic_config(conn), revision)


def _refuse_unknown(heads) -> None:
    if set(heads) <= {SCHEMA_HEAD}:
        return  # this ClassLab's own newest schema (or a new store): nothing to look up
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory(str(MIGRATIONS))
    for rev in heads:
        try:
            known = script.get_revision(rev)
        except CommandError:
            known = None
        if known is None:
            raise StoreTooNew(_(
                "This class store was made by a newer version of ClassLab (schema {revision}). "
                "Please update ClassLab; the store has not been changed.").format(revision=rev[:20]))


def migrate(url: str, revision: str = "head") -> None:
    """Bring a store's schema to `revision` (for tests and coordinators); ClassStore upgrades to head itself."""
    from .api import ClassStore  # assembled from every part of the store, this one included

    store = ClassStore(url, _revision=revision)
    store.dispose()


class StoreEngine:
    """Where the store lives and how it is opened, upgraded and written to (one transaction, retried while busy)."""

    def __init__(self, url: str | None = None, *, busy_timeout: float = BUSY_TIMEOUT, _revision: str = "head"):
        """`busy_timeout` (an addition): seconds SQLite waits for another writer; a save keeps trying
        for three times that in all, then raises StoreBusy (the page keeps the change and retries)."""
        self._busy = float(busy_timeout)
        self._engine = _make_engine(url or default_url(), self._busy)
        self._sqlite = self._engine.dialect.name == "sqlite"
        try:
            self._open(_revision)
        except StoreError:
            self._engine.dispose()
            raise
        except DBAPIError as e:
            self._engine.dispose()
            # Translators: {address} is where the store is; {problem} is what the database said (in English).
            raise StoreError(_("We can't open the class store at {address}: {problem}").format(
                address=self.url, problem=str(e.orig).splitlines()[0][:120])) from e

    @property
    def url(self) -> str:
        """Where the store is (any password hidden, so it can be shown on a teacher's page)."""
        return self._engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        """Close every connection (a kernel shutting down, a test finishing)."""
        self._engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.dispose()

    def schema_revision(self) -> str:
        """The Alembic revision the store is at."""
        return ",".join(self._read(_schema_heads))

    # --- transactions ------------------------------------------------------------------------
    def _open(self, revision: str) -> None:
        heads = self._read(_schema_heads)
        _refuse_unknown(heads)  # a newer ClassLab's store: refused before any lock is taken
        if revision == "head" and set(heads) == {SCHEMA_HEAD}:
            return  # the usual case: no write lock taken (and no Alembic loaded) just to open
        self._run(lambda conn: _upgrade(conn, revision), write=True, migrating=True)

    def _retryable(self, error: DBAPIError) -> bool:
        if self._sqlite:
            text = str(error.orig).lower()
            return "locked" in text or "busy" in text
        return getattr(error.orig, "sqlstate", None) in {"40001", "40P01", "55P03"}

    def _run(self, fn: Callable[[Connection], T], *, write: bool, migrating: bool = False) -> T:
        """Run `fn` in one transaction; try again while the database is busy, then say so kindly.

        Migrating SQLite: foreign keys are off during the transaction (rebuilding a table must not
        cascade-delete the rows that point at it) and checked before it commits.
        """
        deadline = time.monotonic() + 3 * self._busy
        delay = 0.005
        while True:
            try:
                with self._engine.connect() as conn:
                    if write:
                        conn.execution_options(classlab_write=True)
                    raw = conn.connection.driver_connection if migrating and self._sqlite else None
                    if raw is not None:
                        raw.execute("PRAGMA foreign_keys = OFF")  # only takes effect outside a transaction
                    try:
                        with conn.begin():
                            result = fn(conn)
                            if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                                raise StoreError(_("Upgrading the class store went wrong; it has been left as it was."))
                            return result
                    finally:
                        if raw is not None:
                            raw.execute("PRAGMA foreign_keys = ON")
            except OperationalError as e:
                if not self._retryable(e):  # the server is down, the file can't be opened, ...
                    raise StoreUnavailable(_("We can't reach the class store just now; please try again in a moment.")) from e
                if time.monotonic() > deadline:
                    raise StoreBusy(_("The class store is very busy just now; please try again in a moment.")) from e
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.25)

    def _read(self, fn: Callable[[Connection], T]) -> T:
        return self._run(fn, write=False)

    def _write(self, fn: Callable[[Connection], T]) -> T:
        return self._run(fn, write=True)

    def _lock_class(self, conn: Connection, code: str) -> None:
        """PostgreSQL: one class's tally changes commit in id order, so "changes after N" never misses one.

        (SQLite has one writer at a time anyway.)"""
        if not self._sqlite:
            key = zlib.crc32(code.encode()) - 2**31
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_NS}, {key})")

    def _insert(self, table):
        if self._sqlite:
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        return insert(table)
