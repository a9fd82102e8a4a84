"""A group's investigation (or the whole class's) as a book: one printable HTML page, and a PDF of it.

The Smarties pupils wanted to make a book of their project, structured by their own questions. The
book is read from the class store (nothing on a page is trusted), written as one self-contained HTML
page (inline SVG pictures, inline styles, a Content Security Policy that lets nothing load or run,
every pupil's word escaped) and printed to PDF by Chromium's own headless print on this machine,
from a file: no request leaves the computer.
"""
from __future__ import annotations

import fcntl
import html
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .board import group_books, pool_books
from .book_pictures import chart_svg, in_words, tally_svg
from .categories import Categories, Category, plural
from .charts import ChartSpec, axis_labels, chart_data, critique
from .findings import STATUS_WORDS
from .percentages import explain, largest_remainder_units, share_table, spreadsheet_total
from .sampler import Prediction, goal_text, simulate
from .settings import MAX_SAMPLES_TRIED, TRIALS
from .sync import GROUP_WORK, restore
from .tally import TallyBook

#: The most sample rows the book's table prints; the rest are counted in a sentence (the data file has them all).
MAX_TABLE_ROWS = 60
#: Where the labs' descriptions are, when nobody says.
DEFAULT_LABS = Path(__file__).resolve().parent.parent / "labs"
#: The seed the pupils' page tests a prediction with first, so the book tells the story they saw.
SEED = 2004


class BookError(RuntimeError):
    """Why a book could not be made, in words for a teacher or pupil."""


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _para(text: str) -> str:
    """Pupils' words as paragraphs: escaped, line breaks kept, nothing else."""
    parts = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return "".join(f"<p class=\"their-words\">{esc(p).replace(chr(10), '<br>')}</p>" for p in parts)


# --- what the book is made from ---------------------------------------------------------------------
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
        raise BookError(f"There is no group called “{name}” in class {self.code}.")


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
            raise BookError(f"There is no group called “{only}” in class {session.code}.")
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
        raise BookError(f"The group “{only}” has not chosen what to count yet, so there is nothing for a book.")
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


# --- the page ----------------------------------------------------------------------------------------
CSS = """
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.45; color: #111; margin: 0 auto;
  max-width: 185mm; padding: 12px; }
h1 { font-size: 24pt; margin: 0 0 6px; }
h2 { font-size: 17pt; margin: 18px 0 6px; border-bottom: 2px solid #1a5fb4; padding-bottom: 2px; }
h3 { font-size: 13pt; margin: 12px 0 4px; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
.cover { border: 3px solid #1a5fb4; border-radius: 12px; padding: 14px 18px; margin-bottom: 12px; }
.question { font-size: 16pt; font-weight: 700; background: #fff6d6; padding: 8px 12px; border-radius: 8px; }
.small { color: #444; font-size: 10pt; }
.chapter { break-before: page; page-break-before: always; }
.keep, figure, svg, .tally-row, tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 8px 0 14px; }
figcaption { font-size: 10pt; color: #333; }
svg.book-chart { width: 100%; height: auto; max-width: 170mm; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 10.5pt; }
th, td { border: 1px solid #999; padding: 2px 7px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead { display: table-header-group; }
tfoot td { font-weight: 700; }
.swatch { display: inline-block; width: 11px; height: 11px; border: 1px solid #333; margin-right: 4px;
  vertical-align: middle; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.tally-row { display: flex; align-items: flex-start; gap: 10px; margin: 3px 0; }
.tally-row .name { width: 9em; flex: none; }
.their-words { background: #f3f6fb; border-left: 5px solid #1a5fb4; padding: 5px 10px; margin: 4px 0 8px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.status { font-size: 10pt; font-weight: 700; color: #1e5a2c; }
.note { background: #ffe9c7; border-left: 5px solid #d97a00; padding: 5px 10px; }
ul.checks { list-style: none; padding-left: 0.3em; }
ul.checks .ok::before { content: "✔ "; color: #1e7b34; font-weight: 700; }
ul.checks .todo::before { content: "○ "; color: #8a5a00; font-weight: 700; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen { body { background: #fafafa; } .chapter { border-top: 3px dashed #bbb; margin-top: 28px; padding-top: 8px; } }
"""

