"""What a class did, read back from the class store: each group's work, the class's findings and its pooled data.

The book, the page for parents and the board's shared misconceptions are all made from this, so each
reads a class the same way (nothing a page says is trusted: only what the store kept).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .board import group_books, pool_books
from .categories import Categories, Category
from .charts import ChartSpec, axis_labels
from .language import _
from .sampler import Prediction
from .sync import GROUP_WORK, restore
from .tally import TallyBook

#: Where the labs' descriptions are, when nobody says.
DEFAULT_LABS = Path(__file__).resolve().parent.parent / "labs"


def _no_group(name: str, code: str) -> str:
    """Why there is no book for a group: no group in the class has that name (in the page's language)."""
    # Translators: {name} is the group name someone asked for, {code} the class code (K7PQ2M).
    return _("There is no group called “{name}” in class {code}.").format(name=name, code=code)


class BookError(RuntimeError):
    """Why a book could not be made, in words for a teacher or pupil."""


@dataclass
class LabWords:
    """What a lab calls things, its questions and its categories (None for a class survey), from its description."""

    name: str
    title: str
    questions: list[str]
    sample: str = TallyBook.sample_label.default_value  # the engine's own words until a lab gives its own
    category: str = TallyBook.category_label.default_value
    thing: str = TallyBook.thing_label.default_value
    categories: Categories | None = None
    fair_line: bool = False


def lab_words(lab: str, labs_dir=None) -> LabWords:
    """Read `labs/NAME.lab.yaml` for the book's words; a lab whose description is gone still gets a book."""
    from .lab_format import LabError, read

    path = Path(labs_dir or DEFAULT_LABS) / f"{lab}.lab.yaml"
    try:
        d = read(path).description
    except LabError:
        return LabWords(lab, lab.replace("_", " ").capitalize(), [])
    chart = d.settings("chart")
    fair = bool(chart is not None and getattr(chart, "fair_line", "no") != "no")
    return LabWords(lab, d.title, list(d.questions), d.counting.sample, d.counting.category, d.counting.thing,
                    d.counting.to_categories(), fair)


@dataclass
class GroupWork:
    """One group's investigation, as the store keeps it."""

    name: str
    practice: bool
    book: TallyBook
    chart: ChartSpec
    prediction: Prediction
    answers: dict[str, str]  # lab question -> what the group wrote
    shared: list  # the findings the group shared with the class (store Findings)
    question: str = ""  # the group's own question (or the survey's question), '' when it has none
    voice: dict = field(default_factory=dict)  # reflection, feedback got and given, self check (when the store has them)


@dataclass
class ClassWork:
    """A class's investigation: every group's work, the class's findings and its pooled data."""

    code: str
    title: str
    lab: LabWords
    groups: list[GroupWork]
    findings: list
    pooled: TallyBook | None  # the class's data (practice data only if the teacher counts it)
    pooled_groups: int = 0
    made_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def agreed(self) -> list:
        return [f for f in self.findings if f.status == "agreed"]

    def group(self, name: str) -> GroupWork:
        key = " ".join(name.casefold().split())
        for g in self.groups:
            if " ".join(g.name.casefold().split()) == key:
                return g
        raise BookError(_no_group(name, self.code))


def _group_categories(lab: LabWords, session, state: dict) -> Categories | None:
    if lab.categories is not None:
        return lab.categories
    names = list(session.categories) or (state.get("answers") or {}).get("names") or []
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        return None
    from .lab_format import chosen_categories

    try:
        return chosen_categories(names)
    except ValueError:
        from .lab_format import PALETTE

        return Categories([Category(n, PALETTE[i % len(PALETTE)]) for i, n in enumerate(dict.fromkeys(names))])


def _voice(store, code: str, group) -> tuple[str, dict]:
    """The group's own question and its voice (reflection, feedback got and given, self check) from the class
    store's pupil-voice part (classlab/store/voice.py); a store without it gives none.

    Only feedback the group may see goes in its book (released by the teacher, not hidden), and none it gave
    that the teacher hid."""
    if not callable(getattr(store, "question", None)):
        return "", {}
    question = store.question(code, group.id) or ""
    voice = {
        "reflection": store.reflection(code, group.id),
        "self_check": store.self_check(code, group.id),
        "feedback_got": store.feedback_for(code, group.id),
        "feedback_given": [f for f in store.feedback_given(code, group.id) if not getattr(f, "hidden", False)],
    }
    return str(question), voice


def read_group(store, code: str, group, lab: LabWords, session=None) -> GroupWork | None:
    """One group's work from the store (None when the group has nothing to count with: a survey with no answers)."""
    session = session or store.session(code)
    state = store.state(group.id)
    categories = _group_categories(lab, session, state)
    if categories is None:
        return None
    book = store.tally_book(group.id, categories, category_label=lab.category, sample_label=lab.sample,
                            thing_label=lab.thing)
    book.practice = bool(group.practice)
    x_label, y_label = axis_labels(lab.category, lab.thing)
    chart = ChartSpec(x_label=x_label, y_label=y_label, fair_line=lab.fair_line)
    restore(chart, state.get("chart") or {}, GROUP_WORK["chart"])
    prediction = Prediction(category=categories.names[0])
    restore(prediction, state.get("prediction") or {}, GROUP_WORK["prediction"])
    answers = (state.get("findings") or {}).get("answers") or {}
    answers = {q: a for q, a in answers.items() if isinstance(q, str) and isinstance(a, str)}
    question, voice = _voice(store, code, group)
    if not question:
        question = str((state.get("answers") or {}).get("question") or "")
    return GroupWork(group.name, bool(group.practice), book, chart, prediction, answers, [], question, voice)


def read_class(store, code: str, labs_dir=None, only: str | None = None) -> ClassWork:
    """A class's work from the store; `only` reads one group's chapter (the class's findings and data all the same)."""
    session = store.session(code)
    lab = lab_words(session.lab, labs_dir)
    groups = store.groups(session.code)
    if only is not None:
        key = " ".join(only.casefold().split())
        groups_read = [g for g in groups if " ".join(g.name.casefold().split()) == key]
        if not groups_read:
            raise BookError(_no_group(only, session.code))
    else:
        groups_read = groups
    findings = store.findings(session.code)
    works = []
    for g in groups_read:
        work = read_group(store, session.code, g, lab, session)
        if work is not None:
            work.shared = [f for f in findings if f.group_id == g.id]
            works.append(work)
    if only is not None and not works:
        # Translators: {name} is a group's name.
        raise BookError(_("The group “{name}” has not chosen what to count yet, so there is nothing for a book.").format(
            name=only))
    pooled, n = _pool(store, session, lab, groups)
    title = session.title or lab.title
    return ClassWork(session.code, title, lab, works, findings, pooled, n)


def _pool(store, session, lab: LabWords, groups) -> tuple[TallyBook | None, int]:
    """The class's data, by the board's rules (practice data only when the teacher counts it)."""
    categories = lab.categories
    if categories is None and session.categories:
        categories = _group_categories(lab, session, {})
    if categories is None:  # a survey whose groups chose their own answers: pool those who chose the first group's
        for g in groups:
            categories = _group_categories(lab, session, store.state(g.id))
            if categories is not None:
                break
    if categories is None:
        return None, 0
    kwargs = {"category_label": lab.category, "sample_label": lab.sample, "thing_label": lab.thing}
    frame = store.class_counts(session.code, categories)
    books = group_books(frame, categories, **kwargs)
    data = pool_books(books, categories, bool(frame.attrs.get("count_practice", False)), **kwargs)
    counted = {owner for owner, _ in data.owners}
    return data.book, len(counted)
