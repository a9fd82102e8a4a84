"""Pupils' voice: a group's own question, its self check of its chart, feedback between groups (two stars
and a wish, answers to findings; released or hidden by the teacher) and its reflection at the end.

New tables only: nothing saved before changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
PER_GROUP = ("group_questions", "self_checks", "reflections")


def _group_and_class(table: str) -> list:
    """The columns and keys of a table with one row per group: it goes with its group and its class."""
    return [
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("session_code", sa.String(6), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE", name=op.f(f"fk_{table}_group_id_groups")),
        sa.ForeignKeyConstraint(["session_code"], ["class_sessions.code"], ondelete="CASCADE",
                                name=op.f(f"fk_{table}_session_code_class_sessions")),
        sa.PrimaryKeyConstraint("group_id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "group_questions", *_group_and_class("group_questions"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("from_lab", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("saved_at", WHEN, nullable=False),
    )
    op.create_table(
        "self_checks", *_group_and_class("self_checks"),
        sa.Column("ticks", sa.JSON(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False, server_default=""),
        sa.Column("saved_at", WHEN, nullable=False),
    )
    op.create_table(
        "reflections", *_group_and_class("reflections"),
        sa.Column("found", sa.Text(), nullable=False, server_default=""),
        sa.Column("surprised", sa.Text(), nullable=False, server_default=""),
        sa.Column("next_time", sa.Text(), nullable=False, server_default=""),
        sa.Column("helped", sa.Text(), nullable=False, server_default=""),
        sa.Column("saved_at", WHEN, nullable=False),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_code", sa.String(6), nullable=False),
        sa.Column("from_group_id", sa.Integer(), nullable=False),
        sa.Column("to_group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("star_1", sa.Text(), nullable=False, server_default=""),
        sa.Column("star_2", sa.Text(), nullable=False, server_default=""),
        sa.Column("wish", sa.Text(), nullable=False, server_default=""),
        sa.Column("stance", sa.String(10), nullable=False, server_default=""),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("released_at", WHEN, nullable=True),
        sa.Column("given_at", WHEN, nullable=False),
        sa.CheckConstraint("kind IN ('stars', 'answer')", name=op.f("ck_feedback_kind")),
        sa.CheckConstraint("stance IN ('', 'agree', 'disagree', 'not sure')", name=op.f("ck_feedback_stance")),
        sa.ForeignKeyConstraint(["session_code"], ["class_sessions.code"], ondelete="CASCADE",
                                name=op.f("fk_feedback_session_code_class_sessions")),
        sa.ForeignKeyConstraint(["from_group_id"], ["groups.id"], ondelete="CASCADE",
                                name=op.f("fk_feedback_from_group_id_groups")),
        sa.ForeignKeyConstraint(["to_group_id"], ["groups.id"], ondelete="CASCADE", name=op.f("fk_feedback_to_group_id_groups")),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"], ondelete="CASCADE",
                                name=op.f("fk_feedback_finding_id_findings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    for table in (*PER_GROUP, "feedback"):
        op.create_index(op.f(f"ix_{table}_session_code"), table, ["session_code"])
    op.create_index(op.f("ix_feedback_from_group_id"), "feedback", ["from_group_id"])
    op.create_index(op.f("ix_feedback_to_group_id"), "feedback", ["to_group_id"])


def downgrade() -> None:
    for table in ("feedback", *PER_GROUP):
        op.drop_table(table)
