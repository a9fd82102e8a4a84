"""Tallies, kept as the changes groups made and replayed by the book's own rules."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from ..counts import is_whole
from ..tally import TallyBook, TallyChange, replay
from .checks import _as_categories, _check_change
from .models import CHANGES, utcnow


class Tallies:
    """Tallies, kept as the changes groups made and replayed by the book's own rules."""

    def record(self, group_id: int, change: TallyChange) -> int:
        """Save one tally change for a group; returns its id (ids only grow)."""
        return self.record_many(group_id, [change])[0]

    def record_many(self, group_id: int, changes: Iterable[TallyChange]) -> list[int]:
        """Save several changes in one go, all or none (an addition: a page catching up after a failed save)."""
        changes = list(changes)

        def save(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            allowed = tuple(group.categories) if group.categories else None
            rows = [_check_change(c, allowed) for c in changes]
            self._lock_class(conn, group.session_code)
            now = utcnow()
            for row in rows:
                row.update(group_id=group.id, session_code=group.session_code, saved_at=now)
            result = conn.execute(CHANGES.insert().returning(CHANGES.c.id, sort_by_parameter_order=True), rows)
            return [r.id for r in result]

        if not changes:
            return []
        return self._write(save)

    def changes(self, group_id: int, after: int = 0) -> list[tuple[int, TallyChange]]:
        """A group's changes with an id above `after`, in the order they were saved."""
        after = int(after) if is_whole(after) else 0

        def read(conn):
            self._group_row(conn, group_id)
            return conn.execute(
                select(CHANGES.c.id, CHANGES.c.sample, CHANGES.c.category, CHANGES.c.op, CHANGES.c.value)
                .where(CHANGES.c.group_id == int(group_id), CHANGES.c.id > after).order_by(CHANGES.c.id)
            ).all()

        return [(r.id, TallyChange(r.sample, r.category, r.op, r.value)) for r in self._read(read)]

    def tally_book(self, group_id: int, categories, **book_kwargs) -> TallyBook:
        """A fresh TallyBook holding everything the group has counted (on every device)."""
        book = TallyBook(_as_categories(categories), **book_kwargs)
        self.replay_into(book, self.changes(group_id))
        return book

    @staticmethod
    def replay_into(book: TallyBook, changes: Iterable) -> None:
        """Apply saved changes to a book by its own rules (`classlab.tally.replay`): tubes appear as needed,
        a change that no longer fits is skipped.

        Takes (id, change) pairs or bare changes. The tube the pupils are looking at stays put (unless a
        clear took it away). Nothing is passed on to the book's listeners: these changes are saved already.
        """
        rows = [(c.sample, c.category, c.op, c.value) for c in (i[1] if isinstance(i, tuple) else i for i in changes)]
        if rows:
            index = {name: i for i, name in enumerate(book.categories.names)}
            book.replace_counts(replay(rows, index, book.limit, counts=[list(row) for row in book.matrix().tolist()]))
