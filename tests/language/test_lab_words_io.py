"""A lab's own words in the page's language (labs/locale/cy) where files come in and go out, and where the
board looks for a claim about every tube.

A Welsh page reads a file written with the lab's Welsh words (tiwb, lliw, coch) as the English keys the class
store keeps (tube, colour, red); what it exports keeps those English keys, so every page and program reads it.
"""
import csv
import io

import pytest
from openpyxl import load_workbook

from classlab.io import ImportProblem, import_into, read_table, to_csv_bytes, to_excel_bytes
from classlab.language import speaking
from tests.conftest import smarties_book


def test_a_welsh_page_reads_a_file_in_the_labs_welsh_words_as_the_english_keys():
    book = smarties_book()
    with speaking("cy"):
        done = import_into(book, "tiwb,lliw,count\n1,coch,3\n2,Oren,4\nTiwb 3,melyn,1\n".encode(), "ein data.csv")
        assert done.message == "Wedi mewnforio 3 tiwb."
    frame = book.to_frame()
    assert list(frame.columns) == ["tube", "colour", "count"]
    assert book.pooled()["red"] == 3 and book.pooled()["orange"] == 4 and book.pooled()["yellow"] == 1
    assert sum(book.pooled().values()) == 8 and book.n_samples == 3


def test_a_welsh_page_reads_a_wide_file_with_welsh_colours_and_the_plural_column():
    with speaking("cy"):
        frame, layout = read_table(smarties_book(), "tiwbiau,coch,glas\n1,2,5\n2,0,1\n".encode(), "llydan.csv")
    assert layout == "wide"
    assert frame.set_index(["tube", "colour"])["count"].to_dict()[(1, "red")] == 2
    assert frame.set_index(["tube", "colour"])["count"].to_dict()[(1, "blue")] == 5


def test_a_welsh_page_still_reads_an_english_file_and_an_english_page_knows_no_welsh():
    with speaking("cy"):
        frame, _ = read_table(smarties_book(), b"tube,colour,count\n1,red,3\n", "english.csv")
    assert frame.set_index(["tube", "colour"])["count"][(1, "red")] == 3
    with speaking("en_GB"), pytest.raises(ImportProblem, match="The file has colours this lab doesn't count: coch"):
        import_into(smarties_book(), "tube,colour,count\n1,coch,3\n".encode(), "welsh.csv")


def test_what_a_welsh_page_exports_keeps_the_english_columns_and_values():
    book = smarties_book()
    with speaking("cy"):
        import_into(book, "tiwb,lliw,count\n1,coch,3\n".encode(), "ein data.csv")
        made_csv, made_excel = to_csv_bytes(book), to_excel_bytes(book)
    rows = list(csv.reader(io.StringIO(made_csv.decode("utf-8-sig"))))
    assert rows[0] == ["tube", "colour", "count"] and rows[1] == ["1", "red", "3"]
    assert not any(word in made_csv.decode("utf-8-sig") for word in ("tiwb", "lliw", "coch", "oren"))
    with speaking("en_GB"):
        assert made_csv == to_csv_bytes(book)  # byte for byte what an English page makes
    workbook = load_workbook(io.BytesIO(made_excel))
    assert workbook.sheetnames == ["Counts", "Tubes"]
    assert [c.value for c in workbook["Counts"][1]] == ["tube", "colour", "count"]
    assert [c.value for c in workbook["Tubes"][1]] == ["tube", "red", "orange", "yellow", "green", "blue", "pink",
                                                       "violet", "brown", "Total"]
    again = smarties_book()
    with speaking("en_GB"):
        import_into(again, made_excel, "ours.xlsx")  # an English page reads it back
    assert again.pooled()["red"] == 3


def test_the_import_box_names_the_columns_in_the_labs_welsh_words():
    from widgets.data_io import DataInOut

    with speaking("cy"):
        box = DataInOut(smarties_book())
    assert "<b>tiwb</b>" in box.hint.value and "<b>lliw</b>" in box.hint.value
    assert box.sample_column.description.endswith(" tiwb") and box.category_column.description.endswith(" lliw")
    with speaking("en_GB"):
        english = DataInOut(smarties_book())
    assert "<b>tube</b>" in english.hint.value and "<b>colour</b>" in english.hint.value


def test_the_board_spots_every_tube_in_english_and_pob_tiwb_on_a_welsh_page():
    """The Welsh words for "every" and "always" come from the catalogue (misconceptions.EVERY_WORDS), with the
    lab's Welsh word (tiwb) after them; an English page spots only the English words."""
    from classlab.misconceptions import find
    from tests.engine.test_engine_misconceptions import ONE, work

    claims = [work("A", ONE, words=["Mae gan pob tiwb fwy o felyn"]), work("B", ONE, words=["Every tube has 8 brown"])]
    with speaking("en_GB"):
        assert [m.groups for m in find(claims) if m.key == "one_sample"] == [["B"]]
    claims.append(work("C", ONE, words=["Mae gan y Smarties wastad fwy o goch"]))
    claims.append(work("D", [[5, 3, 7, 8, 2, 3, 7, 8]] * 2, words=["pob tiwb yr un fath"]))  # two counted: no sign
    with speaking("cy"):
        (found,) = [m for m in find(claims) if m.key == "one_sample"]
    assert found.groups == ["A", "B", "C"]
    assert found.signs[0].evidence == "wedi ysgrifennu “Mae gan pob tiwb fwy o felyn” gyda dim ond un tiwb wedi'i gyfrif"
