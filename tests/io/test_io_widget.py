"""The import/export widget without a browser: a file arrives exactly as ipywidgets 8 hands it over from a page."""
import io
import time as clock

import pytest
from openpyxl import load_workbook

from classlab.io import to_csv_bytes
from widgets import DataInOut

GOOD = b"tube,colour,count\n1,red,4\n1,orange,6\n2,blue,3\n"


def choose_file(widget, name, data, mime="text/csv"):
    """What the page sends when a pupil picks a file: FileUpload's JSON state, deserialised by ipywidgets itself."""
    widget.upload.set_state({"value": [{
        "name": name, "type": mime, "size": len(data), "content": memoryview(data),
        "last_modified": int(clock.time() * 1000),
    }]})


@pytest.fixture
def data_io(samples):
    return DataInOut(samples, filename_stem="smarties")


def test_every_control_has_a_name_that_says_what_it_does(data_io):
    assert data_io.upload.description == "Import a CSV or Excel file"
    assert data_io.upload.accept == ".csv,.xlsx" and data_io.upload.multiple is False
    assert data_io._helper.label == "Import a CSV or Excel file"  # aria-label, without FileUpload's "(0)"
    assert data_io.to_csv.description == "Download as CSV" and data_io.to_excel.description == "Download as Excel"
    for control in (data_io.upload, data_io.to_csv, data_io.to_excel):
        assert control.tooltip


def test_a_good_file_replaces_the_counts_and_says_so(data_io, counted):
    choose_file(data_io, "class data.csv", to_csv_bytes(counted))
    assert "Imported 29 tubes." in data_io.message.value and 'role="status"' in data_io.message.value
    assert (data_io.book.matrix() == counted.matrix()).all()
    assert data_io.upload.value == ()  # ready for the next file, and the button shows no count


def test_the_same_file_can_be_imported_again(data_io):
    choose_file(data_io, "ours.csv", GOOD)
    data_io.book.add("pink")
    choose_file(data_io, "ours.csv", GOOD)
    assert data_io.book.count("pink") == 0 and data_io.book.count("red") == 4


def test_an_excel_file_from_the_page(data_io, counted):
    from classlab.io import to_excel_bytes

    choose_file(data_io, "class.xlsx", to_excel_bytes(counted),
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "Imported 29 tubes." in data_io.message.value


@pytest.mark.parametrize("name, data, words", [
    ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(40), "it looks like a PNG picture"),
    ("ours.csv", b"tube,colour,count\n1,red,lots\n", "Row 2: “lots” isn&#x27;t a number"),
    ("ours.csv", b"", "is empty"),
    ("ours.csv", b"tube,flavour\n1,4\n", "Missing: colour and count. Found: tube and flavour."),
])
def test_a_bad_file_says_why_and_changes_nothing(data_io, heard, name, data, words):
    choose_file(data_io, "ours.csv", GOOD)
    before = data_io.book.matrix().copy()
    seen = heard(data_io.book)
    choose_file(data_io, name, data)
    assert words in data_io.message.value
    assert "Imported" not in data_io.message.value
    assert (data_io.book.matrix() == before).all() and seen == []


def test_a_hostile_file_name_is_shown_as_words(data_io):
    choose_file(data_io, '<img src=x onerror="alert(1)">.csv', b"")
    assert "<img" not in data_io.message.value and "&lt;img src=x" in data_io.message.value


def test_a_forged_upload_gets_a_kind_message(data_io):
    """What a page sends is untrusted: content that isn't bytes is refused kindly, not with a traceback."""
    data_io.upload.set_state({"value": [{"name": "ours.csv", "type": "text/csv", "size": 3, "content": "1,2",
                                         "last_modified": 0}]})
    assert "couldn&#x27;t be read" in data_io.message.value
    assert data_io.book.n_samples == 1 and data_io.upload.value == ()


def test_download_as_csv_sends_the_books_table(data_io, counted, page_end):
    choose_file(data_io, "class.csv", to_csv_bytes(counted))
    wire = page_end(data_io.downloader)
    data_io.to_csv.click()
    kind, data, buffers = wire.sent[-1]
    assert data["content"] == {"kind": "download", "filename": "smarties.csv", "mime": "text/csv"}
    assert bytes(buffers[0]) == to_csv_bytes(counted)
    assert "Saved as smarties.csv in your downloads." in data_io.message.value


def test_download_as_excel_sends_a_workbook(data_io, counted, page_end):
    choose_file(data_io, "class.csv", to_csv_bytes(counted))
    wire = page_end(data_io.downloader)
    data_io.to_excel.click()
    _, data, buffers = wire.sent[-1]
    assert data["content"]["filename"] == "smarties.xlsx"
    assert data["content"]["mime"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(bytes(buffers[0])))
    assert workbook.sheetnames == ["Counts", "Tubes"] and workbook["Tubes"].max_row == 1 + 29 + 1


def test_a_custom_lab_speaks_its_own_words(tuck_shop, page_end):
    data_io = DataInOut(tuck_shop, filename_stem="tuck-shop")
    assert "<b>day</b>" in data_io.hint.value and "<b>answer</b>" in data_io.hint.value
    choose_file(data_io, "tuck.csv", "day,answer,count\n1,£1 bag,3\n".encode("cp1252"))
    assert "Imported 1 day." in data_io.message.value
    wire = page_end(data_io.downloader)
    data_io.to_csv.click()
    assert wire.sent[-1][1]["content"]["filename"] == "tuck-shop.csv"


