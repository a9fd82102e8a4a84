"""The lab description format: a good file reads, and every kind of mistake says file:line, what and how to fix it.

Each mistake is made by editing a real description (the Smarties lab's, or `classlab new`'s
template), so the line a message points at is the line a coordinator would have edited.
"""
import json
import re
import shutil
from pathlib import Path

import pytest

from classlab import lab_format
from classlab.lab_format import LabError, dataset_problems, parse, picture_problems, read, template_text

REPO = Path(__file__).resolve().parents[2]
SMARTIES = REPO / "labs" / "smarties.lab.yaml"
DATASETS = REPO / "datasets"
#: file:line: what is wrong. How to fix it.
MESSAGE = re.compile(r"^(?P<path>\S+\.lab\.yaml):(?P<line>\d+): (?P<what>.+?[.?!)]) (?P<fix>[A-Z].+[.?])$")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The line (from 1) where `needle` appears for the nth time: where the coordinator made the mistake."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


def problems(text: str, path="labs/dice.lab.yaml") -> list[str]:
    with pytest.raises(LabError) as caught:
        parse(text, path)
    found = [str(p) for p in caught.value.problems]
    for message in found:
        assert MESSAGE.match(message), f"not 'file:line: what. How to fix.': {message}"
    return found


def one_problem(text: str) -> tuple[int, str]:
    found = problems(text)
    assert len(found) == 1, found
    match = MESSAGE.match(found[0])
    return int(match["line"]), found[0]


@pytest.fixture
def smarties_text() -> str:
    return SMARTIES.read_text(encoding="utf-8")


# --- good files ------------------------------------------------------------------------------------------
def test_a_lab_is_named_after_its_file_and_opens_the_notebook_beside_it():
    lab = read(SMARTIES)
    assert lab.name == "smarties" and lab.notebook == SMARTIES.with_name("smarties.ipynb")


def test_the_smarties_description_gives_what_the_gallery_shows():
    d = read(SMARTIES).description
    assert d.title == "The Smarties investigation" and len(d.questions) == 2
    assert str(d.ages) == "8 to 11" and d.time == "2 lessons"


def test_the_smarties_lab_counts_tubes_of_sweets_by_colour():
    lab = read(SMARTIES)
    c = lab.description.counting
    assert (c.sample, c.category, c.thing, c.limit) == ("tube", "colour", "sweet", 1000)
    assert lab.categories.names == ["red", "orange", "yellow", "green", "blue", "pink", "violet", "brown"]


def test_the_smarties_widgets_come_in_the_order_given_with_their_settings():
    d = read(SMARTIES).description
    assert d.widget_names() == ["join", "our_question", "start", "data", "tally", "chart", "self_check", "percentages", "sampler",
                                "findings", "peer_feedback", "reflection"]
    assert d.settings("sampler").favourite == "orange" and d.settings("start").dataset == "smarties_29_tubes"


def test_the_smarties_picture_and_dataset_are_there():
    lab = read(SMARTIES)
    assert lab.picture() == SMARTIES.with_name("smarties.svg")
    assert dataset_problems(lab) == [] and picture_problems(lab) == []


def test_the_smarties_description_matches_the_engines_smarties_colours():
    from classlab import SMARTIES as ENGINE

    assert read(SMARTIES).categories == ENGINE


def test_the_template_for_a_new_lab_reads_and_names_the_lab():
    lab = parse(template_text("fruit_survey"), "labs/fruit_survey.lab.yaml")
    assert lab.description.title == "Fruit survey" and lab.name == "fruit_survey"
    assert lab.description.datasets == [] and "start" not in lab.description.widget_names()


def test_a_dice_lab_can_name_its_faces_as_plain_numbers(dice_text):
    assert parse(dice_text, "labs/dice.lab.yaml").categories.names == ["1", "2", "3", "4", "5", "6"]


def test_categories_without_colours_get_different_ones_from_the_palette(dice_text):
    assert len(set(parse(dice_text, "labs/dice.lab.yaml").categories.colours)) == 6


def test_a_widgets_settings_can_be_given_on_one_line(dice_text):
    sampler = parse(dice_text, "labs/dice.lab.yaml").description.settings("sampler")
    assert (sampler.favourite, sampler.goal, sampler.taken) == ("6", "at_least", "thrown")


