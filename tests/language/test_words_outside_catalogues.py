"""No words for pupils or teachers left outside the catalogues, in the modules translated so far.

TRANSLATED grows each session until it holds every module with words in it (issue 12).
"""
from pathlib import Path

import pytest

from tests.language.words_check import reads_like_words, untranslated, words_in_javascript

REPO = Path(__file__).resolve().parents[2]

#: The modules whose every word comes from the catalogues. Add a module here once it is translated.
TRANSLATED = [
    "classlab/counts.py",
    "classlab/tally.py",
    "widgets/tally_entry.py",
    "widgets/tally_row.py",
    "widgets/data_start.py",
    "widgets/join_class.py",
    "classlab/charts.py",
    "widgets/chart_builder.py",
    "classlab/percentages.py",
    "widgets/percentage_explorer.py",
    "classlab/sampler.py",
    "widgets/prediction_sampler.py",
    "classlab/findings.py",
    "widgets/findings_box.py",
    "widgets/read_aloud.py",
    "classlab/store/checks.py",
    "classlab/store/errors.py",
    "classlab/store/sessions.py",
    "classlab/store/groups.py",
    "classlab/store/findings.py",
    "classlab/store/tallies.py",
    "classlab/sync.py",
    "classlab/voice.py",
    "widgets/our_question.py",
    "widgets/self_check.py",
    "widgets/peer_feedback.py",
    "widgets/reflection.py",
    "widgets/glossary.py",
    "widgets/book_button.py",
    "widgets/data_io.py",
    "widgets/class_board.py",
    "classlab/board.py",
    "classlab/misconceptions.py",
    "widgets/lab_page.py",
    "classlab/io.py",
    "classlab/book.py",
    "classlab/book_pictures.py",
    "classlab/class_work.py",
    "classlab/printing.py",
    "classlab/parents.py",
    "widgets/shared_misconceptions.py",
]
#: Text in a translated module that reads like words but is for a machine, never shown to anyone (how each begins).
NOT_WORDS = {
    "classlab/store/sessions.py": ("'PRAGMA wal_checkpoint(TRUNCATE)'",),  # SQL
    "classlab/voice.py": ("'not sure'",),  # a stance's key, as the store keeps it
    "widgets/our_question.py": ("'font-size: 20px; background: #eef3fb;",),  # CSS
    "widgets/data_io.py": ("'<style>\\n.classlab-data-io .widget-upload {{",  # CSS (its words come from _())
                           "'\\n    async function render({ model, el })"),  # JavaScript (its words come as a trait)
    "widgets/class_board.py": ("'1px solid #", "'the board could not read class %s'"),  # CSS borders; the log, for developers
    # Column names a file may use (matched, never shown), the import's choices as the code names them, a zip's folder,
    # and the export's sheet and column names (kept as they are, so an exported file reads back in any language).
    # The book's CSS and its Content Security Policy; "how many" is looked for in a lab's question; a date's pattern.
    "classlab/book.py": ("'\\n@page {", '"default-src', "'how many'", "'d MMMM y'"),
    "widgets/shared_misconceptions.py": ("'row wrap'",),  # a layout's flex-flow
    "classlab/printing.py": ("'sudo apt-get",),  # a command, put in the words as it is typed
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
