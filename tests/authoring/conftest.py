"""Shared fixtures for the lab format: a school in a temp folder, and the dice lab (test data as files in data/)."""
import shutil
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def school(tmp_path) -> Path:
    """A school in a temp folder: its labs (only the Smarties) and all its datasets; the repository is untouched."""
    shutil.copytree(REPO / "labs", tmp_path / "labs", ignore=lambda folder, names: [n for n in names if not n.startswith("smarties")])
    shutil.copytree(REPO / "datasets", tmp_path / "datasets", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


@pytest.fixture
def dice_text() -> str:
    """The dice lab's description (data/labs/dice.lab.yaml): faces as plain numbers, no colours given."""
    return (DATA / "labs" / "dice.lab.yaml").read_text(encoding="utf-8")


@pytest.fixture
def dice_folder(tmp_path, monkeypatch) -> Path:
    """A labs folder with the dice description, and the datasets folder (3 sets of throws) the loader reads."""
    labs, data = tmp_path / "labs", tmp_path / "datasets"
    shutil.copytree(DATA / "labs", labs)
    shutil.copytree(DATA / "datasets", data)
    monkeypatch.setenv("CLASSLAB_DATASETS", str(data))
    return labs
