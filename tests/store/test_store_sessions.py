"""Class sessions: where the store lives, short class codes, ending a class and deleting it for good."""
import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from classlab import SMARTIES, TallyChange
from classlab.store import ClassEnded, ClassNotFound, ClassStore, StoreError, default_url
from classlab.store.api import CODE_ALPHABET
from store_helpers import assert_kind


# --- where the store lives ----------------------------------------------------------------------
def test_default_url_is_the_database_url_when_one_is_given(monkeypatch):
    monkeypatch.setenv("CLASSLAB_DATABASE_URL", "postgresql+psycopg://classlab@db.school.example/classlab")
    assert default_url() == "postgresql+psycopg://classlab@db.school.example/classlab"


def test_default_url_is_a_file_in_a_private_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("CLASSLAB_DATABASE_URL", raising=False)
    monkeypatch.setenv("CLASSLAB_DATA", str(tmp_path / "deep" / "classlab-data"))
    url = default_url()
    folder = tmp_path / "deep" / "classlab-data"
    assert url == f"sqlite:///{folder / 'classlab.sqlite'}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_default_url_falls_back_to_local_share(monkeypatch, tmp_path):
    monkeypatch.delenv("CLASSLAB_DATABASE_URL", raising=False)
    monkeypatch.delenv("CLASSLAB_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / '.local/share/classlab/classlab.sqlite'}"
    assert stat.S_IMODE((tmp_path / ".local/share/classlab").stat().st_mode) == 0o700


def test_a_store_with_no_address_opens_at_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("CLASSLAB_DATABASE_URL", raising=False)
    monkeypatch.setenv("CLASSLAB_DATA", str(tmp_path / "data"))
    with ClassStore() as store:
        store.start_session("smarties")
        assert store.url == f"sqlite:///{tmp_path / 'data' / 'classlab.sqlite'}"
    assert (tmp_path / "data" / "classlab.sqlite").stat().st_size > 0


def test_a_store_url_never_shows_a_password(store_url):
    if not store_url.startswith("postgresql"):
        pytest.skip("only a server address has a password")
    with_password = store_url.replace("postgres@", "postgres:s3cret-pw@")  # trust login: ignored
    store = ClassStore(with_password)
    try:
        assert "s3cret-pw" not in store.url
    finally:
        store.dispose()


def test_sqlite_is_set_up_for_a_classroom(sqlite_store):
    with sqlite_store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


# --- class codes -------------------------------------------------------------------------------
def test_class_codes_are_six_characters_nobody_mixes_up(store):
    codes = [store.start_session("smarties").code for _ in range(60)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL") & set(CODE_ALPHABET)


def test_a_class_is_found_from_its_code_in_any_case_with_spaces(store):
    code = store.start_session("smarties", "Year 4").code
    typed = f"  {code[:3].lower()} {code[3:].lower()} "
    assert store.session(typed).code == code
    assert store.session(f"{code[:3]}-{code[3:]}").title == "Year 4"


@pytest.mark.parametrize("typed", ["ZZZZZZ", "abc", "<script>alert(1)</script>", "", None, "9" * 5000])
def test_an_unknown_code_gets_a_kind_message(store, typed):
    with pytest.raises(ClassNotFound) as caught:
        store.session(typed)
    assert str(caught.value).startswith("We can't find a class with the code")
    assert_kind(caught.value)


def test_a_session_keeps_its_lab_title_and_categories(store):
    started = store.start_session("smarties", "  Year 4 Smarties  ", categories=SMARTIES)
    again = store.session(started.code)
    assert (again.lab, again.title, again.categories) == ("smarties", "Year 4 Smarties", tuple(SMARTIES.names))
    assert again.started_at.tzinfo is not None and again.ended_at is None


def test_sessions_lists_every_class_newest_first(store):
    first = store.start_session("smarties", "first")
    second = store.start_session("dice", "second")
    assert [s.code for s in store.sessions()] == [second.code, first.code]


def test_a_class_needs_a_lab(store):
    with pytest.raises(StoreError) as caught:
        store.start_session("  ")
    assert_kind(caught.value)


# --- ending and deleting -------------------------------------------------------------------------
def test_an_ended_class_takes_no_more_joining(store):
    code = store.start_session("smarties").code
    ended = store.end_session(code)
    assert ended.ended_at is not None
    with pytest.raises(ClassEnded, match="This class session has ended."):
        store.join(code, "Late Group")


def test_an_ended_class_takes_no_more_changes_but_keeps_its_work(smarties_class):
    store, session, reds, _ = smarties_class
    store.record(reds.id, TallyChange(0, "red", "add"))
    finding = store.post_finding(reds.id, "Q1", "red is common")
    store.end_session(session.code)
    refused = [
        lambda: store.record(reds.id, TallyChange(0, "red", "add")),
        lambda: store.save_state(reds.id, "chart", {"kind": "pie"}),
        lambda: store.post_finding(reds.id, "Q1", "one more"),
        lambda: store.update_finding_text(finding.id, reds.id, "changed"),
    ]
    for attempt in refused:
        with pytest.raises(ClassEnded):
            attempt()
    assert store.tally_book(reds.id, SMARTIES).count("red", 0) == 1
    assert [f.text for f in store.findings(session.code)] == ["red is common"]
    # The class can still sort its findings in the next lesson.
    assert store.sort_finding(finding.id, "agreed", "our pooled chart").status == "agreed"


def test_ending_a_class_twice_keeps_the_first_end(store):
    code = store.start_session("smarties").code
    first = store.end_session(code).ended_at
    assert store.end_session(code).ended_at == first


def _rows_for(store, code) -> dict[str, int]:
    engine = sa.create_engine(store._engine.url)
    try:
        with engine.connect() as conn:
            q = lambda sql: conn.execute(sa.text(sql), {"c": code}).scalar()  # noqa: E731
            return {
                "session": q("SELECT count(*) FROM class_sessions WHERE code = :c"),
                "groups": q("SELECT count(*) FROM groups WHERE session_code = :c"),
                "changes": q("SELECT count(*) FROM changes WHERE session_code = :c"),
                "state": q("SELECT count(*) FROM group_state WHERE group_id IN "
                           "(SELECT id FROM groups WHERE session_code = :c)"),
                "findings": q("SELECT count(*) FROM findings WHERE session_code = :c"),
            }
    finally:
        engine.dispose()


def _fill(store, code):
    group = store.join(code, "Reds")
    store.record(group.id, TallyChange(0, "red", "add"))
    store.save_state(group.id, "prediction", {"samples": 7})
    first = store.post_finding(group.id, "Q1", "red is common")
    store.post_finding(group.id, "Q1", "and orange is rare", continued_from=first.id)
    return group


def test_deleting_a_class_removes_all_its_work_and_nothing_else(store):
    gone, kept = store.start_session("smarties").code, store.start_session("smarties").code
    _fill(store, gone)
    _fill(store, kept)
    store.delete_session(gone)
    assert _rows_for(store, gone) == {"session": 0, "groups": 0, "changes": 0, "state": 0, "findings": 0}
    assert _rows_for(store, kept) == {"session": 1, "groups": 1, "changes": 1, "state": 1, "findings": 2}
    with pytest.raises(ClassNotFound):
        store.session(gone)


def test_a_deleted_class_leaves_no_trace_in_the_sqlite_file(sqlite_store, sqlite_url):
    code = sqlite_store.start_session("smarties").code
    group = sqlite_store.join(code, "Zebra-Quokka-Group")
    sqlite_store.post_finding(group.id, "Q1", "Xylophone-Marmalade says orange is rarest")
    sqlite_store.delete_session(code)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    for file in (path, Path(f"{path}-wal")):
        if file.exists():
            data = file.read_bytes()
            assert b"Zebra-Quokka" not in data and b"Xylophone-Marmalade" not in data, file.name


def test_deleting_an_unknown_class_says_so(store):
    with pytest.raises(ClassNotFound):
        store.delete_session("ZZZZZZ")


def test_the_store_is_engine_code_that_never_imports_widgets():
    """A teacher's script or a test can use the store without a browser, a kernel or a widget library."""
    import subprocess
    import sys

    code = ("import sys, classlab.store; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'bqplot', 'anywidget', 'widgets')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_store_that_cannot_be_reached_says_so_kindly(tmp_path):
    from classlab.store import StoreUnavailable

    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    for url in ("postgresql+psycopg://postgres@127.0.0.1:1/classlab", f"sqlite:///{in_the_way / 'class.sqlite'}"):
        with pytest.raises(StoreUnavailable) as caught:
            ClassStore(url)
        assert str(caught.value).startswith("We can't")


def test_a_busy_store_says_so_after_its_busy_timeout(sqlite_url):
    import sqlite3

    from classlab.store import StoreBusy

    store = ClassStore(sqlite_url, busy_timeout=0.1)
    group = store.join(store.start_session("smarties").code, "Reds")
    blocker = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreBusy) as caught:
            store.record(group.id, TallyChange(0, "red", "add"))
        assert_kind(caught.value)
    finally:
        blocker.rollback()
        blocker.close()
    assert store.record(group.id, TallyChange(0, "red", "add")) == 1
    store.dispose()
