"""Pupils' voice in the class store (SQLite and PostgreSQL): own questions, self checks, feedback the teacher
sees first, reflections; hostile text kept exactly; forged ids refused kindly; everything in the export."""
import pytest
from store_helpers import HOSTILE_TEXTS, assert_kind, class_saved_by_an_older_store

from classlab.store import ClassEnded, ClassStore, StoreError

Q1 = "Does every tube contain the same number of each colour?"


def test_a_groups_question_is_kept_replaced_and_read_back_on_another_connection(smarties_class, store_url):
    store, session, reds, blues = smarties_class
    assert store.question(session.code, reds.id) is None
    store.set_question(session.code, reds.id, Q1, from_lab=True)
    saved = store.set_question(session.code, reds.id, "  Are orange ones rarer in big tubes?  ", from_lab=False)
    assert (saved.text, saved.from_lab, saved.group_name) == ("Are orange ones rarer in big tubes?", False, "Reds")
    with ClassStore(store_url) as other:  # a second device, a refreshed page: another kernel, another connection
        assert other.question(session.code.lower(), reds.id) == "Are orange ones rarer in big tubes?"
        assert [(q.group_name, q.text) for q in other.questions(session.code)] == [("Reds", "Are orange ones rarer in big tubes?")]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_kept_exactly_everywhere(smarties_class, text):
    store, session, reds, blues = smarties_class
    text = text[:200]
    code = session.code
    assert store.set_question(code, reds.id, text).text == text.strip()
    assert store.save_self_check(code, reds.id, {"The count axis starts at zero": True}, text).why == text.strip()
    given = store.give_feedback(code, reds.id, blues.id, (text, text), text)
    assert given.stars == (text.strip(), text.strip()) and given.wish == text.strip()
    assert store.save_reflection(code, reds.id, found=text).found == text.strip()


def test_a_self_check_keeps_the_groups_ticks_and_why(smarties_class):
    store, session, reds, _ = smarties_class
    ticks = {"A title that says what it shows": True, "The count axis starts at zero": False}
    store.save_self_check(session.code, reds.id, ticks, "We said what the chart shows")
    check = store.self_check(session.code, reds.id)
    assert (check.ticks, check.why) == (ticks, "We said what the chart shows")
    assert [c.group_name for c in store.self_checks(session.code)] == ["Reds"]


def test_feedback_waits_for_the_teacher_and_a_hidden_one_never_reaches_the_group(smarties_class):
    store, session, reds, blues = smarties_class
    code = session.code
    kind = store.give_feedback(code, reds.id, blues.id, ["Bright colours", "A clear title"], "Start the axis at 0")
    unkind = store.give_feedback(code, reds.id, blues.id, ["meh", "meh"], "Your chart is rubbish")
    assert store.feedback_for(code, blues.id) == []  # the teacher sees it first
    assert [f.id for f in store.all_feedback(code)] == [kind.id, unkind.id]
    hidden = store.hide_feedback(code, unkind.id)
    assert hidden.hidden and not hidden.visible
    assert store.release_feedback(code) == 1  # the hidden one is not released
    (seen,) = store.feedback_for(code, blues.id)
    assert (seen.id, seen.from_group, seen.stars, seen.wish, seen.visible) == (
        kind.id, "Reds", ("Bright colours", "A clear title"), "Start the axis at 0", True)
    assert [f.id for f in store.feedback_for(code, blues.id, include_hidden=True)] == [kind.id, unkind.id]
    assert [f.id for f in store.feedback_given(code, reds.id)] == [kind.id, unkind.id]
    assert store.feedback_for(code, reds.id) == []
    # Hiding after release withdraws it; showing it again brings it back.
    store.hide_feedback(code, kind.id)
    assert store.feedback_for(code, blues.id) == []
    store.hide_feedback(code, kind.id, hidden=False)
    assert [f.id for f in store.feedback_for(code, blues.id)] == [kind.id]


def test_a_group_answers_another_groups_finding(smarties_class):
    store, session, reds, blues = smarties_class
    finding = store.post_finding(blues.id, Q1, "Orange is always the rarest")
    answer = store.answer_finding(session.code, reds.id, finding.id, "not sure", "We only counted 3 tubes")
    assert (answer.kind, answer.to_group, answer.finding_id, answer.stance, answer.stance_words) == (
        "answer", "Blues", finding.id, "not sure", "Not sure")
    store.release_feedback(session.code)
    assert [f.reason for f in store.feedback_for(session.code, blues.id)] == ["We only counted 3 tubes"]


