"""The language a class speaks: kept with the class, chosen by the teacher, refused kindly when unknown."""
import pytest
import sqlalchemy as sa

from classlab import SMARTIES
from classlab.store import ClassStore, RefusedInput, migrate
from classlab.store.engine import SCHEMA_HEAD
from store_helpers import class_saved_by_an_older_store


def test_a_new_class_speaks_the_servers_language_until_the_teacher_chooses(store):
    code = store.start_session("smarties", categories=SMARTIES).code
    assert store.session(code).language is None  # the server's (CLASSLAB_LANGUAGE)
    assert store.set_language(code, "cy").language == "cy"
    assert store.session(code).language == "cy"
    assert [s.language for s in store.sessions() if s.code == code] == ["cy"]


def test_a_language_is_kept_as_its_catalogue_names_it_and_can_go_back_to_the_servers(store):
    code = store.start_session("smarties").code
    assert store.set_language(code, "en-GB").language == "en_GB"
    assert store.set_language(code, "CY").language == "cy"
    assert store.set_language(code, None).language is None


@pytest.mark.parametrize("wrong", ["klingon", "", 7, "<script>alert(1)</script>"])
def test_a_language_with_no_words_is_refused_kindly_and_the_class_keeps_its_own(store, wrong):
    code = store.start_session("smarties").code
    store.set_language(code, "cy")
    with pytest.raises(RefusedInput, match="no words in that language yet: the languages are cy, en_GB"):
        store.set_language(code, wrong)
    assert store.session(code).language == "cy"


def test_an_ended_class_can_still_change_its_language_for_its_book(store):
    code = store.start_session("smarties").code
    store.end_session(code)
    assert store.set_language(code, "cy").language == "cy"


def test_a_store_from_before_class_languages_is_upgraded_with_its_classes_kept_and_can_go_back(store_url):
    from alembic import command

    from classlab.store.engine import _alembic_config

    migrate(store_url, "0005")
    code = "K7PQ2M"
    class_saved_by_an_older_store(store_url, code, ["Reds"], title="Year 4")
    with ClassStore(store_url) as store:  # opening it upgrades it
        assert store.schema_revision() == SCHEMA_HEAD
        assert (store.session(code).title, store.session(code).language) == ("Year 4", None)
        store.set_language(code, "cy")
    engine = sa.create_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0005")
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("class_sessions")}
            assert "language" not in columns and conn.execute(sa.text("select title from class_sessions")).scalar() == "Year 4"
    finally:
        engine.dispose()
