"""Importing a pupil's CSV or Excel file: real files written to disk, every layout and encoding they come in."""
import io

import pytest
from openpyxl import Workbook

from tests.conftest import smarties_book
from classlab import SMARTIES, TallyBook, TallyChange
from classlab.io import import_into, read_table, to_csv_bytes

CSV_TEXT = "tube,colour,count\n1,red,4\n1,orange,6\n2,blue,3\n2,brown,1\n"


def write(tmp_path, name, data):
    """Put a file on disk as a pupil would have it, and read it back as the browser hands it over."""
    path = tmp_path / name
    path.write_bytes(data)
    return path.read_bytes(), path.name


def xlsx(tmp_path, rows, name="ours.xlsx", title=None, before=()):
    """An .xlsx made by openpyxl, with `before` rows (a title, a blank) above the table."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.title = title
    for row in [*before, *rows]:
        sheet.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path.read_bytes(), path.name


def expect_small(book):
    assert book.n_samples == 2
    assert book.counts(0) == {**dict.fromkeys(SMARTIES.names, 0), "red": 4, "orange": 6}
    assert book.counts(1) == {**dict.fromkeys(SMARTIES.names, 0), "blue": 3, "brown": 1}


# --- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_csv_in_every_usual_encoding(samples, tmp_path, encoding):
    data, name = write(tmp_path, "ours.csv", CSV_TEXT.encode(encoding))
    done = import_into(samples, data, name)
    assert done.message == "Imported 2 tubes."
    expect_small(samples)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_pound_and_accent_in_a_custom_lab(tuck_shop, tmp_path, encoding):
    """Excel on Windows saves "CSV (Comma delimited)" in cp1252: "£" and "é" are single bytes there."""
    text = "Day,Answer,Count\r\n1,café cookie,3\r\n1,£1 bag,5\r\n2,apple,2\r\n2,CAFÉ COOKIE,1\r\n"
    data, name = write(tmp_path, "tuck shop.csv", text.encode(encoding))
    assert import_into(tuck_shop, data, name).message == "Imported 2 days."
    assert tuck_shop.counts(0) == {"café cookie": 3, "£1 bag": 5, "apple": 0}
    assert tuck_shop.counts(1) == {"café cookie": 1, "£1 bag": 0, "apple": 2}


def test_utf8_with_a_broken_byte_is_read_as_windows_text(tuck_shop, tmp_path):
    """Half-and-half files happen (a UTF-8 file edited in an old program): cp1252 reads the "£" then."""
    data = "day,answer,count\n1,apple,2\n".encode() + "2,£1 bag,4\n".encode("cp1252")
    import_into(tuck_shop, *write(tmp_path, "mixed.csv", data))
    assert tuck_shop.count("£1 bag", 1) == 4


def test_semicolons_and_tabs_separate_too(samples, tmp_path):
    """Excel in much of Europe writes ";" between cells; a tab-separated file is a CSV to a pupil."""
    for sep in [";", "\t"]:
        fresh = smarties_book()
        import_into(fresh, *write(tmp_path, "ours.csv", CSV_TEXT.replace(",", sep).encode()))
        expect_small(fresh)


# --- layouts ---------------------------------------------------------------------------------
def test_column_names_ignore_case_and_spaces(samples, tmp_path):
    text = "  Tube ,COLOUR,  count  \n1, Red ,4\n1,ORANGE,6\n2,blue,3\n2,Brown,1\n"
    import_into(samples, *write(tmp_path, "ours.csv", text.encode()))
    expect_small(samples)


def test_wide_layout_one_row_per_tube(samples, tmp_path):
    text = "Tube,Red,Orange,Blue,Brown,Total\n1,4,6,0,0,10\n2,0,0,3,1,4\nTotal,4,6,3,1,14\n"
    done = import_into(samples, *write(tmp_path, "ours.csv", text.encode()))
    assert done.layout == "wide" and done.message == "Imported 2 tubes."
    expect_small(samples)


def test_wide_layout_without_a_tube_column_counts_rows_in_order(samples, tmp_path):
    import_into(samples, *write(tmp_path, "ours.csv", b"red,orange,blue,brown\n4,6,0,0\n0,0,3,1\n"))
    expect_small(samples)


def test_a_title_and_blank_rows_above_the_table(samples, tmp_path):
    text = "Our Smarties,,\n,,\ntube,colour,count\n1,red,4\n1,orange,6\n,,\n2,blue,3\n2,brown,1\n,,\n"
    import_into(samples, *write(tmp_path, "ours.csv", text.encode()))
    expect_small(samples)


def test_tubes_written_as_words_and_gaps_left_empty(samples, tmp_path):
    text = "tube,colour,count\nTube 1,red,4\ntube 3,blue,2\n"
    import_into(samples, *write(tmp_path, "ours.csv", text.encode()))
    assert samples.n_samples == 3 and samples.total(1) == 0 and samples.count("blue", 2) == 2


def test_frequency_and_color_are_understood(samples, tmp_path):
    import_into(samples, *write(tmp_path, "ours.csv", b"Tubes,Color,Frequency\n1,red,4\n1,orange,6\n2,blue,3\n2,brown,1\n"))
    expect_small(samples)


def test_excel_long_layout_with_a_title_row(samples, tmp_path):
    rows = [("Tube", "Colour", "Count"), (1, "red", 4), (1, "orange", 6.0), (2, "Blue", 3), (2, "brown", 1)]
    done = import_into(samples, *xlsx(tmp_path, rows, before=[("Smarties we counted",), ()]))
    assert done.layout == "long"
    expect_small(samples)


def test_excel_wide_layout(samples, tmp_path):
    rows = [("tube", "red", "orange", "blue", "brown"), (1, 4, 6, 0, 0), (2, 0, 0, 3, 1)]
    assert import_into(samples, *xlsx(tmp_path, rows)).layout == "wide"
    expect_small(samples)


def test_excel_table_on_the_second_sheet(samples, tmp_path):
    book = Workbook()
    book.active.append(["Notes from our group"])
    sheet = book.create_sheet("Counts")
    for row in [("tube", "colour", "count"), (1, "red", 4), (1, "orange", 6), (2, "blue", 3), (2, "brown", 1)]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    import_into(samples, out.getvalue(), "ours.xlsx")
    expect_small(samples)


def test_a_renamed_file_is_judged_by_what_is_inside(samples, tmp_path):
    data, _ = xlsx(tmp_path, [("tube", "colour", "count"), (1, "red", 4), (1, "orange", 6), (2, "blue", 3), (2, "brown", 1)])
    import_into(samples, data, "really an excel file.csv")
    expect_small(samples)


def test_dice_faces_are_names_even_when_they_look_like_numbers(tmp_path):
    from classlab import Categories, Category

    dice = TallyBook(Categories([Category(str(f)) for f in range(1, 7)]), category_label="face", sample_label="set of throws")
    rows = [("Set of throws", "1", "2", "3", "4", "5", "6"), (1, 3, 1, 2, 0, 2, 2), (2, 1, 1, 1, 1, 1, 1)]
    assert import_into(dice, *xlsx(tmp_path, rows)).message == "Imported 2 sets of throws."
    assert dice.counts(0) == {"1": 3, "2": 1, "3": 2, "4": 0, "5": 2, "6": 2}


# --- all or nothing, and the class store hears it ----------------------------------------------
def test_import_replaces_everything_and_is_passed_on_as_ordinary_changes(counted, samples, heard, tmp_path):
    samples.add("red")
    samples.new_sample()
    seen = heard(samples)
    import_into(samples, to_csv_bytes(counted), "class.csv")
    assert (samples.matrix() == counted.matrix()).all() and samples.current == 0
    assert seen[0] == TallyChange(0, "", "clear")
    replayed = smarties_book()
    for change in seen:
        replayed.apply(change, quiet=True)
    assert (replayed.matrix() == counted.matrix()).all()


def test_read_table_only_looks(counted, samples, heard):
    seen = heard(samples)
    frame, layout = read_table(samples, to_csv_bytes(counted), "class.csv")
    assert layout == "long" and len(frame) == 29 * 8
    assert samples.n_samples == 1 and samples.total() == 0 and seen == []


def test_the_largest_file_allowed_still_imports(samples):
    rows = "\n".join(f"{t},{'red' if t % 2 else 'blue'},{t % 50}" for t in range(1, 10_001))
    done = import_into(samples, f"tube,colour,count\n{rows}\n".encode(), "big.csv")
    assert done.message == "Imported 10,000 tubes." and samples.count("red", 9_998) == 49


def test_an_import_reaches_the_class_store_and_another_device(counted, tmp_path):
    """A group that joined a class imports a file: the store keeps it like counting, and a second device sees it."""
    from classlab.store import ClassStore
    from classlab.sync import GroupLink

    store = ClassStore(f"sqlite:///{tmp_path / 'classlab.sqlite'}")
    session = store.start_session("smarties", categories=SMARTIES.names)
    laptop, tablet = smarties_book(), smarties_book()
    link = GroupLink.join(store, session.code, "Reds", laptop)
    laptop.add("pink")
    import_into(laptop, to_csv_bytes(counted), "class.csv")
    assert link.status == "saved" and link.waiting == 0
    GroupLink.join(store, session.code, "Reds", tablet)
    assert (tablet.matrix() == counted.matrix()).all()
