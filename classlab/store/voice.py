"""Pupils' voice in the class store: each group's own question, self check, feedback between groups, reflection.

The API (stable; the book, the misconceptions board and the parents' page read it). `group`,
`from_group` and `to_group` are group ids (`Group.id`, as `store.join` or `store.find_group` give them),
and each must belong to the class `code`:

    set_question(code, group, text, from_lab: bool) -> OwnQuestion
    question(code, group) -> str | None
    questions(code) -> list[OwnQuestion]                      # every group's, in joining order
    save_self_check(code, group, ticks: dict[str, bool], why: str) -> SelfCheck
    self_check(code, group) -> SelfCheck | None
    give_feedback(code, from_group, to_group, stars: (str, str), wish: str) -> Feedback
    answer_finding(code, from_group, finding_id, stance: "agree" | "disagree" | "not sure", reason: str) -> Feedback
    feedback_for(code, group, include_hidden=False) -> list[Feedback]   # what the group may see (see below)
    feedback_given(code, group) -> list[Feedback]
    hide_feedback(code, feedback_id, hidden=True) -> Feedback           # the teacher
    release_feedback(code) -> int                                       # the teacher: how many were released
    all_feedback(code) -> list[Feedback]                                # the teacher's board, oldest first
    save_reflection(code, group, found, surprised, next_time, helped) -> Reflection
    reflection(code, group) -> Reflection | None
    reflections(code) -> list[Reflection]                     # every group's, in joining order

Feedback is seen by the teacher first: a group sees feedback about its work only once the teacher has
released it (one press on the board releases everything not hidden) and never while it is hidden.
`include_hidden=True` gives everything sent to the group, released or not (for the teacher).
Writing is refused once the class has ended (as for findings); the teacher can still hide and release.
Pupils' text is kept exactly as typed (minus NUL characters); views escape it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, select, update

from .. import voice
from ..counts import is_whole
from ..language import _
from .checks import _clean, _code
from .errors import FindingNotFound, GroupNotFound, NotYours, RefusedInput
from .models import FEEDBACK, FINDINGS, GROUPS, QUESTIONS, REFLECTIONS, SELF_CHECKS, utcnow


@dataclass(frozen=True)
class OwnQuestion:
    """The question a group chose: one of the lab's (`from_lab`) or its own words."""

    group_id: int
    group_name: str
    text: str
    from_lab: bool
    saved_at: datetime


@dataclass(frozen=True)
class SelfCheck:
    """A group's own ticks on the chart checklist (line -> ticked) and its sentence why."""

    group_id: int
    group_name: str
    ticks: dict
    why: str
    saved_at: datetime


@dataclass(frozen=True)
class Feedback:
    """Two stars and a wish (`kind` "stars"), or an answer to a finding (`kind` "answer")."""

    id: int
    session_code: str
    kind: str
    from_group_id: int | None  # None: the whole class gave it, on the board
    from_group: str  # the giving group's name, or "The whole class" in the reader's language
    to_group_id: int
    to_group: str
    stars: tuple[str, str]
    wish: str
    finding_id: int | None
    stance: str
    reason: str
    hidden: bool
    released: bool
    given_at: datetime

    @property
    def visible(self) -> bool:
        """Whether the group it is for can see it now."""
        return self.released and not self.hidden

    @property
    def stance_words(self) -> str:
        return voice.stance_words(self.stance)


@dataclass(frozen=True)
class Reflection:
    """A group looking back at the end of the lesson (any answer may be empty, not all four)."""

    group_id: int
    group_name: str
    found: str
    surprised: str
    next_time: str
    helped: str
    saved_at: datetime

    def answers(self) -> dict[str, str]:
        """Prompt -> answer, in the order the page asks them."""
        return {voice.prompt_words(k): getattr(self, k) for k in voice.REFLECTION_PROMPTS}


def _refused(problem: voice.VoiceError) -> RefusedInput:
    return RefusedInput(str(problem))


def _cleaned(value):
    return _clean(value) if isinstance(value, str) else value


_FROM, _TO = GROUPS.alias("from_group"), GROUPS.alias("to_group")


