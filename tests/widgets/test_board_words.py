"""The class board and lab pages in each lab's own words, on one scale, grouped, and a page at a time.

Built over a real SQLite class store; groups, counts, predictions and findings are made through the
store's API as a pupil's page would make them.
"""
import re

import bqplot as bq
import ipywidgets as w
import pytest

from classlab import SMARTIES, TallyChange
from classlab.lab_format import read
from classlab.categories import plural
from widgets import ClassBoard, LabPage
from widgets.class_board import GroupCard, board_top, stands_out

LABS = __import__("pathlib").Path(__file__).resolve().parents[2] / "labs"
SMARTIES_WORDS = re.compile(r"\b(tubes?|sweets?|colours?|smarties)\b", re.I)


def texts(root) -> list[str]:
    """Every piece of text a widget tree shows: values, descriptions, options, tooltips, titles, axis labels."""
    seen, out = set(), []

    def walk(x):
        if id(x) in seen:
            return
        seen.add(id(x))
        for name in x.keys:
            if name.startswith("_"):
                continue
            v = getattr(x, name, None)
            items = v if isinstance(v, (list, tuple)) else v.values() if isinstance(v, dict) else [v]
            for i in items:
                if isinstance(i, str):
                    out.append(i)
                elif isinstance(i, tuple) and i and isinstance(i[0], str):
                    out.append(i[0])
                elif isinstance(i, w.Widget):
                    walk(i)

    walk(root)
    return out


def smarties_words(root) -> list[str]:
    return [t[:120] for t in texts(root) if SMARTIES_WORDS.search(re.sub(r"<style>.*?</style>", "", t, flags=re.S))]


def dice_class(store, board):
    """A dice class with two groups that threw, predicted and shared a finding."""
    code = board.start_class()
    for name, faces in [("Sixes", {"6": 9, "1": 2}), ("Lucky", {"3": 4, "4": 5})]:
        group = store.join(code, name)
        store.record_many(group.id, [TallyChange(0, face, "set", n) for face, n in faces.items()])
        store.record(group.id, TallyChange(1, "2", "set", 7))  # a second set of throws
        store.save_state(group.id, "prediction", {"category": "6", "goal": "fair_share", "amount": 10, "samples": 4})
        store.post_finding(group.id, "Is our dice fair?", "Six comes up a lot")
    board.refresh(force=True)
    return code


def test_a_plural_is_right_for_every_labs_sample():
    assert plural("set of throws") == "sets of throws"
    assert plural("set of throws", 1) == "set of throws"
    assert plural("round of asking") == "rounds of asking"
    assert (plural("tube"), plural("box"), plural("day"), plural("family")) == ("tubes", "boxes", "days", "families")


def test_the_fair_dice_board_and_page_use_no_smarties_word(store):
    board = ClassBoard.from_lab(LABS / "fair_dice.lab.yaml", store=store, every=3600)
    page = LabPage(read(LABS / "fair_dice.lab.yaml"), store=store, query_string="", every=3600)
    try:
        dice_class(store, board)
        board.spotlight("Sixes")
        assert len(board.cards) == 2 and board.finding_cards  # the board really shows the class's work
        assert smarties_words(board) == []
        assert smarties_words(page) == []
        shown = " ".join(texts(board))
        assert "sets of throws" in shown and "set of throwss" not in shown
        assert "Number of throws" in shown and "All our sets of throws together" in shown
        assert "The sets of throws that differ most" in shown and "Predicted sets of throws" in shown
    finally:
        board.close()
        page.close()


def test_the_smarties_board_still_speaks_of_tubes_and_sweets(store):
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
        store.record(store.join(code, "Reds").id, TallyChange(0, "red", "set", 4))
        board.refresh(force=True)
        shown = " ".join(texts(board))
        assert "All our tubes together" in shown and "1 tube · 4 counted" in shown and "Number of sweets" in shown
    finally:
        board.close()


@pytest.mark.parametrize("lab, words", [("fair_dice", "Load practice data: a made-up dice"),
                                        ("smarties", "Load practice data: 29 made-up tubes"),
                                        ("everyday_maths", "Load practice data: a made-up class's week")])
