"""The fair-dice lab, made only through the authoring path: it checks clean and its data is honest."""
import subprocess
import sys
from pathlib import Path

from classlab import Categories, TallyBook
from classlab.datasets import load, load_into

REPO = Path(__file__).resolve().parents[2]


def test_the_lab_checks_clean():
    done = subprocess.run([sys.executable, "-m", "classlab.cli", "check", "fair_dice"], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fair_dice: ready" in done.stdout


def test_the_dice_data_regenerates_byte_for_byte(tmp_path):
    script = REPO / "datasets" / "make_dice.py"
    copy = tmp_path / "make_dice.py"
    copy.write_text(script.read_text())
    subprocess.run([sys.executable, str(copy)], check=True, timeout=60, capture_output=True)
    for name in ("dice_fair", "dice_loaded"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (REPO / "datasets" / f"{name}.csv").read_bytes()
        assert load(name).provenance == "generated"


def test_the_loaded_dice_really_is_short_of_sixes_and_the_fair_one_is_not():
    faces = Categories([(str(f), "#555555") for f in range(1, 7)])
    shares = {}
    for name in ("dice_fair", "dice_loaded"):
        book = TallyBook(faces, sample_label="set of throws", category_label="face")
        load_into(book, name)
        m = book.matrix()
        assert m.shape == (20, 6) and (m.sum(axis=1) == 30).all()
        shares[name] = m[:, 5].sum() / m.sum()
    assert abs(shares["dice_fair"] - 1 / 6) < 0.04
    assert shares["dice_loaded"] < 0.1
