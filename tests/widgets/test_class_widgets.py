"""Joining a class and the teacher's board, without a browser, over a real SQLite class store."""
import zipfile

import pytest

from tests.conftest import QUESTIONS, joined_page, pupil_page
from classlab import SMARTIES
from classlab.store import ClassStore


def test_joining_needs_a_real_class_code(store):
    join = pupil_page(store).join
    join.code.value, join.name.value = "NOPE99", "Reds"
    assert join.join() is False and "find a class with the code" in join.message.value
    join.code.value = ""
    assert join.join() is False and "class code" in join.message.value


def test_a_refreshed_page_rejoins_from_its_address_and_gets_everything_back(store, board):
    code = board.start_class()
    page = pupil_page(store)
    book, chart, prediction, findings, join = page.book, page.chart, page.prediction, page.findings, page.join
    join.code.value, join.name.value = code, "Orange Team"
    assert join.join() and "Everything you do is saved" in join.status.value
    assert join.address.query == f"class={code}&group=Orange+Team"
    book.set("orange", "7"); chart.title = "Our orange tubes"; prediction.samples = 6
    findings.write(QUESTIONS[0], "No, they differ")
    again = pupil_page(store, query=join.address.query)
    assert again.join.link is not None and again.book.count("orange") == 7
    assert again.chart.title == "Our orange tubes" and again.prediction.samples == 6
    assert again.box.boxes[QUESTIONS[0]].value == "No, they differ"


def test_the_board_shows_every_group_and_the_pooled_data(store, board):
    code = board.start_class()
    reds = joined_page(store, code, "Reds").book
    blues = pupil_page(store, query=f"class={code}&group=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E").book
    reds.set("red", "4"); blues.set("blue", "6"); blues.new_sample(); blues.set("blue", "2")
    board.refresh()
    assert set(board.cards) == {"Reds", "<img src=x onerror=alert(1)>"}
    assert board.class_book.pooled()["blue"] == 8 and board.class_book.n_samples == 3
    card = board.cards["<img src=x onerror=alert(1)>"]
    assert card.name == "<img src=x onerror=alert(1)>" and "<img" not in card.label.value  # escaped: shown as text
    assert list(card.bars.y)[SMARTIES.names.index("blue")] == 8
    board.spotlight("Reds")
    assert board.spot_box.layout.display is None and "Reds" in board.spot_figure.title
    assert "<img" not in board.odd.value  # pupils' text only ever escaped in HTML


def test_a_board_refreshing_all_lesson_leaves_no_widgets_behind(store, board):
    import ipywidgets as w

    code = board.start_class()
    reds = joined_page(store, code, "Reds").book
    reds.set("red", "1")
    board.refresh()
    board.voice.refresh()
    before = len(w.Widget.widgets)
    for n in range(2, 12):  # a tally a second, and the board redrawn each time
        reds.set("red", str(n))
        board.refresh()
        board.voice.refresh()
    assert board.cards["Reds"].bars.y[SMARTIES.names.index("red")] == 11
    assert len(w.Widget.widgets) == before


def test_findings_are_shared_sorted_and_continued(store, board):
    code = board.start_class()
    box_a = joined_page(store, code, "Reds").box
    box_b = joined_page(store, code, "Blues").box
    box_a.boxes[QUESTIONS[0]].value = "orange is always the rarest"
    box_a.share(QUESTIONS[0])
    assert "Shared!" in box_a.message.value
    board.refresh()
    (card,) = board.finding_cards.values()
    card.status.value = "check"
    card.evidence.value = "tube 3 has 9 orange"
    assert store.findings(code)[0].status == "check"
    box_b.show_others()
    first = store.findings(code)[0]
    box_b.continue_from(first)
    box_b.boxes[QUESTIONS[0]].value = "not in our tubes: orange is not the rarest"
    box_b.share(QUESTIONS[0])
    later = store.findings(code)[1]
    assert later.continued_from == first.id
    board.refresh()
    assert "continued by Blues" in board.finding_cards[first.id].words.value
    assert "continues from finding" in board.finding_cards[later.id].words.value


def test_export_and_delete(store, board, tmp_path):
    code = board.start_class()
    book = joined_page(store, code, "Reds").book
    book.set("red", "3")
    sent = []
    board.downloader.send_file = lambda name, data, mime="": sent.append((name, data))
    board.export("csv")
    board.export("excel")
    (zname, zdata), (xname, xdata) = sent
    zpath = tmp_path / zname
    zpath.write_bytes(zdata)
    assert "counts.csv" in zipfile.ZipFile(zpath).namelist()
    assert xname.endswith(".xlsx") and xdata[:2] == b"PK"
    board.delete_class()
    assert "Tick the box" in board.message.value and store.session(code)
    board.sure.value = True
    board.delete_class()
    with pytest.raises(ValueError):
        store.session(code)


def test_an_ended_class_takes_no_more_joining(store, board):
    code = board.start_class()
    board.end_class()
    join = pupil_page(store).join
    join.code.value, join.name.value = code, "Late Team"
    assert join.join() is False and "ended" in join.message.value


