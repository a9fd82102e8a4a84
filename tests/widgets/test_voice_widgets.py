"""Pupils' voice widgets over a real SQLite class store, without a browser: a group's question, its self check,
two stars and a wish, looking back, and the teacher's part of the board (release, hide, reflections together)."""
from pathlib import Path

import pytest

from classlab import SMARTIES, ChartSpec, TallyBook
from classlab.findings import OUR_QUESTION
from widgets.class_board import GroupCard
from widgets.join_class import JoinClass
from widgets.our_question import OWN, OurQuestion
from widgets.peer_feedback import PeerFeedback
from widgets.reflection import Reflection, VoiceBoard
from widgets.self_check import SelfCheck

QUESTIONS = ["Does every tube contain the same number of each colour?", "How many tubes for a fair share?"]
HOSTILE = "<img src=x onerror=alert(1)>"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def code(store):
    return store.start_session("smarties", categories=SMARTIES).code


class Page:
    """The voice parts of one group's page, over its own book, chart and join box (as the lab page makes them)."""

    def __init__(self, store, code=None, group=None):
        self.book, self.chart = TallyBook(SMARTIES), ChartSpec(title="Colours in our tube")
        query = f"class={code}&group={group}" if code and group else ""
        self.join = JoinClass(self.book, chart=self.chart, store=store, query_string=query, every=3600)
        self.question = OurQuestion(QUESTIONS, join=self.join)
        self.check = SelfCheck(self.book, self.chart, join=self.join)
        self.peer = PeerFeedback(self.book, join=self.join)
        self.reflection = Reflection(join=self.join)

    def join_as(self, code, group):
        self.join.code.value, self.join.name.value = code, group
        self.join.join_button.click()
        assert self.join.link is not None


def test_a_question_chosen_before_joining_is_saved_on_joining_and_heads_a_refreshed_page(store, code):
    page = Page(store)
    page.question.own.value = f"Are orange ones rarer? {HOSTILE}"
    assert page.question.choice.value == OWN  # writing your own picks "Our own question"
    page.question.use.click()
    assert "Join your class" in page.question.message.value
    page.join_as(code, "Reds")
    group = page.join.link.group.id
    assert store.question(code, group) == f"Are orange ones rarer? {HOSTILE}"
    again = Page(store, code, "Reds")  # a refresh: a new kernel rejoins from the address
    assert again.question.choice.value == OWN and again.question.own.value.startswith("Are orange ones rarer?")
    assert "&lt;img src=x" in again.question.banner.value and "<img" not in again.question.banner.value
    cards = {"Reds": GroupCard("Reds", SMARTIES, lambda _: None)}  # the board's card for the group
    board = VoiceBoard(store, cards=cards)
    board.show_class(code)
    (shown,) = [c for c in cards["Reds"].children if "classlab-card-question" in c._dom_classes]
    assert "Are orange ones rarer?" in shown.value and "&lt;img src=x" in shown.value and "<img" not in shown.value
    assert "Are orange ones rarer?" in board.questions.value and "their own question" in board.questions.value


def test_choosing_a_lab_question_keeps_it_and_an_empty_own_question_is_asked_for_kindly(store, code):
    page = Page(store, code, "Blues")
    page.question.choice.value = QUESTIONS[1]
    page.question.use.click()
    (saved,) = store.questions(code)
    assert (saved.text, saved.from_lab) == (QUESTIONS[1], True)
    page.question.choice.value = OWN
    page.question.use.click()
    assert "Please write your question" in page.question.message.value
    assert store.question(code, page.join.link.group.id) == QUESTIONS[1]  # nothing already saved is lost


def test_the_self_check_asks_a_question_where_the_group_and_the_checker_differ(store, code):
    page = Page(store, code, "Reds")
    for _ in range(3):
        page.book.add("orange")
    page.chart.axis_start = 2
    page.check.boxes["The count axis starts at zero"].value = True
    page.check.boxes["A title that says what it shows"].value = True
    page.check.why.value = "We checked it together"
    page.check.compare_button.click()
    beside = page.check.beside.value
    assert "Look at the left axis: where does it start?" in beside
    assert not any(mark in beside.lower() for mark in ("you are wrong", "incorrect", "✘", "mistake"))
    saved = store.self_check(code, page.join.link.group.id)
    assert saved.ticks["The count axis starts at zero"] is True and saved.why == "We checked it together"
    # A pie has other lines: the boxes follow the chart, and what was ticked stays saved.
    page.chart.kind = "pie"
    assert "A pie has only a few slices" in page.check.boxes and "The count axis starts at zero" not in page.check.boxes
    again = Page(store, code, "Reds")  # a refresh brings back the pie, the why, and the bar's ticks for when it's back
    assert again.chart.kind == "pie" and again.check.why.value == "We checked it together"
    again.chart.kind = "bar"
    assert again.check.boxes["The count axis starts at zero"].value is True


