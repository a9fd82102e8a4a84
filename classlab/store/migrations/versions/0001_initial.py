"""The first class store: sessions, groups, tally changes, group state and findings.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "class_sessions",
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("lab", sa.String(80), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=True),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_class_sessions")),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_code", sa.String(6), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("name_key", sa.String(160), nullable=False),
        sa.Column("joined_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["session_code"], ["class_sessions.code"], ondelete="CASCADE",
                                name=op.f("fk_groups_session_code_class_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("session_code", "name_key", name=op.f("uq_groups_session_code_name_key")),
    )
    op.create_index(op.f("ix_groups_session_code"), "groups", ["session_code"])
    op.create_table(
        "changes",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("session_code", sa.String(6), nullable=False),
        sa.Column("tube", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.CheckConstraint("op IN ('add', 'take', 'set', 'new_tube', 'clear')", name=op.f("ck_changes_op")),
        sa.CheckConstraint("tube >= 0 AND tube < 10000", name=op.f("ck_changes_tube")),
        sa.CheckConstraint("value >= 0 AND value <= 1000", name=op.f("ck_changes_value")),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE", name=op.f("fk_changes_group_id_groups")),
        sa.ForeignKeyConstraint(["session_code"], ["class_sessions.code"], ondelete="CASCADE",
                                name=op.f("fk_changes_session_code_class_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_changes_group_id_id"), "changes", ["group_id", "id"])
    op.create_index(op.f("ix_changes_session_code_id"), "changes", ["session_code", "id"])
    op.create_table(
        "group_state",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE", name=op.f("fk_group_state_group_id_groups")),
        sa.PrimaryKeyConstraint("group_id", "key", name=op.f("pk_group_state")),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_code", sa.String(6), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("posted_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.CheckConstraint("status IN ('new', 'agreed', 'check', 'off_question')", name=op.f("ck_findings_status")),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE", name=op.f("fk_findings_group_id_groups")),
        sa.ForeignKeyConstraint(["session_code"], ["class_sessions.code"], ondelete="CASCADE",
                                name=op.f("fk_findings_session_code_class_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_session_code"), "findings", ["session_code"])
    op.create_index(op.f("ix_findings_group_id"), "findings", ["group_id"])


def downgrade() -> None:
    for table in ("findings", "group_state", "changes", "groups", "class_sessions"):
        op.drop_table(table)
