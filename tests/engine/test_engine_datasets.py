"""Shipped datasets: a tidy CSV plus honest metadata (counted or generated, and how)."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import classlab.datasets as datasets
from tests.conftest import smarties_book
from classlab import SMARTIES, CountError

REPO = Path(__file__).resolve().parents[2]
NAME = "smarties_29_tubes"
GOOD_META = {"title": "Test", "description": "A test.", "provenance": "counted", "columns": ["tube", "colour", "count"],
             "licence": "CC0"}
GOOD_CSV = "tube,colour,count\n1,red,3\n1,orange,2\n2,red,1\n"


@pytest.fixture(scope="module")
def smarties():
    return datasets.load(NAME)


@pytest.fixture
def tmp_datasets(tmp_path, monkeypatch):
    monkeypatch.setenv("CLASSLAB_DATASETS", str(tmp_path))
    return tmp_path


def write(folder, name, meta=GOOD_META, csv=GOOD_CSV):
    (folder / f"{name}.json").write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    (folder / f"{name}.csv").write_text(csv, encoding="utf-8")


# --- the shipped Smarties dataset ----------------------------------------------------------

def test_the_smarties_dataset_is_available():
    assert NAME in datasets.available()


def test_it_has_29_tubes(smarties):
    assert sorted(smarties.frame["tube"].unique()) == list(range(1, 30))


def test_it_has_the_8_smarties_colours_in_every_tube(smarties):
    assert set(smarties.frame["colour"]) == set(SMARTIES.names)
    assert (smarties.frame.groupby("tube")["colour"].nunique() == 8).all()


def test_its_tubes_hold_about_40_sweets(smarties):
    sizes = smarties.frame.groupby("tube")["count"].sum()
    assert sizes.between(36, 44).all()


def test_it_says_honestly_that_it_was_generated(smarties):
    assert smarties.provenance == "generated"
    assert "not counted" in smarties.meta["how"]


def test_its_metadata_has_every_key_a_teacher_needs(smarties):
    for key in ("title", "description", "provenance", "how", "facts", "script", "seed", "columns", "categories", "licence"):
        assert smarties.meta.get(key), key
    assert smarties.meta["categories"] == SMARTIES.names


def test_the_script_it_names_exists(smarties):
    assert (REPO / smarties.meta["script"]).is_file()


def test_the_script_with_its_seed_reproduces_the_csv_exactly(smarties):
    spec = importlib.util.spec_from_file_location("make_smarties_for_test", REPO / smarties.meta["script"])
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    made = script.make(seed=smarties.meta["seed"]).to_csv(index=False, lineterminator="\n")
    assert made == (REPO / "datasets" / f"{NAME}.csv").read_text(encoding="utf-8")


def test_it_loads_into_a_tally_book(smarties):
    book = datasets.tally_from(NAME, SMARTIES)
    assert book.n_samples == 29
    assert book.matrix().sum() == smarties.frame["count"].sum()


def test_loading_into_a_book_replaces_what_was_there(smarties):
    book = smarties_book()
    book.set("red", 99)
    datasets.load_into(book, NAME)
    pd.testing.assert_frame_equal(book.to_frame(), smarties.frame, check_dtype=False)


# --- broken or missing datasets give a clear error -----------------------------------------

def test_a_good_dataset_in_another_folder_loads(tmp_datasets):
    write(tmp_datasets, "ours")
    data = datasets.load("ours")
    assert data.provenance == "counted" and len(data.frame) == 3


def test_available_lists_only_datasets_with_both_files(tmp_datasets):
    write(tmp_datasets, "ours")
    (tmp_datasets / "lonely.json").write_text("{}")
    assert datasets.available() == ["ours"]


def test_a_missing_dataset_is_named(tmp_datasets):
    with pytest.raises(FileNotFoundError) as err:
        datasets.load("nothing_here")
    assert "nothing_here" in str(err.value)


@pytest.mark.parametrize("key", ["title", "description", "provenance", "columns"])
def test_metadata_missing_a_key_names_the_file_and_the_key(tmp_datasets, key):
    write(tmp_datasets, "broken", {k: v for k, v in GOOD_META.items() if k != key})
    with pytest.raises(ValueError) as err:
        datasets.load("broken")
    assert "broken.json" in str(err.value) and key in str(err.value)


def test_metadata_must_say_counted_or_generated(tmp_datasets):
    write(tmp_datasets, "broken", {**GOOD_META, "provenance": "found it somewhere"})
    with pytest.raises(ValueError) as err:
        datasets.load("broken")
    assert "counted" in str(err.value) and "generated" in str(err.value)


def test_metadata_columns_must_match_the_csv(tmp_datasets):
    write(tmp_datasets, "broken", {**GOOD_META, "columns": ["tube", "flavour", "count"]})
    with pytest.raises(ValueError) as err:
        datasets.load("broken")
    assert "broken.csv" in str(err.value) and "flavour" in str(err.value)


@pytest.mark.parametrize("meta", ['{"title": "Test",', "", "[1, 2]", "42"], ids=["cut short", "empty", "a list", "a number"])
def test_metadata_that_is_not_a_json_object_names_the_file(tmp_datasets, meta):
    write(tmp_datasets, "broken", meta)
    with pytest.raises(ValueError) as err:
        datasets.load("broken")
    assert "broken.json" in str(err.value)


def test_a_dataset_with_a_bad_count_changes_nothing_in_the_book(tmp_datasets):
    write(tmp_datasets, "bad", csv=GOOD_CSV + "2,orange,-4\n")
    book = smarties_book()
    book.set("green", 6)
    before = book.matrix().copy()
    with pytest.raises(CountError):
        datasets.load_into(book, "bad")
    assert np.array_equal(book.matrix(), before)


def test_the_datasets_folder_can_be_chosen_by_environment_variable(tmp_path):
    write(tmp_path, "from_env")
    code = "import classlab.datasets as d; print(d.available())"
    env = {**os.environ, "CLASSLAB_DATASETS": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['from_env']"


def test_a_dataset_without_a_licence_is_refused(tmp_datasets):
    write(tmp_datasets, "unlicensed", {k: v for k, v in GOOD_META.items() if k != "licence"})
    with pytest.raises(datasets.DatasetError) as err:
        datasets.load("unlicensed")
    assert "missing licence" in err.value.what


def test_a_bad_cell_is_kept_as_written_so_its_message_can_name_it(tmp_datasets):
    write(tmp_datasets, "gap", csv=GOOD_CSV + "2,orange,\n")
    assert datasets.load("gap").frame["count"].tolist() == ["3", "2", "1", ""]


def test_whole_number_columns_are_read_as_numbers(tmp_datasets):
    write(tmp_datasets, "ours")
    assert datasets.load("ours").frame["count"].tolist() == [3, 2, 1]
