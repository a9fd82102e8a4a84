"""Tables teachers really have: "Freq" columns, extra columns, places instead of tube numbers, formulas, notes sheets.

Every file here is a real file: CSVs written as spreadsheets export them (BOM, CRLF, ";"), workbooks
built by openpyxl. openpyxl saves formulas with no answers; Excel and LibreOffice save the answer
beside each formula, so `answers_saved` writes it into the sheet's XML as they do (LibreOffice is
not installed here to save one for real).
"""
import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from tests.conftest import smarties_book
from classlab import SMARTIES, Categories, Category, TallyBook
from classlab.io import ALL_TOGETHER, EACH_ROW, Imported, ImportProblem, _a, import_into, read_table

PENGUINS = Categories([Category(n) for n in ["Adelie", "Chinstrap", "Gentoo"]])


@pytest.fixture
def islands():
    """A custom lab: which penguin species live on which island (the palmerpenguins data)."""
    return TallyBook(PENGUINS, category_label="species", sample_label="island")


def exported(text, encoding="utf-8-sig"):
    """A CSV as Excel's "CSV UTF-8" writes it: a BOM and CRLF line ends."""
    return text.replace("\n", "\r\n").encode(encoding)


def workbook(sheets):
    """An .xlsx with the given sheets, in order: {title: rows}."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def answers_saved(data, answers):
    """The workbook as Excel saves it: each formula cell keeps its answer (`<v>4</v>`) beside the formula."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                xml = content.decode()
                for cell, value in answers.items():
                    xml, n = re.subn(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v ?/>', rf"\g<1><v>{value}</v>", xml)
                    assert n == 1, f"no formula in {cell}"
                content = xml.encode()
            new.writestr(item, content)
    return out.getvalue()


def refused(book, data, name, **choose):
    """The problem a file gets, after checking the book is exactly as it was."""
    before, samples = book.matrix().copy(), book.n_samples
    with pytest.raises(ImportProblem) as problem:
        import_into(book, data, name, **choose)
    assert (book.matrix() == before).all() and book.n_samples == samples
    assert len(str(problem.value)) <= 240, str(problem.value)
    return problem.value


# --- 1. a count column called Freq (or n, Count, …) and extra columns ----------------------------
def test_freq_and_a_guess_column_that_once_made_a_data_row_the_header(samples):
    """Before: "The colour Brown has two columns" (row 2, with Brown twice, was taken for the header)."""
    text = "Tube,Colour,Freq,Guess\n1,Brown,3,Brown\n1,Red,4,Blue\n2,Blue,2,Blue\n"
    done = import_into(samples, exported(text), "tally.csv")
    assert done.message == "Imported 2 tubes."
    assert samples.counts(0) == {**dict.fromkeys(SMARTIES.names, 0), "brown": 3, "red": 4}
    assert samples.counts(1) == {**dict.fromkeys(SMARTIES.names, 0), "blue": 2}


@pytest.mark.parametrize("name", ["Freq", "n", "N", "Count", "FREQUENCY", "Number", "Total", "Amount", "Tally",
                                  "number of sweets", "How many"])
def test_every_usual_name_for_the_count_column(samples, name):
    text = f"Tube,Colour,{name},Notes\n1,red,4,first go\n1,orange,6,\n2,blue,3,squashed\n"
    import_into(samples, exported(text), "tally.csv")
    assert samples.count("orange", 0) == 6 and samples.count("blue", 1) == 3 and samples.n_samples == 2


def test_semicolons_from_excel_in_europe_with_a_bom(samples):
    text = "Tube;Colour;Frequency;Notes\n1;Red;4;\n1;Brown;2;dark\n"
    import_into(samples, exported(text), "tally.csv")
    assert samples.count("red") == 4 and samples.count("brown") == 2


def test_one_tally_with_no_tube_column_is_one_tube(samples):
    done = import_into(samples, exported("Colour,Freq\nRed,4\nBrown,2\n"), "one tube.csv")
    assert done.message == "Imported 1 tube." and samples.count("red") == 4 and samples.count("brown") == 2


def test_a_colour_column_with_another_name_is_found_by_what_is_in_it(samples):
    import_into(samples, exported("Tube,Smartie colour,n\n1,Red,4\n2,Pink,1\n"), "tally.csv")
    assert samples.count("red", 0) == 4 and samples.count("pink", 1) == 1


def test_a_list_of_sweets_one_per_row_is_counted(samples):
    done = import_into(samples, exported("Tube,Colour\n1,red\n1,red\n1,blue\n2,pink\n"), "sweets.csv")
    assert done.each_row and done.message == "Imported 2 tubes. Each row counted as one."
    assert samples.count("red", 0) == 2 and samples.count("blue", 0) == 1 and samples.count("pink", 1) == 1


# --- 5. thousands separators -----------------------------------------------------------------
@pytest.mark.parametrize("cell, count", [('"1,000"', 1000), ('"2,500"', 2500), ("1 200", 1200), ("1\u00a0200", 1200)])
def test_thousands_separators_make_a_whole_number(cell, count):
    survey = smarties_book(limit=5000)
    import_into(survey, exported(f"tube,colour,count\n1,red,{cell}\n1,blue,2\n"), "big.csv")
    assert survey.count("red") == count and survey.count("blue") == 2


def test_a_decimal_comma_is_still_not_a_whole_number(samples):
    problem = refused(samples, b"tube,colour,count\n1,red,\"2,5\"\n", "ours.csv")
    assert str(problem) == "Row 2: 2,5 isn't a whole number (the count for red in tube 1). You can't count part of one."


# --- 2. a category by a place, and saying which column is which -----------------------------------
PENGUIN_COUNTS = ("species,island,sex,n\nAdelie,Torgersen,male,23\nAdelie,Torgersen,female,24\n"
                  "Adelie,Biscoe,male,22\nAdelie,Biscoe,female,22\nGentoo,Biscoe,female,58\nGentoo,Biscoe,male,61\n"
                  "Adelie,Dream,male,28\nChinstrap,Dream,female,34\nChinstrap,Dream,male,34\nAdelie,Dream,female,27\n")


def test_species_by_island_numbers_the_islands_and_adds_up_over_sex(islands):
    """Before: "“Biscoe” isn't a island number"."""
    done = import_into(islands, exported(PENGUIN_COUNTS), "penguins.csv")
    assert done.message == "Imported 3 islands (1 Torgersen, 2 Biscoe, 3 Dream). Added up over sex."
    assert islands.matrix().tolist() == [[47, 0, 0], [44, 0, 119], [55, 68, 0]]


def test_a_row_in_twice_is_still_refused_when_it_repeats_everything(islands):
    text = PENGUIN_COUNTS + "Adelie,Biscoe,male,22\n"
    problem = refused(islands, exported(text), "penguins.csv")
    assert str(problem) == "Biscoe's Adelie is in the file twice (rows 4 and 12). Please keep just one."


def test_one_penguin_a_row_asks_which_column_has_the_counts_then_counts_rows(islands):
    """palmerpenguins itself: one row per penguin, and a "year" of whole numbers that is not a count."""
    raw = ("species,island,bill_length_mm,body_mass_g,sex,year\n"
           "Adelie,Torgersen,39.1,3750,male,2007\nAdelie,Torgersen,NA,NA,NA,2007\n"
           "Gentoo,Biscoe,46.1,4500,female,2007\nChinstrap,Dream,46.5,3500,female,2007\nGentoo,Biscoe,50,5700,male,2008\n")
    problem = refused(islands, exported(raw), "penguins_raw.csv")
    assert str(problem) == "Which column has the counts? Please choose it."
    assert problem.choices.unclear == ("count",)
    assert problem.choices.columns == ("species", "island", "bill_length_mm", "body_mass_g", "sex", "year")
    assert problem.choices.sample_column == "island" and problem.choices.category_column == "species"
    done = import_into(islands, exported(raw), "penguins_raw.csv", count_column=EACH_ROW)
    assert done.message == "Imported 3 islands (1 Torgersen, 2 Biscoe, 3 Dream). Each row counted as one."
    assert islands.matrix().tolist() == [[2, 0, 0], [0, 0, 2], [0, 1, 0]]


def test_species_by_island_as_a_wide_table(islands):
    text = "Island,Adelie,Chinstrap,Gentoo\nBiscoe,44,0,124\nDream,56,68,0\nTorgersen,52,0,0\nTotal,152,68,124\n"
    done = import_into(islands, exported(text), "wide.csv")
    assert done.message == "Imported 3 islands (1 Biscoe, 2 Dream, 3 Torgersen)."
    assert islands.matrix().tolist() == [[44, 0, 124], [56, 68, 0], [52, 0, 0]]


def test_a_place_among_numbers_says_an_island_with_the_right_grammar(islands):
    problem = refused(islands, exported("species,island,n\nAdelie,1,20\nAdelie,Biscoe,22\n"), "mixed.csv")
    assert str(problem) == ("Row 3: “Biscoe” isn't an island number. "
                            "Islands are numbered 1, 2, 3, … (up to 10,000).")


def test_one_word_where_every_tube_number_goes_is_a_slip_not_a_place(samples):
    problem = refused(samples, b"tube,colour,count\nfirst,red,4\nfirst,blue,2\n", "ours.csv")
    assert str(problem) == "Row 2: “first” isn't a tube number. Tubes are numbered 1, 2, 3, … (up to 10,000)."


GARDENS = ("Bird species,Garden,How much,Date\nrobin,Sam's,2,1 May\nblackbird,Sam's,1,1 May\n"
           "robin,Jo's,3,2 May\nrobin,Jo's,1,3 May\n")


@pytest.fixture
def homes():
    return TallyBook(Categories([Category("robin"), Category("blackbird")]), category_label="bird", sample_label="home")


def test_an_unclear_file_asks_which_column_is_the_sample_and_a_choice_imports_it(homes):
    problem = refused(homes, exported(GARDENS), "garden birds.csv")
    assert str(problem) == "Which column says which home each row is? Please choose it."
    assert problem.choices.unclear == ("sample",)
    assert problem.choices.category_column == "Bird species" and problem.choices.count_column == "How much"
    done = import_into(homes, exported(GARDENS), "garden birds.csv", sample_column="garden")  # any case
    assert done.message == "Imported 2 homes (1 Sam's, 2 Jo's). Added up over Date."
    assert homes.matrix().tolist() == [[2, 1], [4, 0]]
    assert done.choices.sample_column == "Garden" and done.choices.count_column == "How much"


def test_choosing_every_column_and_all_together(homes):
    done = import_into(homes, exported(GARDENS), "garden birds.csv", sample_column=ALL_TOGETHER,
                       category_column="Bird species", count_column="How much")
    assert done.message == "Imported 1 home. Added up over Garden and Date." and homes.counts() == {"robin": 6, "blackbird": 1}
    frame, layout = read_table(homes, exported(GARDENS), "g.csv", sample_column="Date", category_column="Bird species",
                               count_column=EACH_ROW)
    assert layout == "long" and frame["count"].tolist() == [1, 1, 1, 0, 1, 0]  # 1 May, 2 May, 3 May


def test_choices_that_cannot_work_get_kind_messages(homes):
    assert str(refused(homes, exported(GARDENS), "g.csv", sample_column="Gardens")) == (
        "There's no column called “Gardens”. Please choose again.")
    assert str(refused(homes, exported(GARDENS), "g.csv", sample_column="Garden", category_column="Garden")) == (
        "One column can't be two things: please choose a different column for each.")
    problem = refused(homes, exported(GARDENS), "g.csv", sample_column="Garden", category_column="Date")
    assert str(problem).startswith("The file has birds this lab doesn't count: 1 May (row 2), 2 May (row 4)")
    assert problem.choices.columns == ("Bird species", "Garden", "How much", "Date")


def test_the_chosen_column_wins_over_the_names(samples):
    """A teacher may know better: "Tube" here is the shop's batch, and each group's "Box" is the sample."""
    text = "Tube,Box,Colour,Count\nA,1,red,4\nA,2,red,5\nB,2,blue,1\n"
    import_into(samples, exported(text), "boxes.csv", sample_column="Box")
    assert samples.count("red", 0) == 4 and samples.count("red", 1) == 5 and samples.count("blue", 1) == 1


# --- 3. formulas in Excel ---------------------------------------------------------------------
FORMULA_ROWS = [("Tube", "Colour", "Count"), (1, "red", "=2+2"), (1, "blue", "=SUM(1,2)"), (2, "red", 5)]


def test_a_formula_saved_without_its_answer_is_named_as_a_formula(samples):
    """Before: "Row 2 has no count" (openpyxl keeps no answers; data_only then reads None)."""
    data = workbook({"Counts": FORMULA_ROWS})
    problem = refused(samples, data, "formulas.xlsx")
    assert str(problem) == ("Row 2's count for red in tube 1 is a formula (=2+2), and the file has no answer saved for it. "
                            "Please open the file in your spreadsheet, save it, and import it again.")


def test_a_formula_with_its_answer_saved_imports_the_answer(samples):
    data = answers_saved(workbook({"Counts": FORMULA_ROWS}), {"C2": 4, "C3": 3})
    assert import_into(samples, data, "formulas.xlsx").message == "Imported 2 tubes."
    assert samples.count("red", 0) == 4 and samples.count("blue", 0) == 3 and samples.count("red", 1) == 5


def test_tube_numbers_made_by_a_formula(samples):
    rows = [("Tube", "red", "blue"), (1, 4, 2), ("=A2+1", 3, 3)]
    problem = refused(samples, workbook({"Tubes": rows}), "numbered.xlsx")
    assert str(problem).startswith("Row 3's tube is a formula (=A2+1), and the file has no answer saved for it.")
    import_into(samples, answers_saved(workbook({"Tubes": rows}), {"A3": 2}), "numbered.xlsx")
    assert samples.n_samples == 2 and samples.count("blue", 1) == 3


# --- 4. which sheet --------------------------------------------------------------------------
NOTES = [("Our Smarties project",), ("We counted in pairs on Tuesday.",)]
COUNTS = [("tube", "colour", "count"), (1, "red", 4), (2, "blue", 3)]
WIDE = [("tube", "red", "blue"), (1, 9, 9)]


def test_a_notes_sheet_first_and_the_message_names_the_sheet_used(samples):
    data = workbook({"Notes": NOTES, "Counts": COUNTS, "Spare": WIDE})
    done = import_into(samples, data, "project.xlsx")
    assert done.message == "Imported 2 tubes. Used the sheet “Counts”."
    assert done.choices.sheets == ("Notes", "Counts", "Spare") and done.choices.sheet == "Counts"
    done = import_into(samples, data, "project.xlsx", sheet="Spare")
    assert done.message == "Imported 1 tube. Used the sheet “Spare”." and samples.count("red") == 9


def test_a_sheet_that_is_not_there_or_holds_only_notes(samples):
    data = workbook({"Notes": NOTES, "Counts": COUNTS})
    problem = refused(samples, data, "project.xlsx", sheet="Totals")
    assert str(problem) == "That file has no sheet called “Totals”. Its sheets are “Notes” and “Counts”."
    assert problem.choices.sheets == ("Notes", "Counts")
    problem = refused(samples, data, "project.xlsx", sheet="Notes")
    assert str(problem).startswith("In the sheet “Notes”, the columns don't fit this lab.")
    assert problem.choices.sheets == ("Notes", "Counts") and problem.choices.sheet == "Notes"


def test_a_table_that_doesnt_fit_is_looked_for_past_the_notes_and_the_sheet_is_named(samples):
    data = workbook({"Notes": NOTES, "Ours": [("Tube", "Flavour", "Number"), (1, "mint", 4)]})
    problem = refused(samples, data, "project.xlsx")
    assert str(problem) == ("In the sheet “Ours”, the columns don't fit this lab. It needs tube, colour and count "
                            "(or a tube column and one column for each colour). Missing: colour. "
                            "Found: Tube, Flavour and Number.")
    assert problem.choices.sheet == "Ours" and problem.choices.columns == ("Tube", "Flavour", "Number")


def test_a_one_sheet_workbook_says_no_more_than_before(samples):
    done = import_into(samples, workbook({"Sheet1": COUNTS}), "one.xlsx")
    assert done.message == "Imported 2 tubes." and done.sheet is None


# --- words -----------------------------------------------------------------------------------
@pytest.mark.parametrize("word, said", [("tube", "a tube"), ("island", "an island"), ("home", "a home"),
                                        ("unicorn", "a unicorn"), ("hour", "an hour"), ("egg box", "an egg box"),
                                        ("one-pound bag", "a one-pound bag")])
def test_a_or_an(word, said):
    assert _a(word) == said


def test_one_island_is_singular():
    assert Imported(1, "long", "island", sample_names=("Dream",)).message == "Imported 1 island (1 Dream)."
    many = Imported(7, "long", "home", sample_names=tuple("ABCDEFG"), added_over=("sex", "year"))
    assert many.message == "Imported 7 homes (1 A, 2 B, 3 C, 4 D, 5 E and 2 more). Added up over sex and year."


# --- wide tables with extra columns ------------------------------------------------------------
def test_a_wide_table_with_a_notes_column_and_places_in_a_column_of_another_name(islands):
    text = "Place,Adelie,Gentoo,Notes\nBiscoe,44,124,windy\nDream,56,0,\n"
    done = import_into(islands, exported(text), "wide.csv")
    assert done.message == "Imported 2 islands (1 Biscoe, 2 Dream)." and done.choices.sample_column == "Place"
    assert islands.matrix().tolist() == [[44, 0, 124], [56, 0, 0]]


def test_a_wide_table_with_two_columns_of_names_asks_which_is_the_island(islands):
    text = "Place,Adelie,Gentoo,Group\nBiscoe,44,124,A\nDream,56,0,B\n"
    problem = refused(islands, exported(text), "wide.csv")
    assert str(problem) == "Which column says which island each row is? Please choose it."
    import_into(islands, exported(text), "wide.csv", sample_column="Place")
    assert islands.matrix().tolist() == [[44, 0, 124], [56, 0, 0]]


def test_a_column_of_numbers_for_a_colour_this_lab_doesnt_count_is_still_refused(samples):
    problem = refused(samples, exported("Tube,Red,Blue,Purple,Notes\n1,4,2,1,hi\n"), "wide.csv")
    assert str(problem).startswith("The file has colours this lab doesn't count: Purple.")


def test_two_columns_of_colours_ask_about_the_colour_and_the_counts_at_once(samples):
    text = "Box,Shade,Amount seen,Guess\n1,Brown,3,Red\n1,Red,2,Red\n"
    problem = refused(samples, exported(text), "guesses.csv")
    assert str(problem) == "Which column says the colour and which column has the counts? Please choose them."
    assert problem.choices.unclear == ("category", "count")
    import_into(samples, exported(text), "guesses.csv", sample_column="Box", category_column="Shade",
                count_column="Amount seen")
    assert samples.counts() == {**dict.fromkeys(SMARTIES.names, 0), "brown": 3, "red": 2}


# --- pivot tables and rows of totals ----------------------------------------------------------
def test_a_pivot_table_of_one_column_with_its_grand_total(samples):
    """Excel's pivot table of the colours: "Row Labels", "Count of Colour", and a "Grand Total" row."""
    data = workbook({"Sheet2": [("Row Labels", "Count of Colour"), ("red", 4), ("blue", 2), ("Grand Total", 6)]})
    assert import_into(samples, data, "pivot.xlsx").message == "Imported 1 tube."
    assert samples.counts() == {**dict.fromkeys(SMARTIES.names, 0), "red": 4, "blue": 2}


def test_a_pivot_table_of_tubes_by_colour_with_blanks_for_none(samples):
    rows = [("Sum of Freq", "Column Labels"), ("Row Labels", "red", "blue", "Grand Total"), (1, 4, None, 4),
            (2, 1, 2, 3), ("Grand Total", 5, 2, 7)]
    data = workbook({"Pivot": rows, "Data": [("Tube", "Colour", "Freq"), (1, "red", 4)]})
    done = import_into(samples, data, "pivot.xlsx")
    assert done.message == "Imported 2 tubes. Used the sheet “Pivot”."
    assert samples.matrix()[:, [0, 4]].tolist() == [[4, 0], [1, 2]]


def test_a_total_row_under_a_long_table_is_left_out(samples):
    import_into(samples, exported("tube,colour,count\n1,red,4\n2,blue,2\nTotal,,6\n"), "with total.csv")
    assert samples.n_samples == 2 and samples.pooled() == {**dict.fromkeys(SMARTIES.names, 0), "red": 4, "blue": 2}


def test_counts_added_up_past_the_most_allowed_are_refused_kindly(islands):
    text = "species,island,sex,n\nAdelie,Biscoe,male,600\nAdelie,Biscoe,female,500\nGentoo,Dream,male,3\n"
    problem = refused(islands, exported(text), "big.csv")
    assert str(problem) == ("Added up, that makes 1,100 Adelie in Biscoe, which is a lot! "
                            "The most we allow is 1,000: please check it.")


# --- a dice lab, whose faces look like numbers -------------------------------------------------
@pytest.fixture
def dice():
    return TallyBook(Categories([Category(str(f)) for f in range(1, 7)]), category_label="face", sample_label="set of throws")


@pytest.mark.parametrize("text, table", [
    ("Face,Freq\n1,3\n2,5\n6,1\n", [[3, 5, 0, 0, 0, 1]]),  # the row "1,3" looks like faces 1 and 3, but is data
    ("Throws,Freq\n1,3\n2,5\n", [[3, 5, 0, 0, 0, 0]]),  # the faces found by what is in the column
    ("Set,Face,Freq\n1,1,3\n1,2,5\n2,6,1\n", [[3, 5, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1]]),  # "Set" for sets of throws
    ("1,2,3,4,5,6\n3,1,2,0,2,2\n1,1,1,1,1,1\n", [[3, 1, 2, 0, 2, 2], [1, 1, 1, 1, 1, 1]]),
])
def test_dice_faces_are_never_mistaken_for_the_column_names(dice, text, table):
    import_into(dice, exported(text), "dice.csv")
    assert dice.matrix().tolist() == table


def test_a_column_of_repeating_numbers_may_be_the_sets_so_it_asks(dice):
    problem = refused(dice, exported("Round,Face,Freq\n1,1,3\n1,2,5\n2,6,1\n"), "dice.csv")
    assert str(problem) == "Which column says which set of throws each row is? Please choose it."
    import_into(dice, exported("Round,Face,Freq\n1,1,3\n1,2,5\n2,6,1\n"), "dice.csv", sample_column="Round")
    assert dice.n_samples == 2 and dice.count("6", 1) == 1


def test_species_is_the_same_for_many(islands):
    problem = refused(islands, exported("species,island,n\nEmperor,Biscoe,2\nAdelie,Dream,3\n"), "p.csv")
    assert str(problem).startswith("The file has species this lab doesn't count: Emperor (row 2).")
