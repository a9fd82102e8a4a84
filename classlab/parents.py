"""A page for parents: what the class asked, found and agreed, a chart, and something to try at home.

Made from the class's work with no pupil or group names in it: groups are never named, and a group's
name written inside a finding is replaced by "a group". Printable, and shareable as one file (HTML and
PDF, made like the book: nothing loads, nothing runs, nothing leaves the machine).
"""
from __future__ import annotations

import re
from pathlib import Path

from .book import _para, class_chart, esc, page
from .class_work import ClassWork, read_class
from .printing import BookFiles, write_book
from .categories import plural
from .percentages import largest_remainder_units

ANONYMOUS = "a group"


def without_names(text: str, names, keep=()) -> str:
    """Pupils' words with every group's name (in any case or spacing, as whole words) replaced by "a group".

    A name that is also one of the lab's own words in `keep` (a group called "Red" in a lab that counts red)
    is left: there it names the data, not who wrote it, and taking it out would turn "red is rarest" into
    nonsense."""
    kept = {" ".join(k.casefold().split()) for k in keep}
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        if " ".join(name.casefold().split()) in kept:
            continue
        words = [re.escape(w) for w in name.split()]
        text = re.sub(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", ANONYMOUS, text, flags=re.IGNORECASE)
    return text


def _listed(names: list[str]) -> str:
    """red; red and brown; red, blue and brown."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _facts(cls: ClassWork) -> str:
    """The class's data in a sentence or two: how much was counted, what was most and least common."""
    book = cls.pooled
    if book is None or not book.counted_samples():
        return ""
    counts = book.pooled()
    total = sum(counts.values())
    n = len(book.counted_samples())
    shares = largest_remainder_units(counts, 0)
    most = [c for c in counts if counts[c] == max(counts.values())]  # a tie names every one of them
    least = [c for c in counts if counts[c] == min(counts.values())]
    things, cat = plural(book.thing_label, total), book.category_label
    was = lambda tied: "were" if len(tied) > 1 else "was"  # noqa: E731
    if len(most) == len(counts):
        return (f"<p>{esc(f'Together the class counted {total} {things} in {n} {plural(book.sample_label, n)}.')} "
                f"{esc(f'Every {cat} came up just as often.')}</p>")
    text = (f"Together the class counted {total} {things} in {n} {plural(book.sample_label, n)}. "
            f"The most common {plural(cat) if len(most) > 1 else cat} {was(most)} {_listed(most)} "
            f"({shares[most[0]]}\u00a0%) and the least common {was(least)} {_listed(least)} ({shares[least[0]]}\u00a0%).")
    return f"<p>{esc(text)}</p>"


def at_home(cls: ClassWork) -> str:
    """Something to try at home, in the lab's own words and with the class's own numbers to compare."""
    lab, book = cls.lab, cls.pooled
    sample, things = lab.sample, plural(lab.thing)
    categories = plural(lab.category)
    ideas = [
        f"Collect one {sample} of your own and tally the {categories} together: a line for each, and a line across "
        "every fifth, to make a gate of five.",
        f"Before you count, each make a prediction: which {lab.category} will there be most of? Write it down, then "
        "check.",
        f"Work out each {lab.category}'s share as a fraction, then as a percentage. Do your percentages add up to "
        "exactly 100? If not, why not? (Hint: each one was rounded on its own.)",
    ]
    if book is not None and book.counted_samples():
        counts = book.pooled()
        most = max(counts, key=counts.get)
        ideas.append(f"In class, {most} was the most common {lab.category}. Is it the same in yours? One {sample} can "
                     f"surprise you: the more {plural(sample)} you count, the better you can tell.")
    ideas.append(f"Look for charts in a newspaper, on a food packet or on the news. Does the count axis start at 0? "
                 f"Is it easy to compare the {things}?")
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in ideas) + "</ul>"


def parents_html(cls: ClassWork) -> str:
    """The parents' page for a class: no group or pupil names anywhere on it."""
    names = [g.name for g in cls.groups]
    lab = cls.lab
    lab_words = [lab.sample, lab.thing, lab.category, *(lab.categories.names if lab.categories else ())]
    asked = list(lab.questions)
    for g in cls.groups:
        own = without_names(g.question, names, lab_words).strip()
        if own and own.casefold() not in {q.casefold() for q in asked}:
            asked.append(own)
    questions = "".join(f"<li>{esc(q)}</li>" for q in asked) or "<li>What can our data tell us?</li>"
    agreed = []
    for f in cls.agreed:
        evidence = without_names(f.evidence, names, lab_words)
        agreed.append(_para(without_names(f.text, names, lab_words))
                      + (f"<p><b>Our evidence:</b> {esc(evidence)}</p>" if evidence.strip() else ""))
    found = "".join(agreed) or "<p>The class is still talking about what it found: ask your child what they think!</p>"
    chart = class_chart(cls, "What our class counted") if cls.pooled is not None and cls.pooled.counted_samples() else ""
    body = (f'<section class="cover"><h1>{esc(cls.title)}</h1><p>What our class has been finding out, for you '
            f"to read together at home.</p></section>"
            f"<h2>What we asked</h2><ol>{questions}</ol>"
            f"<h2>What we found</h2>{_facts(cls)}{chart}"
            f"<h2>What the class agreed</h2>{found}"
            f'<section class="keep"><h2>Something to try at home</h2>{at_home(cls)}</section>'
            f'<p class="small">Made with ClassLab. No names of pupils or groups are on this page.</p>')
    return page(f"For parents: {cls.title}", body)


def make_parents_page(store, code: str, folder=None, labs_dir=None, pdf: bool = True) -> BookFiles:
    cls = read_class(store, code, labs_dir)
    folder = Path(folder) if folder is not None else Path.cwd() / f"classlab-book-{cls.code}"
    return write_book(parents_html(cls), folder, f"for-parents-{cls.code}", pdf)
