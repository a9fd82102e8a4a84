"""Everyday maths from home in a real Chromium, served by a real Voila: built only from its description."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROBIN = 5  # position of robin among the lab's birds, so of its bar while there is one home
BARS = ".classlab-chart .bargroup rect"
FAMILY = ("house sparrow,blue tit,starling,wood pigeon,blackbird,robin,goldfinch,great tit,other,Total\n"
          "12,5,0,4,6,3,0,2,1,33\n")


@pytest.fixture
def lab(page, labs_server):
    page.goto(labs_server.url("everyday_maths.ipynb"))
    page.wait_for_selector(BARS, state="attached", timeout=60_000)
    return page


def bar_height(page, index):
    return float(page.locator(BARS).nth(index).get_attribute("height"))


def test_the_lab_page_renders_in_its_own_words(lab):
    expect(lab.get_by_role("heading", name="Everyday maths from home")).to_be_visible()
    for heading in ["1. Count", "2. Make a chart that works", "3. Percentages", "4. What we found"]:
        expect(lab.get_by_role("heading", name=heading)).to_be_visible()
    expect(lab.get_by_role("button", name="Add one house sparrow")).to_be_visible()
    expect(lab.get_by_role("button", name="New home")).to_be_visible()
    expect(lab.get_by_label("Question 2")).to_be_visible()
    assert "Traceback" not in lab.content()


def test_tally_a_robin_by_click_grows_its_bar_and_the_percentages_respond(lab):
    before = bar_height(lab, ROBIN)
    add = lab.get_by_role("button", name="Add one robin")
    for _ in range(3):
        add.click()
    expect(lab.get_by_label("Number of robin")).to_have_value("3")
    expect(lab.get_by_role("img", name="3 tally marks for robin")).to_be_attached()
    expect(lab.get_by_text("Total in this home: 3")).to_be_visible()
    lab.wait_for_function(
        "([sel, i, h]) => { const r = document.querySelectorAll(sel)[i];"
        " return r && parseFloat(r.getAttribute('height')) > h; }",
        arg=[BARS, ROBIN, before], timeout=15_000)
    table = lab.get_by_role("table", name="Percentages")
    expect(table.get_by_role("row").filter(has_text="robin")).to_contain_text("100 %")
    lab.get_by_role("button", name="Add one blue tit").click()
    expect(table.get_by_role("row").filter(has_text="robin")).to_contain_text("75 %")
    expect(table.get_by_role("row").filter(has_text="blue tit")).to_contain_text("25 %")


def test_the_made_up_class_loads_with_its_28_homes(lab):
    lab.get_by_role("button", name="Load practice data").click()
    expect(lab.get_by_text("of 28")).to_be_visible()
    expect(lab.get_by_text("made up by a computer", exact=False).first).to_be_visible()  # one plain sentence
    assert "Traceback" not in lab.content()


def test_a_familys_spreadsheet_comes_in_as_one_home(lab, tmp_path):
    path = tmp_path / "our birds.csv"
    path.write_text(FAMILY, encoding="utf-8")
    with lab.expect_file_chooser() as chooser:
        lab.get_by_role("button", name="Import a CSV or Excel file", exact=True).click()
    chooser.value.set_files(str(path))
    expect(lab.get_by_role("status").filter(has_text="Imported 1 home.")).to_be_visible()
    expect(lab.get_by_label("Number of house sparrow")).to_have_value("12")
    expect(lab.get_by_text("Total in this home: 33")).to_be_visible()


def test_the_home_sheet_page_renders(page, labs_server):
    page.goto(labs_server.url("everyday_maths_home_sheet.ipynb"))
    expect(page.get_by_role("heading", name="Birds from home: our counting sheet")).to_be_visible(timeout=60_000)
    grid = page.get_by_role("table")
    expect(grid.get_by_role("row")).to_have_count(10)  # the header and one row for each of the 9 birds
    expect(grid.get_by_role("row").filter(has_text="goldfinch")).to_be_visible()
    expect(page.get_by_role("heading", name="A note for parents and carers")).to_be_visible()
    expect(page.get_by_text("Please don't write your child's name")).to_be_visible()
    assert "Traceback" not in page.content()
