"""The language a class speaks: the teacher chooses it on the board; a page that joins follows it,
unless the page's own address chose a language."""
import pytest

from classlab import language
from tests.conftest import pupil_page


def joined(store, code, query=""):
    """The Reds typing the class code into a page opened at `query` (the teacher may have chosen a language)."""
    page = pupil_page(store, query=query).join
    page.code.value, page.name.value = code, "Reds"
    assert page.join(asked=True)
    return page


def test_the_board_offers_each_language_by_its_own_name_and_keeps_the_teachers_choice(board, store):
    code = board.start_class()
    assert dict(board.language.options) == {"Cymraeg": "cy", "English (United Kingdom)": "en_GB"}
    assert board.language.value == "en_GB"  # a new class speaks the server's language
    board.language.value = "cy"
    assert store.session(code).language == "cy"
    assert "open in Cymraeg" in board.message.value
    other = board.start_class()
    assert board.language.value == "en_GB"  # each class shows its own
    board.pick.value = code
    assert board.language.value == "cy"
    assert store.session(other).language is None  # showing a class wrote nothing to it


def test_a_page_joining_a_welsh_class_reopens_in_welsh(board, store):
    code = board.start_class()
    store.set_language(code, "cy")
    page = joined(store, code)
    assert page.address.reopen == "lang=cy&lang_of=class"
    assert page.address.query == f"class={code}&group=Reds"  # and joins from there, as a refresh does
    # This page never joins: a second kernel joined as the group would save its own choices over the new page's.
    assert page.link is None and store.groups(code) == []
    page.close()


@pytest.mark.parametrize("query", ["lang=cy&lang_of=class", "lang=en", "lang=en_GB&class=X"])
def test_a_page_already_in_its_class_language_or_that_chose_its_own_stays(board, store, query, monkeypatch):
    code = board.start_class()
    store.set_language(code, "cy")
    monkeypatch.setattr(language, "current", lambda: language.choose(query))  # the page's kernel's own address
    page = joined(store, code, query)
    assert page.address.reopen == "" and page.link is not None
    page.close()


def test_a_page_that_followed_its_class_follows_it_again_when_the_teacher_changes_it(board, store, monkeypatch):
    code = board.start_class()
    store.set_language(code, "en_GB")
    query = "lang=cy&lang_of=class"
    monkeypatch.setattr(language, "current", lambda: language.choose(query))
    page = joined(store, code, query)
    assert page.address.reopen == "lang=en_GB&lang_of=class" and page.link is None
    page.close()


def test_a_class_in_the_servers_language_leaves_the_page_as_it_is(board, store):
    code = board.start_class()
    page = joined(store, code)
    assert page.address.reopen == ""
    page.close()


def test_the_language_of_a_page_is_asked_in_its_address_unless_it_followed_its_class():
    assert language.asked_in("lang=cy") and language.asked_in("class=K&lang=en")
    assert not language.asked_in("lang=cy&lang_of=class") and not language.asked_in("") and not language.asked_in(None)


@pytest.mark.parametrize("words, capital", [
    ("tube newydd", "Tube newydd"), ("◀ tube o'r blaen", "◀ Tube o'r blaen"), ("Next tube ▶", "Next tube ▶"),
    ("eich tubes", "Eich tubes"), ("▶", "▶"), ("", "")])
def test_words_that_start_with_a_labs_word_start_with_a_capital_and_keep_their_own(words, capital):
    assert language.capitalised(words) == capital
