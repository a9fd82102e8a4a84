"""Practice data and where a group is: a group's made-up practice data is marked (and the teacher says
whether it counts), and the tube a group is counting is kept so a refresh or another device goes there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        batch.add_column(sa.Column("practice", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("tube", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("class_sessions") as batch:
        batch.add_column(sa.Column("count_practice", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("class_sessions") as batch:
        batch.drop_column("count_practice")
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("tube")
        batch.drop_column("practice")
