"""A lab's own words in another language (issue 12): `classlab translate NAME LANGUAGE` makes the lab's
catalogue from its description, keeps what a translator wrote when the description changes, and a page
says the words from it."""
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from classlab import language
from classlab.lab_format import read
from classlab.lab_format.translating import catalogue_path, texts, translate

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p.name[: -len(".lab.yaml")] for p in (REPO / "labs").glob("*.lab.yaml"))
REVIEW = "Needs checking by a fluent Welsh speaker before classroom use."


def _catalogue(path: Path, code: str):
    with path.open("rb") as po:
        return read_po(po, locale=code)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_lab_has_whole_and_current_welsh_marked_for_review(name):
    lab = read(REPO / "labs" / f"{name}.lab.yaml")
    catalogue = _catalogue(catalogue_path(lab, "cy"), "cy")
    kept = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    wanted = [t.words for t in texts(lab)]
    # A description changed without `classlab translate NAME cy` shows here: run it and fill in the new words.
    assert sorted(set(wanted)) == sorted(kept)
    for words, message in kept.items():
        said = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(said), f"{name}: no Welsh for {words!r}"
        assert REVIEW in message.user_comments, words
        assert not message.fuzzy


def test_the_catalogue_holds_each_text_of_the_description(school):
    lab = read(school / "labs" / "smarties.lab.yaml")
    words = [t.words for t in texts(lab)]
    assert words[:3] == ["The Smarties investigation",
                         "Some people say a tube of Smarties never has a fair share of each colour. Let's find out!",
                         "Does every tube contain the same number of each colour?"]
    assert {"tube", "tubes", "sweet", "sweets", "red", "brown", "Load practice data: 29 made-up tubes"} <= set(words)
    counted = next(t for t in texts(lab) if t.words == "tube")
    assert counted.many == "tubes"  # said with a number: the catalogue has a form for each number


def test_translating_again_keeps_the_words_and_follows_the_description(school):
    path = school / "labs" / "smarties.lab.yaml"
    made = translate(read(path), "cy")
    assert made.path == school / "labs" / "locale" / "cy" / "LC_MESSAGES" / "smarties.po"
    assert (made.texts, made.to_do, made.added, made.dropped) == (24, 24, 24, 0)
    catalogue = _catalogue(made.path, "cy")
    catalogue["red"].string = "rhuddgoch"
    with made.path.open("wb") as po:
        write_po(po, catalogue)
    text = path.read_text(encoding="utf-8")
    text = text.replace("How many tubes would I have to buy", "How many tubes must I buy")
    text = text.replace('    - name: brown\n      colour: "#7b4a2a"', '    - name: brown\n      colour: "#7b4a2a"\n'
                        '    - name: white\n      colour: "#eeeeee"')
    path.write_text(text, encoding="utf-8")
    again = translate(read(path), "cy")
    assert (again.texts, again.to_do, again.added, again.dropped) == (25, 24, 2, 1)
    kept = _catalogue(again.path, "cy")
    assert kept["red"].string == "rhuddgoch"  # a translator's work is never lost
    assert "white" in kept and "How many tubes would I have to buy to get a fair share of my favourite colour?" not in kept
    assert "#~" not in again.path.read_text(encoding="utf-8")  # gone words are dropped, not kept commented out


def test_a_schools_own_catalogue_wins_and_the_shipped_words_fill_in(school):
    from widgets import LabPage

    lab = read(school / "labs" / "smarties.lab.yaml")
    made = translate(lab, "cy")
    catalogue = _catalogue(made.path, "cy")
    catalogue["red"].string = "rhuddgoch"
    with made.path.open("wb") as po:
        write_po(po, catalogue)
    language.lab_catalogue.cache_clear()
    with language.speaking("en_GB"):
        page = LabPage.from_file(school / "labs" / "smarties.lab.yaml", query_string="lang=cy")
        try:
            rows = page.parts["tally"].rows
            assert (rows["red"].label, rows["orange"].label) == ("rhuddgoch", "oren")  # the school's, then the shipped
        finally:
            page.close()
            language.use_labs(language.DEFAULT_LABS)
            language.lab_catalogue.cache_clear()


def test_a_language_code_that_is_not_one_is_refused_kindly(school):
    with pytest.raises(ValueError, match="not a language code"):
        translate(read(school / "labs" / "smarties.lab.yaml"), "klingon!")


def test_the_classlab_translate_command_makes_a_labs_catalogue_and_says_what_is_left(school, capsys):
    from classlab import cli

    with language.speaking("en_GB"):
        assert cli.main(["translate", "smarties", "cy", "--labs", str(school / "labs")]) == 0
        said = capsys.readouterr().out
        assert f"{school / 'labs' / 'locale' / 'cy' / 'LC_MESSAGES' / 'smarties.po'}: 24 texts, 24 still to translate." in said
        assert cli.main(["translate", "smarties", "fr", "--labs", str(school / "labs")]) == 0
        assert "ClassLab's own words have no catalogue for fr yet" in capsys.readouterr().out
        assert cli.main(["translate", "nosuch", "cy", "--labs", str(school / "labs")]) == 1
        assert "There is no such file. Make it with: classlab new nosuch" in capsys.readouterr().err
        assert cli.main(["translate", "smarties", "not a language"]) == 2
        assert "is not a language code ClassLab knows" in capsys.readouterr().err
    with language.speaking("cy"):
        assert cli.main(["translate", "smarties", "cy", "--labs", str(school / "labs")]) == 0
        assert "24 testun, 24 i'w cyfieithu o hyd." in capsys.readouterr().out


def test_a_labs_own_words_without_welsh_are_read_in_an_english_voice_on_a_welsh_page(dice_folder):
    """Nothing in the dice lab's catalogue (it has none): its own chart intro stays English, and "Read this to me"
    reads it in an English voice; the sections in ClassLab's own words are read in Welsh."""
    from widgets import LabPage

    with language.speaking("en_GB"):
        page = LabPage.from_file(dice_folder / "dice.lab.yaml", query_string="lang=cy")
        try:
            sections = {s._dom_classes[-1]: s for s in page.children if s._dom_classes}
            chart_top, chart_reader = sections["classlab-section-chart"].children[:2]
            assert "Is every bar near the" in chart_top.value and chart_reader.lang == "en-GB"
            tally_reader = sections["classlab-section-tally"].children[1]
            assert tally_reader.lang == "cy"  # the tally's default words, ClassLab's own: Welsh
        finally:
            page.close()
            language.use_labs(language.DEFAULT_LABS)