def test_bad_feedback_is_refused_kindly_and_nothing_is_saved(smarties_class):
    store, session, reds, blues = smarties_class
    code = session.code
    other = store.start_session("smarties")
    stranger = store.join(other.code, "Strangers")
    own = store.post_finding(reds.id, Q1, "Ours")
    for attempt in [
        lambda: store.give_feedback(code, reds.id, reds.id, ["a", "b"], "c"),  # to ourselves
        lambda: store.give_feedback(code, reds.id, stranger.id, ["a", "b"], "c"),  # another class
        lambda: store.give_feedback(code, stranger.id, blues.id, ["a", "b"], "c"),  # from another class
        lambda: store.give_feedback(code, reds.id, blues.id, ["a"], "c"),
        lambda: store.give_feedback(code, reds.id, blues.id, ["a", "b"], ""),
        lambda: store.give_feedback(code, reds.id, "1 OR 1=1", ["a", "b"], "c"),
        lambda: store.answer_finding(code, reds.id, own.id, "agree", "ours"),  # our own finding
        lambda: store.answer_finding(code, reds.id, 99999, "agree", "why"),
        lambda: store.answer_finding(code, reds.id, own.id, "maybe", "why"),
        lambda: store.hide_feedback(code, 99999),
        lambda: store.save_self_check(code, reds.id, {"x": "yes"}, ""),
        lambda: store.save_reflection(code, reds.id),
        lambda: store.set_question(code, reds.id, "x" * 201),
        lambda: store.set_question(code, stranger.id, "Ours?"),
    ]:
        with pytest.raises(StoreError) as caught:
            attempt()
        assert_kind(caught.value)
    assert store.all_feedback(code) == [] and store.questions(code) == [] and store.reflections(code) == []


def test_after_the_class_ends_groups_cannot_write_but_the_teacher_can_still_hide(smarties_class):
    store, session, reds, blues = smarties_class
    given = store.give_feedback(session.code, reds.id, blues.id, ["a", "b"], "c")
    store.end_session(session.code)
    with pytest.raises(ClassEnded):
        store.save_reflection(session.code, reds.id, found="too late")
    assert store.hide_feedback(session.code, given.id).hidden


def test_reflections_come_back_together_for_the_board(smarties_class):
    store, session, reds, blues = smarties_class
    store.save_reflection(session.code, blues.id, found="Orange is rare", helped="Counting together")
    store.save_reflection(session.code, reds.id, surprised="Percentages made 99")
    store.save_reflection(session.code, reds.id, surprised="Percentages made 99", next_time="Count more tubes")
    got = store.reflections(session.code)
    assert [(r.group_name, r.found, r.surprised, r.next_time, r.helped) for r in got] == [
        ("Reds", "", "Percentages made 99", "Count more tubes", ""), ("Blues", "Orange is rare", "", "", "Counting together")]
    assert list(got[0].answers()) == ["What we found", "What surprised us", "What we would investigate next",
                                      "What helped us learn today"]


def test_deleting_a_class_deletes_its_voice_too(smarties_class):
    store, session, reds, blues = smarties_class
    finding = store.post_finding(blues.id, Q1, "Orange is rare")
    store.set_question(session.code, reds.id, Q1, True)
    store.answer_finding(session.code, reds.id, finding.id, "agree", "Ours too")
    store.save_reflection(session.code, reds.id, found="x")
    store.delete_session(session.code)
    from classlab.store.models import FEEDBACK, QUESTIONS, REFLECTIONS

    with store._engine.connect() as conn:
        assert [conn.execute(t.select()).all() for t in (FEEDBACK, QUESTIONS, REFLECTIONS)] == [[], [], []]


def test_a_store_from_before_pupils_voice_is_upgraded_with_its_classes_kept_and_can_go_back(store_url):
    import sqlalchemy as sa
    from alembic import command

    from classlab import SMARTIES
    from classlab.store import migrate
    from classlab.store.engine import SCHEMA_HEAD, _alembic_config

    migrate(store_url, "0004")
    code = "K7PQ2M"
    reds, blues = class_saved_by_an_older_store(store_url, code, ["Reds", "Blues"])
    with ClassStore(store_url) as store:  # opening it upgrades it
        assert store.schema_revision() == SCHEMA_HEAD and [g.name for g in store.groups(code)] == ["Reds", "Blues"]
        store.give_feedback(code, reds, blues, ["a", "b"], "c")
    engine = sa.create_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0004")
        tables = set(sa.inspect(engine).get_table_names())
        assert {"groups", "findings"} <= tables and not tables & {"feedback", "group_questions", "self_checks", "reflections"}
    finally:
        engine.dispose()