def test_an_age_range_can_be_written_with_a_dash(dice_text):
    lab = parse(dice_text.replace("ages: 9 to 12", "ages: 9-12"), "labs/dice.lab.yaml")
    assert str(lab.description.ages) == "9 to 12"


# --- YAML that can't be read ------------------------------------------------------------------------------
@pytest.mark.parametrize("broken, needle, words", [
    ("title: The Smarties investigation\n", "title:\tThe Smarties", "Indent with spaces only"),
    ("time: 2 lessons\n", "time: '2 lessons\n", "never closed"),
    ("curriculum: \"KS2", "curriculum: KS2: statistics \"", "put the whole text in quotes"),
])
def test_yaml_that_cant_be_read_says_where_and_how_to_fix_it(smarties_text, broken, needle, words):
    first = broken.split("\n")[0]
    text = smarties_text.replace(first, needle.rstrip("\n"), 1)
    found = problems(text)
    assert len(found) == 1 and "can't be read as YAML" in found[0] and words in found[0]
    line = int(MESSAGE.match(found[0])["line"])
    assert abs(line - line_of(smarties_text, first)) <= 1  # the parser may only notice on the next line


def test_an_empty_file_and_a_list_say_what_a_description_looks_like():
    assert "The file is empty" in problems("")[0]
    assert "name: value" in problems("- title\n- questions\n")[0]


# --- the description's shape ------------------------------------------------------------------------------
def test_a_missing_key_is_named_with_an_example(smarties_text):
    text = re.sub(r"^time: .*\n", "", smarties_text, flags=re.M)
    line, message = one_problem(text)
    assert "time is missing" in message and "like time: 60 minutes" in message


def test_an_unknown_widget_is_an_error_with_a_suggestion(smarties_text):
    text = smarties_text.replace("  - percentages\n", "  - percentage\n")
    line, message = one_problem(text)
    assert line == line_of(text, "- percentage")
    assert "no widget called 'percentage'" in message and "Did you mean 'percentages'?" in message


def test_an_unknown_setting_is_an_error_listing_the_real_ones(smarties_text):
    text = smarties_text.replace("      filename: smarties-chart.png\n", "      filename: smarties-chart.png\n      colours: bright\n")
    line, message = one_problem(text)
    assert line == line_of(text, "colours: bright")
    assert "chart has no setting 'colours'" in message and "It can have: heading, intro, view, kind" in message


def test_an_unknown_top_level_key_is_an_error_too(smarties_text):
    text = smarties_text.replace("ages: 8 to 11", "ages: 8 to 11\nteacher: Mrs Patel")
    line, message = one_problem(text)
    assert line == line_of(text, "teacher:") and "has no setting 'teacher'" in message


def test_a_setting_at_the_widgets_own_level_says_to_indent_it(smarties_text):
    text = smarties_text.replace("  - chart:\n      filename: smarties-chart.png", "  - chart:\n    filename: smarties-chart.png")
    line, message = one_problem(text)
    assert line == line_of(text, "filename: smarties-chart.png") and "Indent it under '- chart:'" in message


def test_a_choice_that_isnt_offered_lists_the_choices(smarties_text):
    text = smarties_text.replace("      goal: fair_share", "      goal: fair")
    line, message = one_problem(text)
    assert line == line_of(text, "goal: fair") and "can't be 'fair'" in message and "fair_share or at_least" in message


@pytest.mark.parametrize("colour, words", [
    ('#ff8c00', "a # starts a note"),  # unquoted: YAML reads the colour as a note
    ('"#ff8c0"', "six hex digits"),
    ('"orange"', "six hex digits"),
    ('"#ff8c00; background: url(x)"', "six hex digits"),
])
def test_a_bad_colour_says_how_to_write_one(smarties_text, colour, words):
    text = smarties_text.replace('colour: "#ff8c00"', f"colour: {colour}")
    line, message = one_problem(text)
    assert line == line_of(text, f"colour: {colour}") and words in message and 'colour: "#ff8800"' in message


def test_a_duplicate_category_points_at_the_second_one(smarties_text):
    text = smarties_text.replace("    - name: brown", "    - name: Red")
    line, message = one_problem(text)
    assert line == line_of(text, "name: Red") and "'Red' is given twice" in message and "different name" in message


