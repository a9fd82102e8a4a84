"""`classlab new` and `classlab check` as an ICT coordinator runs them: real subprocesses in a copy of the school.

`check` runs every notebook with nbclient and shows every page in a real Voila, so one run over a
folder of several labs (one good, the others broken in different ways) covers most cases at once.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

CLASSLAB = str(Path(sys.executable).parent / "classlab")


def classlab(school: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    """Run `classlab ARGS --labs labs` from the school copy, with its datasets and a store nobody else uses."""
    env = {**os.environ, "CLASSLAB_DATASETS": str(school / "datasets"), "CLASSLAB_DATA": str(school / "store")}
    env.pop("CLASSLAB_DATABASE_URL", None)
    return subprocess.run([CLASSLAB, *args, "--labs", "labs"], cwd=school, env=env, capture_output=True, text=True,
                          timeout=timeout)


# --- classlab new -------------------------------------------------------------------------------------------
def test_new_makes_a_commented_description_and_a_clean_notebook(school):
    done = classlab(school, "new", "fruit_survey")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "labs/fruit_survey.lab.yaml" in done.stdout and "classlab check fruit_survey" in done.stdout
    text = (school / "labs" / "fruit_survey.lab.yaml").read_text()
    assert text.startswith("# A ClassLab lab description") and "title: Fruit survey" in text
    nb = json.loads((school / "labs" / "fruit_survey.ipynb").read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert [c["cell_type"] for c in nb["cells"]] == ["markdown", "code"]
    assert "".join(nb["cells"][0]["source"]) == "# Fruit survey"
    assert "".join(nb["cells"][1]["source"]) == 'from widgets import LabPage\nLabPage.from_file("fruit_survey.lab.yaml")'
    code = nb["cells"][1]
    assert code["outputs"] == [] and code["execution_count"] is None
    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))


@pytest.mark.parametrize("name", ["Fruit", "2fruit", "fruit-survey", "../fruit", "fruit survey"])
def test_new_refuses_a_bad_name(school, name):
    before = sorted(p.name for p in (school / "labs").iterdir())
    done = classlab(school, "new", name)
    assert done.returncode == 2 and "can't be a lab's name" in done.stdout and "like fair_dice" in done.stdout
    assert sorted(p.name for p in (school / "labs").iterdir()) == before  # nothing made


def test_new_refuses_an_existing_lab_and_changes_nothing(school):
    before = (school / "labs" / "smarties.lab.yaml").read_bytes(), (school / "labs" / "smarties.ipynb").read_bytes()
    done = classlab(school, "new", "smarties")
    assert done.returncode == 1 and "already a lab called smarties" in done.stdout
    assert ((school / "labs" / "smarties.lab.yaml").read_bytes(), (school / "labs" / "smarties.ipynb").read_bytes()) == before


def test_new_after_copying_a_description_makes_only_the_notebook(school):
    labs = school / "labs"
    text = (labs / "smarties.lab.yaml").read_text().replace("title: The Smarties investigation", "title: Our M&M's")
    (labs / "mms.lab.yaml").write_text(text)
    done = classlab(school, "new", "mms")
    assert done.returncode == 0, done.stdout
    assert (labs / "mms.lab.yaml").read_text() == text  # the coordinator's file is kept as it is
    assert json.loads((labs / "mms.ipynb").read_text())["cells"][0]["source"] in ("# Our M&M's", ["# Our M&M's"])


# --- classlab check -----------------------------------------------------------------------------------------
def test_a_new_lab_checks_clean_at_once(school):
    assert classlab(school, "new", "fruit_survey").returncode == 0
    done = classlab(school, "check", "fruit_survey")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fruit_survey: ready (description, notebook runs, page renders in Voila)" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "Checked 1 lab: 1 ready, 0 broken."
    assert not (school / "store").exists() or not any((school / "store").rglob("*.sqlite"))


def _broken_labs(school: Path) -> None:
    """Three labs, each broken in its own way, beside the good ones."""
    labs = school / "labs"
    for name in ("bad_yaml", "raises", "no_data"):
        assert classlab(school, "new", name).returncode == 0
    text = (labs / "bad_yaml.lab.yaml").read_text()
    (labs / "bad_yaml.lab.yaml").write_text(text.replace("  category: fruit ", "  category:\tfruit "))
    nb = nbformat.read(labs / "raises.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("shares = {'apple': 3}\nshares['pear']"))
    nbformat.write(nb, labs / "raises.ipynb")
    text = (labs / "no_data.lab.yaml").read_text()
    (labs / "no_data.lab.yaml").write_text(text.replace("datasets: []", "datasets:\n  - lunch_boxes"))


def test_check_says_what_is_wrong_with_each_broken_lab_and_fails(school):
    _broken_labs(school)
    done = classlab(school, "check")
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    lines = out.splitlines()
    yaml_line = next(i for i, l in enumerate((school / "labs" / "bad_yaml.lab.yaml").read_text().splitlines(), 1)
                     if "category:\t" in l)
    assert "bad_yaml: 1 problem" in lines
    assert any(l.startswith(f"  labs/bad_yaml.lab.yaml:{yaml_line}: This line can't be read as YAML") and
               "Indent with spaces only" in l for l in lines)
    assert "raises: 2 problems" in lines
    assert any("labs/raises.ipynb: cell 3 stops with KeyError: 'pear'" in l for l in lines)
    assert any("labs/raises.ipynb: the page shows pupils an error" in l for l in lines)
    data_line = next(i for i, l in enumerate((school / "labs" / "no_data.lab.yaml").read_text().splitlines(), 1)
                     if "- lunch_boxes" in l)
    assert "no_data: 1 problem" in lines
    assert any(l.startswith(f"  labs/no_data.lab.yaml:{data_line}: The dataset 'lunch_boxes' is not in datasets/")
               and "smarties_29_tubes" in l for l in lines)
    assert "smarties: ready (description, 1 dataset, notebook runs, page renders in Voila)" in lines
    assert lines[-1] == "Checked 4 labs: 1 ready, 3 broken (bad_yaml, no_data, raises)."


def test_check_quick_reads_descriptions_only(school):
    _broken_labs(school)
    done = classlab(school, "check", "--quick", "raises", "smarties")
    assert done.returncode == 0, done.stdout  # the failing cell is only found by running the notebook
    assert done.stdout.strip().endswith("(Quick: notebooks not run, pages not rendered.)")


def test_check_of_a_lab_that_isnt_there_lists_those_that_are(school):
    done = classlab(school, "check", "dice")
    assert done.returncode == 2 and "There is no lab called dice" in done.stdout and "smarties" in done.stdout


def test_check_names_a_notebook_whose_title_differs_from_its_description(school):
    labs = school / "labs"
    text = (labs / "smarties.lab.yaml").read_text().replace("title: The Smarties investigation", "title: Smarties!")
    (labs / "smarties.lab.yaml").write_text(text)
    done = classlab(school, "check", "--quick", "smarties")
    assert done.returncode == 1
    assert "the title cell says 'The Smarties investigation', but smarties.lab.yaml says 'Smarties!'" in done.stdout
    assert "classlab new smarties" in done.stdout


def test_a_description_without_a_notebook_says_how_to_make_it(school):
    labs = school / "labs"
    shutil.copy(labs / "smarties.lab.yaml", labs / "copy.lab.yaml")
    done = classlab(school, "check", "--quick", "copy")
    assert done.returncode == 1 and "labs/copy.ipynb: the lab's page is missing. Make it with: classlab new copy" in done.stdout
