"""A group's investigation (or the whole class's) as a book: one printable HTML page, and a PDF of it.

The Smarties pupils wanted to make a book of their project, structured by their own questions. The
book is made from the class's work as the store kept it (classlab/class_work.py: nothing on a page is
trusted), written as one self-contained HTML page (inline SVG pictures, inline styles, a Content
Security Policy that lets nothing load or run, every pupil's word escaped) and printed to PDF by this
machine's Chromium (classlab/printing.py): no request leaves the computer.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from babel.dates import format_date

from .book_pictures import chart_svg, in_words, tally_svg
from .categories import plural
from .charts import ChartSpec, axis_labels, chart_data, critique
from .class_work import BookError, ClassWork, GroupWork, LabWords, lab_words, read_class
from .findings import OUR_QUESTION, STATUS_WORDS
from .language import N_, _, current, html_lang, lab_word
from .percentages import explain, largest_remainder_units, share_table, spreadsheet_total
from .printing import BookFiles, PrintError, slug, write_book
from .sampler import goal_text, simulate
from .settings import MAX_SAMPLES_TRIED, TRIALS
from .tally import TallyBook

#: The most sample rows the book's table prints; the rest are counted in a sentence (the data file has them all).
MAX_TABLE_ROWS = 60
#: The seed the pupils' page tests a prediction with first, so the book tells the story they saw.
SEED = 2004


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _para(text: str) -> str:
    """Pupils' words as paragraphs: escaped, line breaks kept, nothing else."""
    parts = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return "".join(f"<p class=\"their-words\">{esc(p).replace(chr(10), '<br>')}</p>" for p in parts)


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
    return (f'<!DOCTYPE html>\n<html lang="{html_lang()}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{esc(colour)}" aria-hidden="true"></span>'


def _their_book(name: str) -> str:
    """A group's book in the page's language: "Reds’ book", "Team’s book", "Llyfr Reds"."""
    if name.endswith("s"):
        # Translators: the heading of a group's book; {name} is the group's name, which ends in "s" (Reds’ book).
        return _("{name}’ book").format(name=name)
    # Translators: the heading of a group's book; {name} is the group's name (Team’s book).
    return _("{name}’s book").format(name=name)


def counts_table(book: TallyBook) -> str:
    """The group's tallies as a table: one row per counted sample, a column per category, totals at the foot."""
    m = book.matrix()
    names, colours = book.categories.shown, book.categories.colours  # the names pupils read (coch)
    rows = book.counted_samples()
    head = "".join(f"<th scope=\"col\">{_swatch(c)}{esc(n)}</th>" for n, c in zip(names, colours))
    body = []
    for t in rows[:MAX_TABLE_ROWS]:
        cells = "".join(f"<td>{int(v)}</td>" for v in m[t])
        body.append(f"<tr><th scope=\"row\">{esc(lab_word(book.sample_label).capitalize())} {t + 1}</th>{cells}<td>{int(m[t].sum())}</td></tr>")
    more = ""
    if len(rows) > MAX_TABLE_ROWS:
        left = len(rows) - MAX_TABLE_ROWS
        # Translators: under a long table; {n} is a number, {samples} the lab's word for that many (tubes).
        said = _("…and {n} more {samples}: the totals below count them all.").format(
            n=left, samples=plural(book.sample_label, left))
        more = f'<p class="small">{said}</p>'
    totals = "".join(f"<td>{int(v)}</td>" for v in m.sum(axis=0))
    total, altogether = _("Total"), _("Altogether")
    return (f'<table class="counts"><thead><tr><th scope="col">{esc(lab_word(book.sample_label).capitalize())}</th>{head}'
            f'<th scope="col">{total}</th></tr></thead><tbody>{"".join(body)}</tbody>'
            f'<tfoot><tr><td>{altogether}</td>{totals}<td>{int(m.sum())}</td></tr></tfoot></table>{more}')


def tally_marks(book: TallyBook) -> str:
    """Every category's total as tally marks in gates of five, as the pupils drew them."""
    pooled = book.pooled()
    rows = []
    for c in book.categories:
        n = int(pooled[c.name])
        rows.append(f'<div class="tally-row"><span class="name">{_swatch(c.colour)}{esc(c.shown)} ({n})</span>'
                    f'{tally_svg(n, c.shown)}</div>')
    return "".join(rows)


def _figure(svg: str, caption: str) -> str:
    return f'<figure class="keep">{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def charts_section(work: GroupWork) -> str:
    """The group's own chart, as it made it, with the checklist; and all its samples together."""
    book, spec = work.book, work.chart
    data = chart_data(book, spec)
    out = [_figure(chart_svg(spec, data), _("Our chart, as we made it.") + " " + in_words(spec, data))]
    checks = critique(spec, data, book.sample_label, book.category_label)
    items = "".join(f'<li class="{"ok" if c.ok else "todo"}">{esc(c.rule)}</li>' for c in checks.checks)
    heading = _("What makes a good chart work well?")
    out.append(f'<div class="keep"><h3>{heading}</h3><ul class="checks">{items}</ul>'
               f'<p>{esc(checks.next_step)}</p></div>')
    out.append(self_check_section(work, checks))
    pooled = [v for _, v in data.series] == [book.matrix().sum(axis=0).tolist()]  # their chart already shows it all
    if not (pooled and spec.kind == "bar") and book.counted_samples():
        samples = plural(book.sample_label)
        x_label, y_label = axis_labels(book.category_label, book.thing_label)
        # Translators: a chart's title in the book; {samples} is the lab's word (tubes).
        title = _("All our {samples} together").format(samples=samples)
        together = ChartSpec(view="pooled", kind="bar", title=title, x_label=x_label,
                             y_label=y_label, fair_line=spec.fair_line)
        data2 = chart_data(book, together)
        out.append(_figure(chart_svg(together, data2), f"{title}. " + in_words(together, data2)))
    return "".join(out)


def percentages_section(book: TallyBook) -> str:
    """Each share as a fraction and a percentage, rounded as a spreadsheet does and so it always totals 100."""
    counts = book.pooled()
    if not sum(counts.values()):
        # Translators: {things} is what the lab counts, in the lab's words (sweets, throws).
        said = _("Count some {things} first, then the percentages can be worked out.").format(things=plural(book.thing_label))
        return f"<p>{said}</p>"
    table = share_table(counts, 0)
    fair = largest_remainder_units(counts, 0)
    rows = "".join(
        f"<tr><th scope=\"row\">{_swatch(c)}{esc(lab_word(r.category))}</th><td>{r.frequency}</td><td>{esc(r.fraction)}</td>"
        f"<td>{esc(r.spreadsheet)} %</td><td>{fair[r.category]} %</td></tr>"
        for r, c in zip(table.itertuples(index=False), book.categories.colours))
    total, total_word = sum(counts.values()), _("Total")
    heads = "".join(f'<th scope="col">{h}</th>' for h in (
        _("How many"), _("Fraction"), _("Percentage (each rounded)"), _("Percentage (totals 100)")))
    return (f'<table class="shares keep"><thead><tr><th scope="col">{esc(lab_word(book.category_label).capitalize())}</th>'
            f'{heads}</tr></thead><tbody>{rows}</tbody>'
            f'<tfoot><tr><td>{total_word}</td><td>{total}</td><td>{total}/{total}</td><td>{spreadsheet_total(counts, 0)} %</td>'
            f'<td>100 %</td></tr></tfoot></table><p>{esc(explain(counts, 0, plural(book.thing_label)))}</p>')


def prediction_section(work: GroupWork) -> str:
    """The group's prediction beside what happened when the computer tested it with the group's own data."""
    book, p = work.book, work.prediction
    samples = plural(book.sample_label)
    if p.samples is None:
        return "<p>" + _("We did not write a prediction this time.") + "</p>"
    if p.category not in book.categories.names:
        # Translators: {n} is a number, {samples} the lab's word for that many (tubes).
        said = _("We predicted {n} {samples}.").format(n=p.samples, samples=plural(book.sample_label, p.samples))
        return f"<p>{said}</p>"
    goal = goal_text(p, len(book.categories), book.sample_label, plural(book.thing_label))
    # Translators: {goal} is the group's goal (at least 10 orange ones), {n} a number, {samples} the lab's word (tubes).
    said = _("<b>Our prediction:</b> to get {goal}, we need {n} {samples}.").format(
        goal=esc(goal), n=p.samples, samples=esc(plural(book.sample_label, p.samples)))
    said = f"<p>{said}</p>"
    counted = len(book.counted_samples())
    if counted == 0:
        # Translators: {samples} is the lab's word for more than one (tubes).
        return said + "<p>" + _("We had not counted any {samples} yet, so it could not be tested.").format(
            samples=esc(samples)) + "</p>"
    result = simulate(book.matrix(), book.categories.index(p.category), p, max_samples=MAX_SAMPLES_TRIED,
                      trials=TRIALS, seed=SEED)
    chance = result.chance_for(p.samples)
    # Translators: {samples} is the lab's word for more than one (tubes), {trials} a number (1,000), {n} a number and
    # {counted} the lab's word for that many.
    lines = [_("The computer pretended to buy {samples} {trials} times, using the {n} {counted} we counted.").format(
        samples=esc(samples), trials=f"{TRIALS:,}", n=counted, counted=esc(plural(book.sample_label, counted)))]
    if chance is not None:
        # Translators: {n} is a number, {samples} the lab's word for that many (tubes), {times} a number up to 100.
        lines.append(_("With {n} {samples} it worked {times} times out of 100.").format(
            n=p.samples, samples=esc(plural(book.sample_label, p.samples)), times=round(chance * 100)))
    if result.answer is None:
        # Translators: {n} is a number, {samples} the lab's word for more than one (tubes).
        lines.append(_("Even {n} {samples} did not work 9 times out of 10.").format(n=MAX_SAMPLES_TRIED, samples=esc(samples)))
    else:
        # Translators: {n} is a number, {samples} the lab's word for that many (tubes).
        lines.append(_("To make it work 9 times out of 10 we would need {n} {samples}.").format(
            n=result.answer, samples=esc(plural(book.sample_label, result.answer))))
    if counted == 1:
        # Translators: {sample} is the lab's word for one (tube), {samples} for more than one (tubes).
        lines.append(_("We only had one {sample}: more {samples} make a better prediction.").format(
            sample=esc(lab_word(book.sample_label)), samples=esc(samples)))
    happened = _("<b>What happened:</b> {story}").format(story=" ".join(lines))
    return (said + f'<div class="keep"><p>{happened}</p></div>')


def _status(f) -> str:
    words = _(STATUS_WORDS[f.status]) if f.status in STATUS_WORDS else f.status
    # Translators: under a shared finding; {status} is how the class sorted it (We need to check).
    said = _("The class said: {status}").format(status=esc(words))
    return f'<p class="status">{said}' + (f" ({esc(f.evidence)})" if f.evidence else "") + "</p>"


def findings_section(work: GroupWork, lab: LabWords) -> str:
    """What the group found, question by question, and what the class said about each finding it shared."""
    out = []
    own = work.question if work.question and work.question not in lab.questions else ""
    keys = ([OUR_QUESTION] if own else []) + list(lab.questions) + [q for q in work.answers if q not in lab.questions and q != OUR_QUESTION]
    questions = []
    for key in keys:
        q = own if key == OUR_QUESTION else key  # the group's own question first, in its words
        questions.append(q)
        answer = work.answers.get(key, "").strip()
        shared = [f for f in work.shared if f.question == q]
        out.append(f"<h3>{esc(lab_word(q))}</h3>")  # a lab's question in the page's language; answers keep its key
        out.append(_para(answer) if answer else '<p class="small">' + _("We haven't written this one yet.") + "</p>")
        for f in shared:
            if f.text.strip() != answer:
                out.append(_para(f.text))
            out.append(_status(f))
    for f in work.shared:
        if f.question not in questions:
            out.append(_para(f.text) + _status(f))
    return "".join(out) or "<p>" + _("We haven't written our findings yet.") + "</p>"


def agreed_section(cls: ClassWork, with_groups: bool = True) -> str:
    """What the whole class agreed, with its evidence (and, in a book, which group found it)."""
    if not cls.agreed:
        return "<p>" + _("The class hasn't agreed any findings yet.") + "</p>"
    out = []
    for f in cls.agreed:
        # Translators: under a finding the class agreed; {group} is the name of the group that found it.
        found_by = _("Found by {group}.").format(group=esc(f.group_name))
        who = f'<p class="small">{found_by}</p>' if with_groups else ""
        # Translators: {evidence} is the evidence the class gave for a finding, in the class's words.
        evidence = "<p>" + _("<b>Evidence:</b> {evidence}").format(evidence=esc(f.evidence)) + "</p>" if f.evidence else ""
        out.append(f'<div class="keep">{_para(f.text)}{evidence}{who}</div>')
    return "".join(out)


#: Looking back, in the order the page asks (the store's Reflection has these fields).
REFLECTION_HEADINGS = [("found", N_("What we found")), ("surprised", N_("What surprised us")),
                       ("next_time", N_("What we would investigate next")), ("helped", N_("What helped us learn today"))]


def _feedback_html(item, findings: dict[int, str], who: str) -> str:  # who: "got" (from them) or "gave" (to them)
    """Two stars and a wish, or an answer to a finding (the store's Feedback), with who gave it or got it."""
    if who == "got":
        # Translators: above feedback another group gave; {group} is that group's name.
        head = _("From {group}:").format(group=esc(item.from_group))
    else:
        # Translators: above feedback this group gave; {group} is the name of the group it went to.
        head = _("To {group}:").format(group=esc(item.to_group))
    head = f'<p class="small">{head}</p>'
    if item.kind == "answer":
        about = findings.get(item.finding_id, "")
        said = item.stance_words + (f": {item.reason}" if item.reason else "")
        # Translators: {finding} is a finding in a group's own words.
        about_it = _("About the finding “{finding}”").format(finding=esc(about))
        return head + (f'<p class="small">{about_it}</p>' if about else "") + _para(said)
    # Translators: {wish} is one group's wish for another's work, in its own words.
    lines = [f"★ {star}" for star in item.stars if star] + ([_("A wish: {wish}").format(wish=item.wish)] if item.wish else [])
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
                out.append("<h3>" + _(head) + f"</h3>{_para(text)}")
    for key, head, who in [("feedback_got", N_("What other groups said about our work"), "got"),
                           ("feedback_given", N_("What we said about other groups' work"), "gave")]:
        rows = [_feedback_html(item, findings, who) for item in work.voice.get(key) or []]
        rows = [r for r in rows if r]
        if rows:
            out.append("<h3>" + _(head) + "</h3>" + "".join(rows))
    return "".join(out)


def self_check_section(work: GroupWork, checks) -> str:
    """The group's own ticks on the checklist beside the checker's, and its sentence why (when it made one)."""
    own = work.voice.get("self_check")
    if own is None or not own.ticks:
        return ""
    from .voice import look_again, rule_key  # where we and the checker differ: a question, never "wrong"

    # Ticks and checklist lines matched by their fixed keys: ticks read in one language match lines said in another.
    ticks = {rule_key(rule): ticked for rule, ticked in own.ticks.items()}
    mine = [(c, ticks[rule_key(c.rule)]) for c in checks.checks if rule_key(c.rule) in ticks]
    rows = []
    yes, not_yet = "✔ " + _("yes"), "○ " + _("not yet")
    for c, ticked in mine:
        rows.append(f"<tr><td>{esc(c.rule)}</td><td>{yes if ticked else not_yet}</td><td>{yes if c.ok else not_yet}</td></tr>")
    heads = "".join(f'<th scope="col">{h}</th>' for h in (
        _("What a good chart does"), _("We said"), _("The checker said")))
    table = (f'<table class="keep"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>') if rows else ""
    why = "<p><b>" + _("Why we think so:") + f"</b></p>{_para(own.why)}" if own.why and own.why.strip() else ""
    differ = [look_again(c.rule) for c, ticked in mine if ticked != c.ok]
    ask = "".join(f"<li>{esc(q)}</li>" for q in dict.fromkeys(differ))
    again = "<p><b>" + _("Something to look at again:") + f"</b></p><ul>{ask}</ul>" if ask else ""
    return "<h3>" + _("Our own check") + f"</h3>{table}{why}{again}"


def chapter(work: GroupWork, cls: ClassWork, first: bool = False) -> str:
    """One group's chapter: question, tallies, charts, percentages, prediction, findings, voice."""
    lab, book = cls.lab, work.book
    samples = plural(book.sample_label)
    question = work.question or (lab.questions[0] if len(lab.questions) == 1 else "")
    # Translators: at the top of a group's chapter; {question} is the group's question in its own words.
    ours = _("Our question: {question}").format(question=esc(lab_word(question)))
    q_html = (f'<p class="question">{ours}</p>' if question else
              "".join(f'<p class="question">{esc(lab_word(q))}</p>' for q in lab.questions))
    practice = ('<p class="note">' + _("These counts are practice data, made up by a computer, not counted by us.")
                + "</p>" if work.practice else "")
    counted = len(book.counted_samples())
    total = int(book.matrix().sum())
    # Translators: {total} and {n} are numbers; {things} the lab's word for that many things (sweets), {samples} for
    # that many samples (tubes).
    we_counted = _("We counted {total} {things} in {n} {samples}.").format(
        total=total, things=esc(plural(book.thing_label, total)), n=counted, samples=esc(plural(book.sample_label, counted)))
    # Translators: {samples} is the lab's word for more than one (tubes).
    none_yet = _("No {samples} counted yet.").format(samples=esc(samples))
    parts = [
        f'<section class="{"first" if first else "chapter"}" aria-label="{esc(work.name)}">',
        f"<h1>{esc(_their_book(work.name))}</h1>" if first else f"<h1>{esc(work.name)}</h1>",
        q_html, practice,
        "<h2>" + _("What we counted") + f"</h2><p>{we_counted}</p>",
        counts_table(book) if counted else f"<p>{none_yet}</p>",
        "<h3>" + _("Our tally") + f'</h3><div class="keep">{tally_marks(book)}</div>' if counted else "",
        "<h2>" + _("Our charts") + "</h2>", charts_section(work),
        "<h2>" + _("Percentages") + "</h2>", percentages_section(book),
    ]
    if work.prediction.samples is not None or any("predict" in q.lower() or "how many" in q.lower() for q in lab.questions):
        parts += ["<h2>" + _("Our prediction, and what happened") + "</h2>", prediction_section(work)]
    parts += ["<h2>" + _("What we found") + "</h2>", findings_section(work, lab)]
    voice = voice_section(work, {f.id: f.text for f in cls.findings})
    if voice:
        parts += ["<h2>" + _("Looking back") + "</h2>", voice]
    parts.append("</section>")
    return "".join(parts)


def _made(cls: ClassWork) -> str:
    """The day the book was made, in the page's language: "2 December 2026", "2 Rhagfyr 2026"."""
    return format_date(cls.made_at.astimezone(), "d MMMM y", locale=current())


def group_book_html(cls: ClassWork, group: str) -> str:
    """One group's book: its chapter, then what the class agreed."""
    work = cls.group(group)
    in_class = bool(cls.code)  # a page that never joined a class has only its own work
    if in_class:
        # Translators: the foot of a group's book; {title} is the lab's title, {code} the class code, {day} a date.
        made = _("{title} · class {code} · made with ClassLab on {day}.").format(
            title=esc(lab_word(cls.title)), code=esc(cls.code), day=_made(cls))
    else:
        # Translators: the foot of a group's book; {title} is the lab's title, {day} a date.
        made = _("{title} · made with ClassLab on {day}.").format(title=esc(lab_word(cls.title)), day=_made(cls))
    body = (chapter(work, cls, first=True)
            + ('<section class="keep"><h2>' + _("What our class agreed") + f"</h2>{agreed_section(cls)}</section>"
               if in_class else "")
            + f'<p class="small">{made}</p>')
    # Translators: the title of a group's book (in the browser's tab); {book} is "Reds’ book", {title} the lab's.
    return page(_("{book}: {title}").format(book=_their_book(work.name), title=lab_word(cls.title)), body)


def class_book_html(cls: ClassWork) -> str:
    """The teacher's class book: a cover, one chapter per group, then what the class agreed."""
    lab = cls.lab
    names = "".join(f"<li>{esc(g.name)}" + (f": <i>{esc(lab_word(g.question))}</i>" if g.question else "") + "</li>"
                    for g in cls.groups)  # each group with the question it chose (a lab's one in the page's language)
    questions = "".join(f"<li>{esc(lab_word(q))}</li>" for q in lab.questions)
    # Translators: the class book's title; {title} is the lab's title.
    title = _("Our class book: {title}").format(title=lab_word(cls.title))
    # Translators: on the class book's cover; {code} is the class code, {day} a date.
    which = _("Class {code} · {day}").format(code=esc(cls.code), day=_made(cls))
    no_groups = "<li>" + _("No groups yet.") + "</li>"
    cover = (f'<section class="cover"><h1>{esc(title)}</h1>'
             f"<p>{which}</p>"
             + ("<h2>" + _("Our questions") + f"</h2><ol>{questions}</ol>" if questions else "")
             + "<h2>" + _("The groups") + f"</h2><ul>{names or no_groups}</ul></section>")
    chapters = "".join(chapter(g, cls) for g in cls.groups)
    end = '<section class="chapter"><h1>' + _("What the class agreed") + f"</h1>{agreed_section(cls)}"
    if cls.pooled is not None and cls.pooled.counted_samples():
        end += class_chart(cls)
    end += "</section>"
    return page(title, cover + chapters + end)


def class_chart(cls: ClassWork, title: str | None = None) -> str:
    """Every group's counted samples together, as one bar chart."""
    book = cls.pooled
    samples = plural(book.sample_label)
    x_label, y_label = axis_labels(book.category_label, book.thing_label)
    # Translators: a chart's title; {samples} is the lab's word for more than one (tubes).
    title = title or _("All our class's {samples} together").format(samples=samples)
    spec = ChartSpec(view="pooled", kind="bar", title=title, x_label=x_label,
                     y_label=y_label, fair_line=cls.lab.fair_line)
    data = chart_data(book, spec)
    n = len(book.counted_samples())
    # Translators: {n} is a number, {samples} the lab's word for that many (tubes).
    counted = _("{n} {samples} counted by the class.").format(n=n, samples=plural(book.sample_label, n))
    return _figure(chart_svg(spec, data), counted + " " + in_words(spec, data))


def make_book(store, code: str, group: str | None = None, folder=None, labs_dir=None, pdf: bool = True) -> BookFiles:
    """A group's book (or, with no group, the class's book) as HTML and PDF in `folder`."""
    cls = read_class(store, code, labs_dir, only=group)
    folder = Path(folder) if folder is not None else Path.cwd() / f"classlab-book-{cls.code}"
    if group is None:
        return write_book(class_book_html(cls), folder, f"class-book-{cls.code}", pdf)
    work = cls.group(group)
    return write_book(group_book_html(cls, work.name), folder, f"book-{cls.code}-{slug(work.name)}", pdf)


__all__ = ["BookError", "BookFiles", "ClassWork", "GroupWork", "LabWords", "PrintError", "class_book_html",
           "group_book_html", "lab_words", "make_book", "page", "read_class", "write_book"]
