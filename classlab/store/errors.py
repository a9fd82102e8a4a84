"""Why the store said no: every message is written for a pupil or a teacher."""
from __future__ import annotations


class StoreError(ValueError):
    """Something the class store can't do; the message is short, kind, and meant to be shown."""


class ClassNotFound(StoreError):
    """No class session has that code."""


class GroupNotFound(StoreError):
    """No group has that id (or it was deleted with its class)."""


class FindingNotFound(StoreError):
    """No finding has that id."""


class ClassEnded(StoreError):
    """The teacher ended the class session: no more joining or changes."""


class NotYours(StoreError):
    """A group tried to change another group's work."""


class RefusedInput(StoreError):
    """A value that can't be right (too long, empty, forged); nothing was saved."""


class StoreBusy(StoreError):
    """The store stayed busy for longer than a page should wait; the page keeps the change and retries."""


class StoreUnavailable(StoreError):
    """The store can't be reached (server down, file unreadable); the original error is chained for logs."""


class StoreTooNew(StoreError):
    """The store was made by a newer ClassLab; it is left untouched."""


class BackupNotPossible(StoreError):
    """This store can't be backed up from here (PostgreSQL: use pg_dump)."""