def test_a_lab_that_names_no_categories_is_caught_at_its_counting_line(smarties_text):
    """Left out, not empty: it used to pass the check and then fail when a pupil opened the page."""
    start = smarties_text.index("  categories:")
    end = smarties_text.index("\n", smarties_text.index('colour: "#7b4a2a"', start))  # brown, the last
    text = smarties_text[:start] + smarties_text[end + 1:]
    assert "categories" not in text.split("counting:", 1)[1].split("\n\n", 1)[0]
    line, message = one_problem(text)
    assert line == line_of(text, "counting:") and "at least 2 categories" in message


def test_two_categories_with_one_colour_are_an_error(smarties_text):
    text = smarties_text.replace('"#7b4a2a"', '"#d62728"')
    line, message = one_problem(text)
    assert line == line_of(text, '"#d62728"', nth=2) and "same colour as 'red'" in message


def test_a_key_given_twice_is_an_error_because_yaml_keeps_only_the_last(smarties_text):
    text = smarties_text.replace("time: 2 lessons", "time: 2 lessons\ntime: 1 hour")
    line, message = one_problem(text)
    assert line == line_of(text, "time: 1 hour") and "'time' is given twice" in message


def test_a_widget_used_twice_is_an_error(smarties_text):
    text = smarties_text.replace("  - findings\n", "  - findings\n  - tally\n")
    line, message = one_problem(text)
    assert line == line_of(text, "- tally", nth=2) and "tally widget is used twice" in message


def test_a_favourite_that_is_not_a_category_is_an_error(smarties_text):
    text = smarties_text.replace("favourite: orange", "favourite: turquoise")
    line, message = one_problem(text)
    assert line == line_of(text, "favourite: turquoise") and "not one of the categories" in message


def test_the_start_widget_needs_a_dataset_the_lab_offers(smarties_text):
    text = smarties_text.replace("      dataset: smarties_29_tubes", "      dataset: m_and_ms")
    line, message = one_problem(text)
    assert line == line_of(text, "dataset: m_and_ms") and "not in the lab's datasets list" in message


@pytest.mark.parametrize("before, after, words", [
    ("ages: 8 to 11", "ages: eight", "like ages: 8 to 11"),
    ("ages: 8 to 11", "ages: 11 to 8", "youngest first"),
    ("time: 2 lessons", "time: a while", "like '60 minutes'"),
    ("limit: 1000 ", "limit: lots ", "whole number"),
    ("limit: 1000 ", "limit: 0 ", "at least 1"),
    ("title: The Smarties investigation", "title: yes", "Put it in quotes"),
    ("      filename: smarties-chart.png", "      filename: ../chart.svg", "ending in .png"),
    ("picture: smarties.svg", "picture: ../../etc/passwd", "in the labs folder"),
])
def test_bad_values_say_what_to_write(smarties_text, before, after, words):
    text = smarties_text.replace(before, after)
    line, message = one_problem(text)
    assert line == line_of(text, after.strip()) and words in message


def test_every_mistake_is_reported_at_once_in_line_order(smarties_text):
    text = (smarties_text.replace("  - percentages\n", "  - percentage\n").replace("goal: fair_share", "goal: fair")
            .replace('colour: "#f2c200"', "colour: #f2c200"))
    lines = [int(MESSAGE.match(m)["line"]) for m in problems(text)]
    assert len(lines) == 3 and lines == sorted(lines)


def test_a_missing_file_says_how_to_make_one(tmp_path):
    with pytest.raises(LabError) as caught:
        read(tmp_path / "birds.lab.yaml")
    assert "There is no such file" in str(caught.value) and "classlab new birds" in str(caught.value)


def test_a_file_that_isnt_utf8_points_at_the_line(tmp_path, smarties_text):
    path = tmp_path / "smarties.lab.yaml"
    path.write_bytes(smarties_text.replace("Let's find out!", "Let's find out! Très bien").encode("latin-1"))
    with pytest.raises(LabError) as caught:
        read(path)
    assert f":{line_of(smarties_text, 'find out!')}:" in str(caught.value) and "UTF-8" in str(caught.value)