def test_two_stars_and_a_wish_reach_the_other_group_only_after_the_teacher_and_never_once_hidden(store, code):
    reds, blues = Page(store, code, "Reds"), Page(store, code, "Blues")
    board = VoiceBoard(store)
    board.show_class(code)
    reds.peer.find_groups()
    assert reds.peer.other.options == (("Blues", blues.join.link.group.id),)  # never our own group
    reds.peer.other.value = blues.join.link.group.id
    assert "The chart <b><bdi>Blues</bdi></b> made:" in reds.peer.their_chart.children[0].value  # to look at before writing; no "Blues's"
    reds.peer.star_1.value, reds.peer.star_2.value, reds.peer.wish.value = "Bright colours", HOSTILE, "Start at 0"
    assert reds.peer.give() and reds.peer.star_1.value == ""
    reds.peer.star_1.value, reds.peer.star_2.value, reds.peer.wish.value = "meh", "meh", "rubbish"
    assert reds.peer.give()
    reds.peer.star_1.value = "only one star"
    assert not reds.peer.give() and "second star" in reds.peer.message.value and reds.peer.star_1.value == "only one star"
    blues.peer.show_feedback()
    assert "No feedback for you yet" in blues.peer.for_us.value
    board.refresh()
    assert len(board.feedback.children) == 2 and "2 waiting for you" in board.waiting.value
    assert "&lt;img src=x" in board.feedback.children[1].words.value
    unkind = next(c for c in board.feedback.children if "rubbish" in c.words.value)
    unkind.toggle.click()
    assert "Hidden" in unkind.words.value and unkind.toggle.description.startswith("Show feedback")
    board.release.click()
    assert "1 more piece of feedback" in board.message.value and board.release.disabled
    again = Page(store, code, "Blues")  # the other group, after a refresh
    assert "Bright colours" in again.peer.for_us.value and "rubbish" not in again.peer.for_us.value
    assert "&lt;img src=x" in again.peer.for_us.value and "<img" not in again.peer.for_us.value


def test_looking_back_is_saved_as_written_and_the_board_shows_the_class_together(store, code):
    reds, blues = Page(store, code, "Reds"), Page(store, code, "Blues")
    reds.reflection.boxes["found"].value = "Orange is rare"
    blues.reflection.boxes["helped"].value = f"Counting together {HOSTILE}"
    blues.reflection.save.click()
    assert "Saved" in blues.reflection.message.value
    assert Page(store, code, "Reds").reflection.boxes["found"].value == "Orange is rare"
    board = VoiceBoard(store)
    board.show_class(code)
    shown = board.reflections.value
    assert shown.index("What we found") < shown.index("Orange is rare") < shown.index("What helped us learn today")
    assert "&lt;img src=x" in shown and "<img" not in shown


def test_without_a_class_nothing_breaks_and_the_page_says_to_join(store):
    page = Page(store)
    page.reflection.boxes["found"].value = "Something"
    page.reflection.save.click()
    page.peer.find.click()
    assert "Join your class" in page.reflection.message.value and "Join your class" in page.peer.message.value


@pytest.mark.parametrize("lab", ["smarties", "fair_dice", "class_survey", "everyday_maths", "a new lab"])
def test_every_lab_asks_for_the_groups_voice(lab):
    from classlab.lab_format import parse, read, template_text

    lab_file = REPO / "labs" / f"{lab}.lab.yaml"
    d = read(lab_file).description if lab_file.exists() else parse(template_text("fruit"), "labs/fruit.lab.yaml").description
    names = d.widget_names()
    assert {"our_question", "self_check", "peer_feedback", "reflection"} <= set(names)
    assert names.index("our_question") < names.index("tally") and names.index("chart") < names.index("self_check")
    assert names[-2:] == ["peer_feedback", "reflection"]


def test_on_the_smarties_page_the_groups_question_heads_the_page_and_its_parts_share_the_pages_models(store, code):
    from widgets import LabPage

    page = LabPage.from_file(REPO / "labs" / "smarties.lab.yaml", store=store, query_string=f"class={code}&group=Reds")
    try:
        question, check = page.parts["our_question"], page.parts["self_check"]
        assert page.children[2] is question.banner  # under the lab's welcome, above every part
        assert check.spec is page.chart and check.book is page.book and page.parts["peer_feedback"].join is page.join
        question.choice.value = question.questions[1]
        assert question.choose() and "How many tubes" in question.banner.value
        findings_heading = page.parts["findings"].children[0]  # the question heads the group's findings too
        assert "How many tubes" in findings_heading.value and 'role="status"' not in findings_heading.value
        assert store.question(code, page.join.link.group.id) == question.questions[1]
        page.chart.kind = "dots"
        assert "A dot plot is for small counts" in check.boxes
    finally:
        page.close()


