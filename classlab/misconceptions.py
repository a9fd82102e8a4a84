"""Misconceptions several groups share, found from their work, so the teacher can teach to them together.

Personalised is not individualised: groups share misconceptions, and a teacher who sees that four
groups judged from one tube can teach those four at once. Each kind below is found from what a
group actually saved (its prediction and how much it had counted, its chart's choices, its words),
never guessed; each says what in the group's work shows it, and a way to teach to it. Nothing here
is shown to pupils as a mark: it is for the teacher.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .categories import plural
from .charts import MAX_DOTS, MAX_PIE_SLICES, chart_data
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


def one_sample(work) -> str | None:
    """A prediction, or a claim about every sample, made from one sample counted (or none); or a prediction that
    one sample is enough."""
    book = work.book
    counted = len(book.counted_samples())
    sample = book.sample_label
    p = work.prediction.samples
    if p is not None and counted <= 1:
        return (f"predicted {p} {plural(sample, p)} with {'only one' if counted else 'no'} {sample} counted")
    if p == 1:
        return f"predicted that one {sample} is enough"
    if counted <= 1:
        pattern = re.compile(_EVERY.format(samples_or_sample=f"({re.escape(sample)}|{re.escape(plural(sample))})"),
                             re.IGNORECASE)
        for text in _texts(work):
            if pattern.search(text):
                return f"wrote {_quote(text)} with {'only one' if counted else 'no'} {sample} counted"
    return None


def pie_across(work) -> str | None:
    """A pie chart of several samples side by side: a pie shows the parts of one whole."""
    spec = work.chart
    if spec.kind == "pie" and spec.view == "side_by_side" and len(spec.chosen) > 1:
        n = len(spec.chosen)
        return f"made pies of {n} {plural(work.book.sample_label, n)} side by side to compare them"
    return None


def axis_not_zero(work) -> str | None:
    """A bar chart or dot plot whose count axis does not start at 0 (small differences look big)."""
    spec = work.chart
    if spec.kind in ("bar", "dots") and spec.axis_start != 0 and not chart_data(work.book, spec).is_empty:
        return f"started the count axis at {spec.axis_start}"
    return None


def pie_slices(work) -> str | None:
    spec = work.chart
    if spec.kind != "pie":
        return None
    data = chart_data(work.book, spec)
    if not data.is_empty and data.non_zero_slices > MAX_PIE_SLICES:
        return f"made a pie with {data.non_zero_slices} slices"
    return None


def dots_big(work) -> str | None:
    spec = work.chart
    if spec.kind != "dots":
        return None
    data = chart_data(work.book, spec)
    if not data.is_empty and data.top > MAX_DOTS:
        return f"drew {data.top} dots in one column"
    return None


_HUNDRED = re.compile(r"\b(100|hundred)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(add|adds|added|adding|total|totals|sum|make|makes|equal|equals|wrong|should|missing|mistake|"
                    r"broken)\b", re.IGNORECASE)
#: "add up to 99", "only totals 101": a total near 100 that pupils noticed.
_OFF_TOTAL = re.compile(r"\b(add|adds|added|total|totals|come|comes|make|makes)\b[^.?!]{0,20}?\b(9[5-9]|10[1-5])\b",
                        re.IGNORECASE)


def hundred(work) -> str | None:
    """Words about percentages that do not total exactly 100 (the Smarties class's own puzzle)."""
    for text in _texts(work):
        if "%" not in text and "percent" not in text.lower():
            continue
        if (_HUNDRED.search(text) and _TOTAL.search(text)) or _OFF_TOTAL.search(text):
            return f"wrote {_quote(text)}"
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
    """Every kind ClassLab looks for, in the lab's words."""
    s, ss, things = sample, plural(sample), plural(thing)
    return [
        Kind("one_sample", one_sample, f"One {s} tells you everything",
             f"A prediction, or a claim about every {s}, made from one {s} counted.",
             f"Put two groups' single {ss} side by side: do they agree? Then test the prediction again with the "
             f"class's {ss} pooled: the more data, the better the prediction."),
        Kind("pie_across", pie_across, f"A pie to compare {ss}",
             f"Pies of several {ss} side by side: a pie shows the parts of one whole, so differences hide.",
             f"Show the same {ss} as bars side by side. Which chart makes it easier to compare them?"),
        Kind("axis_not_zero", axis_not_zero, "A count axis that does not start at 0",
             "Small differences look big when the count axis starts above 0.",
             "Show one chart with the axis from 0 and from the groups' start: which differences look big now, "
             "and which are big?"),
        Kind("pie_slices", pie_slices, "A pie with too many slices",
             f"A pie with more than {MAX_PIE_SLICES} slices is hard to read.",
             "Ask the groups to find the smallest slice in the pie, then in a bar chart: which was quicker?"),
        Kind("dots_big", dots_big, "A dot plot for big counts",
             f"More than {MAX_DOTS} dots in a column are hard to count at a glance.",
             "Count the tallest column of dots together, then read the same bar on a bar chart."),
        Kind("hundred", hundred, "Percentages should total exactly 100",
             f"Words about percentages of {things} that add up to 99 or 101, not 100.",
             "Share one cake between 3: each share is 33.333…%, which rounds to 33, and 33 + 33 + 33 = 99. "
             "Then look at the column that shares out the leftover bits so it always totals 100."),
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
    from .book import read_class

    return find(read_class(store, code, labs_dir).groups, only_shared)
