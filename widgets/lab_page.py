"""A whole lab page built from its description (`labs/NAME.lab.yaml`), so a lab needs no Python.

The page makes the same models and links a hand-written lab makes (a TallyBook in the lab's words,
a ChartSpec, a Prediction, Findings, JoinClass so the class store keeps everything) and lays the
widgets out in the order the description gives, each under its heading and a line telling pupils
what to do. Everything a lab can say is checked first in `classlab.lab_format`.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as w

from classlab.settings import query_string
from classlab import language
from classlab.language import N_, _, lab_word, ngettext
from classlab import ChartSpec, Findings, Prediction, TallyBook
from classlab.lab_format import DEFAULT_LOAD, WIDGETS, ChartSettings, Lab, LabError, SamplerSettings, read
from classlab.categories import Categories, plural
from classlab.book import lab_words
from classlab.charts import axis_labels
from classlab.sync import join_details

from ._accessible import message_area, say
from ._common import esc, lab_style
from .book_button import BookButton
from .chart_builder import ChartBuilder
from .data_io import DataInOut
from .choose_categories import ChooseCategories
from .data_start import DataStart
from .findings_box import FindingsBox
from .glossary import glossary_section, link_words
from .join_class import JoinClass
from .our_question import OurQuestion
from .page_language import PageLanguage
from .peer_feedback import PeerFeedback
from .percentage_explorer import PercentageExplorer
from .prediction_sampler import PredictionSampler
from .read_aloud import ReadAloud, plain_words
from .reflection import Reflection
from .self_check import SelfCheck
from .tally_entry import TallyEntry

#: The survey's first part (not a widget a description names): its heading and intro, in the lab's words.
CHOOSE_HEADING = N_("Our question")
CHOOSE_INTRO = N_("Agree on a question with your class, and the {categories} people can give. Type them here, then "
                  "start counting.")
#: The welcome's heading for a lab's 2 to 6 questions (a lab has at most 6): whole words, so a translator can
#: write each number's own form ("Ein dau gwestiwn", "Ein tri chwestiwn").
QUESTIONS_HEADINGS = {2: N_("Our two questions"), 3: N_("Our three questions"), 4: N_("Our four questions"),
                      5: N_("Our five questions"), 6: N_("Our six questions")}
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _words(text: str) -> str:
    """An author's intro as HTML: escaped, with **bold** and blank-line paragraphs (nothing else)."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join("<p>" + _BOLD.sub(r"<b>\1</b>", esc(p)) + "</p>" for p in paragraphs)


def _reader(heading: str, intro: str, lang: str | None = None) -> ReadAloud:
    """The "Read this to me" button under a section's instructions: it reads the heading, then what to do.

    `lang`: the words' language when they are in the page's language (ClassLab's own, or a lab's own words
    its catalogue translates); None reads a lab's own untranslated words in English (UK)."""
    reader = ReadAloud(text=f"{heading}. {plain_words(intro)}", **({"lang": lang} if lang else {}))
    reader.add_class("classlab-read-aloud")
    return reader


def problems_html(error: LabError) -> str:
    """What a teacher previewing a broken lab sees: every mistake, where, and how to fix it."""
    items = "".join(f"<li><code>{esc(p.path)}:{p.line}</code> {esc(p.what)} {esc(p.fix)}</li>" for p in error.problems)
    said = ngettext("<b>This lab can't open yet: its description has a mistake.</b> If you are a pupil, tell your "
                    "teacher. To fix it, run <code>classlab check</code>, or:",
                    "<b>This lab can't open yet: its description has some mistakes.</b> If you are a pupil, tell your "
                    "teacher. To fix it, run <code>classlab check</code>, or:", len(error.problems))
    return f'<div class="classlab-flag" role="alert"><p>{said}</p><ul>{items}</ul></div>'


