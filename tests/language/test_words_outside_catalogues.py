"""No words for pupils, teachers or ICT coordinators left outside the catalogues, in any module (issue 12).

A new module is checked as soon as it exists: its words go through `_()`, or NOT_WORDS says why a string is
for a machine.
"""
from pathlib import Path

import pytest

from tests.language.words_check import reads_like_words, untranslated, words_in_javascript

REPO = Path(__file__).resolve().parents[2]

#: Every module of the engine and the widgets: each word in them comes from the catalogues (issue 12).
TRANSLATED = sorted(str(p.relative_to(REPO)) for folder in ("classlab", "widgets") for p in (REPO / folder).rglob("*.py"))

#: Text in a translated module that reads like words but is for a machine, never shown to anyone (how each begins).
NOT_WORDS = {
    "classlab/store/sessions.py": ("'PRAGMA wal_checkpoint(TRUNCATE)'",),  # SQL
    "classlab/voice.py": ("'not sure'",),  # a stance's key, as the store keeps it
    "widgets/our_question.py": ("'font-size: 20px; background: #eef3fb;",),  # CSS
    "widgets/data_io.py": ("'<style>\\n.classlab-data-io .widget-upload {{",  # CSS (its words come from _())
                           "'\\n    async function render({ model, el })"),  # JavaScript (its words come as a trait)
    # CSS borders; the log, for developers; a date's pattern (Babel's, for the class list's dates)
    "widgets/class_board.py": ("'1px solid #", "'the board could not read class %s'", "'d MMM HH:mm'"),
    # Column names a file may use (matched, never shown), the import's choices as the code names them, a zip's folder,
    # and the export's sheet and column names (kept as they are, so an exported file reads back in any language).
    # The book's CSS and its Content Security Policy; "how many" is looked for in a lab's question; a date's pattern.
    "classlab/book.py": ("'\\n@page {", '"default-src', "'how many'", "'d MMMM y'"),
    "widgets/shared_misconceptions.py": ("'row wrap'",),  # a layout's flex-flow
    "classlab/printing.py": ("'sudo apt-get",),  # a command, put in the words as it is typed
    # Names in `__all__` and a type named in an annotation: Python's names for things, never shown.
    "widgets/__init__.py": ("'Reflection'",),
    "classlab/__init__.py": ("'Categories'", "'Category'", "'Critique'", "'Findings'", "'Prediction'"),
    "classlab/store/__init__.py": ("'Finding'", "'Group'"),
    "classlab/store/api.py": ("'Finding'", "'Group'", "'Feedback'", "'Reflection'"),
    # A type named in an annotation; a trait's refusal of a value forged by a page (the kernel's log, for developers).
    "widgets/_accessible.py": ("'Part'", "'{} is not one of the choices {}'"),
    "widgets/_common.py": ("'\\n<style>",),  # the lab's CSS
    # The logger's name, and the lines written to the server's log for developers.
    "widgets/_kernel_guard.py": ("'Comm'", "'[ClassLab kernel] {}", "'{} ({}); traceback kept", "\"A page's message failed"),
    # SQL run on the store (PRAGMAs, locks, the schema's version), and SQLite's name for a store kept in memory.
    "classlab/store/engine.py": ("'PRAGMA ", "'BEGIN IMMEDIATE'", "':memory:'", "'SELECT "),
    # The schema's checks (SQL), and the cascade rule.
    "classlab/store/models.py": ('"op IN', "'sample >= 0", "'value >= 0", "'SET NULL'", '"status IN', '"kind IN', '"stance IN'),
    "classlab/store/migrations/env.py": ("'Run migrations through",),  # an error for developers who run Alembic by hand
    "classlab/store/migrations/versions/0001_initial.py": ('"op IN', "'tube >= 0", "'value >= 0", '"status IN'),  # SQL
    "classlab/store/migrations/versions/0002_findings_continue_and_evidence.py": ("'SET NULL'",),  # SQL
    "classlab/store/migrations/versions/0004_sample_not_tube.py": ('"op IN',),  # SQL
    "classlab/store/migrations/versions/0005_pupil_voice.py": ('"kind IN', '"stance IN'),  # SQL
    "classlab/store/migrations/versions/0007_feedback_from_the_class.py": ("'DELETE FROM",),  # SQL
    # The class export's sheet names, its column names and what its cells say (as in classlab/io.py and book.py: an
    # exported file reads the same, and reads back in, whatever the language of the page that made it).
    "classlab/store/voice.py": ("'hidden by the teacher'", "'seen by the group'", "'waiting for the teacher'",
                                "'Questions'", "'from the lab'", "'Self checks'", "'not ticked'", "'Feedback'",
                                "'Reflections'"),
    "classlab/store/export.py": ("'Agreed'", "'Counts'", "'Findings'", "'Groups'", "'Feedback'", "'Questions'",
                                 "'Self checks'", "'Reflections'", "':memory:'"),
    # What each environment setting is for: for whoever installs ClassLab, read in the code and the docs, never shown.
    "classlab/settings.py": ("'Where the class store lives", '"The folder for the class store', '"The key in the teacher',
                             '"The address pupils type', '"The folder of the labs', '"Set by Voila', "'The language of the pages"),
    # The server's log for developers; a client program's refusal (no person's browser sends it); the HTTP status
    # line's reason (ASCII only: the page itself is the 503 template's).
    "classlab/server_guards.py": ("'This computer is full: ask your teacher.'", "'Sec-WebSocket-Protocol'",
                                  "'Refused a kernel WebSocket", "'Kernel connections must use", "'its page never opened'",
                                  "'True'", "'Full: %d pages", "'This computer is full'", "'its page was closed'",
                                  "'Shutting down kernel", "'Could not shut down kernel", "'Content-Type'", "'Cache-Control'"),
    "classlab/serve.py": ("'--VoilaConfiguration.", "'--MappingKernelManager.", "'MemTotal:'"),  # Voila's options; /proc
    "classlab/gallery.py": ("'ClassLab could not build the gallery'",),  # the server's log, for developers
    # Put into the options' help text, which stays in English like argparse's own words ("usage:", "options:").
    "classlab/cli.py": ("'the book'", "'the page'"),
    "classlab/lab_check.py": ("'There was an error when executing cell",),  # what Voila writes on a page, looked for
    "classlab/lab_format/__init__.py": ("'Ages'", "'Counting'", "'Lab'", "'Problem'"),  # names in `__all__`
    # What `classlab new` writes in a notebook: its code cell, and the kernel's name Jupyter shows.
    "classlab/lab_format/scaffolding.py": ("'from widgets import LabPage", "'Python 3'"),
    "classlab/lab_format/schema.py": ("'chosen by the class'",),  # written in a description as it is (`categories: ...`)
    # What the YAML reader and pydantic say (matched or taken off, never shown as they are).
    "classlab/lab_format/messages.py": ("'mapping values are not allowed'", "'cannot start any token'",
                                        '"could not find expected', "'found unexpected end of stream'",
                                        "'found unknown escape character'", "'did not find expected'",
                                        "'found duplicate anchor'", "'found undefined alias'", "'Value error, '", "' or '"),
    "classlab/categories.py": ("' of '",),  # "set of throws": the English rule's split, never shown
    # Notes for a translator beside each entry of a lab's or a guide's catalogue, and its header: in English, as
    # gettext's comments are, read beside the English words they explain; the guide's cell that speaks its language.
    "classlab/lab_format/translating.py": ('"The lab\'s', "'Question {} of the lab.'", "'What the lab teaches",
                                           "'How long the lab takes", "'What one ", "'{}, with a number before it",
                                           '"{}, many of them', "'One of the things counted", "'The heading of the",
                                           "'What pupils do in the", '"The Load button', '"The chart\'s', "'axis label'",
                                           '"The sampler\'s words', "'ClassLab lab: ", '"ClassLab\'s authors"', '"# The '),
    "classlab/guides.py": ("'Block'", "'Cell {}, block {}", "'code block'", "'ClassLab guide: ", '"ClassLab\'s authors"',
                           "'# The words of ", "'from classlab import language", "'{}/{}/LC_MESSAGES/{}.po, then run"),
    "classlab/io.py": ("' of '", "'freq.'", "'no.'", "'how many", "'how much'", "'amount of '", "'count of '",
                       "'number of '", "'sum of '", "'total number'", "'number counted'", "'number seen'",
                       "'grand total'", "'row labels'", "'(each row is one)'", "'(all together)'", "'Choices | None'",
                       "'Index/'", "'Total'", "'Table'", "'Counts'"),
}
#: Widgets' JavaScript that must hold no words of its own (they come from Python as traits).
JAVASCRIPT = ["widgets/static/tally_row.js", "widgets/static/read_aloud.js"]


