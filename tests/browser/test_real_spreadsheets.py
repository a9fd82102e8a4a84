"""Teachers' real spreadsheets through the Smarties lab's upload control, in a real Chromium.

A workbook with a notes sheet first, a "Freq" column and formulas (with the answers Excel saves
beside them); a CSV that doesn't say which column is the tube, put right with the page's dropdowns.
"""
import io
import re
import zipfile

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

IMPORT = "Import a CSV or Excel file"
AGAIN = "Import again with these choices"
WAIT = 30_000  # a kernel on a busy two-core machine


def project_workbook(path):
    """Notes first, then "Counts" (Freq column, formulas with saved answers), then a spare sheet."""
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Our Smarties project"])
    book.active.append(["We counted in pairs on Tuesday."])
    counts = book.create_sheet("Counts")
    for row in [("Tube", "Colour", "Freq", "Notes"), (1, "Red", "=2+2", ""), (1, "Brown", 2, "dark"),
                (2, "Blue", "=1+2", "")]:
        counts.append(row)
    spare = book.create_sheet("Spare")
    for row in [("tube", "red", "blue"), (1, 9, 7)]:
        spare.append(row)
    out = io.BytesIO()
    book.save(out)
    # Excel keeps each formula's answer in the file (openpyxl doesn't): write them in as Excel does.
    saved = io.BytesIO()
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = re.sub(rb"(<c r=\"C2\"[^>]*><f>[^<]*</f>)<v ?/>", rb"\g<1><v>4</v>", content)
                content = re.sub(rb"(<c r=\"C4\"[^>]*><f>[^<]*</f>)<v ?/>", rb"\g<1><v>3</v>", content)
                assert content.count(b"<v>4</v>") == 1 and content.count(b"<v>3</v>") == 1
            new.writestr(item, content)
    path.write_bytes(saved.getvalue())
    return path


@pytest.fixture
def lab(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    return page


def choose(page, path):
    """Pick a file the way a pupil does: the Import button opens the browser's file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=IMPORT, exact=True).click()
    chooser.value.set_files(str(path))


def status(page, text):
    return page.get_by_role("status").filter(has_text=text)


def test_a_workbook_with_a_notes_sheet_names_the_sheet_and_another_can_be_chosen(lab, tmp_path):
    choose(lab, project_workbook(tmp_path / "our project.xlsx"))
    expect(status(lab, "Imported 2 tubes. Used the sheet “Counts”.")).to_be_visible(timeout=WAIT)
    expect(lab.get_by_label("Number of red")).to_have_value("4", timeout=WAIT)  # a formula's saved answer
    expect(lab.get_by_label("Number of brown")).to_have_value("2")
    expect(lab.get_by_text("Total in this tube: 6")).to_be_visible()
    sheet = lab.get_by_label("Sheet to use")
    expect(sheet).to_be_visible()
    expect(sheet).to_have_value("Counts")
    sheet.select_option("Spare")
    expect(lab.locator(".classlab-import-chosen")).to_contain_text("the sheet: Spare", timeout=WAIT)
    lab.get_by_role("button", name=AGAIN).click()
    expect(status(lab, "Imported 1 tube. Used the sheet “Spare”.")).to_be_visible(timeout=WAIT)
    expect(lab.get_by_label("Number of red")).to_have_value("9", timeout=WAIT)
    expect(lab.get_by_label("Number of blue")).to_have_value("7")
    assert "Traceback" not in lab.content()


def test_an_unclear_file_is_put_right_with_the_dropdowns_by_keyboard(lab, tmp_path):
    lab.get_by_role("button", name="Add one pink").click()
    path = tmp_path / "who counted.csv"
    path.write_bytes("Colour,Freq,Who counted\r\nRed,4,Sam\r\nRed,2,Jo\r\nBlue,\"1,000\",Jo\r\n".encode("utf-8-sig"))
    choose(lab, path)
    expect(status(lab, "Which column says which tube each row is? Please choose it.")).to_be_visible(timeout=WAIT)
    expect(lab.get_by_label("Number of pink")).to_have_value("1")  # nothing half-imported
    tube_column = lab.get_by_label("Which column says the tube")
    expect(tube_column).to_be_visible()
    from axe_playwright_python.sync_playwright import Axe

    judged = Axe().run(lab, context=".classlab-import-choices").response  # the dropdowns, judged by axe-core
    assert {"select-name", "button-name"} <= {rule["id"] for rule in judged["passes"]}  # it judged the dropdowns
    assert judged["violations"] == [], [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in judged["violations"]]
    tube_column.select_option(label="Who counted")
    expect(lab.locator(".classlab-import-chosen")).to_contain_text("the tube: Who counted", timeout=WAIT)
    again = lab.get_by_role("button", name=AGAIN)
    again.focus()
    lab.keyboard.press("Enter")
    expect(status(lab, "Imported 2 tubes (1 Sam, 2 Jo).")).to_be_visible(timeout=WAIT)
    expect(lab.get_by_label("Number of red")).to_have_value("4", timeout=WAIT)
    expect(lab.get_by_label("Number of pink")).to_have_value("0")
    lab.get_by_role("button", name="Next tube").click()
    expect(lab.get_by_label("Number of blue")).to_have_value("1000", timeout=WAIT)


def test_by_keyboard_alone_a_familys_garden_count_is_put_right(page, labs_server, tmp_path):
    """The everyday maths lab: a family's sheet names its gardens, not homes; choose the column with the keys."""
    page.goto(labs_server.url("everyday_maths.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    path = tmp_path / "garden birds.csv"
    path.write_text("Bird,Garden,How many,Date\nrobin,Sam's,2,1 May\nblackbird,Sam's,1,1 May\nrobin,Jo's,3,2 May\n",
                    encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=IMPORT, exact=True).focus()
        page.keyboard.press("Enter")
    chooser.value.set_files(str(path))
    expect(status(page, "Which column says which home each row is? Please choose it.")).to_be_visible(timeout=WAIT)
    homes = page.get_by_label("Which column says the home")
    homes.focus()
    for _ in range(3):  # (find it for me), (all one home), Bird, Garden
        page.keyboard.press("ArrowDown")
    # The page says back what it will use once the kernel has the choice (a click can overtake a choice in flight),
    # and the list still shows it: nothing the kernel sent after the keys put it back.
    expect(page.locator(".classlab-import-chosen")).to_contain_text("the home: Garden", timeout=WAIT)
    assert homes.evaluate("s => s.options[s.selectedIndex].text") == "Garden"
    page.keyboard.press("Tab")
    expect(page.get_by_label("Which column says the bird")).to_be_focused()
    page.get_by_role("button", name=AGAIN).focus()
    page.keyboard.press("Enter")
    expect(status(page, "Imported 2 homes (1 Sam's, 2 Jo's).")).to_be_visible(timeout=WAIT)
    expect(page.get_by_label("Number of robin")).to_have_value("2", timeout=WAIT)
    expect(page.get_by_label("Number of blackbird")).to_have_value("1")
