"""The teacher's class board speaks its own page's language (`?lang=cy`), without a browser, over a real store.

The board's "Pupils' pages in" choice is for pupils only: a Welsh board still offers the server's language
for a class that has chosen none, and choosing Welsh for the pupils does not change the board's own words.
"""
from html import unescape

import pytest

from classlab import SMARTIES, TallyChange, settings
from classlab.language import speaking
from tests.conftest import LABS
from tests.widgets.test_board_words import texts
from widgets import ClassBoard
from widgets.class_board import stands_out

#: The board's own English words: each is on an English board, and none is left on a Welsh one.
ENGLISH = ["Start a new class", "End this class", "Export CSV", "Export Excel", "Delete for good", "Every group",
           "The whole class", "differ most", "Predictions beside", "Findings: what do we agree on?", "Sort as",
           "Evidence", "The class says", "Link the pooled chart", "Spotlight", "counted", "Live:", "Class code",
           "How to run the class", "Groups type this code", "What stands out", "Their guess worked", "at least",
           "Pupils' pages in", "Misconceptions several groups share"]


def board_at(monkeypatch, store, query: str) -> ClassBoard:
    """A board opened at `?{query}`, with two groups that counted, predicted and shared a finding."""
    monkeypatch.setenv(settings.QUERY_STRING, query)
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    code = board.start_class()
    for name, counts in [("Cochion", {"red": 9, "orange": 1}), ("Gleision", {"blue": 6, "orange": 5})]:
        group = store.join(code, name)
        store.record_many(group.id, [TallyChange(0, colour, "set", n) for colour, n in counts.items()])
        store.record(group.id, TallyChange(1, "red", "set", 3))
        store.save_state(group.id, "prediction", {"category": "orange", "goal": "at_least", "amount": 10, "samples": 4})
    store.post_finding(group.id, "Does every tube contain the same number of each colour?", "Mae mwy o oren")
    board.refresh(force=True)
    board.spotlight("Cochion")
    return board


@pytest.fixture
def welsh_board(monkeypatch, store):
    board = board_at(monkeypatch, store, "lang=cy")
    yield board
    board.close()


def shown(board) -> str:
    return "\n".join(unescape(t) for t in texts(board))


def test_an_english_board_shows_every_one_of_the_boards_english_words(monkeypatch, store):
    board = board_at(monkeypatch, store, "")
    assert [word for word in ENGLISH if word not in shown(board)] == []
    board.close()


def test_the_board_speaks_welsh_on_a_welsh_page(welsh_board):
    board = welsh_board
    assert (board.start.description, board.end.description, board.delete.description) == (
        "Dechrau dosbarth newydd", "Gorffen y dosbarth yma", "Dileu am byth")
    top = unescape(board.heading.value)
    assert "<small>Cod y dosbarth</small>" in top and "Mae grwpiau'n teipio'r cod yma" in top
    assert "<summary>Sut i redeg y dosbarth (i'r athro)</summary>" in unescape(board.how_to.value)
    card = board.cards["Cochion"]
    assert card.about.value == "2 tiwb · 13 wedi'u cyfrif"  # the lab's own word in Welsh, from labs/locale/cy (3 tiwb, not 3 tiwbiau)
    assert (card.spot.description, card.spot.tooltip) == ("Sbotolau", "Dangos siart grŵp Cochion yn fawr")
    assert board.updated.value.startswith('<p class="classlab-hint">Byw: 2 grŵp, diweddarwyd ')
    assert "o leiaf 10 oren" in board.predictions.value and "Gweithiodd eu dyfaliad" in unescape(board.predictions.value)
    assert 'aria-label="Tiwbiau sydd fwyaf gwahanol"' in board.odd.value and "Beth sy'n sefyll allan" in unescape(board.odd.value)
    finding = next(iter(board.finding_cards.values()))
    assert finding.status.options[0] == ("Heb ei drefnu eto", "new") and finding.evidence.description == "Tystiolaeth"
    assert "Mae'r dosbarth yn dweud: <b>Heb ei drefnu eto</b>" in finding.sorted_words.value
    assert board.spot_figure.title == "Grŵp Cochion: eu tiwbiau i gyd"
    assert [word for word in ENGLISH if word in shown(board)] == []


