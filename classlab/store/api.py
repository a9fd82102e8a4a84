"""The class store: every group's tallies, choices and findings in one place the whole class shares.

One SQLite file by default (no set-up; in a data folder outside anything a web server serves) or a
PostgreSQL server given by a database URL. Tallies are kept as the changes groups made, so two
devices of one group add up instead of overwriting each other; everything a page sends is checked
here, because widget state from a browser is untrusted input. Messages in `StoreError`s are
written for pupils and teachers.
"""
from __future__ import annotations

import csv
import json
import os
import random
import re
import secrets
import sqlite3
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, case, create_engine, delete, event, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from ..categories import Categories, Category
from ..findings import STATUS_WORDS
from ..counts import DEFAULT_LIMIT, is_whole
from ..tally import MAX_SAMPLES, TallyBook, TallyChange, replay
from .models import OPS, STATUSES, ChangeRow, FindingRow, GroupRow, SessionRow, StateRow, utcnow

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: Class codes use letters and digits nobody mixes up when reading them off a whiteboard (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_GROUP_NAME = 40
MAX_CATEGORY = 60
MAX_FINDING = 2000
MAX_QUESTION = 500
MAX_EVIDENCE = 500
MAX_LAB, MAX_TITLE, MAX_KEY = 80, 200, 60
MAX_STATE_BYTES = 64_000
MAX_SET = DEFAULT_LIMIT
#: How long SQLite waits for another writer before it says "busy" (then the store tries again).
BUSY_TIMEOUT = 10.0
#: PostgreSQL advisory locks: ClassLab's namespace, and key 0 for schema upgrades.
_LOCK_NS = 0x436C  # "Cl"

S, G, C, ST, F = (m.__table__ for m in (SessionRow, GroupRow, ChangeRow, StateRow, FindingRow))
T = TypeVar("T")


# --- errors --------------------------------------------------------------------------------
class StoreError(ValueError):
    """Something the class store can't do; the message is short, kind, and meant to be shown."""


class ClassNotFound(StoreError):
    """No class session has that code."""


class GroupNotFound(StoreError):
    """No group has that id (or it was deleted with its class)."""


class FindingNotFound(StoreError):
    """No finding has that id."""


class ClassEnded(StoreError):
    """The teacher ended the class session: no more joining or changes."""


class NotYours(StoreError):
    """A group tried to change another group's work."""


class RefusedInput(StoreError):
    """A value that can't be right (too long, empty, forged); nothing was saved."""


class StoreBusy(StoreError):
    """The store stayed busy for longer than a page should wait; the page keeps the change and retries."""


class StoreUnavailable(StoreError):
    """The store can't be reached (server down, file unreadable); the original error is chained for logs."""


class StoreTooNew(StoreError):
    """The store was made by a newer ClassLab; it is left untouched."""


class BackupNotPossible(StoreError):
    """This store can't be backed up from here (PostgreSQL: use pg_dump)."""


# --- what the store hands back -----------------------------------------------------------
@dataclass(frozen=True)
class ClassSession:
    """A class session: pupils join it with `code`."""

    code: str
    lab: str
    title: str
    started_at: datetime
    ended_at: datetime | None = None
    categories: tuple[str, ...] = ()  # what the class counts, in display order, when the teacher gave it
    count_practice: bool = False  # the teacher lets groups' practice data into the class's data

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class Group:
    """A group of pupils, known by the name they chose."""

    id: int
    session_code: str
    name: str
    joined_at: datetime
    practice: bool = False  # its counts are made-up practice data, not counted by the group
    tube: int = 0  # the tube (0-based) the group is counting


@dataclass(frozen=True)
class GroupStatus:
    """What a group's page checks every few seconds, in one small read."""

    practice: bool  # the group's counts are practice data
    tube: int  # the tube the group is counting (0-based)
    ended: bool  # the teacher has ended the class


@dataclass(frozen=True)
class Finding:
    """Something a group found, and where the class has sorted it."""

    id: int
    session_code: str
    group_id: int
    group_name: str
    question: str
    text: str
    status: str
    evidence: str
    continued_from: int | None
    posted_at: datetime

    @property
    def agreed(self) -> bool:
        return self.status == "agreed"


# --- where the store lives -----------------------------------------------------------------
def default_url() -> str:
    """The store's address: $CLASSLAB_DATABASE_URL, else an SQLite file in a private data folder.

    The folder ($CLASSLAB_DATA or ~/.local/share/classlab) is never inside a served folder, and is
    made readable by its owner only.
    """
    url = os.environ.get("CLASSLAB_DATABASE_URL", "").strip()
    if url:
        return url
    folder = Path(os.environ.get("CLASSLAB_DATA") or Path.home() / ".local" / "share" / "classlab")
    folder = folder.expanduser().resolve()
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
        raise StoreError("That database address doesn't look right (for example sqlite:///path/classlab.sqlite).") from None
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
                raise StoreUnavailable(f"We can't make a folder for the class store at {parsed.database}: {e.strerror}.") from e
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", lambda conn, record: _sqlite_connect(conn, record, busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise StoreError("The class store works with SQLite or PostgreSQL.")


def _schema_heads(conn: Connection) -> tuple[str, ...]:
    return tuple(MigrationContext.configure(conn).get_current_heads())


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _upgrade(conn: Connection, revision: str = "head") -> None:
    """Bring the schema to `revision` inside the caller's transaction; refuse a store from a newer ClassLab."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_NS}, 0)")
    _refuse_unknown(ScriptDirectory(str(MIGRATIONS)), _schema_heads(conn))
    command.upgrade(_alembic_config(conn), revision)


def _refuse_unknown(script: ScriptDirectory, heads) -> None:
    for rev in heads:
        try:
            known = script.get_revision(rev)
        except CommandError:
            known = None
        if known is None:
            raise StoreTooNew(
                f"This class store was made by a newer version of ClassLab (schema {rev[:20]}). "
                "Please update ClassLab; the store has not been changed.")


def migrate(url: str, revision: str = "head") -> None:
    """Bring a store's schema to `revision` (for tests and coordinators); ClassStore upgrades to head itself."""
    store = ClassStore(url, _revision=revision)
    store.dispose()


# --- checking what pages send ------------------------------------------------------------------
def _clean(text: str) -> str:
    """Text as typed, minus what no database keeps: NUL characters and lone UTF-16 surrogates."""
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _text(value, *, empty: str, too_long: str, most: int, least: int = 1) -> str:
    if value is None and least == 0:
        return ""
    if not isinstance(value, str):
        raise RefusedInput(empty)
    value = _clean(value).strip()
    if len(value) < least:
        raise RefusedInput(empty)
    if len(value) > most:
        raise RefusedInput(too_long.format(n=f"{len(value):,}", most=f"{most:,}"))
    return value


def _code(code) -> str:
    """A class code as typed on any device: any case, spaces or a dash in the middle."""
    typed = str(code) if code is not None else ""
    clean = re.sub(r"[\s\-]", "", typed).upper()
    if len(clean) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in clean):
        shown = typed.strip()
        shown = shown if len(shown) <= 12 else shown[:12] + "…"
        raise ClassNotFound(f"We can't find a class with the code “{shown}”. Please check it with your teacher.")
    return clean