class PupilVoice:
    """Each group's own question, self check and reflection, and the feedback groups give each other."""

    # --- shared ------------------------------------------------------------------------------
    def _group_in(self, conn: Connection, code: str, group_id, *, writing: bool = True):
        """The group's row, if it is in class `code`; a write also needs the class still open."""
        row = self._group_row(conn, group_id)
        if row.session_code != code:
            raise GroupNotFound(_("We can't find your group in this class. Please join the class again."))
        if writing:
            self._open_for_changes(row)
        return row

    def _upsert(self, conn: Connection, table, group, values: dict) -> None:
        stmt = self._insert(table).values(group_id=group.id, session_code=group.session_code, saved_at=utcnow(), **values)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["group_id"], set_={**{k: stmt.excluded[k] for k in values}, "saved_at": stmt.excluded.saved_at}))

    def _per_group(self, table, code, group_id=None):
        """Rows of a one-row-per-group table, with the group's name: one group's, or the class's in joining order."""
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            query = select(table, GROUPS.c.name.label("group_name")).join(GROUPS, GROUPS.c.id == table.c.group_id)
            if group_id is not None:
                self._group_in(conn, code, group_id, writing=False)
                return conn.execute(query.where(table.c.group_id == int(group_id))).first()
            return conn.execute(query.where(table.c.session_code == code).order_by(GROUPS.c.id)).all()

        return self._read(read)

    # --- the group's own question -----------------------------------------------------------------
    @staticmethod
    def _question_from(row) -> OwnQuestion:
        return OwnQuestion(row.group_id, row.group_name, row.text, bool(row.from_lab), row.saved_at)

    def set_question(self, code, group, text, from_lab: bool = False) -> OwnQuestion:
        """Keep the question a group chose (choosing again replaces it)."""
        code = _code(code)
        try:
            text = voice.check_text(_cleaned(text), what="question", most=voice.MAX_QUESTION)
        except voice.VoiceError as problem:
            raise _refused(problem) from None
        if not isinstance(from_lab, bool):
            raise RefusedInput(_("That can't be saved."))
        self._write(lambda conn: self._upsert(conn, QUESTIONS, self._group_in(conn, code, group),
                                              {"text": text, "from_lab": from_lab}))
        return self._question_from(self._per_group(QUESTIONS, code, group))

    def question(self, code, group) -> str | None:
        row = self._per_group(QUESTIONS, code, group)
        return None if row is None else row.text

    def questions(self, code) -> list[OwnQuestion]:
        return [self._question_from(r) for r in self._per_group(QUESTIONS, code)]

    # --- self check ------------------------------------------------------------------------------
    @staticmethod
    def _self_check_from(row) -> SelfCheck:
        # Saved under each line's fixed key (or, before keys, its words): read in the page's language.
        return SelfCheck(row.group_id, row.group_name, {voice.rule_words(k): v for k, v in (row.ticks or {}).items()},
                         row.why, row.saved_at)

    def save_self_check(self, code, group, ticks, why: str = "") -> SelfCheck:
        """Keep a group's ticks on the chart checklist and its sentence why (saving again replaces them)."""
        code = _code(code)
        try:
            ticks = voice.check_ticks(ticks)
            ticks = {voice.rule_key(_clean(k)): v for k, v in ticks.items()}  # kept by each line's fixed key
            why = voice.check_text(_cleaned(why), what="why", most=voice.MAX_WHY, needed=False)
        except voice.VoiceError as problem:
            raise _refused(problem) from None
        self._write(lambda conn: self._upsert(conn, SELF_CHECKS, self._group_in(conn, code, group),
                                              {"ticks": ticks, "why": why}))
        return self._self_check_from(self._per_group(SELF_CHECKS, code, group))

    def self_check(self, code, group) -> SelfCheck | None:
        row = self._per_group(SELF_CHECKS, code, group)
        return None if row is None else self._self_check_from(row)

    def self_checks(self, code) -> list[SelfCheck]:
        return [self._self_check_from(r) for r in self._per_group(SELF_CHECKS, code)]

    # --- feedback between groups ---------------------------------------------------------------------
    @staticmethod
    def _feedback_query():
        return (select(FEEDBACK, _FROM.c.name.label("from_name"), _TO.c.name.label("to_name"))
                .outerjoin(_FROM, _FROM.c.id == FEEDBACK.c.from_group_id)
                .join(_TO, _TO.c.id == FEEDBACK.c.to_group_id))

    @staticmethod
    def _feedback_from(row) -> Feedback:
        giver = row.from_name if row.from_group_id is not None else _(voice.WHOLE_CLASS)
        return Feedback(row.id, row.session_code, row.kind, row.from_group_id, giver, row.to_group_id, row.to_name,
                        (row.star_1, row.star_2), row.wish, row.finding_id, row.stance, row.reason, bool(row.hidden),
                        row.released_at is not None, row.given_at)

    def _feedback_row(self, conn: Connection, code: str, feedback_id):
        row = None
        if is_whole(feedback_id):
            row = conn.execute(self._feedback_query().where(FEEDBACK.c.id == int(feedback_id))).first()
        if row is None or row.session_code != code:
            raise RefusedInput(_("We can't find that feedback; it may have been deleted."))
        return row

    def _give(self, code: str, from_group, values: dict, to_group=None, finding_id=None) -> Feedback:
        """`from_group` None: the whole class gave it on the board, with the teacher writing, so it is released."""
        def give(conn):
            giver = self._group_in(conn, code, from_group) if from_group is not None else None
            if finding_id is not None:
                finding = None
                if is_whole(finding_id):
                    finding = conn.execute(select(FINDINGS.c.group_id, FINDINGS.c.session_code)
                                           .where(FINDINGS.c.id == int(finding_id))).first()
                if finding is None or finding.session_code != code:
                    raise FindingNotFound(_("We can't find that finding in your class."))
                receiver_id = finding.group_id
            else:
                receiver_id = self._group_in(conn, code, to_group, writing=False).id
            if giver is not None and receiver_id == giver.id:
                raise NotYours(_("Feedback is for another group's work: please choose another group."))
            now = utcnow()
            new_id = conn.execute(FEEDBACK.insert().returning(FEEDBACK.c.id).values(
                session_code=code, from_group_id=None if giver is None else giver.id, to_group_id=receiver_id,
                finding_id=None if finding_id is None else int(finding_id), hidden=False,
                released_at=now if giver is None else None, given_at=now, **values)).scalar_one()
            return self._feedback_row(conn, code, new_id)

        return self._feedback_from(self._write(give))

    def give_feedback(self, code, from_group, to_group, stars, wish) -> Feedback:
        """Two stars (two things that work) and a wish (one thing to try) on another group's chart."""
        code = _code(code)
        try:
            first, second, wish = voice.stars_and_wish(
                [_cleaned(s) for s in stars] if isinstance(stars, (list, tuple)) else stars, _cleaned(wish))
        except voice.VoiceError as problem:
            raise _refused(problem) from None
        return self._give(code, from_group, {"kind": "stars", "star_1": first, "star_2": second, "wish": wish},
                          to_group=to_group)

    def give_class_feedback(self, code, to_group, stars, wish) -> Feedback:
        """Two stars and a wish from the whole class, agreed on the board's spotlight: the group sees it at once."""
        return self.give_feedback(code, None, to_group, stars, wish)

    def answer_finding(self, code, from_group, finding_id, stance, reason) -> Feedback:
        """We agree / we don't agree / not sure, with a reason, on another group's finding."""
        code = _code(code)
        try:
            stance, reason = voice.answer(stance, _cleaned(reason))
        except voice.VoiceError as problem:
            raise _refused(problem) from None
        return self._give(code, from_group, {"kind": "answer", "stance": stance, "reason": reason}, finding_id=finding_id)

    def _feedback_where(self, code, *where, group=None) -> list[Feedback]:
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            if group is not None:
                self._group_in(conn, code, group, writing=False)
            return conn.execute(self._feedback_query().where(FEEDBACK.c.session_code == code, *where)
                                .order_by(FEEDBACK.c.id)).all()

        return [self._feedback_from(r) for r in self._read(read)]

    def feedback_for(self, code, group, include_hidden: bool = False) -> list[Feedback]:
        """Feedback about a group's work: what it may see (released, not hidden), or with `include_hidden` all of it."""
        if not is_whole(group):
            raise GroupNotFound(_("We can't find your group. Please join the class again."))
        shown = () if include_hidden else (and_(FEEDBACK.c.hidden.is_(False), FEEDBACK.c.released_at.is_not(None)),)
        return self._feedback_where(code, FEEDBACK.c.to_group_id == int(group), *shown, group=group)

    def feedback_given(self, code, group) -> list[Feedback]:
        """Feedback a group gave (each says whether the teacher has released or hidden it)."""
        if not is_whole(group):
            raise GroupNotFound(_("We can't find your group. Please join the class again."))
        return self._feedback_where(code, FEEDBACK.c.from_group_id == int(group), group=group)

    def all_feedback(self, code) -> list[Feedback]:
        """Every piece of feedback in the class, oldest first (the teacher's board)."""
        return self._feedback_where(code)

    def hide_feedback(self, code, feedback_id, hidden: bool = True) -> Feedback:
        """The teacher hides unkind feedback (or shows it again). Allowed after the class ended."""
        code = _code(code)
        if not isinstance(hidden, bool):
            raise RefusedInput(_("That can't be saved."))

        def hide(conn):
            row = self._feedback_row(conn, code, feedback_id)
            conn.execute(update(FEEDBACK).where(FEEDBACK.c.id == row.id).values(hidden=hidden))
            return self._feedback_row(conn, code, row.id)

        return self._feedback_from(self._write(hide))

    def release_feedback(self, code) -> int:
        """The teacher lets groups see the feedback given so far (hidden feedback stays hidden); how many were released."""
        code = _code(code)

        def release(conn):
            self._session_row(conn, code)
            return conn.execute(update(FEEDBACK).where(FEEDBACK.c.session_code == code, FEEDBACK.c.released_at.is_(None),
                                                       FEEDBACK.c.hidden.is_(False)).values(released_at=utcnow())).rowcount

        return int(self._write(release))

    # --- looking back ----------------------------------------------------------------------------
    @staticmethod
    def _reflection_from(row) -> Reflection:
        return Reflection(row.group_id, row.group_name, row.found, row.surprised, row.next_time, row.helped, row.saved_at)

    def save_reflection(self, code, group, found="", surprised="", next_time="", helped="") -> Reflection:
        """Keep a group's answers when looking back (saving again replaces them)."""
        code = _code(code)
        try:
            answers = voice.reflection(*(_cleaned(v) for v in (found, surprised, next_time, helped)))
        except voice.VoiceError as problem:
            raise _refused(problem) from None
        self._write(lambda conn: self._upsert(conn, REFLECTIONS, self._group_in(conn, code, group), answers))
        return self._reflection_from(self._per_group(REFLECTIONS, code, group))

    def reflection(self, code, group) -> Reflection | None:
        row = self._per_group(REFLECTIONS, code, group)
        return None if row is None else self._reflection_from(row)

    def reflections(self, code) -> list[Reflection]:
        return [self._reflection_from(r) for r in self._per_group(REFLECTIONS, code)]

    # --- in the class export -----------------------------------------------------------------------
    def _voice_tables(self, code) -> dict:
        """The class export's sheets for pupils' voice: Questions, Self checks, Feedback, Reflections (as pandas frames).

        Feedback says whether the group saw it: the export is the teacher's, so hidden feedback is in it, marked."""
        import pandas as pd

        def when(moment):
            return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else ""

        questions = self.questions(code)
        checks = self.self_checks(code)
        feedback = self.all_feedback(code)
        looked = self.reflections(code)
        seen = lambda f: "hidden by the teacher" if f.hidden else "seen by the group" if f.released else "waiting for the teacher"  # noqa: E731
        return {
            "Questions": pd.DataFrame({
                "group": [q.group_name for q in questions], "question": [q.text for q in questions],
                "from the lab": ["yes" if q.from_lab else "" for q in questions], "saved": [when(q.saved_at) for q in questions],
            }, columns=["group", "question", "from the lab", "saved"]),
            "Self checks": pd.DataFrame({
                "group": [c.group_name for c in checks],
                "ticked": ["; ".join(rule for rule, ticked in c.ticks.items() if ticked) for c in checks],
                "not ticked": ["; ".join(rule for rule, ticked in c.ticks.items() if not ticked) for c in checks],
                "why": [c.why for c in checks], "saved": [when(c.saved_at) for c in checks],
            }, columns=["group", "ticked", "not ticked", "why", "saved"]),
            "Feedback": pd.DataFrame({
                "id": [f.id for f in feedback], "from": [f.from_group for f in feedback], "to": [f.to_group for f in feedback],
                "about": ["chart" if f.kind == "stars" else f"finding {f.finding_id}" for f in feedback],
                "star 1": [f.stars[0] for f in feedback], "star 2": [f.stars[1] for f in feedback],
                "wish": [f.wish for f in feedback], "answer": [f.stance_words for f in feedback],
                "reason": [f.reason for f in feedback], "shown": [seen(f) for f in feedback],
                "given": [when(f.given_at) for f in feedback],
            }, columns=["id", "from", "to", "about", "star 1", "star 2", "wish", "answer", "reason", "shown", "given"]),
            "Reflections": pd.DataFrame({
                "group": [r.group_name for r in looked],
                **{prompt: [getattr(r, key) for r in looked] for key, prompt in voice.REFLECTION_PROMPTS.items()},
                "saved": [when(r.saved_at) for r in looked],
            }, columns=["group", *voice.REFLECTION_PROMPTS.values(), "saved"]),
        }
