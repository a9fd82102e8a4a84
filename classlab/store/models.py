"""The class store's tables (SQLAlchemy 2 declarative).

A tally is kept as the changes a group made, never as a whole table, so two devices of one group
add up instead of overwriting each other. The schema itself is versioned by the migrations in
`classlab/store/migrations/versions`; a test checks that they build exactly these tables.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON, BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, MetaData, String, Text,
    TypeDecorator, UniqueConstraint,
)
from sqlalchemy import false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SessionRow(Base):
    """A class session the teacher started; pupils join it with its short code."""

    __tablename__ = "class_sessions"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    lab: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200), default="")
    categories: Mapped[list | None] = mapped_column(JSON, nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Revision 0003: whether groups' practice data goes into the class's data (the teacher's choice).
    count_practice: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class GroupRow(Base):
    """A group of pupils under a name they chose (never a pupil's own name)."""

    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("session_code", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_code: Mapped[str] = mapped_column(
        String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    # The name as compared (NFC, case-folded, spaces collapsed): "The Reds" on a second device is
    # the same group as "the reds". Case folding can lengthen a name (ß -> ss), hence 160.
    name_key: Mapped[str] = mapped_column(String(160))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Revision 0003: the group's counts are made-up practice data (never pooled unless the teacher says),
    # and the sample (0-based) the group is counting, so a refresh or another device goes to it.
    practice: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sample: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ChangeRow(Base):
    """One tally change (add one, take one, set to N, a new sample, clear) made by one group."""

    __tablename__ = "changes"
    __table_args__ = (
        CheckConstraint("op IN ('add', 'take', 'set', 'new_sample', 'clear')", name="op"),
        CheckConstraint("sample >= 0 AND sample < 10000", name="sample"),
        CheckConstraint("value >= 0 AND value <= 1000", name="value"),
        Index("ix_changes_group_id_id", "group_id", "id"),
        Index("ix_changes_session_code_id", "session_code", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    # Copied from the group when saved, so the class board reads a whole class with one index.
    session_code: Mapped[str] = mapped_column(String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"))
    # Revision 0004: the engine's word "sample" (it was "tube", the Smarties word), and room for "new_sample".
    sample: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(60))
    op: Mapped[str] = mapped_column(String(12))
    value: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StateRow(Base):
    """A group's other small work (chart choices, prediction): one JSON object per key."""

    __tablename__ = "group_state"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FindingRow(Base):
    """Something a group found, in its own words, for the class to sort into agreed knowledge."""

    __tablename__ = "findings"
    __table_args__ = (
        CheckConstraint("status IN ('new', 'agreed', 'check', 'off_question')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_code: Mapped[str] = mapped_column(
        String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="new")
    # Revision 0002: a group can continue from another group's finding; the teacher adds evidence.
    evidence: Mapped[str] = mapped_column(Text, default="", server_default="")
    continued_from: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL"), nullable=True, index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


#: The tables by name, for queries written with SQLAlchemy Core.
SESSIONS, GROUPS, CHANGES, STATES, FINDINGS = (m.__table__ for m in (SessionRow, GroupRow, ChangeRow, StateRow, FindingRow))


# --- Revision 0005: pupils' voice (their own question, self check, feedback between groups, looking back) ---
class QuestionRow(Base):
    """The question a group chose to find out about: one of the lab's, or its own words."""

    __tablename__ = "group_questions"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    session_code: Mapped[str] = mapped_column(
        String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    from_lab: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SelfCheckRow(Base):
    """A group's own ticks on "What makes a good chart work well?" and one sentence why."""

    __tablename__ = "self_checks"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    session_code: Mapped[str] = mapped_column(
        String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"), index=True)
    ticks: Mapped[dict] = mapped_column(JSON)
    why: Mapped[str] = mapped_column(Text, default="", server_default="")
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FeedbackRow(Base):
    """Feedback one group gave another: two stars and a wish on its chart, or an answer to one of its findings.

    The teacher sees it first: a group sees it once the teacher has released it, and never once hidden.
    """

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("kind IN ('stars', 'answer')", name="kind"),
        CheckConstraint("stance IN ('', 'agree', 'disagree', 'not sure')", name="stance"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_code: Mapped[str] = mapped_column(
        String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"), index=True)
    from_group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    to_group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), nullable=True)
    star_1: Mapped[str] = mapped_column(Text, default="", server_default="")
    star_2: Mapped[str] = mapped_column(Text, default="", server_default="")
    wish: Mapped[str] = mapped_column(Text, default="", server_default="")
    stance: Mapped[str] = mapped_column(String(10), default="", server_default="")
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReflectionRow(Base):
    """A group looking back at the end: what it found, what surprised it, what next, what helped it learn."""

    __tablename__ = "reflections"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    session_code: Mapped[str] = mapped_column(
        String(6), ForeignKey("class_sessions.code", ondelete="CASCADE"), index=True)
    found: Mapped[str] = mapped_column(Text, default="", server_default="")
    surprised: Mapped[str] = mapped_column(Text, default="", server_default="")
    next_time: Mapped[str] = mapped_column(Text, default="", server_default="")
    helped: Mapped[str] = mapped_column(Text, default="", server_default="")
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


QUESTIONS, SELF_CHECKS, FEEDBACK, REFLECTIONS = (
    m.__table__ for m in (QuestionRow, SelfCheckRow, FeedbackRow, ReflectionRow))