#: Joiners that shape Arabic, Persian and Indic words and build emoji (👩🏽‍🔬): kept only between two
#: characters beyond ASCII, where they do that job, never where they could hide inside "Reds".
_JOINERS = {"\u200c", "\u200d"}


def _visible(name: str) -> str:
    """A name minus invisible format characters (bidi overrides, zero-width spaces, BOMs), so no name
    can show reversed or look like another group's: a forged name is cleaned like a typed one."""
    out = []
    for i, ch in enumerate(name):
        if unicodedata.category(ch) != "Cf":
            out.append(ch)
        elif ch in _JOINERS and 0 < i < len(name) - 1 and ord(name[i - 1]) > 127 and ord(name[i + 1]) > 127 \
                and unicodedata.category(name[i + 1]) != "Cf":
            out.append(ch)
    return "".join(out)


def _group_name(name) -> str:
    if isinstance(name, str):
        name = _visible(name)
    name = _text(name, empty="Please type a name for your group.", most=MAX_GROUP_NAME,
                 too_long="That name is {n} characters long: please choose one of {most} or fewer.")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise RefusedInput("Please keep your group name on one line.")
    return name


def _name_key(name: str) -> str:
    """How names are compared: "The Reds" typed on a second device finds the group "the reds"."""
    name = "".join(ch for ch in name if ch not in _JOINERS)
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _category_names(categories) -> tuple[str, ...]:
    if isinstance(categories, str):
        raise RefusedInput("Please give the categories as a list of names.")
    names = tuple(c.name if isinstance(c, Category) else c for c in categories)
    if not names or len(names) > 100:
        raise RefusedInput("A lab counts between 1 and 100 categories.")
    for name in names:
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_CATEGORY:
            raise RefusedInput(f"Each category needs a name of 1 to {MAX_CATEGORY} characters.")
    if len(set(names)) != len(names):
        raise RefusedInput("Two categories have the same name.")
    return names


def _as_categories(categories) -> Categories:
    if isinstance(categories, Categories):
        return categories
    return Categories([c if isinstance(c, Category) else Category(c) for c in categories])


