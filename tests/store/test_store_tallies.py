"""Tallies kept as changes: replayed exactly, forged changes refused, two devices of one group lose nothing."""
import random
import threading

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from tests.conftest import smarties_book
from classlab import SMARTIES, TallyBook, TallyChange
from classlab.store import ClassStore, GroupNotFound, RefusedInput
from store_helpers import assert_kind


def test_record_returns_ids_that_only_grow(smarties_class):
    store, _, reds, blues = smarties_class
    ids = [store.record(g.id, TallyChange(0, "red", "add")) for g in (reds, blues, reds, blues)]
    assert ids == sorted(ids) and len(set(ids)) == 4


def test_changes_come_back_in_order_and_after_an_id(smarties_class):
    store, _, reds, blues = smarties_class
    made = [TallyChange(0, "red", "add"), TallyChange(0, "red", "set", 9), TallyChange(1, "", "new_sample"),
            TallyChange(1, "blue", "add"), TallyChange(1, "blue", "take")]
    ids = [store.record(reds.id, c) for c in made]
    store.record(blues.id, TallyChange(0, "pink", "add"))
    assert store.changes(reds.id) == list(zip(ids, made))
    assert store.changes(reds.id, after=ids[2]) == list(zip(ids[3:], made[3:]))


def test_a_group_s_book_is_rebuilt_from_its_changes(smarties_class):
    store, _, reds, _ = smarties_class
    for c in [TallyChange(0, "red", "set", 12), TallyChange(0, "orange", "add"), TallyChange(0, "orange", "add"),
              TallyChange(0, "orange", "take"), TallyChange(1, "", "new_sample"), TallyChange(1, "brown", "set", 4)]:
        store.record(reds.id, c)
    book = store.tally_book(reds.id, SMARTIES, sample_label="tube")
    assert isinstance(book, TallyBook) and book.n_samples == 2
    assert book.counts(0) == {**dict.fromkeys(SMARTIES.names, 0), "red": 12, "orange": 1}
    assert book.counts(1)["brown"] == 4


def test_a_take_below_zero_is_skipped_on_replay_not_an_error(smarties_class):
    store, _, reds, _ = smarties_class
    store.record(reds.id, TallyChange(0, "green", "take"))
    store.record(reds.id, TallyChange(0, "green", "add"))
    assert store.tally_book(reds.id, SMARTIES).count("green", 0) == 1


def test_tubes_appear_as_needed_on_replay(smarties_class):
    store, _, reds, _ = smarties_class
    store.record(reds.id, TallyChange(4, "violet", "add"))
    book = store.tally_book(reds.id, SMARTIES)
    assert book.n_samples == 5 and book.count("violet", 4) == 1 and book.total(0) == 0


def test_clear_starts_again_from_one_empty_tube(smarties_class):
    store, session, reds, _ = smarties_class
    for c in [TallyChange(2, "red", "add"), TallyChange(0, "", "clear"), TallyChange(0, "blue", "add")]:
        store.record(reds.id, c)
    book = store.tally_book(reds.id, SMARTIES)
    assert book.n_samples == 1 and book.counts(0)["blue"] == 1 and book.total(0) == 1
    assert store.group_counts(reds.id)["count"].sum() == 1


FORGED = {
    "unknown op": TallyChange(0, "red", "explode"),
    "op not text": TallyChange(0, "red", None),
    "negative tube": TallyChange(-1, "red", "add"),
    "tube 10,000": TallyChange(10_000, "red", "add"),
    "huge tube": TallyChange(10**30, "red", "add"),
    "tube True": TallyChange(True, "red", "add"),
    "tube as text": TallyChange("3", "red", "add"),
    "tube 2.5": TallyChange(2.5, "red", "add"),
    "set 5000": TallyChange(0, "red", "set", 5000),
    "set -1": TallyChange(0, "red", "set", -1),
    "set as text": TallyChange(0, "red", "set", "5"),
    "set True": TallyChange(0, "red", "set", True),
    "category 10 KB": TallyChange(0, "x" * 10_240, "add"),
    "empty category": TallyChange(0, "", "add"),
    "category not text": TallyChange(0, None, "add"),
    "not a change": {"sample": 0, "category": "red", "op": "add"},
}


