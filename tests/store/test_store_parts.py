"""The store is split by job; everything it offered under its old names still works."""
import classlab.store as store_package
from classlab.store import ClassStore, api


def test_every_public_name_of_the_store_is_still_importable():
    for name in store_package.__all__ + ["MIGRATIONS", "CODE_ALPHABET"]:
        assert hasattr(api, name), name


def test_one_class_store_does_every_job():
    for method in ("start_session", "join", "record_many", "replay_into", "post_finding", "class_counts",
                   "export_excel", "backup", "schema_revision"):
        assert callable(getattr(ClassStore, method)), method