def _check_change(change, allowed: tuple[str, ...] | None) -> dict:
    """The change as it will be stored, or RefusedInput: a page's change is untrusted until checked."""
    if not isinstance(change, TallyChange):
        raise RefusedInput("That change isn't one we know.")
    op = change.op
    if not isinstance(op, str) or op not in OPS:
        raise RefusedInput("That change isn't one we know.")
    if not is_whole(change.tube) or not 0 <= int(change.tube) < MAX_SAMPLES:
        raise RefusedInput("There is no such tube.")
    category = change.category
    if not isinstance(category, str) or len(category) > MAX_CATEGORY:
        raise RefusedInput("That isn't something this lab counts.")
    category = _clean(category)
    if op in ("new_tube", "clear"):  # a tube numbered `tube` exists; clear: back to one empty tube
        return {"tube": int(change.tube) if op == "new_tube" else 0, "category": "", "op": op, "value": 1}
    if not category.strip():
        raise RefusedInput("That isn't something this lab counts.")
    if allowed is not None and category not in allowed:
        shown = category if len(category) <= 20 else category[:20] + "…"
        raise RefusedInput(f"There is no “{shown}” to count in this lab.")
    if op == "set":
        if not is_whole(change.value) or not 0 <= int(change.value) <= MAX_SET:
            raise RefusedInput(f"A count must be a whole number from 0 to {MAX_SET}.")
        value = int(change.value)
    else:
        value = 1  # add one, take one: whatever else a page sends is ignored (1, TallyChange's own default)
    return {"tube": int(change.tube), "category": category, "op": op, "value": value}


COUNT_COLUMNS = ["group", "tube", "category", "count"]


def _counts_frame(groups: list[tuple[str, list[list[int]]]], names: list[str], practice=None,
                  count_practice: bool = False) -> pd.DataFrame:
    """Tidy counts; column `practice` says which rows are a group's made-up practice data, and
    `attrs["count_practice"]` whether the teacher lets practice data into the class's data."""
    k = len(names)
    group_col: list[str] = []
    tubes, cats, counts, marks = [], [], [], []
    practice = practice or set()
    for name, matrix in groups:
        m = np.asarray(matrix, dtype=np.int64).reshape(-1, k)
        n = m.shape[0]
        group_col.extend([name] * (n * k))
        marks.extend([name in practice] * (n * k))
        tubes.append(np.repeat(np.arange(1, n + 1, dtype=np.int64), k))
        cats.extend(names * n)
        counts.append(m.reshape(-1))
    frame = pd.DataFrame({
        "group": pd.Series(group_col, dtype=object),
        "tube": np.concatenate(tubes) if tubes else np.array([], dtype=np.int64),
        "category": pd.Series(cats, dtype=object),
        "count": np.concatenate(counts) if counts else np.array([], dtype=np.int64),
        "practice": np.array(marks, dtype=bool),
    }, columns=COUNT_COLUMNS + ["practice"])
    frame.attrs["count_practice"] = bool(count_practice)
    return frame


