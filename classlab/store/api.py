"""The class store: every group's tallies, choices and findings in one place the whole class shares.

One SQLite file by default (no set-up; in a data folder outside anything a web server serves) or a
PostgreSQL server given by a database URL. Tallies are kept as the changes groups made, so two
devices of one group add up instead of overwriting each other; everything a page sends is checked
(`checks`), because widget state from a browser is untrusted input. Messages in `StoreError`s
(`errors`) are written for pupils and teachers.

`ClassStore` is assembled here from one part per job: `engine` (where the store lives, migrations,
transactions), `sessions`, `groups`, `tallies`, `findings`, `voice` (pupils' voice), `board_queries` and `export`.
"""
from __future__ import annotations

from .board_queries import COUNT_COLUMNS, BoardQueries
from .checks import CODE_ALPHABET, CODE_LENGTH, MAX_CATEGORY, MAX_FINDING, MAX_GROUP_NAME, MAX_SET
from .engine import BUSY_TIMEOUT, MIGRATIONS, StoreEngine, default_url, migrate
from .errors import (
    BackupNotPossible, ClassEnded, ClassNotFound, FindingNotFound, GroupNotFound, NotYours, RefusedInput, StoreBusy,
    StoreError, StoreTooNew, StoreUnavailable,
)
from .export import Export
from .findings import Findings
from .groups import Groups
from .records import ClassSession, Finding, Group, GroupStatus
from .sessions import ClassSessions
from .tallies import Tallies
from .voice import Feedback, OwnQuestion, PupilVoice, Reflection, SelfCheck

__all__ = [
    "BUSY_TIMEOUT", "CODE_ALPHABET", "CODE_LENGTH", "COUNT_COLUMNS", "MAX_CATEGORY", "MAX_FINDING", "MAX_GROUP_NAME",
    "MAX_SET", "MIGRATIONS", "BackupNotPossible", "ClassEnded", "ClassNotFound", "ClassSession", "ClassStore", "Finding",
    "FindingNotFound", "Group", "GroupNotFound", "GroupStatus", "NotYours", "RefusedInput", "StoreBusy", "StoreError",
    "StoreTooNew", "StoreUnavailable", "default_url", "migrate", "Feedback", "OwnQuestion", "Reflection", "SelfCheck",
]


class ClassStore(ClassSessions, Groups, Tallies, Findings, PupilVoice, BoardQueries, Export, StoreEngine):
    """One class store (SQLite file or PostgreSQL database), opened and upgraded to the current schema."""