#: Nothing in a book loads or runs: no scripts, no requests, only its own styles and pictures.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


def page(title: str, body: str) -> str:
    """A whole self-contained HTML page: its styles inline and a policy that blocks every request and script."""
    return (f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{esc(colour)}" aria-hidden="true"></span>'


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def counts_table(book: TallyBook) -> str:
    """The group's tallies as a table: one row per counted sample, a column per category, totals at the foot."""
    m = book.matrix()
    names, colours = book.categories.names, book.categories.colours
    rows = book.counted_samples()
    head = "".join(f"<th scope=\"col\">{_swatch(c)}{esc(n)}</th>" for n, c in zip(names, colours))
    body = []
    for t in rows[:MAX_TABLE_ROWS]:
        cells = "".join(f"<td>{int(v)}</td>" for v in m[t])
        body.append(f"<tr><th scope=\"row\">{esc(book.sample_label.capitalize())} {t + 1}</th>{cells}<td>{int(m[t].sum())}</td></tr>")
    more = ""
    if len(rows) > MAX_TABLE_ROWS:
        left = len(rows) - MAX_TABLE_ROWS
        more = (f'<p class="small">…and {left} more {plural(book.sample_label, left)}: the totals below count them all.</p>')
    totals = "".join(f"<td>{int(v)}</td>" for v in m.sum(axis=0))
    return (f'<table class="counts"><thead><tr><th scope="col">{esc(book.sample_label.capitalize())}</th>{head}'
            f'<th scope="col">Total</th></tr></thead><tbody>{"".join(body)}</tbody>'
            f'<tfoot><tr><td>Altogether</td>{totals}<td>{int(m.sum())}</td></tr></tfoot></table>{more}')


def tally_marks(book: TallyBook) -> str:
    """Every category's total as tally marks in gates of five, as the pupils drew them."""
    pooled = book.pooled()
    rows = []
    for c in book.categories:
        n = int(pooled[c.name])
        rows.append(f'<div class="tally-row"><span class="name">{_swatch(c.colour)}{esc(c.name)} ({n})</span>'
                    f'{tally_svg(n, c.name)}</div>')
    return "".join(rows)


def _figure(svg: str, caption: str) -> str:
    return f'<figure class="keep">{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def charts_section(work: GroupWork) -> str:
    """The group's own chart, as it made it, with the checklist; and all its samples together."""
    book, spec = work.book, work.chart
    data = chart_data(book, spec)
    out = [_figure(chart_svg(spec, data), "Our chart, as we made it. " + in_words(spec, data))]
    checks = critique(spec, data, book.sample_label, book.category_label)
    items = "".join(f'<li class="{"ok" if c.ok else "todo"}">{esc(c.rule)}</li>' for c in checks.checks)
    out.append(f'<div class="keep"><h3>What makes a good chart work well?</h3><ul class="checks">{items}</ul>'
               f'<p>{esc(checks.next_step)}</p></div>')
    out.append(self_check_section(work, checks))
    pooled = [v for _, v in data.series] == [book.matrix().sum(axis=0).tolist()]  # their chart already shows it all
    if not (pooled and spec.kind == "bar") and book.counted_samples():
        samples = plural(book.sample_label)
        x_label, y_label = axis_labels(book.category_label, book.thing_label)
        together = ChartSpec(view="pooled", kind="bar", title=f"All our {samples} together", x_label=x_label,
                             y_label=y_label, fair_line=spec.fair_line)
        data2 = chart_data(book, together)
        out.append(_figure(chart_svg(together, data2), f"All our {samples} together. " + in_words(together, data2)))
    return "".join(out)


def percentages_section(book: TallyBook) -> str:
    """Each share as a fraction and a percentage, rounded as a spreadsheet does and so it always totals 100."""
    counts = book.pooled()
    if not sum(counts.values()):
        return f"<p>Count some {plural(book.thing_label)} first, then the percentages can be worked out.</p>"
    table = share_table(counts, 0)
    fair = largest_remainder_units(counts, 0)
    rows = "".join(
        f"<tr><th scope=\"row\">{_swatch(c)}{esc(r.category)}</th><td>{r.frequency}</td><td>{esc(r.fraction)}</td>"
        f"<td>{esc(r.spreadsheet)} %</td><td>{fair[r.category]} %</td></tr>"
        for r, c in zip(table.itertuples(index=False), book.categories.colours))
    total = sum(counts.values())
    return (f'<table class="shares keep"><thead><tr><th scope="col">{esc(book.category_label.capitalize())}</th>'
            f'<th scope="col">How many</th><th scope="col">Fraction</th><th scope="col">Percentage (each rounded)</th>'
            f'<th scope="col">Percentage (totals 100)</th></tr></thead><tbody>{rows}</tbody>'
            f'<tfoot><tr><td>Total</td><td>{total}</td><td>{total}/{total}</td><td>{spreadsheet_total(counts, 0)} %</td>'
            f'<td>100 %</td></tr></tfoot></table><p>{esc(explain(counts, 0, plural(book.thing_label)))}</p>')


def prediction_section(work: GroupWork) -> str:
    """The group's prediction beside what happened when the computer tested it with the group's own data."""
    book, p = work.book, work.prediction
    samples = plural(book.sample_label)
    if p.samples is None:
        return "<p>We did not write a prediction this time.</p>"
    if p.category not in book.categories.names:
        return f"<p>We predicted {p.samples} {plural(book.sample_label, p.samples)}.</p>"
    goal = goal_text(p, len(book.categories), book.sample_label, plural(book.thing_label))
    said = (f"<p><b>Our prediction:</b> to get {esc(goal)}, we need {p.samples} "
            f"{esc(plural(book.sample_label, p.samples))}.</p>")
    counted = len(book.counted_samples())
    if counted == 0:
        return said + f"<p>We had not counted any {esc(samples)} yet, so it could not be tested.</p>"
    result = simulate(book.matrix(), book.categories.index(p.category), p, max_samples=MAX_SAMPLES_TRIED,
                      trials=TRIALS, seed=SEED)
    chance = result.chance_for(p.samples)
    lines = [f"The computer pretended to buy {esc(samples)} {TRIALS:,} times, using the {counted} "
             f"{esc(plural(book.sample_label, counted))} we counted."]
    if chance is not None:
        lines.append(f"With {p.samples} {esc(plural(book.sample_label, p.samples))} it worked "
                     f"{round(chance * 100)} times out of 100.")
    if result.answer is None:
        lines.append(f"Even {MAX_SAMPLES_TRIED} {esc(samples)} did not work 9 times out of 10.")
    else:
        lines.append(f"To make it work 9 times out of 10 we would need {result.answer} "
                     f"{esc(plural(book.sample_label, result.answer))}.")
    if counted == 1:
        lines.append(f"We only had one {esc(book.sample_label)}: more {esc(samples)} make a better prediction.")
    return (said + f'<div class="keep"><p><b>What happened:</b> {" ".join(lines)}</p></div>')


def _status(f) -> str:
    words = STATUS_WORDS.get(f.status, f.status)
    return f'<p class="status">The class said: {esc(words)}' + (f" ({esc(f.evidence)})" if f.evidence else "") + "</p>"


def findings_section(work: GroupWork, lab: LabWords) -> str:
    """What the group found, question by question, and what the class said about each finding it shared."""
    out = []
    questions = list(lab.questions) + [q for q in work.answers if q not in lab.questions]
    for q in questions:
        answer = work.answers.get(q, "").strip()
        shared = [f for f in work.shared if f.question == q]
        out.append(f"<h3>{esc(q)}</h3>")
        out.append(_para(answer) if answer else "<p class=\"small\">We haven't written this one yet.</p>")
        for f in shared:
            if f.text.strip() != answer:
                out.append(_para(f.text))
            out.append(_status(f))
    for f in work.shared:
        if f.question not in questions:
            out.append(_para(f.text) + _status(f))
    return "".join(out) or "<p>We haven't written our findings yet.</p>"


def agreed_section(cls: ClassWork, with_groups: bool = True) -> str:
    """What the whole class agreed, with its evidence (and, in a book, which group found it)."""
    if not cls.agreed:
        return "<p>The class hasn't agreed any findings yet.</p>"
    out = []
    for f in cls.agreed:
        who = f'<p class="small">Found by {esc(f.group_name)}.</p>' if with_groups else ""
        evidence = f"<p><b>Evidence:</b> {esc(f.evidence)}</p>" if f.evidence else ""
        out.append(f'<div class="keep">{_para(f.text)}{evidence}{who}</div>')
    return "".join(out)


#: Looking back, in the order the page asks (the store's Reflection has these fields).
REFLECTION_HEADINGS = [("found", "What we found"), ("surprised", "What surprised us"),
                       ("next_time", "What we would investigate next"), ("helped", "What helped us learn today")]


def _feedback_html(item, findings: dict[int, str], who: str) -> str:
    """Two stars and a wish, or an answer to a finding (the store's Feedback), with who gave it or got it."""
    name = item.from_group if who == "From" else item.to_group
    head = f'<p class="small">{who} {esc(name)}:</p>'
    if item.kind == "answer":
        about = findings.get(item.finding_id, "")
        said = item.stance_words + (f": {item.reason}" if item.reason else "")
        return head + (f'<p class="small">About the finding “{esc(about)}”</p>' if about else "") + _para(said)
    lines = [f"★ {star}" for star in item.stars if star] + ([f"A wish: {item.wish}"] if item.wish else [])
    return head + _para("\n".join(lines)) if lines else ""


def voice_section(work: GroupWork, findings: dict[int, str] | None = None) -> str:
    """The group looking back, and the feedback it got (that the teacher released) and gave."""
    findings = findings or {}
    out = []
    reflection = work.voice.get("reflection")
    if reflection is not None:
        for key, head in REFLECTION_HEADINGS:
            text = getattr(reflection, key, "")
            if text and text.strip():
                out.append(f"<h3>{head}</h3>{_para(text)}")
    for key, head, who in [("feedback_got", "What other groups said about our work", "From"),
                           ("feedback_given", "What we said about other groups' work", "To")]:
        rows = [_feedback_html(item, findings, who) for item in work.voice.get(key) or []]
        rows = [r for r in rows if r]
        if rows:
            out.append(f"<h3>{head}</h3>" + "".join(rows))
    return "".join(out)


def self_check_section(work: GroupWork, checks) -> str:
    """The group's own ticks on the checklist beside the checker's, and its sentence why (when it made one)."""
    own = work.voice.get("self_check")
    if own is None or not own.ticks:
        return ""
    rows = []
    for c in checks.checks:
        if c.rule in own.ticks:
            mine = "✔ yes" if own.ticks[c.rule] else "○ not yet"
            rows.append(f"<tr><td>{esc(c.rule)}</td><td>{mine}</td><td>{'✔ yes' if c.ok else '○ not yet'}</td></tr>")
    table = ('<table class="keep"><thead><tr><th scope="col">What a good chart does</th><th scope="col">We said</th>'
             f'<th scope="col">The checker said</th></tr></thead><tbody>{"".join(rows)}</tbody></table>') if rows else ""
    why = f"<p><b>Why we think so:</b></p>{_para(own.why)}" if own.why and own.why.strip() else ""
    from .voice import look_again  # where we and the checker differ: a question, never "wrong"

    differ = [look_again(c.rule) for c in checks.checks if c.rule in own.ticks and own.ticks[c.rule] != c.ok]
    ask = "".join(f"<li>{esc(q)}</li>" for q in dict.fromkeys(differ))
    return f"<h3>Our own check</h3>{table}{why}" + (f"<p><b>Something to look at again:</b></p><ul>{ask}</ul>" if ask else "")


def chapter(work: GroupWork, cls: ClassWork, first: bool = False) -> str:
    """One group's chapter: question, tallies, charts, percentages, prediction, findings, voice."""
    lab, book = cls.lab, work.book
    samples = plural(book.sample_label)
    question = work.question or (lab.questions[0] if len(lab.questions) == 1 else "")
    q_html = (f'<p class="question">Our question: {esc(question)}</p>' if question else
              "".join(f'<p class="question">{esc(q)}</p>' for q in lab.questions))
    practice = ('<p class="note">These counts are practice data, made up by a computer, not counted by us.</p>'
                if work.practice else "")
    counted = len(book.counted_samples())
    total = int(book.matrix().sum())
    parts = [
        f'<section class="{"first" if first else "chapter"}" aria-label="{esc(work.name)}">',
        f"<h1>{esc(_possessive(work.name))} book</h1>" if first else f"<h1>{esc(work.name)}</h1>",
        q_html, practice,
        f"<h2>What we counted</h2><p>We counted {total} {esc(plural(book.thing_label, total))} in {counted} "
        f"{esc(plural(book.sample_label, counted))}.</p>",
        counts_table(book) if counted else f"<p>No {esc(samples)} counted yet.</p>",
        f'<h3>Our tally</h3><div class="keep">{tally_marks(book)}</div>' if counted else "",
        "<h2>Our charts</h2>", charts_section(work),
        "<h2>Percentages</h2>", percentages_section(book),
    ]
    if work.prediction.samples is not None or any("predict" in q.lower() or "how many" in q.lower() for q in lab.questions):
        parts += ["<h2>Our prediction, and what happened</h2>", prediction_section(work)]
    parts += ["<h2>What we found</h2>", findings_section(work, lab)]
    voice = voice_section(work, {f.id: f.text for f in cls.findings})
    if voice:
        parts += ["<h2>Looking back</h2>", voice]
    parts.append("</section>")
    return "".join(parts)


def _made(cls: ClassWork) -> str:
    return f"{cls.made_at.astimezone():%-d %B %Y}"


def group_book_html(cls: ClassWork, group: str) -> str:
    """One group's book: its chapter, then what the class agreed."""
    work = cls.group(group)
    in_class = bool(cls.code)  # a page that never joined a class has only its own work
    body = (chapter(work, cls, first=True)
            + (f'<section class="keep"><h2>What our class agreed</h2>{agreed_section(cls)}</section>' if in_class else "")
            + f'<p class="small">{esc(cls.title)}{f" · class {esc(cls.code)}" if in_class else ""} · made with '
              f"ClassLab on {_made(cls)}.</p>")
    return page(f"{_possessive(work.name)} book: {cls.title}", body)


def class_book_html(cls: ClassWork) -> str:
    """The teacher's class book: a cover, one chapter per group, then what the class agreed."""
    lab = cls.lab
    names = "".join(f"<li>{esc(g.name)}</li>" for g in cls.groups)
    questions = "".join(f"<li>{esc(q)}</li>" for q in lab.questions)
    cover = (f'<section class="cover"><h1>Our class book: {esc(cls.title)}</h1>'
             f"<p>Class {esc(cls.code)} · {_made(cls)}</p>"
             + (f"<h2>Our questions</h2><ol>{questions}</ol>" if questions else "")
             + f"<h2>The groups</h2><ul>{names or '<li>No groups yet.</li>'}</ul></section>")
    chapters = "".join(chapter(g, cls) for g in cls.groups)
    end = f'<section class="chapter"><h1>What the class agreed</h1>{agreed_section(cls)}'
    if cls.pooled is not None and cls.pooled.counted_samples():
        end += class_chart(cls)
    end += "</section>"
    return page(f"Our class book: {cls.title}", cover + chapters + end)


def class_chart(cls: ClassWork, title: str | None = None) -> str:
    """Every group's counted samples together, as one bar chart."""
    book = cls.pooled
    samples = plural(book.sample_label)
    x_label, y_label = axis_labels(book.category_label, book.thing_label)
    spec = ChartSpec(view="pooled", kind="bar", title=title or f"All our class's {samples} together", x_label=x_label,
                     y_label=y_label, fair_line=cls.lab.fair_line)
    data = chart_data(book, spec)
    n = len(book.counted_samples())
    return _figure(chart_svg(spec, data), f"{n} {plural(book.sample_label, n)} counted by the class. " + in_words(spec, data))


# --- printing ----------------------------------------------------------------------------------------
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


#: Books printing at once on this computer: each print is a Chromium (about 150 MB for a second or two), and a
#: class pressing "Make our book" together must not start thirty of them beside thirty kernels.
PRINT_SLOTS = 2


@contextmanager
def print_slot(wait: float = 120, folder=None):
    """One of PRINT_SLOTS places to print, shared by every kernel on this computer (a lock file each)."""
    folder = Path(folder or tempfile.gettempdir())
    files = [open(folder / f"classlab-print-{os.getuid()}-{i}.lock", "a") for i in range(PRINT_SLOTS)]
    try:
        deadline = time.monotonic() + wait
        while True:
            for f in files:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                try:
                    yield
                finally:
                    fcntl.flock(f, fcntl.LOCK_UN)
                return
            if time.monotonic() >= deadline:
                raise BookError("This computer is busy printing other books. Please try again in a minute.")
            threading.Event().wait(0.2)
    finally:
        for f in files:
            f.close()


def print_pdf(html_path, pdf_path, chromium: str | None = None, timeout: float = 120, wait: float = 120) -> Path:
    """Print an HTML file to an A4 PDF with Chromium's own headless print (a file: page; nothing fetched).

    Waits up to `wait` seconds for a print slot (PRINT_SLOTS prints at once on this computer)."""
    chromium = chromium or find_chromium()
    if not chromium:
        raise BookError("To make the PDF, this computer needs Chromium (sudo apt-get install chromium). "
                        "The web page is ready: open it in a browser and print it.")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(pdf_path.name + ".part")
    with print_slot(wait), tempfile.TemporaryDirectory(prefix="classlab-print-") as profile:
        args = [chromium, "--headless", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-quic",
                "--disable-default-apps", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                f"--user-data-dir={profile}", f"--print-to-pdf={partial}", html_path.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to start its sandbox as root
        try:
            done = subprocess.run(args, capture_output=True, timeout=timeout, env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            partial.unlink(missing_ok=True)
            raise BookError("Printing the book took too long. Please try again in a moment.") from None
    if done.returncode != 0 or not partial.exists() or partial.read_bytes()[:5] != b"%PDF-":
        partial.unlink(missing_ok=True)
        raise BookError("Chromium could not print the book. The web page is ready: open it in a browser and print it.")
    os.replace(partial, pdf_path)
    return pdf_path


def slug(text: str) -> str:
    """A file name part from a group's name: letters and digits only (a name is pupils' text)."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:40] or "group"


@dataclass
class BookFiles:
    html: Path
    pdf: Path | None
    problem: str = ""  # why there is no PDF, when there isn't one


def write_book(html_text: str, folder, stem: str, pdf: bool = True) -> BookFiles:
    """Write the page, then print it; a PDF that can't be made leaves the page and says why."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{stem}.html"
    html_path.write_text(html_text, encoding="utf-8")
    if not pdf:
        return BookFiles(html_path, None)
    try:
        return BookFiles(html_path, print_pdf(html_path, folder / f"{stem}.pdf"))
    except BookError as problem:
        return BookFiles(html_path, None, str(problem))


def make_book(store, code: str, group: str | None = None, folder=None, labs_dir=None, pdf: bool = True) -> BookFiles:
    """A group's book (or, with no group, the class's book) as HTML and PDF in `folder`."""
    cls = read_class(store, code, labs_dir, only=group)
    folder = Path(folder) if folder is not None else Path.cwd() / f"classlab-book-{cls.code}"
    if group is None:
        return write_book(class_book_html(cls), folder, f"class-book-{cls.code}", pdf)
    work = cls.group(group)
    return write_book(group_book_html(cls, work.name), folder, f"book-{cls.code}-{slug(work.name)}", pdf)


__all__ = ["BookError", "BookFiles", "ClassWork", "GroupWork", "LabWords", "class_book_html", "find_chromium",
           "group_book_html", "lab_words", "make_book", "page", "print_pdf", "read_class", "write_book"]
