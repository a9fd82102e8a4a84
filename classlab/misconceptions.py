"""Misconceptions several groups share, found from their work, so the teacher can teach to them together.

Personalised is not individualised: groups share misconceptions, and a teacher who sees that four
groups judged from one tube can teach those four at once. Each kind below is found from what a
group actually saved (its prediction and how much it had counted, its chart's choices, its words),
never guessed; each says what in the group's work shows it, and a way to teach to it. Nothing here
is shown to pupils as a mark: it is for the teacher. Its words are said in the board's language when
found; the lab's words (tube, sweet) are put in as the lab gives them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .categories import english_plural, plural
from .charts import MAX_DOTS, MAX_PIE_SLICES, chart_data
from .language import N_, _, lab_word
from .sampler import SamplerError, simulate
from .tally import TallyBook

#: A kind is "shared" when at least this many groups show it.
SHARED = 2
#: Words quoted from a pupil are cut here, so the board stays readable.
QUOTE = 140


@dataclass(frozen=True)
class Sign:
    """One group's work that shows a misconception, said in words the teacher can check."""

    group: str
    evidence: str


@dataclass
class Misconception:
    key: str
    title: str  # the idea, as a pupil might hold it
    about: str  # what in the work shows it
    teach: str  # one way to teach to it with those groups together
    signs: list[Sign] = field(default_factory=list)

    @property
    def groups(self) -> list[str]:
        return [s.group for s in self.signs]

    @property
    def shared(self) -> bool:
        return len(self.signs) >= SHARED


def _quote(text: str) -> str:
    text = " ".join(str(text).split())
    return f"“{text[:QUOTE]}…”" if len(text) > QUOTE else f"“{text}”"


def _texts(work) -> list[str]:
    """Everything the group wrote: its answers, the findings it shared, its reflection."""
    texts = [t for t in work.answers.values() if t.strip()]
    texts += [f.text for f in work.shared if f.text.strip() and f.text not in texts]
    reflection = work.voice.get("reflection") if getattr(work, "voice", None) else None
    if reflection:
        get = (lambda k: reflection.get(k)) if isinstance(reflection, dict) else (lambda k: getattr(reflection, k, None))
        texts += [str(get(k)) for k in ("found", "surprised", "next_time") if get(k)]
    return texts


#: "every tube", "all the tubes", "always": a claim about every sample.
_EVERY = r"\b(every|all( the)?|each)\s+{samples_or_sample}\b|\balways\b|\bnever\b"
#: The same claim in the page's language ("pob tiwb"), words looked for and never shown: each is a list with
#: commas between, so a language can give several ways of saying it.
# Translators: never shown. Words pupils write just before the lab's word for a sample ("every tube"),
# with commas between: the teacher's board looks for them in a group's writing. Give every usual way,
# e.g. "pob, holl, yr holl".
EVERY_WORDS = N_("every, each, all, all the")
# Translators: never shown. Words pupils write for a claim about every time, with commas between: the
# teacher's board looks for them in a group's writing. Give every usual way, e.g. "bob amser, wastad, byth".
ALWAYS_WORDS = N_("always, never")


def _said(words: str) -> list[str]:
    """A list of words from the catalogue ("every, each") as regular expressions, any spacing between words."""
    return [r"\s+".join(re.escape(w) for w in word.split()) for word in words.split(",") if word.strip()]


def _claim(sample: str) -> re.Pattern:
    """A claim about every sample, in English as before, and in the page's language with the lab's words there."""
    english = _EVERY.format(samples_or_sample=f"({re.escape(sample)}|{re.escape(english_plural(sample))})")
    samples = [sample, english_plural(sample), lab_word(sample), plural(sample)]
    before, alone = _said(_(EVERY_WORDS)), _said(_(ALWAYS_WORDS))
    words = "|".join(re.escape(w) for w in dict.fromkeys(samples))
    local = rf"(?<!\w)(?:{'|'.join(before)})\s+(?:{words})(?!\w)" + "".join(f"|(?<!\\w){w}(?!\\w)" for w in alone)
    return re.compile(f"{english}|{local}", re.IGNORECASE)


