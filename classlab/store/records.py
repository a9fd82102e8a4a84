"""What the store hands back: plain, frozen records of sessions, groups and findings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ClassSession:
    """A class session: pupils join it with `code`."""

    code: str
    lab: str
    title: str
    started_at: datetime
    ended_at: datetime | None = None
    categories: tuple[str, ...] = ()  # what the class counts, in display order, when the teacher gave it
    count_practice: bool = False  # the teacher lets groups' practice data into the class's data
    language: str | None = None  # the language the class speaks ("cy"); None: the server's

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class Group:
    """A group of pupils, known by the name they chose."""

    id: int
    session_code: str
    name: str
    joined_at: datetime
    practice: bool = False  # its counts are made-up practice data, not counted by the group
    sample: int = 0  # the tube (0-based) the group is counting


@dataclass(frozen=True)
class GroupStatus:
    """What a group's page checks every few seconds, in one small read."""

    practice: bool  # the group's counts are practice data
    sample: int  # the tube the group is counting (0-based)
    ended: bool  # the teacher has ended the class


@dataclass(frozen=True)
class Finding:
    """Something a group found, and where the class has sorted it."""

    id: int
    session_code: str
    group_id: int
    group_name: str
    question: str
    text: str
    status: str
    evidence: str
    continued_from: int | None
    posted_at: datetime

    @property
    def agreed(self) -> bool:
        return self.status == "agreed"
