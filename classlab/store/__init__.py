"""The class store: one place for every group's work in a class session (SQLite by default, or PostgreSQL).

Engine code only: nothing here imports ipywidgets or bqplot.
"""
from .api import (
    BackupNotPossible, ClassEnded, ClassNotFound, ClassSession, ClassStore, Finding, FindingNotFound, Group,
    GroupNotFound, GroupStatus, NotYours, RefusedInput, StoreBusy, StoreError, StoreTooNew, StoreUnavailable, default_url, migrate,
)

__all__ = [
    "BackupNotPossible", "ClassEnded", "ClassNotFound", "ClassSession", "ClassStore", "Finding", "FindingNotFound",
    "Group", "GroupNotFound", "GroupStatus", "NotYours", "RefusedInput", "StoreBusy", "StoreError", "StoreTooNew", "StoreUnavailable",
    "default_url", "migrate",
]
