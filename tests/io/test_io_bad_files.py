"""Bad files: each gets one short, specific message, and the counts already there stay exactly as they were."""
import io
import zipfile

import pytest
from openpyxl import Workbook

from classlab.io import MAX_BYTES, ImportProblem, import_into

SMARTIES_LIST = "red, orange, yellow, green, blue, pink, violet and brown"


def xlsx_bytes(rows):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

BAD = {
    "empty": (b"", "ours.csv",
              "“ours.csv” is empty: there's nothing in it to import."),
    "only commas": (b",,,\r\n,,,\r\n", "ours.csv",
                    "The file is empty: there's nothing in it to import."),
    "a picture renamed .csv": (PNG, "ours.csv",
                               "“ours.csv” isn't a CSV or Excel file: it looks like a PNG picture. "
                               "Please choose a .csv or .xlsx file."),
    "a PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "worksheet.pdf",
              "“worksheet.pdf” isn't a CSV or Excel file: it looks like a PDF document. Please choose a .csv or .xlsx file."),
    "a Word document": (zipped({"word/document.xml": "<w/>"}), "ours.docx",
                        "“ours.docx” isn't a CSV or Excel file: it is a Word document. In your spreadsheet choose "
                        "Save As → CSV or Excel Workbook (.xlsx), then import that."),
    "an old .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "ours.xls",
                    "“ours.xls” is an old-style Excel file (.xls) or one with a password. In your spreadsheet choose "
                    "Save As → Excel Workbook (.xlsx) or CSV, then import that."),
    "a damaged .xlsx": (b"PK\x03\x04" + b"\x14\x00" * 40, "ours.xlsx",
                        "That Excel file is damaged, so it can't be read. Try saving it again from your spreadsheet."),
    "random bytes": (bytes(range(256)) * 8, "ours.csv",
                     "“ours.csv” isn't a CSV or Excel file we can read. Please choose a .csv or .xlsx file."),
    "EBCDIC, from an old mainframe": ("tube,colour,count\n1,red,4\n".encode("cp500"), "ours.csv",
                                      "We couldn't read the letters in “ours.csv”. In your spreadsheet choose "
                                      "Save As → “CSV UTF-8”, then import that."),
    "Japanese Shift-JIS": ("チューブ,色,数\n1,赤,4\n".encode("shift_jis"), "ours.csv",
                           "We couldn't read the letters in “ours.csv”. In your spreadsheet choose "
                           "Save As → “CSV UTF-8”, then import that."),
    "wrong columns": (b"Tube,Flavour,Number\n1,mint,4\n", "ours.csv",
                      "The columns don't fit this lab. It needs tube, colour and count (or a tube column and one column "
                      "for each colour). Missing: colour. Found: Tube, Flavour and Number."),
    "no header at all": (b"1,red,4\n1,orange,6\n", "ours.csv",
                         "The columns don't fit this lab. It needs tube, colour and count (or a tube column and one "
                         "column for each colour). Missing: tube, colour and count. Found: 1, red and 4."),
    "column names only": (b"tube,colour,count\r\n", "ours.csv",
                          "The file has column names but no counts under them."),
    "text where a count goes": (b"tube,colour,count\n1,red,4\n1,orange,lots\n", "ours.csv",
                                "Row 3: “lots” isn't a number (the count for orange in tube 1). Counts are whole "
                                "numbers, like 7."),
    "text in Excel, row number as Excel shows it": (
        xlsx_bytes([("Our tubes",), (), ("tube", "colour", "count"), (1, "red", 4), (2, "red", "four")]), "ours.xlsx",
        "Row 5: “four” isn't a number (the count for red in tube 2). Counts are whole numbers, like 7."),
    "a blank count": (b"tube,red,orange\n1,4,\n", "ours.csv",
                      "Row 2 has no count for orange in tube 1. Type 0 if there were none."),
    "a negative count": (b"tube,colour,count\n1,red,-3\n", "ours.csv",
                         "Row 2: the count for red in tube 1 is -3, but a count can't be less than zero."),
    "a fraction": (b"tube,colour,count\n1,red,2.5\n", "ours.csv",
                   "Row 2: 2.5 isn't a whole number (the count for red in tube 1). You can't count part of one."),
    "a fraction in Excel": (xlsx_bytes([("tube", "red"), (1, 0.5)]), "ours.xlsx",
                            "Row 2: 0.5 isn't a whole number (the count for red in tube 1). You can't count part of one."),
    "far too many": (b"tube,colour,count\n1,red,5000\n", "ours.csv",
                     "Row 2: 5,000 red in one tube is a lot! The most we allow is 1,000: please check it."),
    "unknown colours": (b"tube,colour,count\n1,red,4\n1,purple,2\n2,Turquoise,1\n2,purple,3\n", "ours.csv",
                        "The file has colours this lab doesn't count: purple (row 3), Turquoise (row 4). "
                        f"This lab counts {SMARTIES_LIST}. Please check the spelling."),
    "an unknown colour column": (b"tube,red,purple\n1,4,2\n", "ours.csv",
                                 f"The file has colours this lab doesn't count: purple. This lab counts {SMARTIES_LIST}. "
                                 "Please check the spelling."),
    "a formula where a colour goes": (b'tube,colour,count\n1,"=HYPERLINK(""http://x.example"",""red"")",4\n', "ours.csv",
                                      "Row 2 has a formula (=HYPERLINK(\"http://x.ex…) where a colour goes. "
                                      "Please type the colour's name instead."),
    "a command formula": (b"tube,colour,count\n1,@SUM(1+1)*cmd|' /C calc'!A0,4\n", "ours.csv",
                          "Row 2 has a formula (@SUM(1+1)*cmd|' /C calc…) where a colour goes. "
                          "Please type the colour's name instead."),
    "a formula where a count goes": (b"tube,colour,count\n1,red,=2+2\n", "ours.csv",
                                     "Row 2 has a formula (=2+2) where the count for red in tube 1 goes. "
                                     "Please type the number itself."),
    "a tube that isn't a number": (b"tube,colour,count\nfirst,red,4\n", "ours.csv",
                                   "Row 2: “first” isn't a tube number. Tubes are numbered 1, 2, 3, … (up to 10,000)."),
    "tube zero": (b"tube,colour,count\n0,red,4\n", "ours.csv",
                  "Row 2: “0” isn't a tube number. Tubes are numbered 1, 2, 3, … (up to 10,000)."),
    "the same tube and colour twice": (b"tube,colour,count\n1,red,4\n2,red,1\n1,Red,5\n", "ours.csv",
                                       "Tube 1's red is in the file twice (rows 2 and 4). Please keep just one."),
    "the same tube twice (wide)": (b"tube,red\n1,4\n2,1\n1,5\n", "ours.csv",
                                   "Tube 1 is in the file twice (rows 2 and 4). Please keep just one."),
    "a colour with two columns": (b"tube,red,Red\n1,4,5\n", "ours.csv",
                                  "The colour Red has two columns. Please keep just one."),
    "a quote that never ends": (b'tube,colour,count\n1,red,4\n1,"orange,6\n' + b"x" * 140_000 + b"\n", "ours.csv",
                                "Row 3 of that CSV file is muddled (a quote mark \" that never ends?). "
                                "Please check it in a spreadsheet and save it again."),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_gets_a_kind_message_and_changes_nothing(counted, heard, case):
    data, name, message = BAD[case]
    before, current = counted.matrix().copy(), counted.current
    seen = heard(counted)
    with pytest.raises(ImportProblem) as problem:
        import_into(counted, data, name)
    assert str(problem.value) == message
    assert isinstance(problem.value, ValueError)
    assert (counted.matrix() == before).all() and counted.current == current
    assert seen == []