def test_a_file_stopped_in_the_page_for_its_size_gets_the_engines_message(data_io):
    choose_file(data_io, "ours.csv", GOOD)
    data_io._helper.set_state({"refused": {"name": "all of year 5.xlsx", "size": 12 * 1024 * 1024, "at": 1}})
    assert ("“all of year 5.xlsx” is too big to import (12.0 MB): the most is 5.0 MB. Is it the right file?"
            in data_io.message.value)
    assert data_io.book.count("red") == 4


@pytest.mark.parametrize("forged", [{"name": "x.csv", "size": "lots"}, {"size": None}, {"name": "x.csv", "size": 10}])
def test_a_forged_refusal_changes_nothing(data_io, forged):
    data_io._helper.set_state({"refused": forged})
    assert data_io.message.value == "" and data_io.book.n_samples == 1


# --- real spreadsheets: which sheet, and which column is which ------------------------------------
def project_workbook():
    """A teacher's workbook: notes first, then the counts with a "Freq" column, then a spare sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Our Smarties project: counted on Tuesday"])
    counts = book.create_sheet("Counts")
    for row in [("Tube", "Colour", "Freq", "Notes"), (1, "Red", 4, ""), (1, "Brown", 2, "dark"), (2, "Blue", 3, "")]:
        counts.append(row)
    spare = book.create_sheet("Spare")
    for row in [("tube", "red", "blue"), (1, 9, 9)]:
        spare.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_with_several_sheets_names_the_sheet_and_offers_the_others(data_io):
    choose_file(data_io, "project.xlsx", project_workbook())
    assert "Imported 2 tubes. Used the sheet “Counts”." in data_io.message.value
    assert data_io.book.count("brown", 0) == 2 and data_io.book.count("blue", 1) == 3
    assert data_io.choices.layout.display == "" and data_io.sheet.layout.display == ""
    assert data_io.sheet._options_labels == ("Notes", "Counts", "Spare") and data_io.sheet.value == "Counts"
    assert data_io.count_column.value == "Freq" and data_io.category_column.value == "Colour"
    data_io.sheet.value = "Spare"
    data_io.again.click()
    assert "Imported 1 tube. Used the sheet “Spare”." in data_io.message.value
    assert data_io.book.n_samples == 1 and data_io.book.count("red") == 9


def test_an_unclear_file_opens_the_dropdowns_and_a_choice_imports_it(data_io):
    text = b"Colour,Freq,Who counted\nRed,4,Sam\nRed,2,Jo\nBlue,1,Jo\n"
    choose_file(data_io, "ours.csv", GOOD)
    choose_file(data_io, "who.csv", text)
    assert "Which column says which tube each row is? Please choose it." in data_io.message.value
    assert data_io.book.count("red") == 4  # the earlier file's counts, untouched
    assert data_io.choices.layout.display == "" and data_io.sheet.layout.display == "none"
    assert data_io.sample_column._options_labels == ("(find it for me)", "(all one tube)", "Colour", "Freq", "Who counted")
    assert data_io.sample_column.description == "Which column says the tube"
    data_io.sample_column.value = "Who counted"
    data_io.again.click()
    assert "Imported 2 tubes (1 Sam, 2 Jo)." in data_io.message.value
    assert data_io.book.counts(1)["blue"] == 1 and data_io.book.counts(0)["red"] == 4
    data_io.sample_column.value = "(all together)"
    data_io.again.click()
    assert "Imported 1 tube. Added up over Who counted." in data_io.message.value and data_io.book.count("red") == 6


def test_the_choices_can_be_opened_on_request_after_a_good_import(data_io):
    assert data_io.choose.layout.display == "none"  # nothing to choose before a file
    choose_file(data_io, "ours.csv", GOOD)
    assert data_io.choose.layout.display == "" and data_io.choices.layout.display == "none"
    assert data_io.choose.description == "Choose the sheet and columns" and data_io.choose.tooltip
    data_io.choose.click()
    assert data_io.choices.layout.display == "" and data_io.choose.description == "Hide the sheet and column choices"
    assert data_io.sample_column.value == "tube" and data_io.count_column.value == "count"
    data_io.choose.click()
    assert data_io.choices.layout.display == "none" and data_io.choose.description == "Choose the sheet and columns"


def test_a_file_with_nothing_to_choose_hides_the_choices(data_io):
    choose_file(data_io, "ours.csv", GOOD)
    choose_file(data_io, "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(40))
    assert data_io.choose.layout.display == "none" and data_io.choices.layout.display == "none"


def test_when_the_page_asks_for_a_column_the_lists_are_already_filled(data_io):
    """The page sends changes in the order they are made: a pupil who acts on "Please choose it" the moment it
    appears must find the lists filled and open, not filled again under their keys (the keyboard test's race)."""
    seen = []
    data_io.message.observe(lambda change: seen.append(
        (change["new"], data_io.sample_column._options_labels, data_io.sample_column.value,
         data_io.choices.layout.display)), names="value")
    choose_file(data_io, "who.csv", b"Colour,Freq,Who counted\nRed,4,Sam\nRed,2,Jo\n")
    asked = [s for s in seen if "Please choose it" in s[0]]
    assert asked, seen
    assert asked[0][1] == ("(find it for me)", "(all one tube)", "Colour", "Freq", "Who counted")
    assert asked[0][2] == "" and asked[0][3] == ""  # set to "(find it for me)", and shown
    seen.clear()
    choose_file(data_io, "ours.csv", GOOD)  # good news comes after the lists are set to what was used
    told = [s for s in seen if "Imported" in s[0]]
    assert told and told[0][2] == "tube"
