"""Schema versions: an older store is upgraded with its data kept, never reset; a newer one is refused untouched."""
import hashlib
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from classlab import SMARTIES, TallyChange
from classlab.store import ClassStore, GroupStatus, StoreError, StoreTooNew, migrate
from classlab.store.api import MIGRATIONS
from classlab.store.engine import SCHEMA_HEAD, _alembic_config
from classlab.store.models import METADATA

HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()
WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)


def test_there_is_one_line_of_schema_versions_from_0001():
    script = ScriptDirectory(str(MIGRATIONS))
    line = [r.revision for r in script.walk_revisions()][::-1]
    assert line == [f"{n:04d}" for n in range(1, len(line) + 1)] and len(line) >= 4 and HEAD == line[-1]


def test_a_new_store_is_at_the_newest_schema(store):
    assert store.schema_revision() == HEAD


def test_the_store_knows_its_newest_schema_without_alembic():
    assert SCHEMA_HEAD == HEAD  # a new migration moves SCHEMA_HEAD in classlab/store/engine.py too


def test_a_lab_kernel_opens_a_store_at_the_newest_schema_without_loading_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'class.sqlite'}"
    ClassStore(url).dispose()  # made and migrated (Alembic used) in this process
    opened = subprocess.run(
        [sys.executable, "-c", "import sys; from classlab.store import ClassStore; ClassStore(sys.argv[1]).dispose(); "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic'}))", url],
        capture_output=True, text=True, check=True)
    assert opened.stdout.strip() == "[]", opened.stderr


def test_the_migrations_build_exactly_the_tables_the_code_uses(store):
    with store._engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), METADATA)
    assert differences == []


def _old_class(url: str) -> None:
    """A class saved by the first ClassLab store (schema 0001: findings had no evidence or continuations)."""
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    assert "evidence" not in t["findings"].c and "continued_from" not in t["findings"].c
    with engine.begin() as conn:
        conn.execute(t["class_sessions"].insert().values(code="K7PQ2M", lab="smarties", title="Old class",
                                                         categories=None, started_at=WHEN, ended_at=None))
        group_id = conn.execute(t["groups"].insert().returning(t["groups"].c.id).values(
            session_code="K7PQ2M", name="Reds 🍫", name_key="reds 🍫", joined_at=WHEN)).scalar_one()
        conn.execute(t["changes"].insert(), [
            {"group_id": group_id, "session_code": "K7PQ2M", "tube": 0, "category": "red", "op": "set", "value": 9,
             "saved_at": WHEN},
            {"group_id": group_id, "session_code": "K7PQ2M", "tube": 1, "category": "orange", "op": "add", "value": 1,
             "saved_at": WHEN},
        ])
        conn.execute(t["group_state"].insert().values(group_id=group_id, key="chart", value={"kind": "pie"},
                                                      revision=1, saved_at=WHEN))
        conn.execute(t["findings"].insert().values(session_code="K7PQ2M", group_id=group_id, question="Q1",
                                                   text="orange is rare", status="agreed", revision=1,
                                                   posted_at=WHEN, updated_at=WHEN))
    engine.dispose()


def test_an_older_store_is_upgraded_and_keeps_its_data(store_url):
    migrate(store_url, "0001")
    _old_class(store_url)
    with ClassStore(store_url) as store:
        assert store.schema_revision() == HEAD
        session = store.session("K7PQ2M")
        assert (session.title, session.started_at) == ("Old class", WHEN)
        (group,) = store.groups("K7PQ2M")
        assert group.name == "Reds 🍫"
        book = store.tally_book(group.id, SMARTIES)
        assert (book.count("red", 0), book.count("orange", 1)) == (9, 1)
        assert store.state(group.id) == {"chart": {"kind": "pie"}}
        (finding,) = store.findings("K7PQ2M")
        assert (finding.text, finding.status, finding.evidence, finding.continued_from) == ("orange is rare", "agreed", "", None)
        # ... and what schema 0002 added works on the old data.
        follow = store.post_finding(group.id, "Q1", "and brown is common", continued_from=finding.id)
        assert store.continuations(finding.id) == [follow]
        assert store.record(group.id, TallyChange(1, "orange", "add")) > 2
        # ... and schema 0003's: an old group is its own counting, on its first tube; the class counts no practice.
        assert (group.practice, group.sample, session.count_practice) == (False, 0, False)
        assert store.set_practice(group.id, True).practice is True
        store.move_to(group.id, 1)
        assert store.group_status(group.id) == GroupStatus(practice=True, sample=1, ended=False)
        assert store.class_counts("K7PQ2M")["practice"].all()


def test_a_0002_store_is_upgraded_to_0003_and_keeps_its_counts(store_url):
    migrate(store_url, "0002")
    engine = sa.create_engine(store_url)
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    assert "practice" not in t["groups"].c and "count_practice" not in t["class_sessions"].c
    with engine.begin() as conn:
        conn.execute(t["class_sessions"].insert().values(code="K7PQ2M", lab="smarties", title="", categories=None,
                                                         started_at=WHEN, ended_at=None))
        group_id = conn.execute(t["groups"].insert().returning(t["groups"].c.id).values(
            session_code="K7PQ2M", name="Blues", name_key="blues", joined_at=WHEN)).scalar_one()
        conn.execute(t["changes"].insert().values(group_id=group_id, session_code="K7PQ2M", tube=0, category="blue",
                                                  op="set", value=4, saved_at=WHEN))
    engine.dispose()
    with ClassStore(store_url) as store:
        assert store.schema_revision() == HEAD
        group = store.group(group_id)
        assert (group.practice, group.sample) == (False, 0)
        assert store.tally_book(group_id, SMARTIES).count("blue") == 4
        assert store.session("K7PQ2M").count_practice is False


