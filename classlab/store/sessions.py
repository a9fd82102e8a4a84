"""Class sessions: started with a fresh code, ended, deleted."""
from __future__ import annotations

import secrets

from sqlalchemy import Connection, delete, select, update

from .checks import CODE_ALPHABET, CODE_LENGTH, MAX_LAB, MAX_TITLE, _category_names, _code, _pupil_text
from ..language import _, known, languages
from .errors import ClassNotFound, RefusedInput, StoreError
from .models import CHANGES, FINDINGS, GROUPS, SESSIONS, STATES, utcnow
from .records import ClassSession


class ClassSessions:
    """Class sessions: started with a fresh code, ended, deleted."""

    @staticmethod
    def _session_from(row) -> ClassSession:
        return ClassSession(row.code, row.lab, row.title, row.started_at, row.ended_at, tuple(row.categories or ()),
                            bool(row.count_practice), row.language)

    @staticmethod
    def _session_row(conn: Connection, code: str):
        row = conn.execute(select(SESSIONS).where(SESSIONS.c.code == code)).first()
        if row is None:
            raise ClassNotFound(_("We can't find a class with the code “{code}”. Please check it with your teacher.").format(code=code))
        return row

    def start_session(self, lab: str, title: str = "", categories=None) -> ClassSession:
        """Start a class session with a fresh short code. `categories` (optional, an addition): what the
        class counts, in display order; changes with any other category are then refused."""
        lab = _pupil_text(lab, empty=_("Which lab is the class doing?"), most=MAX_LAB,
                    # Translators: {most} is how many characters a lab's name may have.
                    too_long=_("A lab's name is at most {most} characters."))
        # Translators: {most} is how many characters a class's title may have.
        title = _pupil_text(title, empty="", least=0, most=MAX_TITLE, too_long=_("Please keep the title to {most} characters or fewer."))
        names = None if categories is None else _category_names(categories)
        for _attempt in range(50):
            code = "".join(secrets.choice(CODE_ALPHABET) for _letter in range(CODE_LENGTH))
            started = utcnow()
            values = {"code": code, "lab": lab, "title": title, "categories": list(names) if names else None,
                      "started_at": started, "ended_at": None}
            stmt = self._insert(SESSIONS).values(**values).on_conflict_do_nothing(index_elements=["code"])
            if self._write(lambda conn: conn.execute(stmt).rowcount):
                return ClassSession(code, lab, title, started, None, names or ())
        raise StoreError(_("We couldn't find a free class code; please try again."))  # pragma: no cover

    def set_language(self, code, language: str | None) -> ClassSession:
        """The teacher's choice of the language the class speaks; None goes back to the server's.

        Pages that join the class from then on speak it (a page's own `?lang=` still wins).
        Allowed after the class ended: its book and pages can be made in the class's language."""
        code = _code(code)
        if language is not None:
            chosen = known(language) if isinstance(language, str) else None
            if chosen is None:
                # Translators: {languages} lists the catalogues' codes (cy, en_GB).
                raise RefusedInput(_("ClassLab has no words in that language yet: the languages are {languages}.")
                                   .format(languages=", ".join(languages())))
            language = chosen

        def save(conn):
            self._session_row(conn, code)
            conn.execute(update(SESSIONS).where(SESSIONS.c.code == code).values(language=language))
            return self._session_row(conn, code)

        return self._session_from(self._write(save))

    def session(self, code) -> ClassSession:
        code = _code(code)
        return self._session_from(self._read(lambda conn: self._session_row(conn, code)))

    def sessions(self) -> list[ClassSession]:
        """Every class session, the newest first."""
        rows = self._read(lambda conn: conn.execute(select(SESSIONS).order_by(SESSIONS.c.started_at.desc(), SESSIONS.c.code)).all())
        return [self._session_from(r) for r in rows]

    def end_session(self, code) -> ClassSession:
        """No more joining or changes; everything stays readable and exportable."""
        code = _code(code)

        def end(conn):
            row = self._session_row(conn, code)
            if row.ended_at is None:
                conn.execute(update(SESSIONS).where(SESSIONS.c.code == code).values(ended_at=utcnow()))
            return self._session_row(conn, code)

        return self._session_from(self._write(end))

    def delete_session(self, code) -> None:
        """Delete a class session and all its work for good (SQLite: overwritten, and the log emptied)."""
        code = _code(code)

        def remove(conn):
            self._session_row(conn, code)
            groups = select(GROUPS.c.id).where(GROUPS.c.session_code == code).scalar_subquery()
            conn.execute(delete(CHANGES).where(CHANGES.c.session_code == code))
            conn.execute(delete(STATES).where(STATES.c.group_id.in_(groups)))
            conn.execute(update(FINDINGS).where(FINDINGS.c.session_code == code).values(continued_from=None))
            conn.execute(update(FINDINGS).where(FINDINGS.c.continued_from.in_(select(FINDINGS.c.id).where(FINDINGS.c.session_code == code)))
                         .values(continued_from=None))
            conn.execute(delete(FINDINGS).where(FINDINGS.c.session_code == code))
            conn.execute(delete(GROUPS).where(GROUPS.c.session_code == code))
            conn.execute(delete(SESSIONS).where(SESSIONS.c.code == code))

        self._write(remove)
        if self._sqlite:
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it, so deleted work is not left in the log."""
        raw = self._engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()