def test_the_class_export_holds_every_groups_voice_with_hidden_feedback_marked(smarties_class, tmp_path):
    from openpyxl import load_workbook

    store, session, reds, blues = smarties_class
    code = session.code
    store.set_question(code, reds.id, "=HYPERLINK(\"http://x.example\",\"click\")")
    store.save_self_check(code, reds.id, {"The count axis starts at zero": True, "A key where one is needed": False}, "We looked")
    kind = store.give_feedback(code, reds.id, blues.id, ["Bright", "Clear"], "A title")
    store.hide_feedback(code, store.give_feedback(code, reds.id, blues.id, ["meh", "meh"], "rubbish").id)
    store.release_feedback(code)
    store.save_reflection(code, blues.id, found="Orange is rare", helped="Counting together")
    book = load_workbook(store.export_excel(code, tmp_path / "class.xlsx"))
    assert book.sheetnames[-4:] == ["Questions", "Self checks", "Feedback", "Reflections"]
    question = book["Questions"].cell(2, 2)
    assert question.value == "=HYPERLINK(\"http://x.example\",\"click\")" and question.data_type == "s"  # words, never a formula
    checks = list(book["Self checks"].values)
    assert checks[1][:4] == ("Reds", "The count axis starts at zero", "A key where one is needed", "We looked")
    feedback = {row[0]: row for row in list(book["Feedback"].values)[1:]}
    assert feedback[kind.id][1:7] == ("Reds", "Blues", "chart", "Bright", "Clear", "A title")
    assert [row[9] for row in feedback.values()] == ["seen by the group", "hidden by the teacher"]
    reflections = list(book["Reflections"].values)
    assert reflections[0][:5] == ("group", "What we found", "What surprised us", "What we would investigate next",
                                  "What helped us learn today")
    assert reflections[1][:5] == ("Blues", "Orange is rare", None, None, "Counting together")
    names = [p.name for p in store.export_csv(code, tmp_path / "csv")]
    assert {"questions.csv", "self_checks.csv", "feedback.csv", "reflections.csv"} <= set(names)


def test_the_whole_class_gives_two_stars_and_a_wish_on_the_board_and_the_group_sees_it_at_once(smarties_class, store_url):
    """The class agrees stars and a wish on a spotlit chart; the teacher writes them, so nothing waits for release."""
    store, session, reds, blues = smarties_class
    code = session.code
    given = store.give_class_feedback(code, blues.id, ["<b>Clear</b> title", "Every colour there"], "Start at 0")
    assert (given.from_group_id, given.from_group, given.to_group) == (None, "The whole class", "Blues")
    assert given.visible and given.stars == ("<b>Clear</b> title", "Every colour there")
    store.give_feedback(code, reds.id, blues.id, ["Bright", "Neat"], "A key")  # a group's still waits for the teacher
    with ClassStore(store_url) as other:  # the Blues' page: another kernel, another connection
        assert [f.from_group for f in other.feedback_for(code, blues.id)] == ["The whole class"]
        assert [f.from_group for f in other.all_feedback(code)] == ["The whole class", "Reds"]
    assert store.feedback_given(code, reds.id)[0].to_group == "Blues"  # a group's own list is unchanged
    with pytest.raises(StoreError) as refused:
        store.give_class_feedback(code, blues.id, ["", ""], "")
    assert_kind(refused.value)


def test_a_store_from_before_the_class_gave_feedback_is_upgraded_and_can_go_back(store_url):
    import sqlalchemy as sa
    from alembic import command

    from classlab.store import migrate
    from classlab.store.engine import _alembic_config

    migrate(store_url, "0006")
    code = "K7PQ2M"
    reds, blues = class_saved_by_an_older_store(store_url, code, ["Reds", "Blues"])
    with ClassStore(store_url) as store:  # opening it upgrades it
        store.give_feedback(code, reds, blues, ["a", "b"], "c")
        store.give_class_feedback(code, reds, ["d", "e"], "f")
        assert [f.from_group for f in store.all_feedback(code)] == ["Reds", "The whole class"]
    engine = sa.create_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0006")
        with engine.connect() as conn:  # the older store can't hold the class's feedback; the group's is kept
            assert conn.execute(sa.text("select from_group_id from feedback")).scalars().all() == [reds]
    finally:
        engine.dispose()