def test_the_load_button_says_it_loads_practice_data_and_what(store, lab, words):
    page = LabPage(read(LABS / f"{lab}.lab.yaml"), store=store, query_string="", every=3600)
    try:
        assert page.load_words == words
        assert page.parts["start"].load.description == words
    finally:
        page.close()


def test_an_odd_sample_is_described_kindly_in_the_labs_words():
    assert stands_out("orange", 1, 0.3, "colour", "sweet", "tube") == ("Colour orange: 1 sweet in this tube. "
                                            "With the whole class's mix, we'd expect almost none.")
    assert stands_out("6", 9, 5.2, "face", "throw", "set of throws") == (
        "Face 6: 9 throws in this set of throws. With the whole class's mix, we'd expect about 5 throws.")


def test_every_group_card_shares_one_count_scale(store):
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
        store.record(store.join(code, "Few").id, TallyChange(0, "red", "set", 43))
        store.record(store.join(code, "Many").id, TallyChange(0, "red", "set", 119))
        board.refresh(force=True)
        few, many = board.cards["Few"], board.cards["Many"]
        assert few.ys is many.ys  # one bqplot scale for every card
        assert few.ys.max == many.ys.max >= 119
        assert list(few.y_axis.tick_values) == list(many.y_axis.tick_values)
        assert max(few.bars.y) / few.ys.max < 0.5 < max(many.bars.y) / many.ys.max  # 43 looks smaller than 119
    finally:
        board.close()


def test_a_long_group_name_is_whole_in_its_title_and_focusable():
    name = "The Magnificent Orange-Counting Champions of Class 5B"
    card = GroupCard(name, SMARTIES, lambda _: None, ys=bq.LinearScale())
    assert card.label.value == f'<div class="classlab-group-name" tabindex="0" title="{name}">{name}</div>'
    assert GroupCard("Reds", SMARTIES, lambda _: None).spot.tooltip == "Show the chart of group Reds, big"  # not "Reds's"
    hostile = GroupCard('"><img src=x onerror=alert(1)>', SMARTIES, lambda _: None, ys=bq.LinearScale())
    assert "<img" not in hostile.label.value and 'title="&quot;&gt;&lt;img' in hostile.label.value
    css = (LABS.parent / "widgets" / "static" / "class_board.css").read_text()
    assert "text-overflow: ellipsis" in css and ".classlab-group-name:focus" in css


def test_the_top_of_the_board_gives_the_code_and_the_pupils_address_escaped():
    top = board_top("K7PQ2M", False, "http://10.0.0.5:8866/?a=1&b=<x>", "Is it a fair dice?")
    assert '<span>K7PQ2M</span>' in top and "Is it a fair dice?" in top
    assert "http://10.0.0.5:8866/?a=1&amp;b=&lt;x&gt;" in top and "<x>" not in top
    assert "<svg" in top and "classlab-qr" in top  # a QR code made here, inline
    assert "classlab-pupils-address" not in board_top("K7PQ2M", False, "")


def test_the_pupils_address_comes_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("CLASSLAB_PUPILS_URL", "http://192.168.1.20:8866/")
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        board.start_class()
        assert "http://192.168.1.20:8866/" in board.heading.value and "<svg" in board.heading.value
        assert "<details" in board.how_to.value  # the teacher's instructions fold away
    finally:
        board.close()
    monkeypatch.delenv("CLASSLAB_PUPILS_URL")
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        board.start_class()
        assert "Pupils go to" not in board.heading.value and "classlab-class-code" in board.heading.value
    finally:
        board.close()


