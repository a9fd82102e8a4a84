"""Export (CSV and an Excel workbook a teacher opens safely) and backups of a live store."""
import csv
import sqlite3
import threading
import time

import pytest
from openpyxl import load_workbook

from classlab import SMARTIES, TallyChange
from classlab.store import BackupNotPossible, ClassStore


def _read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def finished_class(smarties_class):
    """A class with counts, three findings (one agreed) and hostile text."""
    store, session, reds, blues = smarties_class
    store.record_many(reds.id, [TallyChange(0, "red", "set", 7), TallyChange(1, "orange", "add")])
    store.record(blues.id, TallyChange(0, "blue", "set", 4))
    agreed = store.post_finding(reds.id, "Q1", "Tubes are not all the same")
    store.sort_finding(agreed.id, "agreed", "The pooled chart: tube 2 has 1 orange")
    store.post_finding(blues.id, "Q1", "=HYPERLINK(\"http://example.com\",\"click me\")")
    store.post_finding(blues.id, "Q2", "<script>alert(1)</script> 🍫 البرتقالي\nsecond line")
    return store, session, reds, blues


def test_csv_export_writes_counts_findings_and_groups(finished_class, tmp_path):
    store, session, _, _ = finished_class
    paths = store.export_csv(session.code, tmp_path / "export")
    assert [p.name for p in paths] == ["counts.csv", "findings.csv", "groups.csv", "questions.csv", "self_checks.csv",
                                       "feedback.csv", "reflections.csv"]
    counts = _read_csv(paths[0])
    assert list(counts[0]) == ["group", "sample", "category", "count", "practice"]
    assert len(counts) == len(store.class_counts(session.code))
    assert {"group": "Reds", "sample": "1", "category": "red", "count": "7", "practice": ""} in counts
    groups = _read_csv(paths[2])
    assert [(g["group"], g["samples"], g["changes"], g["findings"]) for g in groups] == [
        ("Reds", "2", "2", "1"), ("Blues", "1", "1", "2")]


def test_csv_export_flags_the_agreed_findings(finished_class, tmp_path):
    store, session, _, _ = finished_class
    findings = _read_csv(store.export_csv(session.code, tmp_path)[1])
    assert [f["agreed"] for f in findings] == ["yes", "", ""]
    assert findings[0]["evidence"] == "The pooled chart: tube 2 has 1 orange"


def test_exports_say_how_the_class_sorted_a_finding_in_the_words_it_saw(finished_class, tmp_path):
    store, session, _, _ = finished_class
    findings = _read_csv(store.export_csv(session.code, tmp_path)[1])
    assert findings[0]["status"] == "We agree, and here is the evidence"
    assert {f["status"] for f in findings[1:]} <= {"Not sorted yet", "We need to check", "True, but not about our question"}
    sheet = load_workbook(store.export_excel(session.code, tmp_path / "class.xlsx"))["Findings"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("status") + 1).value == "We agree, and here is the evidence"


def test_csv_export_keeps_pupils_text_and_never_makes_it_a_formula(finished_class, tmp_path):
    store, session, _, _ = finished_class
    findings = _read_csv(store.export_csv(session.code, tmp_path)[1])
    assert findings[1]["finding"] == "'=HYPERLINK(\"http://example.com\",\"click me\")"
    assert findings[2]["finding"] == "<script>alert(1)</script> 🍫 البرتقالي\nsecond line"


def test_excel_export_has_counts_findings_agreed_and_groups(finished_class, tmp_path):
    store, session, _, _ = finished_class
    path = store.export_excel(session.code, tmp_path / "class.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Counts", "Findings", "Agreed", "Groups", "Questions", "Self checks", "Feedback", "Reflections"]
    counts = list(book["Counts"].values)
    assert counts[0] == ("group", "sample", "category", "count", "practice") and len(counts) - 1 == len(store.class_counts(session.code))
    agreed = list(book["Agreed"].values)
    assert len(agreed) == 2 and agreed[1][3] == "Tubes are not all the same"
    assert [row[0] for row in list(book["Groups"].values)[1:]] == ["Reds", "Blues"]


def test_excel_export_keeps_pupils_text_as_text(finished_class, tmp_path):
    store, session, reds, _ = finished_class
    store.post_finding(reds.id, "Q1", "a bell \x07 and a tab\tinside")
    sheet = load_workbook(store.export_excel(session.code, tmp_path / "class.xlsx"))["Findings"]
    cells = {row[3].value: row[3] for row in sheet.iter_rows(min_row=2)}
    formula = cells['=HYPERLINK("http://example.com","click me")']
    assert formula.data_type == "s"  # shown as the words the pupils typed, never run
    assert "<script>alert(1)</script> 🍫 البرتقالي\nsecond line" in cells
    assert "a bell  and a tab\tinside" in cells  # a character Excel can't hold is left out, not a crash


def test_excel_export_into_a_folder_names_the_file_after_the_class(finished_class, tmp_path):
    store, session, _, _ = finished_class
    assert store.export_excel(session.code, tmp_path) == tmp_path / f"classlab-{session.code}.xlsx"


# --- backup ----------------------------------------------------------------------------------------
def test_a_backup_of_a_live_store_opens_and_has_the_data(sqlite_store, sqlite_url, tmp_path):
    code = sqlite_store.start_session("smarties", categories=SMARTIES).code
    group = sqlite_store.join(code, "Reds")
    writer = ClassStore(sqlite_url)  # another kernel, saving all the while
    before = [writer.record(group.id, TallyChange(0, "red", "add")) for _ in range(50)]
    stop, problems, written = threading.Event(), [], []

    def keep_saving():
        while not stop.is_set():
            try:
                written.append(writer.record(group.id, TallyChange(1, "blue", "add")))
            except Exception as e:  # noqa: BLE001
                problems.append(e)

    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 20 and thread.is_alive() and time.monotonic() < deadline:
            threading.Event().wait(0.01)
        path = sqlite_store.backup(tmp_path / "backups" / "class-backup.sqlite")
        saved_during = len(written)
    finally:
        stop.set()
        thread.join(30)
        writer.dispose()
    assert problems == [] and saved_during >= 20
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with ClassStore(f"sqlite:///{path}") as copy:
        ids = [i for i, _ in copy.changes(group.id)]
        assert set(before) <= set(ids)
        assert copy.tally_book(group.id, SMARTIES).count("red", 0) == 50
        assert len(ids) >= 50 + 20
    assert not list((tmp_path / "backups").glob("*.part"))


def test_a_backup_into_a_folder_gets_a_dated_name(sqlite_store, tmp_path):
    sqlite_store.start_session("smarties")
    path = sqlite_store.backup(tmp_path)
    assert path.parent == tmp_path and path.name.startswith("classlab-backup-") and path.suffix == ".sqlite"


def test_a_backup_never_overwrites_the_store_itself(sqlite_store, sqlite_url):
    code = sqlite_store.start_session("smarties").code
    with pytest.raises(BackupNotPossible):
        sqlite_store.backup(sqlite_url.removeprefix("sqlite:///"))
    assert sqlite_store.session(code).code == code


def test_a_postgresql_store_is_backed_up_with_pg_dump(store, tmp_path):
    if store._sqlite:
        pytest.skip("SQLite backs up through its backup API")
    with pytest.raises(BackupNotPossible, match="pg_dump"):
        store.backup(tmp_path / "never-written.sqlite")