@pytest.mark.parametrize("forged", FORGED.values(), ids=FORGED.keys())
def test_a_forged_change_is_refused_and_nothing_else_is_lost(smarties_class, forged):
    store, _, reds, _ = smarties_class
    good = store.record(reds.id, TallyChange(0, "red", "add"))
    with pytest.raises(RefusedInput) as caught:
        store.record(reds.id, forged)
    assert_kind(caught.value)
    after = store.record(reds.id, TallyChange(0, "red", "add"))
    assert [i for i, _ in store.changes(reds.id)] == [good, after]
    assert store.tally_book(reds.id, SMARTIES).count("red", 0) == 2


def test_a_category_this_class_does_not_count_is_refused(smarties_class):
    store, _, reds, _ = smarties_class
    with pytest.raises(RefusedInput) as caught:
        store.record(reds.id, TallyChange(0, "turquoise", "add"))
    assert "turquoise" in str(caught.value)
    assert store.changes(reds.id) == []


def test_a_batch_with_one_forged_change_saves_none_of_it(smarties_class):
    store, _, reds, _ = smarties_class
    with pytest.raises(RefusedInput):
        store.record_many(reds.id, [TallyChange(0, "red", "add"), TallyChange(0, "red", "set", 5000)])
    assert store.changes(reds.id) == []
    ids = store.record_many(reds.id, [TallyChange(0, "red", "add"), TallyChange(0, "red", "add")])
    assert [i for i, _ in store.changes(reds.id)] == ids


@pytest.mark.parametrize("group_id", [999_999, -1, "1", None, True])
def test_a_change_for_a_group_that_does_not_exist_is_refused(store, group_id):
    store.start_session("smarties")
    with pytest.raises(GroupNotFound) as caught:
        store.record(group_id, TallyChange(0, "red", "add"))
    assert_kind(caught.value)


