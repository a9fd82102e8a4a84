"""Everyday maths from home: the lab checks clean, its dataset is exactly what its script makes, and the home sheet says what it must."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import nbformat

from classlab import lab_format
from classlab.datasets import load

REPO = Path(__file__).resolve().parents[2]
LABS, DATASETS = REPO / "labs", REPO / "datasets"
CLASSLAB = Path(sys.executable).with_name("classlab")
DATASET = "garden_birds_28_homes"


def generator():
    spec = importlib.util.spec_from_file_location("make_garden_birds", DATASETS / "make_garden_birds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_classlab_check_says_the_lab_is_ready():
    done = subprocess.run([str(CLASSLAB), "check", "everyday_maths"], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "everyday_maths: ready (description, 1 dataset, notebook runs, page renders in Voila)" in done.stdout


def test_the_dataset_is_regenerated_byte_for_byte(tmp_path):
    made = generator().write(tmp_path)
    assert [p.name for p in made] == [f"{DATASET}.csv", f"{DATASET}.json"]
    for path in made:
        assert path.read_bytes() == (DATASETS / path.name).read_bytes(), f"{path.name} differs from its script's output"


def test_the_metadata_says_honestly_it_was_generated_and_from_what():
    data = load(DATASET)
    meta = data.meta
    assert data.provenance == "generated"
    assert meta["script"] == "datasets/make_garden_birds.py" and meta["seed"] == generator().SEED
    assert "not the RSPB's counts" in meta["how"] and "seed 2024" in meta["how"]
    assert any("Big Garden Birdwatch 2024" in fact for fact in meta["facts"])
    assert any("assumption" in fact for fact in meta["facts"])
    # The homes counted for different numbers of days: the reason the lab asks for percentages.
    days = meta["days_counted"]
    assert len(days) == data.frame["home"].nunique() == 28 and len(set(days.values())) > 1


def test_the_class_totals_follow_the_published_ranking_and_fit_the_lab():
    lab = lab_format.read(LABS / "everyday_maths.lab.yaml")
    frame = load(DATASET).frame
    assert list(frame.columns) == [lab.description.counting.sample, lab.description.counting.category, "count"]
    assert set(frame["bird"]) == {c.name for c in lab.description.counting.categories}
    totals = frame.groupby("bird")["count"].sum().sort_values(ascending=False)
    assert list(totals.index[:5]) == generator().RANKING_2024
    assert frame["count"].between(0, lab.description.counting.limit).all()
    # Not every home sees every bird: question 2 has something to find.
    seen_by = frame[frame["count"] > 0].groupby("bird")["home"].nunique()
    assert seen_by.min() < 28


def test_the_home_sheet_is_a_page_with_no_code_and_no_names():
    nb = nbformat.read(LABS / "everyday_maths_home_sheet.ipynb", as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown"]
    sheet = nb.cells[0].source
    lab = lab_format.read(LABS / "everyday_maths.lab.yaml")
    for bird in lab.description.counting.categories:
        assert f"| {bird.name} |" in sheet  # a row of the tally grid for every bird the lab counts
    for words in ["A note for parents and carers", "No names.", "How the counts come back to school.", "**Total**"]:
        assert words in sheet
    assert "name:" not in sheet.lower()


def test_the_gallery_lists_the_lab_with_its_picture_and_the_sheet_as_another_page():
    from classlab.gallery import entries

    gallery = entries(LABS)
    lab = next(e for e in gallery["labs"] if e["name"] == "everyday_maths")
    assert lab["title"] == "Everyday maths from home" and not lab["broken"]
    assert lab["picture"] == "/voila/files/everyday_maths.svg" and lab["ages"] == "Ages 8 to 11"
    assert {"name": "everyday_maths_home_sheet", "title": "Everyday maths home sheet",
            "url": "/voila/render/everyday_maths_home_sheet.ipynb"} in gallery["others"]


def test_the_gallery_in_welsh_shows_the_labs_welsh_words_and_the_welsh_home_sheet():
    from classlab.gallery import entries
    from classlab.language import speaking

    with speaking("cy"):
        gallery = entries(LABS)
    lab = next(e for e in gallery["labs"] if e["name"] == "everyday_maths")
    assert (lab["title"], lab["ages"], lab["time"]) == ("Mathemateg bob dydd o gartref", "Oed 8 i 11", "2 wers")
    assert [e["name"] for e in gallery["others"]] == ["everyday_maths_home_sheet"]  # the Welsh page is not a lab of its own
    (sheet,) = gallery["others"]
    assert sheet["url"] == "/voila/render/everyday_maths_home_sheet.cy.ipynb"
    welsh = nbformat.read(LABS / "everyday_maths_home_sheet.cy.ipynb", as_version=4)
    assert welsh.cells[0].source.startswith(f"# {sheet['title']}") and sheet["title"] != "Birds from home: our counting sheet"