def test_too_big_a_file_says_the_limit(counted):
    data = b"tube,colour,count\n" + b"1,red,4\n" * (MAX_BYTES // 8 + 1)
    with pytest.raises(ImportProblem, match=r"^“huge.csv” is too big to import \(5.0 MB\): the most is 5.0 MB. "
                                            r"Is it the right file\?$"):
        import_into(counted, data, "huge.csv")
    assert counted.n_samples == 29


def test_too_many_rows_says_the_limit(counted):
    rows = "".join(f"{t},red,1\n" for t in range(1, 10_002))
    with pytest.raises(ImportProblem) as problem:
        import_into(counted, f"tube,colour,count\n{rows}".encode(), "long.csv")
    assert str(problem.value) == "The file has more than 10,000 rows: the most we can import is 10,000."
    assert counted.n_samples == 29


def test_too_many_rows_in_excel(counted):
    data = xlsx_bytes([("tube", "red"), *[(t, 1) for t in range(1, 10_002)]])
    with pytest.raises(ImportProblem, match="more than 10,000 rows"):
        import_into(counted, data, "long.xlsx")
    assert counted.n_samples == 29


def test_an_excel_file_that_would_unpack_to_a_huge_size(counted):
    """A zip bomb: small on disk, enormous once opened. Refused before openpyxl reads it."""
    data = zipped({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": "<" + " " * (60 * 1024 * 1024) + ">"})
    assert len(data) < MAX_BYTES
    with pytest.raises(ImportProblem, match=r"too big to import: it unpacks to 60.0 MB, and the most is 50.0 MB"):
        import_into(counted, data, "bomb.xlsx")
    assert counted.n_samples == 29


def test_messages_are_never_longer_than_a_few_lines():
    for data, name, message in BAD.values():
        assert len(message) <= 240, message