def _safe_cell(value):
    """CSV cells a spreadsheet would run as a formula (=, +, -, @ first) get a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else ""


# --- the store -------------------------------------------------------------------------------
class ClassStore:
    """One class store (SQLite file or PostgreSQL database), opened and upgraded to the current schema."""

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
            raise StoreError(f"We can't open the class store at {self.url}: {str(e.orig).splitlines()[0][:120]}") from e

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
        script = ScriptDirectory(str(MIGRATIONS))
        heads = self._read(_schema_heads)
        _refuse_unknown(script, heads)  # a newer ClassLab's store: refused before any lock is taken
        if revision == "head" and set(heads) == set(script.get_heads()):
            return  # the usual case: no write lock taken just to open
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
                                raise StoreError("Upgrading the class store went wrong; it has been left as it was.")
                            return result
                    finally:
                        if raw is not None:
                            raw.execute("PRAGMA foreign_keys = ON")
            except OperationalError as e:
                if not self._retryable(e):  # the server is down, the file can't be opened, ...
                    raise StoreUnavailable("We can't reach the class store just now; please try again in a moment.") from e
                if time.monotonic() > deadline:
                    raise StoreBusy("The class store is very busy just now; please try again in a moment.") from e
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

    # --- class sessions ---------------------------------------------------------------------
    @staticmethod
    def _session_from(row) -> ClassSession:
        return ClassSession(row.code, row.lab, row.title, row.started_at, row.ended_at, tuple(row.categories or ()),
                            bool(row.count_practice))

    @staticmethod
    def _session_row(conn: Connection, code: str):
        row = conn.execute(select(S).where(S.c.code == code)).first()
        if row is None:
            raise ClassNotFound(f"We can't find a class with the code “{code}”. Please check it with your teacher.")
        return row

    def start_session(self, lab: str, title: str = "", categories=None) -> ClassSession:
        """Start a class session with a fresh short code. `categories` (optional, an addition): what the
        class counts, in display order; changes with any other category are then refused."""
        lab = _text(lab, empty="Which lab is the class doing?", most=MAX_LAB, too_long="A lab's name is at most {most} characters.")
        title = _text(title, empty="", least=0, most=MAX_TITLE, too_long="Please keep the title to {most} characters or fewer.")
        names = None if categories is None else _category_names(categories)
        for _ in range(50):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            started = utcnow()
            values = {"code": code, "lab": lab, "title": title, "categories": list(names) if names else None,
                      "started_at": started, "ended_at": None}
            stmt = self._insert(S).values(**values).on_conflict_do_nothing(index_elements=["code"])
            if self._write(lambda conn: conn.execute(stmt).rowcount):
                return ClassSession(code, lab, title, started, None, names or ())
        raise StoreError("We couldn't find a free class code; please try again.")  # pragma: no cover

    def session(self, code) -> ClassSession:
        code = _code(code)
        return self._session_from(self._read(lambda conn: self._session_row(conn, code)))

    def sessions(self) -> list[ClassSession]:
        """Every class session, the newest first."""
        rows = self._read(lambda conn: conn.execute(select(S).order_by(S.c.started_at.desc(), S.c.code)).all())
        return [self._session_from(r) for r in rows]

    def end_session(self, code) -> ClassSession:
        """No more joining or changes; everything stays readable and exportable."""
        code = _code(code)

        def end(conn):
            row = self._session_row(conn, code)
            if row.ended_at is None:
                conn.execute(update(S).where(S.c.code == code).values(ended_at=utcnow()))
            return self._session_row(conn, code)

        return self._session_from(self._write(end))

    def delete_session(self, code) -> None:
        """Delete a class session and all its work for good (SQLite: overwritten, and the log emptied)."""
        code = _code(code)

        def remove(conn):
            self._session_row(conn, code)
            groups = select(G.c.id).where(G.c.session_code == code).scalar_subquery()
            conn.execute(delete(C).where(C.c.session_code == code))
            conn.execute(delete(ST).where(ST.c.group_id.in_(groups)))
            conn.execute(update(F).where(F.c.session_code == code).values(continued_from=None))
            conn.execute(update(F).where(F.c.continued_from.in_(select(F.c.id).where(F.c.session_code == code)))
                         .values(continued_from=None))
            conn.execute(delete(F).where(F.c.session_code == code))
            conn.execute(delete(G).where(G.c.session_code == code))
            conn.execute(delete(S).where(S.c.code == code))

        self._write(remove)
        if self._sqlite:
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it, so deleted work is not left in the log."""
        raw = self._engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()

    # --- groups ------------------------------------------------------------------------------
    @staticmethod
    def _group_from(row) -> Group:
        return Group(row.id, row.session_code, row.name, row.joined_at, bool(row.practice), int(row.tube))

    @staticmethod
    def _group_row(conn: Connection, group_id):
        if not is_whole(group_id):
            raise GroupNotFound("We can't find your group. Please join the class again.")
        row = conn.execute(
            select(G, S.c.ended_at, S.c.categories).join(S, S.c.code == G.c.session_code).where(G.c.id == int(group_id))
        ).first()
        if row is None:
            raise GroupNotFound("We can't find your group. Please join the class again.")
        return row

    @staticmethod
    def _open_for_changes(row) -> None:
        if row.ended_at is not None:
            raise ClassEnded("This class session has ended.")

    def join(self, code, group_name) -> Group:
        """Join a class as a group; the same name again (after a refresh, on another device) is the same group."""
        name = _group_name(group_name)
        key = _name_key(name)
        code = _code(code)

        def join(conn):
            self._open_for_changes(self._session_row(conn, code))
            conn.execute(self._insert(G).values(session_code=code, name=name, name_key=key, joined_at=utcnow())
                         .on_conflict_do_nothing(index_elements=["session_code", "name_key"]))
            return conn.execute(select(G).where(G.c.session_code == code, G.c.name_key == key)).one()

        return self._group_from(self._write(join))

    def find_group(self, code, group_name) -> Group | None:
        """The group already called `group_name` (in any case or spacing) in a class, or None: a page
        asks "Are you the Reds on another computer?" before joining a name that is taken."""
        name = _group_name(group_name)
        key = _name_key(name)
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return conn.execute(select(G).where(G.c.session_code == code, G.c.name_key == key)).first()

        row = self._read(read)
        return None if row is None else self._group_from(row)

    def set_practice(self, group_id: int, practice: bool) -> Group:
        """Mark a group's counts as made-up practice data (loaded, not counted), or as its own again.

        Practice data shows as practice everywhere and stays out of the class's data unless the teacher
        chooses to count it (`set_count_practice`)."""
        if not isinstance(practice, (bool, np.bool_)):
            raise RefusedInput("That can't be saved.")

        def save(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            conn.execute(update(G).where(G.c.id == group.id).values(practice=bool(practice)))
            return self._group_row(conn, group.id)

        return self._group_from(self._write(save))

    def set_count_practice(self, code, count: bool) -> ClassSession:
        """The teacher's choice: does groups' practice data go into the class's data? (Off at first.)

        Allowed after the class ended: the class may look at its data again in the next lesson."""
        code = _code(code)
        if not isinstance(count, (bool, np.bool_)):
            raise RefusedInput("That can't be saved.")

        def save(conn):
            self._session_row(conn, code)
            conn.execute(update(S).where(S.c.code == code).values(count_practice=bool(count)))
            return self._session_row(conn, code)

        return self._session_from(self._write(save))

    def move_to(self, group_id: int, tube: int) -> None:
        """Keep the tube a group is counting (0-based), so a refresh or the group's other device goes there."""
        if not is_whole(tube) or not 0 <= int(tube) < MAX_SAMPLES:
            raise RefusedInput("There is no such tube.")

        def save(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            if group.tube != int(tube):
                conn.execute(update(G).where(G.c.id == group.id).values(tube=int(tube)))

        self._write(save)

    def group_status(self, group_id: int) -> GroupStatus:
        """Practice or not, the tube being counted, and whether the class has ended: one small read."""
        row = self._read(lambda conn: self._group_row(conn, group_id))
        return GroupStatus(bool(row.practice), int(row.tube), row.ended_at is not None)

    def group(self, group_id: int) -> Group:
        """One group by id (an addition: a server checks a group a page claims to be)."""
        return self._group_from(self._read(lambda conn: self._group_row(conn, group_id)))

    def groups(self, code) -> list[Group]:
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return conn.execute(select(G).where(G.c.session_code == code).order_by(G.c.id)).all()

        return [self._group_from(r) for r in self._read(read)]

    # --- tallies ------------------------------------------------------------------------------
    def record(self, group_id: int, change: TallyChange) -> int:
        """Save one tally change for a group; returns its id (ids only grow)."""
        return self.record_many(group_id, [change])[0]

    def record_many(self, group_id: int, changes: Iterable[TallyChange]) -> list[int]:
        """Save several changes in one go, all or none (an addition: a page catching up after a failed save)."""
        changes = list(changes)

        def save(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            allowed = tuple(group.categories) if group.categories else None
            rows = [_check_change(c, allowed) for c in changes]
            self._lock_class(conn, group.session_code)
            now = utcnow()
            for row in rows:
                row.update(group_id=group.id, session_code=group.session_code, saved_at=now)
            result = conn.execute(C.insert().returning(C.c.id, sort_by_parameter_order=True), rows)
            return [r.id for r in result]

        if not changes:
            return []
        return self._write(save)

    def changes(self, group_id: int, after: int = 0) -> list[tuple[int, TallyChange]]:
        """A group's changes with an id above `after`, in the order they were saved."""
        after = int(after) if is_whole(after) else 0

        def read(conn):
            self._group_row(conn, group_id)
            return conn.execute(
                select(C.c.id, C.c.tube, C.c.category, C.c.op, C.c.value)
                .where(C.c.group_id == int(group_id), C.c.id > after).order_by(C.c.id)
            ).all()

        return [(r.id, TallyChange(r.tube, r.category, r.op, r.value)) for r in self._read(read)]

    def tally_book(self, group_id: int, categories, **book_kwargs) -> TallyBook:
        """A fresh TallyBook holding everything the group has counted (on every device)."""
        book = TallyBook(_as_categories(categories), **book_kwargs)
        self.replay_into(book, self.changes(group_id))
        return book

    @staticmethod
    def replay_into(book: TallyBook, changes: Iterable) -> None:
        """Apply saved changes to a book by its own rules (`classlab.tally.replay`): tubes appear as needed,
        a change that no longer fits is skipped.

        Takes (id, change) pairs or bare changes. The tube the pupils are looking at stays put (unless a
        clear took it away). Nothing is passed on to the book's listeners: these changes are saved already.
        """
        rows = [(c.tube, c.category, c.op, c.value) for c in (i[1] if isinstance(i, tuple) else i for i in changes)]
        if rows:
            index = {name: i for i, name in enumerate(book.categories.names)}
            book.replace_counts(replay(rows, index, book.limit, counts=[list(row) for row in book.matrix().tolist()]))

    # --- a group's other work -------------------------------------------------------------------
    def save_state(self, group_id: int, key: str, value: dict) -> None:
        """Keep a small JSON object under `key` for a group (last save wins for that key)."""
        key = _text(key, empty="A saved item needs a name.", most=MAX_KEY, too_long="A saved item's name is at most {most} characters.")
        if not isinstance(value, dict):
            raise RefusedInput("That can't be saved.")
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            raise RefusedInput("That can't be saved: it isn't plain data.") from None
        if len(text.encode("utf-8", "surrogatepass")) > MAX_STATE_BYTES:
            raise RefusedInput("That is too much to save in one go.")
        clean = json.loads(_clean(text).replace("\\u0000", ""))

        def save(conn):
            self._open_for_changes(self._group_row(conn, group_id))
            stmt = self._insert(ST).values(group_id=int(group_id), key=key, value=clean, revision=1, saved_at=utcnow())
            conn.execute(stmt.on_conflict_do_update(
                index_elements=["group_id", "key"],
                set_={"value": stmt.excluded.value, "revision": ST.c.revision + 1, "saved_at": stmt.excluded.saved_at},
            ))

        self._write(save)

    def state(self, group_id: int) -> dict[str, dict]:
        def read(conn):
            self._group_row(conn, group_id)
            return conn.execute(select(ST.c.key, ST.c.value).where(ST.c.group_id == int(group_id)).order_by(ST.c.key)).all()

        return {r.key: r.value for r in self._read(read)}

    # --- findings -------------------------------------------------------------------------------
    @staticmethod
    def _findings_query():
        return select(F, G.c.name.label("group_name")).join(G, G.c.id == F.c.group_id)

    @staticmethod
    def _finding_from(row) -> Finding:
        return Finding(row.id, row.session_code, row.group_id, row.group_name, row.question, row.text, row.status,
                       row.evidence, row.continued_from, row.posted_at)

    def _finding_row(self, conn: Connection, finding_id):
        row = None
        if is_whole(finding_id):
            row = conn.execute(self._findings_query().where(F.c.id == int(finding_id))).first()
        if row is None:
            raise FindingNotFound("We can't find that finding; it may have been deleted.")
        return row

    def post_finding(self, group_id: int, question: str, text: str, continued_from: int | None = None) -> Finding:
        """Share a finding with the class (optionally continuing from another finding in the same class)."""
        text = _text(text, empty="Please write what you found before sharing it.", most=MAX_FINDING,
                     too_long="That's {n} characters: please keep a finding to {most} or fewer.")
        question = _text(question, empty="", least=0, most=MAX_QUESTION, too_long="A question is at most {most} characters.")

        def post(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            if continued_from is not None:
                source = None
                if is_whole(continued_from):
                    source = conn.execute(select(F.c.session_code).where(F.c.id == int(continued_from))).first()
                if source is None or source.session_code != group.session_code:
                    raise RefusedInput("You can only continue from a finding shared in your own class.")
            now = utcnow()
            new_id = conn.execute(F.insert().returning(F.c.id).values(
                session_code=group.session_code, group_id=group.id, question=question, text=text, status="new",
                evidence="", continued_from=None if continued_from is None else int(continued_from), revision=1,
                posted_at=now, updated_at=now)).scalar_one()
            return self._finding_row(conn, new_id)

        return self._finding_from(self._write(post))

    def update_finding_text(self, finding_id: int, group_id: int, text: str) -> Finding:
        """A group rewrites its own finding. A changed finding goes back to "new": the class sorted the old words."""
        text = _text(text, empty="Please write what you found before sharing it.", most=MAX_FINDING,
                     too_long="That's {n} characters: please keep a finding to {most} or fewer.")

        def change(conn):
            row = self._finding_row(conn, finding_id)
            if not is_whole(group_id) or row.group_id != int(group_id):
                raise NotYours("Only the group that shared this finding can change it.")
            self._open_for_changes(self._group_row(conn, group_id))
            if row.text != text:
                conn.execute(update(F).where(F.c.id == row.id).values(
                    text=text, status="new", revision=F.c.revision + 1, updated_at=utcnow()))
            return self._finding_row(conn, row.id)

        return self._finding_from(self._write(change))

    def findings(self, code) -> list[Finding]:
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return conn.execute(self._findings_query().where(F.c.session_code == code).order_by(F.c.id)).all()

        return [self._finding_from(r) for r in self._read(read)]

    def finding(self, finding_id: int) -> Finding:
        """One finding by id (an addition)."""
        return self._finding_from(self._read(lambda conn: self._finding_row(conn, finding_id)))

    def sort_finding(self, finding_id: int, status: str, evidence: str = "") -> Finding:
        """The teacher, with the class, sorts a finding: new, agreed (with evidence), check, or off_question.

        Allowed after the session ended: a class often sorts its findings in the next lesson.
        """
        if status not in STATUSES:
            raise RefusedInput("Please sort a finding as agreed, check, off our question, or new.")
        evidence = _text(evidence, empty="", least=0, most=MAX_EVIDENCE,
                         too_long="Please keep the evidence to {most} characters or fewer.")

        def sort(conn):
            row = self._finding_row(conn, finding_id)
            conn.execute(update(F).where(F.c.id == row.id).values(
                status=status, evidence=evidence, revision=F.c.revision + 1, updated_at=utcnow()))
            return self._finding_row(conn, row.id)

        return self._finding_from(self._write(sort))

    def continuations(self, finding_id: int) -> list[Finding]:
        """Findings that continued from this one (the link shows on both sides)."""
        def read(conn):
            row = self._finding_row(conn, finding_id)
            return conn.execute(self._findings_query().where(F.c.continued_from == row.id).order_by(F.c.id)).all()

        return [self._finding_from(r) for r in self._read(read)]

    # --- the class board ------------------------------------------------------------------------
    def _counts(self, conn: Connection, where, categories, session_categories, count_practice=False) -> pd.DataFrame:
        practice = {r.name for r in conn.execute(select(G.c.name).where(where, G.c.practice == True))}  # noqa: E712
        rows = conn.execute(
            select(G.c.id, G.c.name, C.c.id, C.c.tube, C.c.category, C.c.op, C.c.value)
            .select_from(G.outerjoin(C, C.c.group_id == G.c.id)).where(where).order_by(G.c.id, C.c.id)
        ).all()
        if categories is not None:
            names = list(_category_names(categories))
        elif session_categories:
            names = list(session_categories)
        else:  # nothing said what the class counts: the categories its changes name, in the order first saved
            first: dict[str, int] = {}
            for _, _, change_id, _, category, op, _ in rows:
                if change_id is not None and op in ("add", "take", "set") and change_id < first.get(category, change_id + 1):
                    first[category] = change_id
            names = sorted(first, key=first.__getitem__)
        index = {name: i for i, name in enumerate(names)}
        groups: list[tuple[str, list]] = []
        changes: list = []
        last = None
        for gid, name, change_id, tube, category, op, value in rows:  # one group's rows follow each other
            if gid != last:
                last, changes = gid, []
                groups.append((name, changes))
            if change_id is not None:
                changes.append((tube, category, op, value))
        return _counts_frame([(name, replay(changes, index)) for name, changes in groups], names, practice,
                             count_practice)

    def class_counts(self, code, categories=None) -> pd.DataFrame:
        """Every group's current counts (group, tube from 1, category, count), read in one query and replayed.

        `categories` (optional, an addition) overrides the session's; tubes with nothing counted are kept.
        Column `practice` marks a group's made-up practice data; `attrs["count_practice"]` is the teacher's
        choice whether it counts (`classlab.board.pool` follows it).
        """
        code = _code(code)

        def read(conn):
            session = self._session_row(conn, code)
            return self._counts(conn, G.c.session_code == code, categories, session.categories, session.count_practice)

        return self._read(read)

    def group_counts(self, group_id: int, categories=None) -> pd.DataFrame:
        """One group's current counts, in the same columns as `class_counts`."""
        def read(conn):
            group = self._group_row(conn, group_id)
            return self._counts(conn, G.c.id == group.id, categories, group.categories)

        return self._read(read)

    def last_change_id(self, code) -> int:
        """The newest tally change in a class (0 if none): cheap, for a board to poll."""
        code = _code(code)
        return self._read(lambda conn: conn.execute(
            select(func.max(C.c.id)).where(C.c.session_code == code)).scalar()) or 0

    def activity(self, code) -> tuple:
        """A mark that changes whenever anything in the class changes (tallies, groups, state, findings,
        sorting, ending, practice marks and whether practice counts). An addition: compare it for equality between polls; one small query."""
        code = _code(code)
        groups = select(G.c.id).where(G.c.session_code == code).scalar_subquery()
        stmt = select(
            select(func.coalesce(func.max(C.c.id), 0)).where(C.c.session_code == code).scalar_subquery(),
            select(func.count()).select_from(G).where(G.c.session_code == code).scalar_subquery(),
            select(func.count()).select_from(F).where(F.c.session_code == code).scalar_subquery(),
            select(func.coalesce(func.sum(F.c.revision), 0)).where(F.c.session_code == code).scalar_subquery(),
            select(func.count()).select_from(ST).where(ST.c.group_id.in_(groups)).scalar_subquery(),
            select(func.coalesce(func.sum(ST.c.revision), 0)).where(ST.c.group_id.in_(groups)).scalar_subquery(),
            select(S.c.ended_at).where(S.c.code == code).scalar_subquery(),
            # practice marks and the teacher's choice about them change what the class's data holds
            select(func.coalesce(func.sum(case((G.c.practice == True, G.c.id), else_=0)), 0))  # noqa: E712
            .where(G.c.session_code == code).scalar_subquery(),
            select(S.c.count_practice).where(S.c.code == code).scalar_subquery(),
        )
        return tuple(self._read(lambda conn: conn.execute(stmt).one()))

    # --- export and backup -----------------------------------------------------------------------
    def _export_tables(self, code) -> dict[str, pd.DataFrame]:
        code = _code(code)
        counts = self.class_counts(code)
        # Practice data is never exported as if it had been counted: every row of it says so.
        counts["practice"] = np.where(counts["practice"].to_numpy(dtype=bool), "practice", "")
        found = self.findings(code)
        findings = pd.DataFrame({
            "id": [f.id for f in found],
            "group": [f.group_name for f in found],
            "question": [f.question for f in found],
            "finding": [f.text for f in found],
            "status": [STATUS_WORDS.get(f.status, f.status) for f in found],  # the words the class saw
            "agreed": ["yes" if f.agreed else "" for f in found],
            "evidence": [f.evidence for f in found],
            "continued_from": [f.continued_from if f.continued_from is not None else "" for f in found],
            "posted": [_when(f.posted_at) for f in found],
        }, columns=["id", "group", "question", "finding", "status", "agreed", "evidence", "continued_from", "posted"])

        def group_rows(conn):
            n_changes = select(C.c.group_id, func.count().label("n")).where(C.c.session_code == code).group_by(C.c.group_id).subquery()
            n_findings = select(F.c.group_id, func.count().label("n")).where(F.c.session_code == code).group_by(F.c.group_id).subquery()
            return conn.execute(
                select(G.c.id, G.c.name, G.c.joined_at, G.c.practice, func.coalesce(n_changes.c.n, 0).label("changes"),
                       func.coalesce(n_findings.c.n, 0).label("findings"))
                .outerjoin(n_changes, n_changes.c.group_id == G.c.id).outerjoin(n_findings, n_findings.c.group_id == G.c.id)
                .where(G.c.session_code == code).order_by(G.c.id)
            ).all()

        rows = self._read(group_rows)
        tubes = counts.groupby("group", sort=False)["tube"].max() if len(counts) else pd.Series(dtype="int64")
        groups = pd.DataFrame({
            "group": [r.name for r in rows],
            "joined": [_when(r.joined_at) for r in rows],
            "tubes": [int(tubes.get(r.name, 1)) for r in rows],
            "changes": [int(r.changes) for r in rows],
            "findings": [int(r.findings) for r in rows],
            "practice": ["practice" if r.practice else "" for r in rows],
        }, columns=["group", "joined", "tubes", "changes", "findings", "practice"])
        agreed = findings[findings["agreed"] == "yes"][["id", "group", "question", "finding", "evidence"]]
        return {"Counts": counts, "Findings": findings, "Agreed": agreed, "Groups": groups}

    def export_csv(self, code, folder) -> list[Path]:
        """counts.csv, findings.csv (agreed ones flagged) and groups.csv in `folder` (UTF-8 that Excel reads)."""
        tables = self._export_tables(code)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, sheet in (("counts.csv", "Counts"), ("findings.csv", "Findings"), ("groups.csv", "Groups")):
            frame = tables[sheet]
            path = folder / name
            with open(path, "w", newline="", encoding="utf-8-sig") as out:
                writer = csv.writer(out)
                writer.writerow(frame.columns)
                for row in frame.itertuples(index=False):
                    writer.writerow([_safe_cell(v) for v in row])
            written.append(path)
        return written

    def export_excel(self, code, path) -> Path:
        """One workbook: sheets Counts, Findings, Agreed and Groups. Pupils' text is always text, never a formula."""
        from openpyxl import Workbook
        from classlab.io import append_as_text
        from openpyxl.styles import Font

        tables = self._export_tables(code)
        path = Path(path)
        if path.is_dir():
            path = path / f"classlab-{_code(code)}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        book = Workbook()
        book.remove(book.active)
        for title, frame in tables.items():
            sheet = book.create_sheet(title)
            sheet.append(list(frame.columns))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for values in frame.itertuples(index=False):
                append_as_text(sheet, values)  # "=..." typed by a pupil stays words
            sheet.freeze_panes = "A2"
            for column, name in zip(sheet.columns, frame.columns):
                widest = max([len(str(name))] + [len(str(c.value or "")) for c in column[:200]])
                sheet.column_dimensions[column[0].column_letter].width = min(60, widest + 2)
        book.save(path)
        return path

    def backup(self, path) -> Path:
        """A consistent copy of a live SQLite store, made with SQLite's backup API (never a file copy)."""
        if not self._sqlite:
            raise BackupNotPossible(
                "This class store is on a PostgreSQL server: back it up there with pg_dump "
                "(for example: pg_dump -Fc classlab > classlab.dump).")
        path = Path(path)
        if path.is_dir():
            path = path / f"classlab-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        database = self._engine.url.database
        if database and database != ":memory:" and path.resolve() == Path(database).resolve():
            raise BackupNotPossible("Please choose another file for the backup: that is the store itself.")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        raw = self._engine.raw_connection()
        try:
            target = sqlite3.connect(partial)
            try:
                raw.driver_connection.backup(target)
            finally:
                target.close()
        finally:
            raw.close()
        os.replace(partial, path)  # a backup cut short never sits under the real name
        return path
