"""The engine says "sample", not the Smarties word "tube": columns, the new-sample change and saved choices.

A class saved before keeps every count: `changes.tube` and `groups.tube` become `sample`, the change
"new_tube" becomes "new_sample" (the op column grows to hold it), and the saved chart choice `tube` and
prediction `tubes` become `sample` and `samples`, so a refreshed page shows exactly what it showed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: Saved choices whose key changes: (state key, old name, new name).
RENAMED_CHOICES = [("chart", "tube", "sample"), ("prediction", "tubes", "samples")]


def _rename_choices(old: str, new: str, pairs) -> None:
    """Rename keys inside saved JSON choices (chart, prediction), one row at a time: any database, any size."""
    state = sa.table("group_state", sa.column("group_id"), sa.column("key"), sa.column("value", sa.JSON))
    conn = op.get_bind()
    for key, was, becomes in pairs:
        was, becomes = (was, becomes) if old == "old" else (becomes, was)
        rows = conn.execute(sa.select(state.c.group_id, state.c.value).where(state.c.key == key)).all()
        for group_id, value in rows:
            if isinstance(value, dict) and was in value:
                value = {becomes if k == was else k: v for k, v in value.items()}
                conn.execute(state.update().where(state.c.group_id == group_id, state.c.key == key).values(value=value))


def _rename(was: str, becomes: str, op_was: str, op_becomes: str) -> None:
    changes = sa.table("changes", sa.column("op", sa.String))
    with op.batch_alter_table("changes") as batch:
        batch.drop_constraint(op.f("ck_changes_op"), type_="check")
        batch.drop_constraint(op.f(f"ck_changes_{was}"), type_="check")
        batch.alter_column("op", existing_type=sa.String(8 if op_was == "new_tube" else 12), type_=sa.String(12),
                           existing_nullable=False)
        batch.alter_column(was, new_column_name=becomes, existing_type=sa.Integer(), existing_nullable=False)
    op.execute(changes.update().where(changes.c.op == op_was).values(op=op_becomes))
    with op.batch_alter_table("changes") as batch:
        if op_becomes == "new_tube":
            batch.alter_column("op", existing_type=sa.String(12), type_=sa.String(8), existing_nullable=False)
        batch.create_check_constraint(op.f("ck_changes_op"), f"op IN ('add', 'take', 'set', '{op_becomes}', 'clear')")
        batch.create_check_constraint(op.f(f"ck_changes_{becomes}"), f"{becomes} >= 0 AND {becomes} < 10000")
    with op.batch_alter_table("groups") as batch:
        batch.alter_column(was, new_column_name=becomes, existing_type=sa.Integer(), existing_nullable=False,
                           existing_server_default="0")


def upgrade() -> None:
    _rename("tube", "sample", "new_tube", "new_sample")
    _rename_choices("old", "new", RENAMED_CHOICES)


def downgrade() -> None:
    _rename_choices("new", "old", RENAMED_CHOICES)
    _rename("sample", "tube", "new_sample", "new_tube")