def _one_is_enough(work) -> bool:
    """Whether the group's own data says one sample does meet its goal (then predicting 1 is right, not a slip)."""
    book, prediction = work.book, work.prediction
    try:
        index = book.categories.index(prediction.category)
        return simulate(book.matrix(), index, prediction, max_samples=1).answer == 1
    except (KeyError, ValueError, SamplerError):  # a colour the lab no longer has, or nothing to simulate with
        return False


def one_sample(work) -> str | None:
    """A prediction, or a claim about every sample, made from one sample counted (or none); or a prediction that
    one sample is enough."""
    book = work.book
    counted = len(book.counted_samples())
    sample = book.sample_label
    p = work.prediction.samples
    if p is not None and counted <= 1:
        # Translators: evidence on the teacher's board, after a group's name. {n} is a number; {sample} is the lab's
        # word for one sample (tube) and {samples} the word for {n} of them (tube or tubes), as the lab gives them.
        said = _("predicted {n} {samples} with only one {sample} counted") if counted else _(
            "predicted {n} {samples} with no {sample} counted")
        return said.format(n=p, samples=plural(sample, p), sample=lab_word(sample))
    if p == 1 and not _one_is_enough(work):
        return _("predicted that one {sample} is enough").format(sample=lab_word(sample))
    if counted <= 1:
        pattern = _claim(sample)
        for text in _texts(work):
            if pattern.search(text):
                # Translators: {quote} is the group's own words, in quotation marks; {sample} the lab's word (tube).
                said = _("wrote {quote} with only one {sample} counted") if counted else _(
                    "wrote {quote} with no {sample} counted")
                return said.format(quote=_quote(text), sample=lab_word(sample))
    return None


def pie_across(work) -> str | None:
    """A pie chart of several samples side by side: a pie shows the parts of one whole."""
    spec = work.chart
    if spec.kind == "pie" and spec.view == "side_by_side" and len(spec.chosen) > 1:
        n = len(spec.chosen)
        # Translators: {samples} is the lab's word for what groups count, in the plural (tubes).
        return _("made pies of {n} {samples} side by side to compare them").format(
            n=n, samples=plural(work.book.sample_label, n))
    return None


def axis_not_zero(work) -> str | None:
    """A bar chart or dot plot whose count axis does not start at 0 (small differences look big)."""
    spec = work.chart
    if spec.kind in ("bar", "dots") and spec.axis_start != 0 and not chart_data(work.book, spec).is_empty:
        return _("started the count axis at {n}").format(n=spec.axis_start)
    return None


def pie_slices(work) -> str | None:
    spec = work.chart
    if spec.kind != "pie":
        return None
    data = chart_data(work.book, spec)
    if not data.is_empty and data.non_zero_slices > MAX_PIE_SLICES:
        # Translators: {n} is always more than the most slices a pie should have (8).
        return _("made a pie with {n} slices").format(n=data.non_zero_slices)
    return None


def dots_big(work) -> str | None:
    spec = work.chart
    if spec.kind != "dots":
        return None
    data = chart_data(work.book, spec)
    if not data.is_empty and data.top > MAX_DOTS:
        # Translators: {n} is always more than the most dots a column should have (30).
        return _("drew {n} dots in one column").format(n=data.top)
    return None


_HUNDRED = re.compile(r"\b(100|hundred)\b", re.IGNORECASE)
#: "should total 100", "they're wrong": 100 expected, not just noticed ("our percentages total 100 %" is right).
_EXPECTED = re.compile(r"\b(should|shouldn't|must|wrong|mistake|missing|broken|supposed|meant|ought|not\s+right|"
                       r"isn't\s+right)\b", re.IGNORECASE)
#: "add up to 99", "only totals 101", "made 99, not 100": a total near 100 that pupils noticed.
_OFF_TOTAL = re.compile(r"\b(add|adds|added|adding|total|totals|totalled|sum|sums|come|comes|came|make|makes|made|"
                        r"get|gets|got|equal|equals)\b[^.?!]{0,20}?\b(9[5-9]|10[1-5])\b", re.IGNORECASE)


