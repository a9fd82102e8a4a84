"""A Smarties class in a real SQLite store, with the work a book is made from (shared by the book tests).

Three groups: the Reds (a pupil's `<script>` in their name and finding, three tubes, a pie of tubes side
by side, a prediction), the Blues (one tube, a count axis from 3, a prediction made from that one tube)
and the Greens (practice data, a count axis from 2, a finding about percentages not making 100).
"""
from __future__ import annotations

from dataclasses import dataclass

from classlab import SMARTIES, TallyChange
from classlab.store import ClassSession, ClassStore

QUESTION_1 = "Does every tube contain the same number of each colour?"
QUESTION_2 = "How many tubes would I have to buy to get a fair share of my favourite colour?"
REDS = "The <script>alert('reds')</script> Reds"
REDS_FINDING = "No! <script>alert('found')</script> Tube 2 had the most yellow & fewest orange."
BLUES_FINDING = "One tube tells you everything: every tube has 6 of each colour."
GREENS_FINDING = "The percentages are wrong, they only add up to 99 not 100."
EVIDENCE = "Tubes 1, 2 and 3 have different counts"

#: Each group's tubes, one row per tube in the colours' order (red, orange, yellow, green, blue, pink, violet, brown).
REDS_TUBES = [[5, 3, 7, 8, 2, 3, 7, 8], [3, 2, 9, 4, 3, 7, 3, 4], [6, 5, 2, 2, 8, 7, 7, 5]]
BLUES_TUBES = [[6, 6, 6, 6, 6, 6, 6, 6]]
GREENS_TUBES = [[4, 4, 4, 0, 0, 0, 0, 0], [5, 4, 6, 5, 4, 6, 5, 4]]


@dataclass
class BookClass:
    store: ClassStore
    session: ClassSession
    ids: dict[str, int]
    url: str

    @property
    def code(self) -> str:
        return self.session.code


def counted(store: ClassStore, group_id: int, tubes) -> None:
    changes = []
    for t, row in enumerate(tubes):
        if t:
            changes.append(TallyChange(t, "", "new_sample"))
        changes += [TallyChange(t, name, "set", n) for name, n in zip(SMARTIES.names, row) if n]
    store.record_many(group_id, changes)


def make_class(url: str) -> BookClass:
    store = ClassStore(url)
    session = store.start_session("smarties", "Smarties with 4B")
    reds, blues, greens = (store.join(session.code, n) for n in (REDS, "Blues", "Greens"))
    counted(store, reds.id, REDS_TUBES)
    counted(store, blues.id, BLUES_TUBES)
    store.set_practice(greens.id, True)
    counted(store, greens.id, GREENS_TUBES)
    store.save_state(reds.id, "chart", {"view": "side_by_side", "kind": "pie", "chosen": [0, 1, 2],
                                        "title": "Colours in our <b>tubes</b>", "axis_start": 0})
    store.save_state(blues.id, "chart", {"view": "one", "kind": "bar", "sample": 0, "title": "Colours in tube one",
                                         "axis_start": 3})
    store.save_state(greens.id, "chart", {"view": "pooled", "kind": "bar", "title": "All our practice tubes",
                                          "axis_start": 2})
    store.save_state(reds.id, "prediction", {"category": "orange", "goal": "fair_share", "amount": 10, "samples": 6})
    store.save_state(blues.id, "prediction", {"category": "orange", "goal": "fair_share", "amount": 10, "samples": 1})
    store.save_state(reds.id, "findings", {"answers": {QUESTION_1: REDS_FINDING}})
    store.save_state(blues.id, "findings", {"answers": {QUESTION_1: BLUES_FINDING}})
    store.save_state(greens.id, "findings", {"answers": {QUESTION_2: GREENS_FINDING}})
    agreed = store.post_finding(reds.id, QUESTION_1, REDS_FINDING)
    store.sort_finding(agreed.id, "agreed", EVIDENCE)
    store.post_finding(blues.id, QUESTION_1, BLUES_FINDING)
    store.post_finding(greens.id, QUESTION_2, GREENS_FINDING)
    return BookClass(store, session, {REDS: reds.id, "Blues": blues.id, "Greens": greens.id}, url)


OWN_QUESTION = "Which colour is rarest in our <tubes>?"
STARS = ("Your title says what it shows", "Every colour is there <b>")
WISH = "Try bars side by side"
UNKIND = "Your chart is rubbish"
AGREE = "Our tubes had more yellow too"
FOUND = "Orange was rarest in 2 of our 3 tubes"


def add_voice(made: BookClass) -> BookClass:
    """The Reds' own question, self check and looking back; feedback from the Blues (released) and the
    Greens (unkind, hidden by the teacher); the Greens answering the Reds' finding; the Reds' own wish."""
    store, code, ids = made.store, made.code, made.ids
    reds, blues, greens = ids[REDS], ids["Blues"], ids["Greens"]
    store.set_question(code, reds, OWN_QUESTION, from_lab=False)
    store.save_self_check(code, reds, {"A title that says what it shows": True, "A pie shows the parts of one whole": True},
                          "We think <pies> are prettiest")
    store.save_reflection(code, reds, found=FOUND, surprised="Tube 3 had 8 blue", next_time="Count 10 more tubes",
                          helped="Sharing with the Blues")
    store.give_feedback(code, blues, reds, STARS, WISH)
    unkind = store.give_feedback(code, greens, reds, ("ok", "ok"), UNKIND)
    store.hide_feedback(code, unkind.id)
    agreed = next(f for f in store.findings(code) if f.group_id == reds)
    store.answer_finding(code, greens, agreed.id, "agree", AGREE)
    store.give_feedback(code, reds, blues, ("Clear labels", "Nice colours"), "Start the axis at 0")
    store.release_feedback(code)
    return made