class LabPage(w.VBox):
    """Every part of a lab, in the order its description gives, over one set of models.

    A class survey (`categories: chosen by the class`) first asks for the question and its answers;
    the rest of the page is built once they make sense. A page that rejoins a class from its address
    gets the answers back at once: the teacher's, if the class was started with some, else the group's.
    A `query_string` with `lang=` (as a page's address has) makes this kernel speak that language, as Voila's
    QUERY_STRING does; `<html lang>` follows the language the kernel speaks.
    """

    def __init__(self, lab: Lab, store=None, query_string: str | None = None, every: float = 2.0, **kwargs):
        self.lab, self._store, self._query, self._every = lab, store, query_string, every
        self.book = self.chart = self.prediction = self.findings = self.join = self.choose = None
        self.parts: dict[str, w.Widget] = {}
        self.question = ""
        if query_string is not None and "lang" in parse_qs(query_string):  # as Voila's QUERY_STRING would choose it
            language.use(language.choose(query_string))
        language.use_labs(lab.path.parent)  # the lab's own words (tube, red, its questions) in the page's language
        self.language = PageLanguage()  # <html lang> says the language this page speaks
        super().__init__([w.Box([lab_style(), self.language]), self._welcome()], **kwargs)
        self.add_class("classlab")
        self.add_class("classlab-lab-page")
        if lab.categories is not None:
            self._build(lab.categories)
            return
        self.choose = ChooseCategories(self._chosen, category_label=lab.description.counting.category)
        parts = [self.choose]
        if "join" in lab.description.widget_names():
            # A class whose teacher set the answers on the board: type its code and count exactly those.
            self.class_code = w.Text(description=_("Class code"), placeholder=_("e.g. K7PQ2M"),  # sent whole (join_class.py)
                                     style={"description_width": "initial"}, layout=w.Layout(width="18em"),
                                     continuous_update=False)
            self.use_class = w.Button(description=_("Use our class's answers"), layout=w.Layout(width="auto"))
            self.use_class.on_click(lambda _click: self.use_class_answers())
            self.class_message = message_area()
            self.from_class = w.VBox([w.HTML("<p>" + _("Has your teacher set the answers? Type the class code:") + "</p>"),
                                      w.HBox([self.class_code, self.use_class]), self.class_message,
                                      w.HTML("<p>" + _("Or agree them with your class and type them here:") + "</p>")])
            parts = [self.from_class, self.choose]
        self.children += (self._section("choose", None, w.VBox(parts), 0),)
        saved = self._saved_answers()
        if saved:
            self.choose.fill(*saved)
            self.choose.choose()

    def use_class_answers(self) -> bool:
        """Fetch the answers the teacher gave the class, and start counting them (the join box keeps the code)."""
        code = self.class_code.value.strip()
        if not code:
            say(self.class_message, _("Type the class code your teacher gave you."), wrong=self.class_code)
            return False
        try:
            if self._store is None:
                from classlab.sync import kernel_store  # the kernel's one store, shared with joining and findings

                self._store = kernel_store()
            session = self._store.session(code)
        except ValueError as problem:
            say(self.class_message, str(problem), wrong=self.class_code)
            return False
        except Exception:
            say(self.class_message, _("Sorry, we couldn't reach the class just now. Please try again in a moment."))
            return False
        if session.lab != self.lab.name or not session.categories:
            say(self.class_message, _("That class has no answers set by the teacher. Agree them with your class and "
                                      "type them below."), wrong=self.class_code)
            return False
        say(self.class_message, "")
        self.from_class.layout.display = "none"
        self.choose.fill(list(session.categories), session.title or "")
        self.choose.choose()
        if self.join is not None:
            self.join.code.value = session.code
        return True

    def _chosen(self, categories: Categories, question: str) -> None:
        if getattr(self, "from_class", None) is not None:
            self.from_class.layout.display = "none"
        self.question = question
        self._build(categories)
        if self.join is not None:  # the answers are part of the group's work: saved with it
            self.join.join_button.on_click(lambda _: self._keep_answers())
            self._keep_answers()

    def _keep_answers(self) -> None:
        link = getattr(self.join, "link", None)
        if link is not None:
            link.remember("answers", {"question": self.question, "names": self.book.categories.names})

    def _saved_answers(self) -> tuple[list[str], str] | None:
        """The answers for a page rejoining its class from its address, if there are any yet."""
        if "join" not in self.lab.description.widget_names():
            return None
        code, name = join_details(query_string() if self._query is None else self._query)
        if not (code and name):
            return None
        from classlab.sync import saved_answers  # read only: looking a group up never makes one

        return saved_answers(code, name, self._store)

    def _section(self, name: str, settings, part: w.Widget, step: int) -> w.VBox:
        """A part of the page under its heading (numbered when it is a step) and its intro."""
        kind = WIDGETS.get(name)  # None for the survey's "choose" part
        # A lab's own heading and intro win, in its catalogue's words; ClassLab's defaults in the page's language.
        own_heading, own_intro = (settings and lab_word(settings.heading)), (settings and lab_word(settings.intro))
        heading = own_heading or _(kind.default_heading if kind else CHOOSE_HEADING)
        heading = f"{step}. {heading}" if kind is not None and kind.numbered else heading
        intro = (own_intro or _(kind.default_intro if kind else CHOOSE_INTRO)).format(**self._say())
        top = w.HTML(f"<h2>{esc(heading)}</h2>{link_words(_words(intro))}")  # subject words link to the glossary
        top.add_class("classlab-section-heading")
        # Read in the page's language when every word is (ClassLab's, or the lab's translated), else in English (UK).
        english = [said for said in (settings and settings.heading, settings and settings.intro) if said]
        ours = all(lab_word(said) != said for said in english) or language.current() == language.DEFAULT
        section = w.VBox([top, _reader(heading, intro, language.html_lang() if ours else None), part])
        section.add_class("classlab-section")
        section.add_class(f"classlab-section-{name}")
        return section

    def _build(self, categories: Categories) -> None:
        """The models, the class link and every widget, once the categories are known."""
        lab, store, query_string, every = self.lab, self._store, self._query, self._every
        d, counting = lab.description, lab.description.counting
        names = d.widget_names()
        self.book = TallyBook(categories, category_label=counting.category, sample_label=counting.sample,
                              thing_label=counting.thing, limit=counting.limit)
        chart = d.settings("chart") or ChartSettings()
        x_label, y_label = axis_labels(counting.category, counting.thing)
        self.chart = ChartSpec(view=chart.view, kind=chart.kind, title=lab_word(chart.title),
                               x_label=lab_word(chart.x_label) or x_label, y_label=lab_word(chart.y_label) or y_label,
                               fair_line=chart.fair_line == "show")
        sampler = d.settings("sampler") or SamplerSettings()
        self.prediction = Prediction(category=sampler.favourite or self.book.categories.names[0], goal=sampler.goal,
                                     amount=sampler.amount)
        self.findings = Findings(questions=list(d.questions))
        # Made before the views, so a page rejoining from its address shows the saved work at once.
        self.join = None
        if "join" in names:
            self.join = JoinClass(self.book, chart=self.chart if "chart" in names else None,
                                  prediction=self.prediction if "sampler" in names else None,
                                  findings=self.findings if "findings" in names else None,
                                  store=store, query_string=query_string, every=every, lab=lab.name)
        sections, step = [], 0
        for use in d.widgets:
            part = self.parts[use.name] = self._make(use.name, use.settings)
            step += use.settings.numbered
            sections.append(self._section(use.name, use.settings, part, step))
        sections.append(self._book_section())
        sections.append(glossary_section())  # the words the intros link to
        self.children += tuple(sections)
        if "our_question" in self.parts:  # the group's own question heads its page, under the lab's welcome
            banner = self.parts["our_question"].banner
            self.children = self.children[:2] + (banner,) + self.children[2:]
            if "findings" in self.parts:  # ... and its findings, so what it found sits under what it asked
                heading = w.HTML()
                heading.add_class("classlab-findings-question")
                w.dlink((banner, "value"), (heading, "value"))
                box = self.parts["findings"]
                box.children = (heading, *box.children)

    @classmethod
    def from_file(cls, path, **kwargs) -> "LabPage":
        """The page for `NAME.lab.yaml` (relative to the notebook's folder, where Voila runs the kernel).

        A broken description shows its mistakes on the page, then fails, so `classlab check`, nbval
        and Voila all see that the lab is broken.
        """
        try:
            lab = read(Path(path))
        except LabError as error:
            from IPython.display import display

            display(w.HTML(problems_html(error)))
            raise
        return cls(lab, **kwargs)

    @property
    def load_words(self) -> str:
        """What the start's Load button says, from the description: it names the practice data it loads."""
        start = self.lab.description.settings("start")
        said = start.load if start is not None else DEFAULT_LOAD
        return _(DEFAULT_LOAD) if said == DEFAULT_LOAD else lab_word(said)  # a lab's own words win

    def _book_section(self) -> w.VBox:
        """The last part of every lab: the group's investigation made into a book to print, share or keep."""
        folder = self.lab.path.parent
        self.book_button = BookButton(lab_words(self.lab.name, folder), self.book, chart=self.chart,
                                      prediction=self.prediction, findings=self.findings, join=self.join,
                                      labs_dir=folder, question=self._our_question)
        heading = _("Our book")
        intro = _("Make a book of your investigation: your question, your tallies, your charts and what you found. "
                  "Print it, share it or keep it.")
        top = w.HTML(f"<h2>{esc(heading)}</h2><p>{esc(intro)}</p>")
        top.add_class("classlab-section-heading")
        section = w.VBox([top, _reader(heading, intro, language.html_lang()), self.book_button])
        section.add_class("classlab-section")
        section.add_class("classlab-section-book")
        return section

    def _our_question(self) -> str:
        """The question the group chose (its own part, when the lab has one), else the survey's question."""
        return getattr(self.parts.get("our_question"), "question", "") or self.question

    def _say(self) -> dict[str, str]:
        c = self.lab.description.counting
        return {"sample": lab_word(c.sample), "samples": plural(c.sample), "thing": lab_word(c.thing),
                "things": plural(c.thing), "category": lab_word(c.category), "categories": plural(c.category)}

    def _welcome(self) -> w.HTML:
        d = self.lab.description
        n = len(d.questions)
        head = _(QUESTIONS_HEADINGS[n]) if n > 1 else _(CHOOSE_HEADING)  # "Our question"
        items = "".join(f"<li>{esc(lab_word(q))}</li>" for q in d.questions)
        welcome = w.HTML(f"<p>{esc(lab_word(d.description))}</p><p><b>{head}</b></p><ol>{items}</ol>")
        welcome.add_class("classlab-welcome")
        return welcome

    def _make(self, name: str, settings) -> w.Widget:
        """The widget a description names, built by `_make_<name>`: one builder per name in WIDGETS."""
        build = getattr(self, f"_make_{name}", None)
        if name not in WIDGETS or build is None:
            # Translators: {name} is a widget's name as a lab description wrote it (for the lab's author).
            raise LabError([self.lab.problem(("widgets",), _("ClassLab has no '{name}' widget to show.").format(name=name))])
        return build(settings)

    def _make_join(self, settings) -> w.Widget:
        return self.join

    def _make_start(self, settings) -> w.Widget:
        start = DataStart(self.book, dataset=settings.dataset or self.lab.description.datasets[0])
        start.load.description = self.load_words
        # Translators: {load} is the Load button's words ("Load practice data", or the lab's own).
        start.load.tooltip = _("{load}. It is not your class's counts.").format(load=self.load_words)
        return start

    def _make_data(self, settings) -> w.Widget:
        return DataInOut(self.book, filename_stem=settings.filename or self.lab.name)

    def _make_tally(self, settings) -> w.Widget:
        return TallyEntry(self.book)

    def _make_chart(self, settings) -> w.Widget:
        return ChartBuilder(self.book, self.chart, filename=settings.filename or f"{self.lab.name}-chart.png",
                            fair_line=settings.fair_line != "no")

    def _make_percentages(self, settings) -> w.Widget:
        explorer = PercentageExplorer(self.book)
        explorer.places.value = settings.places
        return explorer

    def _make_sampler(self, settings) -> w.Widget:
        defaults = SamplerSettings.model_fields
        words = {key: getattr(settings, key) for key in ("taken", "again", "spread")}
        # The lab format's own story (the shop) in the page's language; a lab's own words win, as written.
        return PredictionSampler(self.book, self.prediction, words={
            key: _(said) if said == defaults[key].default else lab_word(said) for key, said in words.items()})

    def _make_findings(self, settings) -> w.Widget:
        box = FindingsBox(self.findings, join=self.join)
        for answer in getattr(box, "boxes", {}).values():  # "Question 1" in full beside its box, even on a tablet
            answer.style.description_width = "initial"
        return box

    def _make_our_question(self, settings) -> w.Widget:
        return OurQuestion(self.lab.description.questions, join=self.join, findings=self.findings)

    def _make_self_check(self, settings) -> w.Widget:
        return SelfCheck(self.book, self.chart, join=self.join)

    def _make_peer_feedback(self, settings) -> w.Widget:
        def their_chart(book, spec):  # another group's chart, drawn as the chart builder draws ours (no controls)
            builder = ChartBuilder(book, spec)
            return w.VBox([builder.figure, builder.words])

        return PeerFeedback(self.book, join=self.join, chart_factory=their_chart)

    def _make_reflection(self, settings) -> w.Widget:
        return Reflection(join=self.join)

    def close(self):
        if self.join is not None:
            self.join.close()
        super().close()
