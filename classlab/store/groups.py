"""Groups joining a class, their practice marks and the tube they are on, and their other saved work."""
from __future__ import annotations

import json

import numpy as np
from sqlalchemy import Connection, select, update

from ..counts import is_whole
from ..language import _
from ..tally import MAX_SAMPLES
from .checks import MAX_KEY, MAX_STATE_BYTES, _clean, _code, _group_name, _name_key, _pupil_text
from .errors import ClassEnded, GroupNotFound, RefusedInput
from .models import GROUPS, SESSIONS, STATES, utcnow
from .records import ClassSession, Group, GroupStatus


class Groups:
    """Groups joining a class, their practice marks and the tube they are on, and their other saved work."""

    @staticmethod
    def _group_from(row) -> Group:
        return Group(row.id, row.session_code, row.name, row.joined_at, bool(row.practice), int(row.sample))

    @staticmethod
    def _group_row(conn: Connection, group_id):
        if not is_whole(group_id):
            raise GroupNotFound(_("We can't find your group. Please join the class again."))
        row = conn.execute(
            select(GROUPS, SESSIONS.c.ended_at, SESSIONS.c.categories).join(SESSIONS, SESSIONS.c.code == GROUPS.c.session_code).where(GROUPS.c.id == int(group_id))
        ).first()
        if row is None:
            raise GroupNotFound(_("We can't find your group. Please join the class again."))
        return row

    @staticmethod
    def _open_for_changes(row) -> None:
        if row.ended_at is not None:
            raise ClassEnded(_("This class session has ended."))

    def join(self, code, group_name) -> Group:
        """Join a class as a group; the same name again (after a refresh, on another device) is the same group."""
        name = _group_name(group_name)
        key = _name_key(name)
        code = _code(code)

        def join(conn):
            self._open_for_changes(self._session_row(conn, code))
            conn.execute(self._insert(GROUPS).values(session_code=code, name=name, name_key=key, joined_at=utcnow())
                         .on_conflict_do_nothing(index_elements=["session_code", "name_key"]))
            return conn.execute(select(GROUPS).where(GROUPS.c.session_code == code, GROUPS.c.name_key == key)).one()

        return self._group_from(self._write(join))

    def find_group(self, code, group_name) -> Group | None:
        """The group already called `group_name` (in any case or spacing) in a class, or None: a page
        asks "Are you the Reds on another computer?" before joining a name that is taken."""
        name = _group_name(group_name)
        key = _name_key(name)
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return conn.execute(select(GROUPS).where(GROUPS.c.session_code == code, GROUPS.c.name_key == key)).first()

        row = self._read(read)
        return None if row is None else self._group_from(row)

    def set_practice(self, group_id: int, practice: bool) -> Group:
        """Mark a group's counts as made-up practice data (loaded, not counted), or as its own again.

        Practice data shows as practice everywhere and stays out of the class's data unless the teacher
        chooses to count it (`set_count_practice`)."""
        if not isinstance(practice, (bool, np.bool_)):
            raise RefusedInput(_("That can't be saved."))

        def save(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            conn.execute(update(GROUPS).where(GROUPS.c.id == group.id).values(practice=bool(practice)))
            return self._group_row(conn, group.id)

        return self._group_from(self._write(save))

    def set_count_practice(self, code, count: bool) -> ClassSession:
        """The teacher's choice: does groups' practice data go into the class's data? (Off at first.)

        Allowed after the class ended: the class may look at its data again in the next lesson."""
        code = _code(code)
        if not isinstance(count, (bool, np.bool_)):
            raise RefusedInput(_("That can't be saved."))

        def save(conn):
            self._session_row(conn, code)
            conn.execute(update(SESSIONS).where(SESSIONS.c.code == code).values(count_practice=bool(count)))
            return self._session_row(conn, code)

        return self._session_from(self._write(save))

    def move_to(self, group_id: int, sample: int) -> None:
        """Keep the tube a group is counting (0-based), so a refresh or the group's other device goes there."""
        if not is_whole(sample) or not 0 <= int(sample) < MAX_SAMPLES:
            raise RefusedInput(_("There is no such sample."))

        def save(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            if group.sample != int(sample):
                conn.execute(update(GROUPS).where(GROUPS.c.id == group.id).values(sample=int(sample)))

        self._write(save)

    def group_status(self, group_id: int) -> GroupStatus:
        """Practice or not, the tube being counted, and whether the class has ended: one small read."""
        row = self._read(lambda conn: self._group_row(conn, group_id))
        return GroupStatus(bool(row.practice), int(row.sample), row.ended_at is not None)

    def group(self, group_id: int) -> Group:
        """One group by id (an addition: a server checks a group a page claims to be)."""
        return self._group_from(self._read(lambda conn: self._group_row(conn, group_id)))

    def groups(self, code) -> list[Group]:
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return conn.execute(select(GROUPS).where(GROUPS.c.session_code == code).order_by(GROUPS.c.id)).all()

        return [self._group_from(r) for r in self._read(read)]

    # --- a group's other work -------------------------------------------------------------------
    def save_state(self, group_id: int, key: str, value: dict) -> None:
        """Keep a small JSON object under `key` for a group (last save wins for that key)."""
        key = _pupil_text(key, empty=_("A saved item needs a name."), most=MAX_KEY,
                    # Translators: {most} is how many characters the name may have.
                    too_long=_("A saved item's name is at most {most} characters."))
        if not isinstance(value, dict):
            raise RefusedInput(_("That can't be saved."))
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            raise RefusedInput(_("That can't be saved: it isn't plain data.")) from None
        if len(text.encode("utf-8", "surrogatepass")) > MAX_STATE_BYTES:
            raise RefusedInput(_("That is too much to save in one go."))
        clean = json.loads(_clean(text).replace("\\u0000", ""))

        def save(conn):
            self._open_for_changes(self._group_row(conn, group_id))
            stmt = self._insert(STATES).values(group_id=int(group_id), key=key, value=clean, revision=1, saved_at=utcnow())
            conn.execute(stmt.on_conflict_do_update(
                index_elements=["group_id", "key"],
                set_={"value": stmt.excluded.value, "revision": STATES.c.revision + 1, "saved_at": stmt.excluded.saved_at},
            ))

        self._write(save)

    def state(self, group_id: int) -> dict[str, dict]:
        def read(conn):
            self._group_row(conn, group_id)
            return conn.execute(select(STATES.c.key, STATES.c.value).where(STATES.c.group_id == int(group_id)).order_by(STATES.c.key)).all()

        return {r.key: r.value for r in self._read(read)}
