"""The class store's schema versions (Alembic), run by `ClassStore` itself when it opens a store."""