def test_the_pupils_language_is_the_servers_until_the_teacher_chooses_and_the_board_stays_welsh(welsh_board, store):
    board = welsh_board
    assert board.language.value == "en_GB"  # what pupils' pages open in: the server's, not the board's own
    assert board.language.description == "Tudalennau disgyblion yn"
    board.language.value = "cy"
    assert store.session(board.code).language == "cy"
    assert "o hyn ymlaen yn agor yn Cymraeg" in unescape(board.message.value)
    board.end_class()
    assert "Mae'r dosbarth wedi gorffen" in unescape(board.message.value)
    assert "Mae'r dosbarth yma wedi gorffen." in unescape(board.heading.value)
    board.delete_class()
    assert "Ticiwch y blwch yn gyntaf" in unescape(board.message.value)


def test_the_odd_tube_is_said_in_welsh_and_the_same_in_english_as_before():
    with speaking("cy"):
        assert stands_out("orange", 1, 0.2, "colour", "sweet", "tube") == (
            "Lliw oren: 1 losin yn y tiwb yma. Gyda chymysgedd y dosbarth cyfan, bydden ni'n disgwyl bron dim.")  # lab words too
    with speaking("en_GB"):
        assert stands_out("orange", 5, 2.6, "colour", "sweet", "tube") == (
            "Colour orange: 5 sweets in this tube. With the whole class's mix, we'd expect about 3 sweets.")


def test_the_misconceptions_several_groups_share_are_said_in_welsh_in_the_labs_words():
    from classlab.misconceptions import find
    from tests.engine.test_engine_misconceptions import ONE, THREE, work

    groups = [work("A", ONE, predicted=4), work("B", THREE, predicted=1), work("C", [[0] * 8], predicted=2)]
    with speaking("cy"):
        (welsh,) = find(groups)
    # The lab's own words in Welsh too, from labs/locale/cy (4 tiwb with a number, tiwbiau without)
    assert (welsh.key, welsh.title) == ("one_sample", "Mae un tiwb yn dweud popeth wrthoch chi")
    assert welsh.about == "Rhagfynegiad, neu honiad am bob tiwb, wedi'i wneud o un tiwb wedi'i gyfrif."
    assert "Rhowch tiwbiau sengl dau grŵp ochr yn ochr" in welsh.teach
    assert [s.evidence for s in welsh.signs] == ["wedi rhagfynegi 4 tiwb gyda dim ond un tiwb wedi'i gyfrif",
                                                 "wedi rhagfynegi bod un tiwb yn ddigon",
                                                 "wedi rhagfynegi 2 tiwb heb gyfrif yr un tiwb"]
    with speaking("en_GB"):
        (english,) = find(groups)
    assert english.title == "One tube tells you everything"
    assert english.signs[2].evidence == "predicted 2 tubes with no tube counted"