def test_findings_are_grouped_by_how_the_class_sorted_them(store):
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
        ids = [store.post_finding(store.join(code, g).id, "Q", f"{g} found something").id
               for g in ["Reds", "Blues", "Greens"]]
        board.refresh(force=True)
        board.finding_cards[ids[0]].status.value = "check"
        board.finding_cards[ids[1]].status.value = "agreed"
        headings = [c.value for c in board.findings_box.children if "classlab-findings-group" in c._dom_classes]
        assert [re.sub("<[^>]+>", "", h) for h in headings] == [
            "We agree, and here is the evidence (1)", "We need to check (1)", "Not sorted yet (1)"]
        order = [c.finding_id for c in board.findings_box.children if hasattr(c, "finding_id")]
        assert order == [ids[1], ids[0], ids[2]]
        assert "The class says: <b>We need to check</b>" in board.finding_cards[ids[0]].sorted_words.value
        assert store.findings(code)[0].status == "check"
        board.refresh(force=True)  # the store agrees: still grouped the same way
        assert [c.finding_id for c in board.findings_box.children if hasattr(c, "finding_id")] == order
        store.sort_finding(ids[2], "off_question")  # sorted on another screen
        board.refresh(force=True)
        assert board.finding_cards[ids[2]].status.value == "off_question"
        assert "True, but not about our question" in board.finding_cards[ids[2]].sorted_words.value
        headings = [re.sub("<[^>]+>", "", c.value) for c in board.findings_box.children
                    if "classlab-findings-group" in c._dom_classes]
        assert headings[-1] == "True, but not about our question (1)"
    finally:
        board.close()


def test_a_big_class_is_shown_sixty_groups_a_page(store):
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
        for i in range(130):
            store.record(store.join(code, f"Group {i + 1:03d}").id, TallyChange(0, "red", "set", i + 1))
        board.refresh(force=True)
        cards = lambda: [c.name for c in board.grid.children]  # noqa: E731
        assert cards() == [f"Group {i + 1:03d}" for i in range(60)]
        assert board.pager.layout.display is None and board.previous_page.disabled and not board.next_page.disabled
        assert "Groups 1 to 60 of 130" in board.page_words.value
        assert board.card_scale.max >= 130  # the scale fits the biggest group on any page
        board.next_page.click()
        assert cards() == [f"Group {i + 1:03d}" for i in range(60, 120)]
        board.next_page.click()
        assert cards() == [f"Group {i + 1:03d}" for i in range(120, 130)] and board.next_page.disabled
        assert "page 3 of 3" in board.page_words.value
        board.previous_page.click()
        assert cards()[0] == "Group 061"
        assert len(board.cards) == 130 and all(isinstance(c, GroupCard) for c in board.grid.children)
    finally:
        board.close()


def test_sixty_groups_fit_on_one_page(store):
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
        for i in range(60):
            store.join(code, f"Team {i}")
        board.refresh(force=True)
        assert len(board.grid.children) == 60 and board.pager.layout.display == "none"
    finally:
        board.close()


@pytest.mark.parametrize("lab", ["everyday_maths", "class_survey"])
def test_the_other_labs_pages_and_boards_use_no_smarties_word(store, lab):
    page = LabPage(read(LABS / f"{lab}.lab.yaml"), store=store, query_string="", every=3600)
    answers = {"answers": ["cats", "dogs", "fish"]} if lab == "class_survey" else {}
    board = ClassBoard.from_lab(LABS / f"{lab}.lab.yaml", store=store, every=3600, **answers)
    try:
        if page.choose is not None:  # a survey: the class types its question and answers first
            page.choose.fill(["cats", "dogs", "fish"], "Which pet do we like best?")
            page.choose.choose()
        assert page.chart is not None  # the whole page is built, checklist and all
        code = board.start_class()
        store.record(store.join(code, "Reds").id, TallyChange(0, board.categories.names[0], "set", 3))
        board.refresh(force=True)
        assert smarties_words(page) == [] and smarties_words(board) == []
    finally:
        board.close()
        page.close()


def test_a_goal_the_class_data_cannot_meet_says_more_than_the_samples_tried(store):
    from classlab.settings import MAX_SAMPLES_TRIED

    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
        reds = store.join(code, "Reds")
        store.record(reds.id, TallyChange(0, "red", "set", 2))
        store.save_state(reds.id, "prediction", {"category": "orange", "goal": "at_least", "amount": 500, "samples": 4})
        board.refresh(force=True)
        assert f"<td>more than {MAX_SAMPLES_TRIED}</td>" in board.predictions.value
    finally:
        board.close()
