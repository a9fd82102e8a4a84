"""The class store's tables (SQLAlchemy Core: the store writes its own queries, so no ORM is loaded into a kernel).

A tally is kept as the changes a group made, never as a whole table, so two devices of one group
add up instead of overwriting each other. The schema itself is versioned by the migrations in
`classlab/store/migrations/versions`; a test checks that they build exactly these tables.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON, BigInteger, Boolean, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table,
    Text, TypeDecorator, UniqueConstraint,
)
from sqlalchemy import false

from ..tally import MAX_SAMPLES

#: Constraint names are fixed, so a migration can name the constraint it changes on every database.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

OPS = ("add", "take", "set", "new_sample", "clear")
STATUSES = ("new", "agreed", "check", "off_question")
# Change ids only ever grow, even after a class is deleted (SQLite: AUTOINCREMENT), so "changes
# after id N" never misses one.
ID = BigInteger().with_variant(Integer, "sqlite")


class UTCDateTime(TypeDecorator):
    """A moment in UTC, always returned timezone-aware (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


#: Every table, with fixed constraint names (the migrations build exactly these: tests/store/test_store_migrations.py).
METADATA = MetaData(naming_convention=NAMING)


def _col(name, type_=None, *args, nullable=False, **kwargs) -> Column:
    """A column that must hold a value unless it says otherwise (as the migrations made them)."""
    return Column(name, *((type_,) if type_ is not None else ()), *args, nullable=nullable, **kwargs)


def _to(target: str, ondelete: str = "CASCADE") -> ForeignKey:
    return ForeignKey(target, ondelete=ondelete)


#: A class session the teacher started; pupils join it with its short code.
SESSIONS = Table(
    "class_sessions", METADATA,
    _col("code", String(6), primary_key=True),
    _col("lab", String(80)),
    _col("title", String(200), default=""),
    _col("categories", JSON, nullable=True),
    _col("started_at", UTCDateTime),
    _col("ended_at", UTCDateTime, nullable=True),
    # Revision 0003: whether groups' practice data goes into the class's data (the teacher's choice).
    _col("count_practice", Boolean, default=False, server_default=false()),
    # Revision 0006: the language the class speaks ("cy"); empty: the server's (CLASSLAB_LANGUAGE).
    _col("language", String(16), nullable=True),
)

#: A group of pupils under a name they chose (never a pupil's own name).
GROUPS = Table(
    "groups", METADATA,
    _col("id", Integer, primary_key=True),
    _col("session_code", String(6), _to("class_sessions.code"), index=True),
    _col("name", String(40)),
    # The name as compared (NFC, case-folded, spaces collapsed): "The Reds" on a second device is
    # the same group as "the reds". Case folding can lengthen a name (ß -> ss), hence 160.
    _col("name_key", String(160)),
    _col("joined_at", UTCDateTime),
    # Revision 0003: the group's counts are made-up practice data (never pooled unless the teacher says),
    # and the sample (0-based) the group is counting, so a refresh or another device goes to it.
    _col("practice", Boolean, default=False, server_default=false()),
    _col("sample", Integer, default=0, server_default="0"),
    UniqueConstraint("session_code", "name_key"),
)

#: One tally change (add one, take one, set to N, a new sample, clear) made by one group.
CHANGES = Table(
    "changes", METADATA,
    _col("id", ID, primary_key=True, autoincrement=True),
    _col("group_id", None, _to("groups.id")),
    # Copied from the group when saved, so the class board reads a whole class with one index.
    _col("session_code", String(6), _to("class_sessions.code")),
    # Revision 0004: the engine's word "sample" (it was "tube", the Smarties word), and room for "new_sample".
    _col("sample", Integer),
    _col("category", String(60)),
    _col("op", String(12)),
    _col("value", Integer),
    _col("saved_at", UTCDateTime),
    CheckConstraint("op IN ('add', 'take', 'set', 'new_sample', 'clear')", name="op"),
    CheckConstraint(f"sample >= 0 AND sample < {MAX_SAMPLES}", name="sample"),  # the tally book's own limit
    CheckConstraint("value >= 0 AND value <= 1000", name="value"),
    Index("ix_changes_group_id_id", "group_id", "id"),
    Index("ix_changes_session_code_id", "session_code", "id"),
    sqlite_autoincrement=True,
)

#: A group's other small work (chart choices, prediction): one JSON object per key.
STATES = Table(
    "group_state", METADATA,
    _col("group_id", None, _to("groups.id"), primary_key=True),
    _col("key", String(60), primary_key=True),
    _col("value", JSON),
    _col("revision", Integer, default=1),
    _col("saved_at", UTCDateTime),
)

#: Something a group found, in its own words, for the class to sort into agreed knowledge.
FINDINGS = Table(
    "findings", METADATA,
    _col("id", Integer, primary_key=True),
    _col("session_code", String(6), _to("class_sessions.code"), index=True),
    _col("group_id", None, _to("groups.id"), index=True),
    _col("question", Text),
    _col("text", Text),
    _col("status", String(20), default="new"),
    # Revision 0002: a group can continue from another group's finding; the teacher adds evidence.
    _col("evidence", Text, default="", server_default=""),
    _col("continued_from", None, _to("findings.id", ondelete="SET NULL"), nullable=True, index=True),
    _col("revision", Integer, default=1),
    _col("posted_at", UTCDateTime),
    _col("updated_at", UTCDateTime),
    CheckConstraint("status IN ('new', 'agreed', 'check', 'off_question')", name="status"),
)


def _one_per_group(name: str, *columns: Column) -> Table:
    """A table holding one row of a group's own work (its question, its self check, its looking back)."""
    return Table(
        name, METADATA,
        _col("group_id", None, _to("groups.id"), primary_key=True),
        _col("session_code", String(6), _to("class_sessions.code"), index=True),
        *columns,
        _col("saved_at", UTCDateTime),
    )


# --- Revision 0005: pupils' voice (their own question, self check, feedback between groups, looking back) ---
#: The question a group chose to find out about: one of the lab's, or its own words.
QUESTIONS = _one_per_group(
    "group_questions",
    _col("text", Text),
    _col("from_lab", Boolean, default=False, server_default=false()),
)

#: A group's own ticks on "What makes a good chart work well?" and one sentence why.
SELF_CHECKS = _one_per_group(
    "self_checks",
    _col("ticks", JSON),
    _col("why", Text, default="", server_default=""),
)

#: Feedback one group gave another: two stars and a wish on its chart, or an answer to one of its findings.
#: The teacher sees it first: a group sees it once the teacher has released it, and never once hidden.
FEEDBACK = Table(
    "feedback", METADATA,
    _col("id", Integer, primary_key=True),
    _col("session_code", String(6), _to("class_sessions.code"), index=True),
    _col("from_group_id", None, _to("groups.id"), index=True, nullable=True),  # empty: the whole class (0007)
    _col("to_group_id", None, _to("groups.id"), index=True),
    _col("kind", String(10)),
    _col("finding_id", None, _to("findings.id"), nullable=True),
    _col("star_1", Text, default="", server_default=""),
    _col("star_2", Text, default="", server_default=""),
    _col("wish", Text, default="", server_default=""),
    _col("stance", String(10), default="", server_default=""),
    _col("reason", Text, default="", server_default=""),
    _col("hidden", Boolean, default=False, server_default=false()),
    _col("released_at", UTCDateTime, nullable=True),
    _col("given_at", UTCDateTime),
    CheckConstraint("kind IN ('stars', 'answer')", name="kind"),
    CheckConstraint("stance IN ('', 'agree', 'disagree', 'not sure')", name="stance"),
)

#: A group looking back at the end: what it found, what surprised it, what next, what helped it learn.
REFLECTIONS = _one_per_group(
    "reflections",
    *(_col(answer, Text, default="", server_default="") for answer in ("found", "surprised", "next_time", "helped")),
)