# --- datasets: present, complete, fitting --------------------------------------------------------------------
@pytest.fixture
def datasets(tmp_path) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir()
    for suffix in (".csv", ".json"):
        shutil.copy(DATASETS / f"smarties_29_tubes{suffix}", folder / f"smarties_29_tubes{suffix}")
    return folder


def test_a_missing_dataset_is_named_with_the_ones_there_are(smarties_text, datasets):
    text = smarties_text.replace("  - smarties_29_tubes   ", "  - smarties_30_tubes   ").replace(
        "dataset: smarties_29_tubes", "dataset: smarties_30_tubes")
    lab = parse(text, "labs/smarties.lab.yaml")
    found = [str(p) for p in dataset_problems(lab, datasets)]
    assert len(found) == 1 and found[0].startswith(f"labs/smarties.lab.yaml:{line_of(text, '- smarties_30_tubes')}:")
    assert "smarties_30_tubes.csv and smarties_30_tubes.json missing" in found[0]
    assert "Did you mean 'smarties_29_tubes'?" in found[0]


def _edit_meta(datasets: Path, **changes) -> None:
    path = datasets / "smarties_29_tubes.json"
    meta = json.loads(path.read_text())
    for key, value in changes.items():
        if value is None:
            meta.pop(key)
        else:
            meta[key] = value
    path.write_text(json.dumps(meta))


@pytest.mark.parametrize("changes, words", [
    ({"provenance": None}, "missing provenance"),
    ({"how": None}, "missing how"),
    ({"licence": None}, "missing licence"),
    ({"provenance": "found"}, "\"counted\""),
    ({"columns": ["box", "colour", "count"]}, "counts by tube and colour"),
])
def test_incomplete_or_unfitting_metadata_says_what_to_add(datasets, changes, words):
    _edit_meta(datasets, **changes)
    found = [str(p) for p in dataset_problems(read(SMARTIES), datasets)]
    assert len(found) == 1 and words in found[0] and "smarties_29_tubes" in found[0]


def test_a_dataset_with_other_categories_or_impossible_counts_is_refused(datasets):
    csv = datasets / "smarties_29_tubes.csv"
    text = csv.read_text()
    csv.write_text(text.replace("1,red,", "1,turquoise,", 1))
    found = [str(p) for p in dataset_problems(read(SMARTIES), datasets)]
    assert len(found) == 1 and "colours this lab doesn't count: turquoise" in found[0]
    csv.write_text(text.replace("1,red,4", "1,red,-4", 1))
    found = [str(p) for p in dataset_problems(read(SMARTIES), datasets)]
    assert len(found) == 1 and "less than zero" in found[0]


def test_the_lab_check_refuses_a_dataset_in_the_loaders_own_words(datasets):
    from classlab import datasets as shipped

    _edit_meta(datasets, licence=None)
    with pytest.raises(shipped.DatasetError) as refused:
        shipped.load("smarties_29_tubes", datasets)
    assert [p.what for p in dataset_problems(read(SMARTIES), datasets)] == [refused.value.what]


def test_a_dataset_that_isnt_json_says_where(datasets):
    (datasets / "smarties_29_tubes.json").write_text('{"title": "x",\n"description": }')
    found = [str(p) for p in dataset_problems(read(SMARTIES), datasets)]
    assert len(found) == 1 and "smarties_29_tubes.json:2 is not valid JSON" in found[0]


def test_a_picture_that_isnt_there_is_named(tmp_path, smarties_text):
    path = tmp_path / "smarties.lab.yaml"
    path.write_text(smarties_text)
    found = [str(p) for p in picture_problems(read(path))]
    assert len(found) == 1 and "no picture called smarties.svg" in found[0]


# --- names ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["dice", "fair_dice", "survey2"])
def test_good_lab_names(name):
    assert lab_format.name_problem(name) is None


@pytest.mark.parametrize("name", ["", "Dice", "2dice", "fair-dice", "../dice", "dice.ipynb", "a" * 41, "dice lab"])
def test_bad_lab_names_say_what_a_name_can_be(name):
    assert "lower-case letters" in lab_format.name_problem(name)


def test_a_question_mark_in_a_bracketed_list_says_to_use_quotes_or_lines():
    text = "title: x\nquestions: [Is it fair?]\n"
    found = problems(text)
    assert len(found) == 1 and ":2:" in found[0] and "one '- item' per line" in found[0]
