"""LabPage without a browser: a description becomes the same models, links and widgets a hand-made lab has."""
from pathlib import Path

import pytest

from classlab import lab_format
from classlab.lab_format import LabError
from widgets import (ChartBuilder, DataInOut, DataStart, FindingsBox, JoinClass, LabPage, PercentageExplorer,
                     PredictionSampler, TallyEntry)
from widgets.lab_page import problems_html
from widgets.our_question import OurQuestion
from widgets.peer_feedback import PeerFeedback
from widgets.reflection import Reflection
from widgets.self_check import SelfCheck

REPO = Path(__file__).resolve().parents[2]

@pytest.fixture
def dice(dice_folder) -> LabPage:
    page = LabPage.from_file(dice_folder / "dice.lab.yaml")
    yield page
    page.close()


@pytest.fixture
def smarties() -> LabPage:
    page = LabPage.from_file(REPO / "labs" / "smarties.lab.yaml", query_string="")
    yield page
    page.close()


def headings(page: LabPage) -> list[str]:
    return [s.children[0].value.split("</h2>")[0].removeprefix("<h2>") for s in page.children[2:]
            if "classlab-section" in s._dom_classes]  # not the group's question above them


# --- the Smarties lab, as its old notebook made it ----------------------------------------------------
def test_the_smarties_page_has_every_part_in_order_under_its_heading(smarties):
    assert headings(smarties) == ["Join your class", "What we want to find out", "Start", "Your data in and out", "1. Count",
                                  "2. Make a chart that works", "Check our chart", "3. Percentages", "4. Predict, then test",
                                  "5. What we found", "6. Two stars and a wish", "7. Looking back", "Our book", "Words we use"]
    kinds = [JoinClass, OurQuestion, DataStart, DataInOut, TallyEntry, ChartBuilder, SelfCheck, PercentageExplorer,
             PredictionSampler, FindingsBox, PeerFeedback, Reflection]
    assert [type(p) for p in smarties.parts.values()] == kinds
    assert "Our two questions" in smarties.children[1].value


def test_every_widget_a_description_can_name_is_built_on_the_page(smarties):
    assert list(smarties.parts) == list(lab_format.WIDGETS)  # the Smarties lab uses all of them


def test_the_smarties_page_uses_the_same_models_as_the_hand_made_lab(smarties):
    book = smarties.book
    assert (book.sample_label, book.category_label, book.thing_label, book.limit) == ("tube", "colour", "sweet", 1000)
    assert (smarties.chart.x_label, smarties.chart.y_label, smarties.chart.fair_line) == ("Colour", "Number of sweets", False)
    assert smarties.prediction.category == "orange" and smarties.prediction.goal == "fair_share"
    assert smarties.findings.questions[1].startswith("How many tubes")
    chart, sampler = smarties.parts["chart"], smarties.parts["sampler"]
    assert chart.spec is smarties.chart and chart.filename == "smarties-chart.png"
    assert sampler.prediction is smarties.prediction and sampler.again.description == "Try again with other shops"
    assert smarties.parts["findings"].join is smarties.join and smarties.parts["start"].dataset == "smarties_29_tubes"
    assert chart.fair not in chart.children[0].children  # the Smarties lab doesn't offer the fair line
    assert smarties.parts["data"].book is smarties.book and smarties.parts["data"].filename_stem == "smarties"


def test_the_smarties_page_counts_charts_and_loads_data(smarties):
    smarties.parts["start"].load_dataset()
    assert smarties.book.n_samples == 29
    smarties.book.add("orange")
    assert smarties.parts["chart"].figure.marks[0].y[1] == smarties.book.count("orange", 0)


# --- a dice lab: other words, other categories, the fair line -----------------------------------------
def test_every_widget_speaks_the_labs_own_words(dice):
    tally, chart, sampler, explorer = (dice.parts[n] for n in ("tally", "chart", "sampler", "percentages"))
    assert tally.next.description == "Next set of throws ▶" and "New set of throws" == tally.new.description
    assert [label for label, _ in chart.what.options] == ["One set of throws", "Sets of throws side by side",
                                                          "All sets of throws together", "Chosen sets of throws together"]
    assert chart.chosen.description == "Sets of throws" and dice.chart.x_label == "Face"
    assert dice.chart.y_label == "Number of throws"
    assert sampler.guess.description == "My prediction: I need this many sets of throws"
    assert sampler.chance_figure.axes[0].label == "Sets of throws thrown" and sampler.again.description == "Throw again"
    assert sampler.spread_figure.title == "The spread: what most tries got"
    assert explorer.which.options[0][0] == "All sets of throws together" and explorer.places.value == 1
    assert dice.parts["start"].empty.description == "Start with our own empty sets of throws"
    sampler.goal.value = "fair_share"
    assert "about 1 in every 6 throws" in sampler.goal_words.value