def test_a_0003_store_says_sample_not_tube_and_keeps_what_pupils_saw(store_url):
    """0004: the Smarties word leaves the schema; counts, a new tube and saved choices come through."""
    migrate(store_url, "0003")
    engine = sa.create_engine(store_url)
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    assert "tube" in t["changes"].c and "tube" in t["groups"].c
    with engine.begin() as conn:
        conn.execute(t["class_sessions"].insert().values(code="K7PQ2M", lab="smarties", title="", categories=None,
                                                         started_at=WHEN, ended_at=None))
        group_id = conn.execute(t["groups"].insert().returning(t["groups"].c.id).values(
            session_code="K7PQ2M", name="Greens", name_key="greens", joined_at=WHEN, tube=1)).scalar_one()
        conn.execute(t["changes"].insert(), [
            {"group_id": group_id, "session_code": "K7PQ2M", "tube": 0, "category": "green", "op": "set", "value": 6,
             "saved_at": WHEN},
            {"group_id": group_id, "session_code": "K7PQ2M", "tube": 1, "category": "", "op": "new_tube", "value": 1,
             "saved_at": WHEN},
            {"group_id": group_id, "session_code": "K7PQ2M", "tube": 1, "category": "green", "op": "add", "value": 1,
             "saved_at": WHEN},
        ])
        conn.execute(t["group_state"].insert(), [
            {"group_id": group_id, "key": "chart", "value": {"view": "one", "tube": 1}, "revision": 1, "saved_at": WHEN},
            {"group_id": group_id, "key": "prediction", "value": {"goal": "fair_share", "tubes": 6}, "revision": 1,
             "saved_at": WHEN},
        ])
    engine.dispose()
    with ClassStore(store_url) as store:
        assert store.schema_revision() == HEAD
        group = store.group(group_id)
        assert group.sample == 1
        book = store.tally_book(group_id, SMARTIES)
        assert (book.n_samples, book.count("green", 0), book.count("green", 1)) == (2, 6, 1)
        assert store.state(group_id) == {"chart": {"view": "one", "sample": 1},
                                         "prediction": {"goal": "fair_share", "samples": 6}}
        assert store.record(group_id, TallyChange(2, "", "new_sample")) > 3


def test_going_back_to_0003_gives_back_the_tube_words(store_url):
    """A downgrade (a school rolling back ClassLab) keeps every count and choice under the old names."""
    with ClassStore(store_url) as store:
        code = store.start_session("smarties", categories=SMARTIES).code
        group = store.join(code, "Blues")
        store.record(group.id, TallyChange(1, "", "new_sample"))
        store.save_state(group.id, "chart", {"view": "one", "sample": 1})
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT op, tube FROM changes")).all() == [("new_tube", 1)]
        assert conn.execute(sa.text("SELECT value FROM group_state")).scalar_one() in (
            {"view": "one", "tube": 1}, '{"view": "one", "tube": 1}')
    engine.dispose()


def _snapshot(url: str):
    """Everything in the store, for comparing before and after (SQLite: the file's bytes as well)."""
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        rows = {name: conn.execute(sa.select(table)).all() for name, table in sorted(meta.tables.items())}
    engine.dispose()
    if url.startswith("sqlite:///"):
        rows["file"] = hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()
    return rows


def test_a_store_from_a_newer_classlab_is_refused_and_left_untouched(store_url):
    with ClassStore(store_url) as store:
        code = store.start_session("smarties").code
        store.record(store.join(code, "Reds").id, TallyChange(0, "red", "add"))
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    before = _snapshot(store_url)
    with pytest.raises(StoreTooNew) as caught:
        ClassStore(store_url)
    assert "newer version of ClassLab" in str(caught.value) and "not been changed" in str(caught.value)
    assert _snapshot(store_url) == before
    assert before["alembic_version"] == [("0099_from_the_future",)]


def test_many_kernels_opening_a_brand_new_store_at_once_all_succeed(store_url):
    start, results = threading.Barrier(8), []

    def open_it():
        start.wait(30)
        try:
            with ClassStore(store_url) as store:
                results.append(store.schema_revision())
        except Exception as e:  # noqa: BLE001
            results.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [HEAD] * 8


def test_a_file_that_is_not_a_class_store_is_refused_kindly(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("These are my notes, not a database.\n" * 100)
    with pytest.raises(StoreError, match="We can't open the class store"):
        ClassStore(f"sqlite:///{path}")
    assert path.read_text().startswith("These are my notes")


def test_a_database_address_that_is_not_one_is_refused_kindly():
    with pytest.raises(StoreError, match="doesn't look right"):
        ClassStore("not a url at all")
    with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
        ClassStore("mysql://someone@localhost/classlab")
