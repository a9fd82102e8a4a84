"""Export as CSV and Excel: what a teacher opens is the book, formulas never run, and it imports back the same."""
import csv
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.conftest import smarties_book
from classlab import Categories, Category, TallyBook
from classlab.io import import_into, to_csv_bytes, to_excel_bytes

#: A survey lab where pupils typed answers a spreadsheet would run as formulas.
HOSTILE = Categories([Category(n) for n in ["=HYPERLINK(\"http://x.example\",\"click\")", "-1 point", "+plus", "@cmd", "plain"]])


@pytest.fixture
def hostile():
    book = TallyBook(HOSTILE, category_label="answer", sample_label="day")
    for i, name in enumerate(HOSTILE.names):
        book.set(name, i + 1)
    book.new_sample()
    book.set("plain", 9)
    return book


def csv_rows(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_is_the_tidy_table_with_a_bom_for_excel(counted, tmp_path):
    data = to_csv_bytes(counted)
    assert data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "smarties.csv"
    path.write_bytes(data)
    frame = pd.read_csv(path, encoding="utf-8-sig")
    pd.testing.assert_frame_equal(frame, counted.to_frame())


def test_excel_has_the_tidy_table_and_the_wide_table_with_totals(counted, tmp_path):
    path = tmp_path / "smarties.xlsx"
    path.write_bytes(to_excel_bytes(counted))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Counts", "Tubes"]
    tidy = list(workbook["Counts"].values)
    assert tidy[0] == ("tube", "colour", "count") and len(tidy) == 1 + 29 * 8
    assert tidy[1] == (1, "red", counted.count("red", 0))
    wide = list(workbook["Tubes"].values)
    assert wide[0] == ("tube", *counted.categories.names, "Total")
    assert wide[1] == (1, *counted.matrix()[0].tolist(), counted.total(0))
    assert wide[-1] == ("Total", *counted.matrix().sum(axis=0).tolist(), int(counted.matrix().sum()))
    assert len(wide) == 1 + 29 + 1


@pytest.mark.parametrize("export, name", [(to_csv_bytes, "ours.csv"), (to_excel_bytes, "ours.xlsx")])
def test_round_trip_gives_back_the_same_book(counted, samples, tmp_path, export, name):
    path = tmp_path / name
    path.write_bytes(export(counted))
    import_into(samples, path.read_bytes(), path.name)
    pd.testing.assert_frame_equal(samples.to_frame(), counted.to_frame())


def test_the_wide_sheet_alone_imports_too(counted, samples):
    """A teacher may keep only the sheet they like: its Total row and column are left out on import."""
    workbook = load_workbook(io.BytesIO(to_excel_bytes(counted)))
    del workbook["Counts"]
    out = io.BytesIO()
    workbook.save(out)
    assert import_into(samples, out.getvalue(), "tubes.xlsx").layout == "wide"
    assert (samples.matrix() == counted.matrix()).all()


def test_round_trip_of_a_custom_lab_with_pound_and_accent(tuck_shop, tmp_path):
    tuck_shop.set("café cookie", 3)
    tuck_shop.set("£1 bag", 2)
    for export in (to_csv_bytes, to_excel_bytes):
        back = TallyBook(tuck_shop.categories, category_label="answer", sample_label="day")
        import_into(back, export(tuck_shop), "tuck.xlsx" if export is to_excel_bytes else "tuck.csv")
        pd.testing.assert_frame_equal(back.to_frame(), tuck_shop.to_frame())
    assert "Days" in load_workbook(io.BytesIO(to_excel_bytes(tuck_shop))).sheetnames


def test_csv_cells_that_look_like_formulas_get_an_apostrophe(hostile):
    rows = csv_rows(to_csv_bytes(hostile))
    answers = [r[1] for r in rows[1:6]]
    assert answers == ["'=HYPERLINK(\"http://x.example\",\"click\")", "'-1 point", "'+plus", "'@cmd", "plain"]
    assert rows[1][2] == "1"  # numbers stay numbers


def test_excel_cells_that_look_like_formulas_are_plain_text(hostile, tmp_path):
    """openpyxl makes any string starting with "=" a formula unless told otherwise: check what it really wrote."""
    data = to_excel_bytes(hostile)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)  # no formula anywhere in the file
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(data)
    workbook = load_workbook(path)
    cells = {c.value: c for row in workbook["Counts"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    formula = cells["=HYPERLINK(\"http://x.example\",\"click\")"]
    assert formula.data_type == "s" and formula.quotePrefix  # shown as words; Excel keeps them words when edited
    assert cells["-1 point"].data_type == "s" and cells["plain"].quotePrefix is False
    header = [c.value for c in workbook["Days"][1]]
    assert header[1] == HOSTILE.names[0] and workbook["Days"]["B1"].data_type == "s"


@pytest.mark.parametrize("export, name", [(to_csv_bytes, "hostile.csv"), (to_excel_bytes, "hostile.xlsx")])
def test_neutralised_formulas_import_back_as_the_same_names(hostile, export, name):
    back = TallyBook(HOSTILE, category_label="answer", sample_label="day")
    import_into(back, export(hostile), name)
    assert (back.matrix() == hostile.matrix()).all()


def test_an_empty_book_exports_one_empty_tube(samples):
    assert csv_rows(to_csv_bytes(samples))[1] == ["1", "red", "0"]
    back = smarties_book()
    import_into(back, to_excel_bytes(samples), "empty.xlsx")
    assert back.n_samples == 1 and back.total() == 0