def test_messages_use_the_labs_words(dice):
    from classlab import CountError

    with pytest.raises(CountError, match="part of a throw"):
        dice.book.set("3", 2.5)
    tally = dice.parts["tally"]
    tally.rows["3"]._handle_custom_msg({"op": "set", "value": "101"}, [])
    assert "a lot for one set of throws" in tally.rows["3"].message and "100" in tally.rows["3"].message
    assert dice.book.count("3") == 0
    assert "Count some throws first" in dice.parts["percentages"].note.value


def test_the_fair_line_shows_what_fair_would_look_like_and_can_be_hidden(dice):
    chart = dice.parts["chart"]
    assert chart.fair in chart.children[0].children and chart.fair.value is True
    for face, n in zip("123456", (1, 2, 3, 4, 5, 9)):
        dice.book.set(face, n)
    assert chart.fair_mark in chart.figure.marks and list(chart.fair_mark.y) == [4.0, 4.0]  # 24 throws, 6 faces
    assert "What fair would look like: 4 each." in chart.words.value
    dice.book.add("1")
    assert list(chart.fair_mark.y) == [25 / 6, 25 / 6]
    chart.fair.value = False
    assert chart.fair_mark not in chart.figure.marks and "fair" not in chart.words.value
    chart.fair.value = True
    chart.how.value = "pie"
    assert chart.fair_mark not in chart.figure.marks  # a pie has no count axis to draw it on
    chart.how.value = "dots"
    assert chart.fair_mark in chart.figure.marks


def test_the_fair_line_is_only_drawn_for_one_set_of_bars(dice):
    chart = dice.parts["chart"]
    dice.parts["start"].load_dataset()
    chart.what.value = "side_by_side"
    chart.chosen.value = (0, 1)
    assert chart.fair_mark not in chart.figure.marks
    chart.what.value = "chosen"
    assert chart.fair_mark in chart.figure.marks and list(chart.fair_mark.y) == [20 / 6, 20 / 6]


def test_the_dice_dataset_loads_with_faces_as_text(dice):
    dice.parts["start"].load_dataset()
    assert dice.book.n_samples == 3 and dice.book.pooled()["6"] == 9
    assert "made up by a computer" in dice.parts["start"].about.value


def test_the_sampler_tests_a_prediction_in_the_labs_words(dice):
    dice.parts["start"].load_dataset()
    sampler = dice.parts["sampler"]
    sampler.guess.value = "4"
    sampler.test()
    assert "You predicted 4 sets of throws" in sampler.outcome.value


def test_intros_are_escaped_with_bold_kept(dice):
    top = dice.children[4].children[0].value  # the chart's section (start, tally, chart)
    assert "<b>dashed line</b>" in top and "<script>" not in top and "&lt;script&gt;" in top


def test_a_page_without_join_has_no_sharing(dice):
    assert dice.join is None and dice.parts["findings"].shares == {}


# --- joining a class: the class store keeps everything, and only for the right lab ---------------------------
def _with_join(folder: Path) -> Path:
    path = folder / "dice.lab.yaml"
    path.write_text(path.read_text().replace("widgets:\n", "widgets:\n  - join\n"))
    return path


def test_a_dice_page_joins_a_dice_class_and_gets_its_work_back(dice_folder, store):
    path = _with_join(dice_folder)
    code = store.start_session("dice", categories=lab_format.read(path).categories).code
    page = LabPage.from_file(path, store=store, query_string=f"class={code}&group=Sixes", every=3600)
    try:
        assert page.join.link is not None
        page.book.set("6", "4")
        page.parts["chart"].fair.value = False
    finally:
        page.close()
    again = LabPage.from_file(path, store=store, query_string=f"class={code}&group=Sixes", every=3600)
    try:
        assert again.book.count("6") == 4 and again.chart.fair_line is False and again.parts["chart"].fair.value is False
    finally:
        again.close()


def test_a_class_started_for_another_lab_is_refused_kindly(dice_folder, store):
    path = _with_join(dice_folder)
    code = store.start_session("smarties").code
    page = LabPage.from_file(path, store=store, query_string=f"class={code}&group=Sixes", every=3600)
    try:
        assert page.join.link is None and "for another lab (smarties)" in page.join.message.value
    finally:
        page.close()


# --- a broken description ------------------------------------------------------------------------------------
def test_a_broken_description_fails_with_its_mistakes(dice_folder, capsys):
    path = dice_folder / "dice.lab.yaml"
    path.write_text(path.read_text().replace("  - tally\n", "  - tallies\n"))
    with pytest.raises(LabError) as caught:
        LabPage.from_file(path)
    assert "no widget called 'tallies'" in str(caught.value)
    shown = problems_html(caught.value)
    assert "can't open yet" in shown and "dice.lab.yaml:19" in shown