def test_a_forged_message_cannot_touch_another_group(store, board):
    """What a page sends names no group: the kernel decides which group a change belongs to."""
    from widgets import TallyEntry

    code = board.start_class()
    reds = joined_page(store, code, "Reds")
    blues = joined_page(store, code, "Blues").join.link.group.id
    entry = TallyEntry(reds.book)
    forged = {"op": "set", "value": "999", "group": blues, "group_id": blues, "tube": 5, "category": "violet"}
    entry.rows["red"]._handle_custom_msg(forged, [])
    assert store.tally_book(blues, SMARTIES).total() == 0
    assert store.tally_book(reds.join.link.group.id, SMARTIES).count("red") == 999
    assert store.tally_book(reds.join.link.group.id, SMARTIES).count("violet") == 0


def test_a_page_whose_save_failed_says_so_keeps_the_change_and_tries_again(tmp_path):
    import sqlite3

    path = tmp_path / "class.sqlite"
    store = ClassStore(f"sqlite:///{path}", busy_timeout=0.2)
    code = store.start_session("smarties").code
    page = joined_page(store, code, "Reds")
    book, join = page.book, page.join
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # someone else holds the store for a moment
    book.add("red")
    assert "Not saved yet" in join.status.value and book.count("red") == 1
    blocker.rollback(); blocker.close()
    join.link.tick()  # what the page's heartbeat does every few seconds
    assert "Everything you do is saved" in join.status.value
    assert store.tally_book(join.link.group.id, SMARTIES).count("red") == 1
    join.close()
    store.dispose()


def test_continue_from_starts_an_empty_box_and_our_old_answer_can_come_back(store, board):
    code = board.start_class()
    page = joined_page(store, code, "Reds")
    join_a, box_a = page.join, page.box
    page = joined_page(store, code, "Blues")
    findings_b, join_b, box_b = page.findings, page.join, page.box
    box_a.boxes[QUESTIONS[0]].value = "orange is always the rarest"
    box_a.share(QUESTIONS[0])
    box_b.boxes[QUESTIONS[0]].value = "our old idea: blue wins"
    box_b.show_others()
    box_b.continue_from(store.findings(code)[0])
    assert box_b.boxes[QUESTIONS[0]].value == "" and findings_b.answer(QUESTIONS[0]) == ""
    assert "orange is always the rarest" in box_b.notes[QUESTIONS[0]].value
    back = box_b.put_back[QUESTIONS[0]]
    assert back.layout.display is None and back.description == "Put our earlier answer 1 back"
    back.click()
    assert box_b.boxes[QUESTIONS[0]].value == "our old idea: blue wins" and back.layout.display == "none"
    assert QUESTIONS[0] not in box_b.continuing and box_b.notes[QUESTIONS[0]].value == ""
    box_b.continue_from(store.findings(code)[0])
    box_b.boxes[QUESTIONS[0]].value = "orange was rarest in 2 of our 3 tubes too"
    box_b.share(QUESTIONS[0])
    later = store.findings(code)[-1]
    assert later.text == "orange was rarest in 2 of our 3 tubes too" and later.continued_from == store.findings(code)[0].id
    assert box_b.put_back[QUESTIONS[0]].layout.display == "none"
    join_a.close(); join_b.close()


def test_the_board_marks_practice_data_and_the_teacher_chooses_whether_it_counts(store, board):
    from widgets.data_start import DataStart

    code = board.start_class()
    page = joined_page(store, code, "Reds")
    reds, join_r = page.book, page.join
    page = joined_page(store, code, "Blues")
    blues, join_b = page.book, page.join
    reds.set("red", "4")
    DataStart(blues, "smarties_29_tubes").load_dataset()
    board.refresh()
    assert board.cards["Blues"].about.value.endswith("· practice")
    assert not board.cards["Reds"].about.value.endswith("practice")
    assert board.class_book.n_samples == 1 and board.class_book.pooled()["red"] == 4  # practice left out
    assert board.count_practice.value is False
    board.count_practice.value = True
    assert store.session(code).count_practice is True
    assert board.class_book.n_samples == 30
    board.count_practice.value = False
    assert board.class_book.n_samples == 1
    join_r.close(); join_b.close()


def test_good_news_is_said_in_a_green_box_and_a_mistake_is_not(store, board):
    code = board.start_class()
    page = joined_page(store, code, "Reds")
    page.box.share(QUESTIONS[0])  # nothing written yet: something to put right
    assert "Shared!" not in page.box.message.value and "classlab-good" not in page.box.message.value
    page.box.boxes[QUESTIONS[0]].value = "orange is the rarest"
    page.box.share(QUESTIONS[0])
    assert "Shared!" in page.box.message.value and 'class="classlab-good"' in page.box.message.value
    board.end_class()
    assert "The class has ended" in board.message.value and 'class="classlab-good"' in board.message.value


def test_a_refreshed_page_shows_its_saved_prediction_ready_to_test(store, board):
    """A lab page rejoins its group before it draws its parts: the sampler must show what was brought back."""
    from widgets import PredictionSampler

    code = board.start_class()
    first = joined_page(store, code, "Reds")
    first.prediction.category, first.prediction.goal = "blue", "at_least"
    first.prediction.want("4")
    first.prediction.predict("6", "tubes")
    again = joined_page(store, code, "Reds")  # the refresh: joined from its address, then drawn
    sampler = PredictionSampler(again.book, again.prediction)
    assert (sampler.colour.value, sampler.goal.value, sampler.amount.value) == ("blue", "at_least", "4")
    assert sampler.guess.value == "6" and sampler.run.disabled is False
