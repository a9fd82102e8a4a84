"""Alembic environment: ClassStore hands over its own connection, inside a transaction it holds.

So two kernels opening a new store at the same moment take turns (SQLite: BEGIN IMMEDIATE;
PostgreSQL: an advisory lock), and a failed upgrade rolls back to the store as it was.
"""
from alembic import context

from classlab.store.models import METADATA

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through classlab.store.migrate(url) or ClassStore(url).")

context.configure(
    connection=connection,
    target_metadata=METADATA,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by rebuilding it
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