def test_problems_shown_on_a_page_are_escaped(tmp_path):
    error = LabError([lab_format.Problem("x.lab.yaml", 3, "<img src=x onerror=alert(1)>", "fix")])
    assert "<img" not in problems_html(error) and "&lt;img" in problems_html(error)


def test_the_class_board_for_a_lab_starts_classes_its_pages_can_join(dice_folder, store):
    from widgets import ClassBoard

    path = _with_join(dice_folder)
    board = ClassBoard.from_lab(path, store=store, every=3600)
    try:
        code = board.start_class()
        assert store.session(code).lab == "dice" and board.class_book.sample_label == "set of throws"
        page = LabPage.from_file(path, store=store, query_string=f"class={code}&group=Sixes", every=3600)
        try:
            page.book.set("6", "3")
            board.refresh(force=True)
            assert board.class_book.pooled()["6"] == 3
        finally:
            page.close()
    finally:
        board.close()


# --- a class survey: the class chooses the answers on the page ---------------------------------------------------
@pytest.fixture
def survey_path(dice_folder) -> Path:
    """A class survey (data/labs/survey.lab.yaml): the class chooses the answers on the page."""
    return dice_folder / "survey.lab.yaml"


def test_a_survey_asks_for_its_answers_before_counting(survey_path):
    page = LabPage.from_file(survey_path, query_string="")
    try:
        assert page.book is None and list(page.parts) == [] and headings(page) == ["Our question"]
        choose = page.choose
        choose.answers[0].value = "walk"
        assert choose.choose() is False and "at least two answers" in choose.message.value
        choose.answers[1].value = " Walk "
        assert choose.choose() is False and "there twice" in choose.message.value
        choose.question.value = "How do you come to school?"
        choose.answers[1].value, choose.answers[2].value = "car", "<b>bus</b>"
        assert choose.choose() is True
        assert page.book.categories.names == ["walk", "car", "<b>bus</b>"]
        assert headings(page) == ["Our question", "Join your class", "1. Count", "2. Make a chart that works",
                                  "3. What we found", "Our book", "Words we use"]
        assert "How do you come to school?" in choose.chosen.value and "&lt;b&gt;bus" in choose.chosen.value
        page.book.add("car")
        assert page.parts["chart"].figure.marks[0].y[1] == 1 and page.chart.x_label == "Answer"
    finally:
        page.close()


def test_a_survey_page_gets_its_answers_back_when_it_rejoins(survey_path, store):
    code = store.start_session("survey").code
    query = f"class={code}&group=Walkers"
    page = LabPage.from_file(survey_path, store=store, query_string=query, every=3600)
    try:
        page.choose.fill(["walk", "car", "bus"], "How do you come to school?")
        page.choose.choose()
        assert page.join.link is not None  # rejoined from the address as soon as the page was built
        page.book.set("walk", "12")
    finally:
        page.close()
    again = LabPage.from_file(survey_path, store=store, query_string=query, every=3600)
    try:
        assert again.book.categories.names == ["walk", "car", "bus"] and again.book.count("walk") == 12
        assert again.question == "How do you come to school?"
    finally:
        again.close()


def test_a_survey_started_by_the_teacher_gives_every_group_the_classs_answers(survey_path, store):
    from widgets import ClassBoard

    board = ClassBoard.from_lab(survey_path, answers=["walk", "car", "bus", "bike"], store=store, every=3600)
    try:
        code = board.start_class()
        page = LabPage.from_file(survey_path, store=store, query_string=f"class={code}&group=Bikers", every=3600)
        try:
            assert page.book.categories.names == ["walk", "car", "bus", "bike"] and page.join.link is not None
            page.book.add("bike")
            board.refresh(force=True)
            assert board.class_book.pooled()["bike"] == 1
        finally:
            page.close()
    finally:
        board.close()
    with pytest.raises(ValueError, match="give the board them as answers"):
        ClassBoard.from_lab(survey_path, store=store)


def test_a_survey_cant_offer_datasets_or_name_a_favourite(survey_path):
    text = survey_path.read_text().replace("widgets:\n", "datasets: [smarties_29_tubes]\nwidgets:\n  - sampler: {favourite: walk}\n")
    with pytest.raises(LabError) as caught:
        lab_format.parse(text, "labs/survey.lab.yaml")
    assert "can't offer datasets" in str(caught.value) and "can't name a favourite" in str(caught.value)
    with pytest.raises(LabError, match="should be a list.*chosen by the class"):
        lab_format.parse(survey_path.read_text().replace("chosen by the class", "chosen by us"), "labs/survey.lab.yaml")
