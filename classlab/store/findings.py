"""Findings: posted by a group, rewritten by it, sorted by the class."""
from __future__ import annotations

from sqlalchemy import Connection, select, update

from ..counts import is_whole
from ..language import _
from .checks import MAX_EVIDENCE, MAX_FINDING, MAX_QUESTION, _code, _pupil_text
from .errors import FindingNotFound, NotYours, RefusedInput
from .models import FINDINGS, GROUPS, STATUSES, utcnow
from .records import Finding


class Findings:
    """Findings: posted by a group, rewritten by it, sorted by the class."""

    @staticmethod
    def _findings_query():
        return select(FINDINGS, GROUPS.c.name.label("group_name")).join(GROUPS, GROUPS.c.id == FINDINGS.c.group_id)

    @staticmethod
    def _finding_from(row) -> Finding:
        return Finding(row.id, row.session_code, row.group_id, row.group_name, row.question, row.text, row.status,
                       row.evidence, row.continued_from, row.posted_at)

    def _finding_row(self, conn: Connection, finding_id):
        row = None
        if is_whole(finding_id):
            row = conn.execute(self._findings_query().where(FINDINGS.c.id == int(finding_id))).first()
        if row is None:
            raise FindingNotFound(_("We can't find that finding; it may have been deleted."))
        return row

    def post_finding(self, group_id: int, question: str, text: str, continued_from: int | None = None) -> Finding:
        """Share a finding with the class (optionally continuing from another finding in the same class)."""
        text = _pupil_text(text, empty=_("Please write what you found before sharing it."), most=MAX_FINDING,
                     # Translators: {n} is how many characters the finding has, {most} how many are allowed.
                     too_long=_("That's {n} characters: please keep a finding to {most} or fewer."))
        # Translators: {most} is how many characters a question may have.
        question = _pupil_text(question, empty="", least=0, most=MAX_QUESTION, too_long=_("A question is at most {most} characters."))

        def post(conn):
            group = self._group_row(conn, group_id)
            self._open_for_changes(group)
            if continued_from is not None:
                source = None
                if is_whole(continued_from):
                    source = conn.execute(select(FINDINGS.c.session_code).where(FINDINGS.c.id == int(continued_from))).first()
                if source is None or source.session_code != group.session_code:
                    raise RefusedInput(_("You can only continue from a finding shared in your own class."))
            now = utcnow()
            new_id = conn.execute(FINDINGS.insert().returning(FINDINGS.c.id).values(
                session_code=group.session_code, group_id=group.id, question=question, text=text, status="new",
                evidence="", continued_from=None if continued_from is None else int(continued_from), revision=1,
                posted_at=now, updated_at=now)).scalar_one()
            return self._finding_row(conn, new_id)

        return self._finding_from(self._write(post))

    def update_finding_text(self, finding_id: int, group_id: int, text: str) -> Finding:
        """A group rewrites its own finding. A changed finding goes back to "new": the class sorted the old words."""
        text = _pupil_text(text, empty=_("Please write what you found before sharing it."), most=MAX_FINDING,
                     too_long=_("That's {n} characters: please keep a finding to {most} or fewer."))

        def change(conn):
            row = self._finding_row(conn, finding_id)
            if not is_whole(group_id) or row.group_id != int(group_id):
                raise NotYours(_("Only the group that shared this finding can change it."))
            self._open_for_changes(self._group_row(conn, group_id))
            if row.text != text:
                conn.execute(update(FINDINGS).where(FINDINGS.c.id == row.id).values(
                    text=text, status="new", revision=FINDINGS.c.revision + 1, updated_at=utcnow()))
            return self._finding_row(conn, row.id)

        return self._finding_from(self._write(change))

    def findings(self, code) -> list[Finding]:
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return conn.execute(self._findings_query().where(FINDINGS.c.session_code == code).order_by(FINDINGS.c.id)).all()

        return [self._finding_from(r) for r in self._read(read)]

    def finding(self, finding_id: int) -> Finding:
        """One finding by id (an addition)."""
        return self._finding_from(self._read(lambda conn: self._finding_row(conn, finding_id)))

    def sort_finding(self, finding_id: int, status: str, evidence: str = "") -> Finding:
        """The teacher, with the class, sorts a finding: new, agreed (with evidence), check, or off_question.

        Allowed after the session ended: a class often sorts its findings in the next lesson.
        """
        if status not in STATUSES:
            raise RefusedInput(_("Please sort a finding as agreed, check, off our question, or new."))
        evidence = _pupil_text(evidence, empty="", least=0, most=MAX_EVIDENCE,
                         # Translators: {most} is how many characters the evidence may have.
                         too_long=_("Please keep the evidence to {most} characters or fewer."))

        def sort(conn):
            row = self._finding_row(conn, finding_id)
            conn.execute(update(FINDINGS).where(FINDINGS.c.id == row.id).values(
                status=status, evidence=evidence, revision=FINDINGS.c.revision + 1, updated_at=utcnow()))
            return self._finding_row(conn, row.id)

        return self._finding_from(self._write(sort))

    def continuations(self, finding_id: int) -> list[Finding]:
        """Findings that continued from this one (the link shows on both sides)."""
        def read(conn):
            row = self._finding_row(conn, finding_id)
            return conn.execute(self._findings_query().where(FINDINGS.c.continued_from == row.id).order_by(FINDINGS.c.id)).all()

        return [self._finding_from(r) for r in self._read(read)]
