"""Two stars and a wish from the whole class: given on the board's spotlight, so it comes from no one group.

`feedback.from_group_id` may be empty (NULL): the class, with the teacher writing. Going back to 0006 removes
that feedback, which the older store has no way to hold.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.alter_column("from_group_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM feedback WHERE from_group_id IS NULL")
    with op.batch_alter_table("feedback") as batch:
        batch.alter_column("from_group_id", existing_type=sa.Integer(), nullable=False)