def test_a_lab_pages_own_words_speak_welsh():
    """The welcome's "Our two questions", "Our book" (read in a Welsh voice), the Load button's tooltip,
    the survey's class-code box and a broken lab's message, on pages opened at `?lang=cy`."""
    from classlab.lab_format import LabError
    from classlab.lab_format.messages import Problem
    from widgets import LabPage
    from widgets.lab_page import problems_html

    with speaking("en_GB"):
        page = LabPage.from_file(LABS / "smarties.lab.yaml", query_string="lang=cy")
        survey = LabPage.from_file(LABS / "class_survey.lab.yaml", query_string="lang=cy")
        try:
            assert "<p><b>Ein dau gwestiwn</b></p>" in page.children[1].value
            book = next(c for c in page.children if "classlab-section-book" in c._dom_classes)
            top, reader = book.children[:2]
            assert top.value.startswith("<h2>Ein llyfr</h2><p>Gwnewch lyfr o&#x27;ch ymchwiliad") and reader.lang == "cy"
            assert page.parts["start"].load.tooltip == ("Llwytho data ymarfer: 29 tiwb ffug. "  # the lab's own words, in Welsh
                                                        "Dydy e ddim yn gyfrifon eich dosbarth.")
            assert (survey.class_code.description, survey.use_class.description) == (
                "Cod y dosbarth", "Defnyddio atebion ein dosbarth")
            assert survey.use_class_answers() is False
            assert "Teipiwch y cod dosbarth roddodd eich athro i chi." in unescape(survey.class_message.value)
            broken = problems_html(LabError([Problem("smarties.lab.yaml", 3, "What.", "Fix.")]))
            assert "mae camgymeriad yn ei ddisgrifiad.</b>" in broken and "<code>classlab check</code>, neu:" in broken
        finally:
            page.close()
            survey.close()
    with speaking("en_GB"):
        english = LabPage.from_file(LABS / "smarties.lab.yaml", query_string="")
        try:
            assert "<p><b>Our two questions</b></p>" in english.children[1].value
            assert english.parts["start"].load.tooltip == "Load practice data: 29 made-up tubes. It is not your class's counts."
        finally:
            english.close()


@pytest.mark.parametrize("data, welsh", [
    (b"", "Mae “ein data.csv” yn wag: does dim byd ynddi i'w fewnforio."),
    (b"PK\x03\x04not a workbook", "Mae'r ffeil Excel yna wedi'i difrodi, felly does dim modd ei darllen."),
    (b"\x89PNG\r\n\x1a\n", "Dydy “ein data.csv” ddim yn ffeil CSV nac Excel: mae'n edrych fel llun PNG."),
    # The lab's words in Welsh (tiwb, lliw, coch), the file's own words as it has them (tube, purpel)
    (b"tube,count\n1,3\n2,4\n", "Dydy'r colofnau ddim yn addas i'r lab yma. Mae angen tiwb, lliw a count arno "
                                "(neu golofn tiwb ac un golofn ar gyfer pob lliw). Ar goll: lliw. Wedi'u canfod: tube a count."),
    (b"tube,colour,count\n1,red,seven\n", "Rhes 2: dydy “seven” ddim yn rhif (y cyfrif ar gyfer coch yn tiwb 1). "
                                          "Mae cyfrifon yn rhifau cyfan, fel 7."),
    (b"tube,colour,count\nx,red,3\n", "Rhes 2: dydy “x” ddim yn rhif tiwb. Mae tiwbiau wedi'u rhifo 1, 2, 3, … (hyd at 10,000)."),
    (b"tube,colour,count\n1,purpel,3\n", "Mae gan y ffeil lliwiau dydy'r lab yma ddim yn eu cyfrif: purpel (rhes 2). Mae'r "
                                         "lab yma'n cyfrif coch, oren, melyn, gwyrdd, glas, pinc, fioled a brown."),
])
def test_an_import_that_cannot_be_read_says_why_in_welsh(data, welsh):
    """The messages a pupil meets most: a broken file, no count column, a word where a number goes, a misspelling."""
    from classlab.io import ImportProblem, import_into
    from tests.conftest import smarties_book

    book = smarties_book()
    with speaking("cy"), pytest.raises(ImportProblem) as problem:
        import_into(book, data, "ein data.csv")
    assert str(problem.value).startswith(welsh)
    assert book.n_samples == 1 and book.total() == 0  # nothing changed


def test_an_import_says_what_it_did_in_welsh_and_the_same_in_english_as_before():
    from classlab.io import import_into
    from tests.conftest import smarties_book

    data = b"Island,colour,count\nBiscoe,red,3\nDream,blue,4\n"
    with speaking("cy"):
        assert import_into(smarties_book(), data, sample_column="Island").message == "Wedi mewnforio 2 tiwb (1 Biscoe, 2 Dream)."
    with speaking("en_GB"):
        assert import_into(smarties_book(), data, sample_column="Island").message == "Imported 2 tubes (1 Biscoe, 2 Dream)."