def test_two_devices_of_one_group_adding_at_once_lose_nothing(store, store_url):
    code = store.start_session("smarties", categories=SMARTIES).code
    group = store.join(code, "Orange Team")
    devices = [ClassStore(store_url), ClassStore(store_url)]  # two kernels, each with its own connections
    start, problems = threading.Barrier(2), []

    def tally(device):
        start.wait(30)
        for _ in range(150):
            try:
                device.record(group.id, TallyChange(0, "orange", "add"))
                device.record(group.id, TallyChange(1, "blue", "add"))
            except Exception as e:  # noqa: BLE001
                problems.append(e)

    threads = [threading.Thread(target=tally, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for d in devices:
        d.dispose()
    assert problems == []
    book = store.tally_book(group.id, SMARTIES)
    assert (book.count("orange", 0), book.count("blue", 1)) == (300, 300)


def test_a_device_catches_up_with_the_other_device_s_changes(smarties_class):
    store, _, reds, _ = smarties_class
    mine = store.tally_book(reds.id, SMARTIES)
    seen = 0
    store.record(reds.id, TallyChange(0, "red", "add"))      # the other device
    store.record(reds.id, TallyChange(2, "pink", "set", 6))  # ... which started tube 3
    news = store.changes(reds.id, after=seen)
    store.replay_into(mine, news)
    assert np.array_equal(mine.matrix(), store.tally_book(reds.id, SMARTIES).matrix())


def test_replaying_keeps_the_tube_the_pupils_are_looking_at(smarties_class):
    store, _, reds, _ = smarties_class
    book = smarties_book()
    book.new_sample()
    book.current = 1
    store.replay_into(book, [TallyChange(5, "red", "add"), TallyChange(6, "", "new_sample")])
    assert book.current == 1 and book.n_samples == 7


def test_replaying_does_not_save_the_changes_again(smarties_class):
    store, _, reds, _ = smarties_class
    book = smarties_book()
    told = []
    book.on_change(told.append)
    store.replay_into(book, [TallyChange(0, "red", "add"), TallyChange(3, "", "new_sample"), TallyChange(0, "", "clear")])
    assert told == []


def test_replaying_skips_what_no_longer_fits(smarties_class):
    store, _, reds, _ = smarties_class
    book = smarties_book(limit=2)
    store.replay_into(book, [TallyChange(0, "red", "add")] * 3 + [TallyChange(0, "orange", "take"),
                             TallyChange(0, "turquoise", "add"), TallyChange(0, "red", "set", 7)])
    assert book.counts(0)["red"] == 2 and book.total(0) == 2


# --- the class board's view -------------------------------------------------------------------------------
def _random_changes(rng: random.Random, n: int) -> list[TallyChange]:
    made = []
    for _ in range(n):
        roll = rng.random()
        sample, colour = rng.randrange(6), rng.choice(SMARTIES.names)
        if roll < 0.55:
            made.append(TallyChange(sample, colour, "add"))
        elif roll < 0.8:
            made.append(TallyChange(sample, colour, "take"))
        elif roll < 0.93:
            made.append(TallyChange(sample, colour, "set", rng.randrange(0, 50)))
        elif roll < 0.99:
            made.append(TallyChange(sample, "", "new_sample"))
        else:
            made.append(TallyChange(0, "", "clear"))
    return made


def test_class_counts_agree_with_every_group_s_book(smarties_class):
    store, session, reds, blues = smarties_class
    greens = store.join(session.code, "Greens")  # joined, counted nothing: one empty tube
    rng = random.Random(2004)
    for group in (reds, blues):
        store.record_many(group.id, _random_changes(rng, 400))
    frame = store.class_counts(session.code)
    for group in (reds, blues, greens):
        book = store.tally_book(group.id, SMARTIES)
        expected = book.to_frame()
        ours = frame[frame["group"] == group.name].reset_index(drop=True)
        assert ours["sample"].tolist() == expected["sample"].tolist()
        assert ours["category"].tolist() == expected["category"].tolist()
        assert ours["count"].tolist() == expected["count"].tolist()
        pd.testing.assert_frame_equal(store.group_counts(group.id), ours)


def test_class_counts_have_the_board_s_columns(smarties_class):
    store, session, reds, _ = smarties_class
    store.record(reds.id, TallyChange(0, "red", "add"))
    frame = store.class_counts(session.code)
    assert list(frame.columns) == ["group", "sample", "category", "count", "practice"]
    assert frame["practice"].dtype == bool and not frame["practice"].any()
    assert frame["sample"].dtype == np.int64 and frame["count"].dtype == np.int64
    assert frame["sample"].min() == 1  # numbered from 1, as pupils number tubes


def test_class_counts_keep_tubes_with_nothing_counted(smarties_class):
    store, session, reds, _ = smarties_class
    store.record(reds.id, TallyChange(3, "red", "add"))
    reds_rows = store.class_counts(session.code).query("group == 'Reds'")
    assert sorted(reds_rows["sample"].unique()) == [1, 2, 3, 4]
    assert len(reds_rows) == 4 * len(SMARTIES)
    assert reds_rows.query("sample < 4")["count"].sum() == 0


def test_class_counts_without_categories_use_the_order_first_counted(store):
    code = store.start_session("smarties").code  # the teacher didn't say what is counted
    group = store.join(code, "Reds")
    for colour in ("orange", "red", "orange", "blue"):
        store.record(group.id, TallyChange(0, colour, "add"))
    frame = store.class_counts(code)
    assert frame["category"].tolist() == ["orange", "red", "blue"]
    assert frame["count"].tolist() == [2, 1, 1]
    assert store.class_counts(code, categories=SMARTIES.names)["category"].tolist() == SMARTIES.names


def test_class_counts_read_every_group_in_one_query(store):
    """The board's cost must not grow by a query per group (no N+1)."""
    code = store.start_session("smarties", categories=SMARTIES).code
    statements = []
    sa.event.listen(store._engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    counted = {}
    for n in (2, 20):
        while len(store.groups(code)) < n:
            group = store.join(code, f"Group {len(store.groups(code)) + 1}")
            store.record(group.id, TallyChange(0, "red", "add"))
        statements.clear()
        assert store.class_counts(code)["group"].nunique() == n
        counted[n] = len(statements)
    assert counted[2] == counted[20] <= 4


def test_last_change_id_is_the_newest_change_in_the_class(smarties_class):
    store, session, reds, blues = smarties_class
    assert store.last_change_id(session.code) == 0
    store.record(reds.id, TallyChange(0, "red", "add"))
    newest = store.record(blues.id, TallyChange(0, "red", "add"))
    other = store.start_session("smarties", categories=SMARTIES)
    store.record(store.join(other.code, "Elsewhere").id, TallyChange(0, "red", "add"))
    assert store.last_change_id(session.code.lower()) == newest


def test_activity_changes_with_every_kind_of_work(smarties_class):
    store, session, reds, blues = smarties_class
    finding = store.post_finding(reds.id, "Q1", "red is common")
    steps = [
        lambda: store.record(reds.id, TallyChange(0, "red", "add")),
        lambda: store.join(session.code, "Greens"),
        lambda: store.save_state(blues.id, "prediction", {"samples": 5}),
        lambda: store.save_state(blues.id, "prediction", {"samples": 6}),
        lambda: store.post_finding(blues.id, "Q2", "orange is rare"),
        lambda: store.update_finding_text(finding.id, reds.id, "red is the commonest"),
        lambda: store.sort_finding(finding.id, "agreed", "the pooled chart"),
        lambda: store.set_practice(blues.id, True),
        lambda: store.set_practice(reds.id, True),
        lambda: store.set_practice(blues.id, False),
        lambda: store.set_count_practice(session.code, True),
        lambda: store.end_session(session.code),
    ]
    marks = [store.activity(session.code)]
    for step in steps:
        step()
        marks.append(store.activity(session.code))
    assert len(set(marks)) == len(marks)
    assert store.activity(session.code) == marks[-1]  # and nothing new means the same mark


def test_savers_on_two_devices_keep_order_and_add_up(store):
    """A click is shown at once and saved just after by the page's saver thread: on both stores a school may run."""
    from classlab.sync import GroupLink

    code = store.start_session("smarties").code
    books = [smarties_book(), smarties_book()]
    links = [GroupLink.join(store, code, "Reds", b) for b in books]
    order = {id(b): [] for b in books}
    for book, link in zip(books, links):
        book.on_change(order[id(book)].append)
        link.save_in_background(retry=0.05)
    for i in range(12):
        books[0].add("red")
        books[1].add("blue")
        if i == 5:
            books[0].set("orange", "3")
            books[1].new_sample()
    assert all(link.flush() for link in links)
    assert all(link.status == "saved" and link.waiting == 0 for link in links)
    saved = [c for _, c in store.changes(links[0].group.id)]
    assert len(saved) == 26
    # each device's changes reach the store in the order it made them
    assert [c for c in saved if c.category in ("red", "orange")] == order[id(books[0])]
    assert [c for c in saved if c.category == "blue" or c.op == "new_sample"] == order[id(books[1])]
    for link in links:
        link.pull()
    whole = store.tally_book(links[0].group.id, SMARTIES)
    assert (books[0].matrix() == whole.matrix()).all() and (books[1].matrix() == whole.matrix()).all()
    assert whole.counts(0)["red"] == 12 and whole.counts(0)["orange"] == 3
    assert whole.counts(0)["blue"] + whole.counts(1)["blue"] == 12


def test_a_class_ended_before_the_saver_runs_keeps_the_count_on_the_page(store):
    from classlab.sync import GroupLink

    code = store.start_session("smarties").code
    book = smarties_book()
    link = GroupLink.join(store, code, "Reds", book)
    link.save_in_background(retry=0.05)
    store.end_session(code)
    book.add("green")
    assert link.flush() and link.ended and link.unsaved == 1 and book.count("green") == 1
    assert store.tally_book(link.group.id, SMARTIES).total() == 0


def test_every_group_s_saved_work_comes_in_one_read_for_the_class(smarties_class):
    store, session, reds, blues = smarties_class
    store.save_state(reds.id, "prediction", {"category": "red", "goal": "most"})
    store.save_state(reds.id, "chart", {"kind": "pie"})
    other = store.start_session("smarties")
    store.save_state(store.join(other.code, "Greens").id, "chart", {"kind": "bar"})
    states = store.states(session.code)
    assert states == {"Reds": {"chart": {"kind": "pie"}, "prediction": {"category": "red", "goal": "most"}},
                      "Blues": {}}
    assert states["Reds"] == store.state(reds.id)  # the same as asking group by group


def test_a_board_read_asks_for_saved_work_once_not_per_group(smarties_class):
    from classlab.board import ClassReader

    store, session, reds, blues = smarties_class
    store.save_state(blues.id, "prediction", {"category": "blue", "goal": "fair_share", "amount": 10, "samples": 2})
    asked = []
    one_group = store.state
    store.state = lambda group_id: asked.append(group_id) or one_group(group_id)  # noted, still the real read
    snapshot = ClassReader(store, SMARTIES).read(session.code)
    assert asked == [] and snapshot.groups == ["Reds", "Blues"]
    assert [p.group for p in snapshot.predictions] == ["Blues"]  # Blues' saved prediction, read with the class