@pytest.mark.parametrize("module", TRANSLATED)
def test_every_word_in_a_translated_module_comes_from_the_catalogues(module):
    path = REPO / module
    found = untranslated(path.read_text(encoding="utf-8"), module)
    assert [line for line in found if not line.split(": ", 1)[1].startswith(NOT_WORDS.get(module, ()))] == []


@pytest.mark.parametrize("script", JAVASCRIPT)
def test_a_widgets_javascript_has_no_words_of_its_own(script):
    assert words_in_javascript((REPO / script).read_text(encoding="utf-8")) == []


BAD = '''
"""A docstring is for developers: not checked."""
import ipywidgets as w
from classlab.language import _, ngettext

class Tube:
    count = Int(0, help="The count shown.")  # developers' help: not checked

    def draw(self, noun, n, i):
        self.next = w.Button(description=f"Next {noun}")          # 1: words in an f-string
        self.ok = w.Button(description=_("Next {noun}").format(noun=noun))
        self.layout = w.Layout(width="auto", display="none")       # names the code uses: fine
        self.where = f'<b>{noun} {i}</b> of {n}'                   # 2: a lone word between placeholders
        self.css = '<span class="classlab-where cl-x">{}</span>'   # only HTML: fine
        self.close = w.Button(description="Close")                 # 3: one word, but a word
        self.box = '<input aria-label="Number of red">'            # 4: read out by a screen reader
        self.marks = ngettext("{n} mark", "{n} marks", n)
        raise ValueError("Sorry, that didn't work.")               # 5: a sentence
        self.about = f"<p>{_('Happy counting!')}</p>"              # 6: Babel cannot see this _()
'''


def test_the_checker_finds_words_left_outside_the_catalogues():
    found = untranslated(BAD, "bad.py")
    assert [line.split(":")[1] for line in found] == ["10", "13", "15", "16", "18", "19"], found


def test_the_checker_finds_words_in_javascript():
    script = 'const a = `Add one ${name}`; b.setAttribute("aria-label", label); if (e.key === "Enter") go("set");'
    assert words_in_javascript(script) == ["`Add one ${name}`"]


@pytest.mark.parametrize("text, words", [
    ("Next tube", True), (" of ", True), ("Saved", True), ("Try again.", True), ("2.5 is not whole", True),
    ("add", False), ("classlab-sample-nav", False), ("auto", False), ("", False), ("%", False),
    ('<p class="classlab-flag classlab-practice" role="status">', False), ("^[+-]?\\d+$", False),
    ('<svg viewBox="0 0 24 24"><path d="M3 9v6h4l5 5V4L7 9z" ', False), ('fill="none"/><rect x="6" ', False),
    ('<button class="cl-x" aria-label="Stop reading">', True), ('<p class="cl-x">Saved</p>', True),
])
def test_what_reads_like_words(text, words):
    assert reads_like_words(text) is words