def hundred(work) -> str | None:
    """Words about percentages that do not total exactly 100 (the Smarties class's own puzzle)."""
    for text in _texts(work):
        if "%" not in text and "percent" not in text.lower():
            continue
        if (_HUNDRED.search(text) and _EXPECTED.search(text)) or _OFF_TOTAL.search(text):
            # Translators: {quote} is the group's own words, in quotation marks.
            return _("wrote {quote}").format(quote=_quote(text))
    return None


@dataclass(frozen=True)
class Kind:
    key: str
    find: object
    title: str
    about: str
    teach: str


def kinds(sample: str = TallyBook.sample_label.default_value,
          thing: str = TallyBook.thing_label.default_value) -> list[Kind]:
    """Every kind ClassLab looks for, in the lab's words and the language being spoken (said when asked for)."""
    words = {"sample": lab_word(sample), "samples": plural(sample), "things": plural(thing)}
    return [
        # Translators: for the teacher, about an idea several groups share. {sample} is the lab's word for one
        # sample (tube), {samples} its plural (tubes) and {things} its word for what is counted, in the plural
        # (sweets), as the lab gives them.
        Kind("one_sample", one_sample, _("One {sample} tells you everything").format(**words),
             _("A prediction, or a claim about every {sample}, made from one {sample} counted.").format(**words),
             _("Put two groups' single {samples} side by side: do they agree? Then test the prediction again with the "
               "class's {samples} pooled: the more data, the better the prediction.").format(**words)),
        Kind("pie_across", pie_across, _("A pie to compare {samples}").format(**words),
             _("Pies of several {samples} side by side: a pie shows the parts of one whole, so differences hide.").format(**words),
             _("Show the same {samples} as bars side by side. Which chart makes it easier to compare them?").format(**words)),
        Kind("axis_not_zero", axis_not_zero, _("A count axis that does not start at 0"),
             _("Small differences look big when the count axis starts above 0."),
             _("Show one chart with the axis from 0 and from the groups' start: which differences look big now, "
               "and which are big?")),
        Kind("pie_slices", pie_slices, _("A pie with too many slices"),
             # Translators: {most} is the most slices a pie should have (8).
             _("A pie with more than {most} slices is hard to read.").format(most=MAX_PIE_SLICES),
             _("Ask the groups to find the smallest slice in the pie, then in a bar chart: which was quicker?")),
        Kind("dots_big", dots_big, _("A dot plot for big counts"),
             # Translators: {most} is the most dots a column should have (30).
             _("More than {most} dots in a column are hard to count at a glance.").format(most=MAX_DOTS),
             _("Count the tallest column of dots together, then read the same bar on a bar chart.")),
        Kind("hundred", hundred, _("Percentages should total exactly 100"),
             _("Words about percentages of {things} that add up to 99 or 101, not 100.").format(**words),
             _("Share one cake between 3: each share is 33.333…%, which rounds to 33, and 33 + 33 + 33 = 99. "
               "Then look at the column that shares out the leftover bits so it always totals 100.")),
    ]


def find(groups, only_shared: bool = False) -> list[Misconception]:
    """The misconceptions in a class's work (`GroupWork`s, see classlab.book), most groups first.

    A group whose counts are made-up practice data is still looked at: its chart and words are its own.
    """
    groups = list(groups)
    words = (groups[0].book.sample_label, groups[0].book.thing_label) if groups else ()
    found = []
    for kind in kinds(*words):
        signs = []
        for work in groups:
            evidence = kind.find(work)
            if evidence:
                signs.append(Sign(work.name, evidence))
        if signs:
            found.append(Misconception(kind.key, kind.title, kind.about, kind.teach, signs))
    found.sort(key=lambda m: -len(m.signs))  # stable: the order above breaks ties
    return [m for m in found if m.shared] if only_shared else found


def in_class(store, code: str, labs_dir=None, only_shared: bool = False) -> list[Misconception]:
    """The misconceptions in a class, read from the store."""
    from .class_work import read_class

    return find(read_class(store, code, labs_dir).groups, only_shared)
