"""Findings: a group can continue from another group's finding; the teacher adds evidence.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("evidence", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("continued_from", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_findings_continued_from_findings"), "findings", ["continued_from"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index(op.f("ix_findings_continued_from"), ["continued_from"])


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_continued_from")
        batch.drop_constraint("fk_findings_continued_from_findings", type_="foreignkey")
        batch.drop_column("continued_from")
        batch.drop_column("evidence")