def test_a_question_of_our_own_gets_its_own_box_in_what_we_found_shared_and_kept_over_a_refresh(store, code):
    """Found by the issue 11 audit: the group's own question headed its findings but had no box for its answer."""
    from widgets import LabPage

    own = "Do <big> tubes have more blue?"

    def open_page():
        return LabPage.from_file(REPO / "labs" / "smarties.lab.yaml", store=store,
                                 query_string=f"class={code}&group=Reds")

    page = open_page()
    try:
        question, box = page.parts["our_question"], page.parts["findings"]
        assert box.own_part.layout.display == "none"  # a lab's question is answered in its own box
        question.own.value = own
        assert question.choose()
        assert box.own_part.layout.display is None and box.own_part.children[0].value == f"Our question: {own}"
        box.boxes[OUR_QUESTION].value = "Yes, in 3 of our 4 big tubes"
        box.share(OUR_QUESTION)
        (shared,) = store.findings(code)
        assert (shared.question, shared.text) == (own, "Yes, in 3 of our 4 big tubes")
        question.choice.value = question.questions[0]
        assert question.choose() and box.own_part.layout.display == "none"  # back to the lab's question
        question.choice.value = OWN  # and to our own again, still written in its box
        assert question.choose() and box.own_part.layout.display is None
    finally:
        page.close()
    again = open_page()  # the refresh
    try:
        box = again.parts["findings"]
        assert box.own_part.layout.display is None and box.boxes[OUR_QUESTION].value == "Yes, in 3 of our 4 big tubes"
    finally:
        again.close()


def test_a_group_answers_another_groups_finding_and_a_missing_choice_is_asked_for_kindly(store, code):
    reds, blues = Page(store, code, "Reds"), Page(store, code, "Blues")
    finding = store.post_finding(blues.join.link.group.id, QUESTIONS[0], "Orange is always the rarest")
    reds.peer.find_groups()
    assert reds.peer.other.value is None and reds.peer.finding_part.layout.display == "none"  # the group chooses
    reds.peer.other.value = blues.join.link.group.id
    assert reds.peer.finding_part.layout.display is None and reds.peer.finding.value == finding.id
    reds.peer.reason.value = "We only counted 3 tubes"
    assert not reds.peer.answer() and "Please choose: we agree" in reds.peer.message.value
    assert reds.peer.reason.value == "We only counted 3 tubes"  # nothing typed is lost
    reds.peer.stance.value = "not sure"
    assert reds.peer.answer() and reds.peer.stance.value is None
    (given,) = store.feedback_given(code, reds.join.link.group.id)
    assert (given.kind, given.finding_id, given.stance, given.reason) == ("answer", finding.id, "not sure",
                                                                          "We only counted 3 tubes")
    assert "Not sure" in reds.peer.given.value and "with your teacher" in reds.peer.given.value


def test_the_class_board_shows_each_groups_question_on_its_card_and_the_voice_part_follows_the_class(store):
    from widgets import ClassBoard

    board = ClassBoard(SMARTIES, lab="smarties", store=store, every=3600)  # ticked by hand here
    try:
        code = board.start_class()
        page = Page(store, code, "Reds")
        page.question.choice.value = QUESTIONS[0]
        page.question.choose()
        board.refresh(force=True)
        board.tick()
        assert board.voice in board.children and board.voice.code == code
        (shown,) = [c for c in board.cards["Reds"].children if "classlab-card-question" in c._dom_classes]
        assert QUESTIONS[0] in shown.value and QUESTIONS[0] in board.voice.questions.value
        other = board.start_class()  # a new class: nothing of the old one is shown
        assert board.voice.code == other and "No group has chosen its question yet" in board.voice.questions.value
    finally:
        board.close()


def test_the_class_gives_two_stars_and_a_wish_from_the_boards_spotlight(store, board):
    """Found missing by the issue 11 audit: peer assessment on the board, not only on pupils' pages."""
    code = board.start_class()
    blues = store.join(code, "Blues")
    store.join(code, "Reds")
    board.refresh()
    board.spotlight("Blues")
    stars = board.class_stars
    assert "for Blues" in stars.heading.value and stars.layout.display != "none"
    stars.star_1.value, stars.wish.value = "The <b>title</b> says what it shows", "Start the axis at 0"
    assert not stars.give() and stars.star_2.value == "" and stars.wish.value == "Start the axis at 0"  # kept
    assert stars.message.wrong == [f"classlab-field-{stars.star_2.model_id}"]
    stars.star_2.value = "Every colour is there"
    assert stars.give() and "Sent to Blues" in stars.message.value and stars.wish.value == ""
    (got,) = store.feedback_for(code, blues.id)  # released at once: the class agreed it, the teacher wrote it
    assert (got.from_group, got.stars[0], got.wish) == ("The whole class", "The <b>title</b> says what it shows",
                                                        "Start the axis at 0")
    stars.star_1.value = "half written"
    board.spotlight("Reds")
    assert "for Reds" in stars.heading.value and stars.star_1.value == ""  # another group: fresh boxes
    board.spotlight(None)
    assert stars.heading.value == ""
