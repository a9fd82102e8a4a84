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
from .language import N_, _, lab_word, listed, ngettext
from .percentages import largest_remainder_units

#: What replaces a group's name in pupils' words (said with `_()`, in the language the page is made in).
# Translators: put in pupils' words on the parents' page where a group's name was ("We agree with a group").
ANONYMOUS = N_("a group")


def without_names(text: str, names, keep=()) -> str:
    """Pupils' words with every group's name (in any case or spacing, as whole words) replaced by "a group"
    (in Welsh "grŵp").

    A name that is also one of the lab's own words in `keep` (a group called "Red" in a lab that counts red)
    is left: there it names the data, not who wrote it, and taking it out would turn "red is rarest" into
    nonsense."""
    kept = {" ".join(k.casefold().split()) for k in keep}
    anonymous = _(ANONYMOUS)
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        if " ".join(name.casefold().split()) in kept:
            continue
        words = [re.escape(w) for w in name.split()]
        text = re.sub(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", lambda found: anonymous, text,
                      flags=re.IGNORECASE)
    return text


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
    things, cat = plural(book.thing_label, total), lab_word(book.category_label)
    # Translators: {total} and {n} are numbers, {things} the lab's word for that many things (sweets), {samples} for
    # that many samples (tubes).
    together = _("Together the class counted {total} {things} in {n} {samples}.").format(
        total=total, things=things, n=n, samples=plural(book.sample_label, n))
    if len(most) == len(counts):
        # Translators: {category} is the lab's word for a kind of thing counted (colour).
        return f"<p>{esc(together)} " + esc(_("Every {category} came up just as often.").format(category=cat)) + "</p>"
    # Translators: {kind} is the lab's word (colour, or colours when several tie), {names} the categories (red and
    # orange), {share} a percentage (28 %).
    most_said = ngettext("The most common {kind} was {names} ({share})", "The most common {kind} were {names} ({share})",
                         len(most)).format(kind=plural(book.category_label) if len(most) > 1 else cat,
                                           names=listed([lab_word(c) for c in most]),
                                           share=f"{shares[most[0]]}\u00a0%")
    # Translators: follows "The most common colour was red (28 %)"; {names} are categories, {share} a percentage.
    least_said = ngettext("and the least common was {names} ({share})", "and the least common were {names} ({share})",
                          len(least)).format(names=listed([lab_word(c) for c in least]), share=f"{shares[least[0]]}\u00a0%")
    return f"<p>{esc(together)} " + esc(f"{most_said} {least_said}.") + "</p>"


def at_home(cls: ClassWork) -> str:
    """Something to try at home, in the lab's own words and with the class's own numbers to compare."""
    lab, book = cls.lab, cls.pooled
    sample, things = lab_word(lab.sample), plural(lab.thing)  # the lab's words as pupils read them (tiwb, losin)
    categories, category = plural(lab.category), lab_word(lab.category)
    ideas = [
        # Translators: {sample} is the lab's word for one sample (tube), {categories} for its kinds (colours).
        _("Collect one {sample} of your own and tally the {categories} together: a line for each, and a line across "
          "every fifth, to make a gate of five.").format(sample=sample, categories=categories),
        # Translators: {category} is the lab's word for one kind of thing counted (colour).
        _("Before you count, each make a prediction: which {category} will there be most of? Write it down, then "
          "check.").format(category=category),
        # Translators: {category} is the lab's word for one kind of thing counted (colour).
        _("Work out each {category}'s share as a fraction, then as a percentage. Do your percentages add up to "
          "exactly 100? If not, why not? (Hint: each one was rounded on its own.)").format(category=category),
    ]
    if book is not None and book.counted_samples():
        counts = book.pooled()
        most = max(counts, key=counts.get)
        # Translators: {name} is a category (red), {category} the lab's word for one (colour), {sample} for one sample
        # (tube) and {samples} for more than one (tubes).
        ideas.append(_("In class, {name} was the most common {category}. Is it the same in yours? One {sample} can "
                       "surprise you: the more {samples} you count, the better you can tell.").format(
                           name=lab_word(most), category=category, sample=sample, samples=plural(lab.sample)))
    # Translators: {things} is the lab's word for the things counted (sweets).
    ideas.append(_("Look for charts in a newspaper, on a food packet or on the news. Does the count axis start at 0? "
                   "Is it easy to compare the {things}?").format(things=things))
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in ideas) + "</ul>"


def parents_html(cls: ClassWork) -> str:
    """The parents' page for a class: no group or pupil names anywhere on it."""
    names = [g.name for g in cls.groups]
    lab = cls.lab
    lab_words = [lab.sample, lab.thing, lab.category, *(lab.categories.names if lab.categories else ())]
    lab_words += [lab_word(w) for w in lab_words]  # a group called "Coch" keeps "coch" in a Welsh finding too
    asked = [lab_word(q) for q in lab.questions]  # in the page's language; a group's own question as it wrote it
    for g in cls.groups:
        own = without_names(g.question, names, lab_words).strip()
        if own and own.casefold() not in {q.casefold() for q in [*lab.questions, *asked]}:
            asked.append(own)
    questions = "".join(f"<li>{esc(q)}</li>" for q in asked) or "<li>" + _("What can our data tell us?") + "</li>"
    agreed = []
    for f in cls.agreed:
        evidence = without_names(f.evidence, names, lab_words)
        # Translators: {evidence} is the evidence the class gave for a finding, in the class's words.
        said = "<p>" + _("<b>Our evidence:</b> {evidence}").format(evidence=esc(evidence)) + "</p>"
        agreed.append(_para(without_names(f.text, names, lab_words)) + (said if evidence.strip() else ""))
    found = "".join(agreed) or "<p>" + _("The class is still talking about what it found: ask your child what they think!") + "</p>"
    chart = (class_chart(cls, _("What our class counted")) if cls.pooled is not None and cls.pooled.counted_samples()
             else "")
    cover = _("What our class has been finding out, for you to read together at home.")
    body = (f'<section class="cover"><h1>{esc(lab_word(cls.title))}</h1><p>{cover}</p></section>'
            + "<h2>" + _("What we asked") + f"</h2><ol>{questions}</ol>"
            + "<h2>" + _("What we found") + f"</h2>{_facts(cls)}{chart}"
            + "<h2>" + _("What the class agreed") + f"</h2>{found}"
            + '<section class="keep"><h2>' + _("Something to try at home") + f"</h2>{at_home(cls)}</section>"
            + '<p class="small">' + _("Made with ClassLab. No names of pupils or groups are on this page.") + "</p>")
    # Translators: the page's title (in the browser's tab); {title} is the lab's or the class's title.
    return page(_("For parents: {title}").format(title=lab_word(cls.title)), body)


def make_parents_page(store, code: str, folder=None, labs_dir=None, pdf: bool = True) -> BookFiles:
    cls = read_class(store, code, labs_dir)
    folder = Path(folder) if folder is not None else Path.cwd() / f"classlab-book-{cls.code}"
    return write_book(parents_html(cls), folder, f"for-parents-{cls.code}", pdf)
