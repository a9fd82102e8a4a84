"""The ICT coordinator's, the teacher's and the server's own words in Welsh: `classlab check`'s messages
(`file:line: what. How to fix.`), `classlab serve`'s lines, a dataset's mistakes, the class survey's answer boxes
and the page after the teacher logs out. English stays exactly as it was (tests/authoring asserts it)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from classlab.language import speaking
from classlab.lab_format import LabError, chosen_categories, parse

REPO = Path(__file__).resolve().parents[2]
CLASSLAB = str(Path(sys.executable).parent / "classlab")
GOOD = (REPO / "labs" / "smarties.lab.yaml").read_text(encoding="utf-8")


def mistakes(text: str) -> list[str]:
    with pytest.raises(LabError) as caught:
        parse(text, "labs/smarties.lab.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("change, english, welsh", [
    (("ages: 8 to 11", "ages: eight"), "is not an age range. Write the youngest and oldest ages, like ages: 8 to 11.",
     "ddim yn ystod oedran. Ysgrifennwch yr oed ieuengaf a'r hynaf, fel ages: 8 to 11."),
    (("ages: 8 to 11", "ages: 8 to 11\nteacher: Mrs Patel"), "A lab description has no setting 'teacher'.",
     "Does gan ddisgrifiad labordy ddim gosodiad 'teacher'."),
    (("title:", "title: |\n  one\n  two\ntitle_was:"), "has no setting 'title_was'", "ddim gosodiad 'title_was'"),
])
def test_a_descriptions_mistakes_are_said_in_welsh_and_in_english_as_before(change, english, welsh):
    text = GOOD.replace(*change, 1)
    with speaking("en_GB"):
        said_in_english = "\n".join(mistakes(text))
    with speaking("cy"):
        said_in_welsh = "\n".join(mistakes(text))
    assert english in said_in_english and english not in said_in_welsh
    assert welsh in said_in_welsh
    assert said_in_welsh.startswith("labs/smarties.lab.yaml:")  # where it is, as before: file:line


def test_a_yaml_mistake_is_said_in_welsh():
    text = GOOD.replace("title:", "title: 'Smarties", 1)
    with speaking("cy"):
        (said,) = mistakes(text)
    assert "Does dim modd darllen y llinell hon fel YAML" in said and "Caewch ef gyda'r un dyfynnod" in said


def test_a_class_surveys_answers_are_checked_in_welsh():
    from widgets import ChooseCategories

    with speaking("cy"):
        chooser = ChooseCategories(lambda *_: None)
        with pytest.raises(ValueError, match="Teipiwch ddau ateb o leiaf"):
            chosen_categories(["Bws"])
        with pytest.raises(ValueError, match="yno ddwywaith"):
            chosen_categories(["Bws", "bws"])
    assert (chooser.question.description, chooser.answers[0].description, chooser.go.description) == (
        "Ein cwestiwn", "Ateb 1", "Dechrau cyfrif")
    with speaking("en_GB"):
        chooser = ChooseCategories(lambda *_: None)
    assert (chooser.question.description, chooser.answers[0].description, chooser.go.description) == (
        "Our question", "Answer 1", "Start counting")


def test_a_missing_dataset_is_said_in_welsh(tmp_path):
    from classlab.datasets import DatasetMissing, load

    with speaking("cy"), pytest.raises(DatasetMissing) as caught:
        load("smarties_29_tube", REPO / "datasets")
    said = str(caught.value)
    assert "Dydy'r set ddata 'smarties_29_tube' ddim yn" in said and "Oeddech chi'n golygu 'smarties_29_tubes'?" in said


def test_the_servers_words_in_welsh():
    from classlab.serve import pool_words
    from classlab.server_guards import kind_page

    with speaking("cy"):
        words = pool_words({"smarties.ipynb": 15, "fair_dice.ipynb": 1}, 1)
        page = kind_page("Rydych chi wedi gadael tudalennau'r athro", "...")
    assert words == "15 ar gyfer smarties, 1 ar gyfer pob labordy arall"
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy">')
    with speaking("en_GB"):
        assert pool_words({"smarties.ipynb": 15, "fair_dice.ipynb": 1}, 1) == "15 for smarties, 1 for each other lab"
        assert '<html lang="en-GB">' in kind_page("a", "b")


def test_classlab_check_speaks_welsh_with_classlab_language(tmp_path):
    """The whole command, as a coordinator runs it with CLASSLAB_LANGUAGE=cy: the report and its summary."""
    labs = tmp_path / "labs"
    labs.mkdir()
    (labs / "broken.lab.yaml").write_text(GOOD.replace("ages: 8 to 11", "ages: eight", 1), encoding="utf-8")
    env = {**os.environ, "CLASSLAB_LANGUAGE": "cy", "CLASSLAB_DATA": str(tmp_path / "store")}
    env.pop("CLASSLAB_DATABASE_URL", None)
    done = subprocess.run([CLASSLAB, "check", "--quick", "--labs", "labs"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "broken: 2 broblem" in out  # Welsh's plural form for 2
    assert "ddim yn ystod oedran" in out and "mae tudalen y labordy ar goll" in out
    assert "Wedi gwirio 1 labordy: 0 yn barod, 1 wedi torri (broken)." in out
    assert "(Cyflym: heb redeg llyfrau nodiadau, heb ddangos tudalennau.)" in out
    assert "is not an age range" not in out and "Checked" not in out
