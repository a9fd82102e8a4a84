"""Data in and out of the Smarties lab in a real Chromium: import a file, refuse a broken one, download the counts."""
import pytest
from playwright.sync_api import expect

from classlab import SMARTIES
from classlab.datasets import tally_from
from classlab.io import to_csv_bytes

pytestmark = pytest.mark.browser

IMPORT = "Import a CSV or Excel file"
WAIT = 30_000  # anything that waits on the kernel, on a busy two-core machine
OURS = "tube,colour,count\n1,red,2\n1,orange,7\n1,blue,5\n2,orange,3\n2,brown,4\n"


@pytest.fixture
def lab(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    return page


def choose(page, path, by_keyboard=False):
    """Pick a file the way a pupil does: the Import button opens the browser's file chooser."""
    button = page.get_by_role("button", name=IMPORT, exact=True)  # the name without FileUpload's "(0)"
    with page.expect_file_chooser() as chooser:
        if by_keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
    chooser.value.set_files(str(path))


def test_import_a_csv_and_the_tally_shows_the_new_counts(lab, tmp_path):
    path = tmp_path / "our tubes.csv"
    path.write_text(OURS, encoding="utf-8")
    choose(lab, path, by_keyboard=True)
    expect(lab.get_by_role("status").filter(has_text="Imported 2 tubes.")).to_be_visible(timeout=WAIT)
    expect(lab.get_by_label("Number of orange")).to_have_value("7", timeout=WAIT)
    expect(lab.get_by_label("Number of blue")).to_have_value("5", timeout=WAIT)
    expect(lab.get_by_role("img", name="7 tally marks for orange")).to_be_attached(timeout=WAIT)
    expect(lab.get_by_text("Total in this tube: 14")).to_be_visible(timeout=WAIT)
    assert "Traceback" not in lab.content()


def test_a_broken_file_shows_the_message_and_keeps_the_counts(lab, tmp_path):
    add = lab.get_by_role("button", name="Add one orange")
    for _ in range(3):
        add.click()
    box = lab.get_by_label("Number of orange")
    expect(box).to_have_value("3", timeout=WAIT)
    picture = tmp_path / "tubes.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    choose(lab, picture)
    expect(lab.get_by_role("status").filter(has_text="“tubes.csv” isn't a CSV or Excel file: it looks like a PNG picture.")
           ).to_be_visible(timeout=WAIT)
    bad = tmp_path / "words.csv"
    bad.write_text("tube,colour,count\n1,orange,lots\n", encoding="utf-8")
    choose(lab, bad)
    expect(lab.get_by_role("status").filter(has_text="Row 2: “lots” isn't a number")).to_be_visible(timeout=WAIT)
    expect(box).to_have_value("3", timeout=WAIT)
    expect(lab.get_by_text("Total in this tube: 3")).to_be_visible(timeout=WAIT)


def test_download_as_csv_gives_the_counts_on_the_page(lab, tmp_path):
    lab.get_by_role("button", name="Load practice data").click()
    expect(lab.get_by_text("of 29")).to_be_visible(timeout=WAIT)
    with lab.expect_download() as download:
        lab.get_by_role("button", name="Download as CSV").click()
    assert download.value.suggested_filename == "smarties.csv"
    saved = tmp_path / "smarties.csv"
    download.value.save_as(saved)
    assert saved.read_bytes() == to_csv_bytes(tally_from("smarties_29_tubes", SMARTIES))
    expect(lab.get_by_role("status").filter(has_text="Saved as smarties.csv in your downloads.")).to_be_visible(timeout=WAIT)


def test_download_as_excel_then_import_it_back(lab, tmp_path):
    path = tmp_path / "ours.csv"
    path.write_text(OURS, encoding="utf-8")
    choose(lab, path)
    expect(lab.get_by_role("status").filter(has_text="Imported 2 tubes.")).to_be_visible(timeout=WAIT)
    with lab.expect_download() as download:
        lab.get_by_role("button", name="Download as Excel").click()
    workbook = tmp_path / download.value.suggested_filename
    download.value.save_as(workbook)
    assert workbook.name == "smarties.xlsx" and workbook.read_bytes()[:2] == b"PK"
    lab.get_by_role("button", name="Add one red").click()
    expect(lab.get_by_label("Number of red")).to_have_value("3", timeout=WAIT)
    choose(lab, workbook)
    expect(lab.get_by_label("Number of red")).to_have_value("2", timeout=WAIT)
    expect(lab.get_by_role("status").filter(has_text="Imported 2 tubes.")).to_be_visible(timeout=WAIT)


def test_a_file_too_big_to_send_is_stopped_in_the_page(lab, tmp_path, labs_server):
    """Over 10 MB the page's connection would close and the file vanish without a word: it is stopped first."""
    lab.get_by_role("button", name="Add one green").click()
    log_before = len(labs_server.log())
    huge = tmp_path / "everything.csv"
    huge.write_bytes(b"tube,colour,count\n" + b"1,red,4\n" * (12 * 1024 * 1024 // 8))
    choose(lab, huge)
    expect(lab.get_by_role("status").filter(
        has_text="“everything.csv” is too big to import (12.0 MB): the most is 5.0 MB. Is it the right file?")).to_be_visible(timeout=WAIT)
    lab.get_by_role("button", name="Add one green").click()  # the page is still connected
    expect(lab.get_by_label("Number of green")).to_have_value("2", timeout=WAIT)
    assert "Restoring connection" not in labs_server.log()[log_before:]
