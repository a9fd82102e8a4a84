"""Practice data and where a group is: made-up data is marked, kept out of the class's data unless the
teacher says, marked in exports; the tube being counted is kept; an ended class refuses both."""
import csv

import pytest

from classlab import SMARTIES, TallyChange
from classlab.board import pool, practice_groups
from classlab.store import ClassEnded, GroupStatus, RefusedInput


@pytest.fixture
def practice_class(store):
    code = store.start_session("smarties").code
    reds, blues = store.join(code, "Reds"), store.join(code, "Blues")
    store.record_many(reds.id, [TallyChange(0, "red", "set", 3)])
    store.set_practice(blues.id, True)
    store.record_many(blues.id, [TallyChange(0, "blue", "set", 40), TallyChange(1, "", "new_sample"),
                                 TallyChange(1, "blue", "set", 30)])
    return store, code, reds, blues


def test_a_groups_practice_mark_is_kept(practice_class):
    store, code, reds, blues = practice_class
    assert store.group(blues.id).practice is True and store.group(reds.id).practice is False
    assert store.find_group(code, "blues").practice is True
    assert store.set_practice(blues.id, False).practice is False


def test_practice_data_stays_out_of_the_class_s_data_until_the_teacher_counts_it(practice_class):
    store, code, reds, blues = practice_class
    frame = store.class_counts(code)
    assert practice_groups(frame) == {"Blues"}
    assert frame.attrs["count_practice"] is False
    data = pool(frame, SMARTIES)
    assert data.book.pooled()["blue"] == 0 and data.book.pooled()["red"] == 3 and data.owners == [("Reds", 1)]
    assert store.set_count_practice(code, True).count_practice is True
    frame = store.class_counts(code)
    assert pool(frame, SMARTIES).book.pooled()["blue"] == 70  # the teacher chose to count it
    assert pool(frame, SMARTIES, practice=False).book.pooled()["blue"] == 0


def test_exports_mark_practice_data(practice_class, tmp_path):
    store, code, reds, blues = practice_class
    counts_csv, _, groups_csv, *_voice = store.export_csv(code, tmp_path)  # then the pupils' voice
    with open(counts_csv, encoding="utf-8-sig") as f:
        counts = list(csv.DictReader(f))
    assert {r["practice"] for r in counts if r["group"] == "Blues"} == {"practice"}
    assert {r["practice"] for r in counts if r["group"] == "Reds"} == {""}
    with open(groups_csv, encoding="utf-8-sig") as f:
        groups = {r["group"]: r["practice"] for r in csv.DictReader(f)}
    assert groups == {"Reds": "", "Blues": "practice"}
    from openpyxl import load_workbook

    sheet = load_workbook(store.export_excel(code, tmp_path / "class.xlsx"))["Counts"]
    rows = list(sheet.values)
    assert rows[0][-1] == "practice" and {r[-1] for r in rows[1:] if r[0] == "Blues"} == {"practice"}


def test_the_tube_being_counted_is_kept(practice_class):
    store, code, reds, blues = practice_class
    store.move_to(blues.id, 1)
    assert store.group_status(blues.id) == GroupStatus(practice=True, sample=1, ended=False)
    assert store.join(code, "Blues").sample == 1
    for bad in (-1, 10_000, "1", 1.5, True, None):
        with pytest.raises(RefusedInput):
            store.move_to(blues.id, bad)
    with pytest.raises(RefusedInput):
        store.set_practice(blues.id, "yes")
    with pytest.raises(RefusedInput):
        store.set_count_practice(code, 1)


def test_an_ended_class_says_so_and_refuses_marks_and_moves(practice_class):
    store, code, reds, blues = practice_class
    store.end_session(code)
    assert store.group_status(reds.id).ended is True
    with pytest.raises(ClassEnded):
        store.set_practice(reds.id, True)
    with pytest.raises(ClassEnded):
        store.move_to(reds.id, 0)
    assert store.set_count_practice(code, True).count_practice is True  # the teacher may still choose
