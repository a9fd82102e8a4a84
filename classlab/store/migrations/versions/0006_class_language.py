"""The language a class speaks: chosen by the teacher on the board; pupils' pages that join follow it.

One new column, empty for every class saved before (those classes speak the server's language).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("class_sessions") as batch:
        batch.add_column(sa.Column("language", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("class_sessions") as batch:
        batch.drop_column("language")
