"""Labs made only from a description, in a real Chromium: a class survey and a fair-dice chart."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from classlab.lab_format import notebook_json

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SURVEY = """\
title: Our class survey
description: Choose a question, ask everyone, and make the chart that answers it best.
questions:
  - What did most people answer?
ages: 8 to 11
curriculum: KS2 statistics
time: 1 hour
counting: {sample: class, category: answer, thing: answer, limit: 40, categories: chosen by the class}
widgets: [join, tally, {chart: {view: pooled}}, findings]
"""
DICE = """\
title: Is it a fair dice?
description: Throw a dice lots of times and find out whether every face comes up as often.
questions:
  - Does every face come up as often as the others?
ages: 9 to 12
curriculum: KS2 statistics
time: 1 hour
counting:
  sample: set of throws
  category: face
  thing: throw
  limit: 100
  categories: [{name: "1"}, {name: "2"}, {name: "3"}, {name: "4"}, {name: "5"}, {name: "6"}]
widgets: [tally, {chart: {view: pooled, fair_line: offer}}]
"""


@pytest.fixture
def labs(tmp_path) -> Path:
    import nbformat

    folder = tmp_path / "labs"
    folder.mkdir()
    for name, text, title in [("survey", SURVEY, "Our class survey"), ("dice", DICE, "Is it a fair dice?")]:
        (folder / f"{name}.lab.yaml").write_text(text)
        nbformat.write(notebook_json(title, name), folder / f"{name}.ipynb")
    return folder


def test_a_class_survey_chooses_its_answers_then_counts(voila_server, labs, page):
    server = voila_server(labs)
    page.goto(server.url("survey.ipynb"))
    start = page.get_by_role("button", name="Start counting")
    expect(start).to_be_visible(timeout=60_000)
    page.get_by_label("Our question").fill("How do you come to school?")
    page.get_by_label("Answer 1", exact=True).fill("walk")
    start.click()
    expect(page.get_by_text("Type at least two answers")).to_be_visible()
    page.get_by_label("Answer 2", exact=True).fill("car")
    page.get_by_label("Answer 3", exact=True).fill("bus")
    start.click()
    expect(page.get_by_text("Our answers: walk, car, bus")).to_be_visible()
    add = page.get_by_role("button", name="Add one car")
    expect(add).to_be_visible(timeout=15_000)
    add.click()
    expect(page.get_by_label("Number of car")).to_have_value("1")
    expect(page.get_by_role("heading", name="2. Make a chart that works")).to_be_visible()
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached")


def test_a_dice_chart_offers_what_fair_would_look_like(voila_server, labs, page):
    server = voila_server(labs)
    page.goto(server.url("dice.ipynb"))
    fair = page.get_by_label("Show what fair would look like")
    expect(fair).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Next set of throws ▶")).to_be_visible()
    for face in "1236":
        page.get_by_role("button", name=f"Add one {face}").click()
    expect(page.get_by_label("Number of 6")).to_have_value("1")
    fair.check()
    expect(page.locator(".classlab-words")).to_contain_text("What fair would look like: 0.667 each.")
    expect(page.locator(".classlab-chart path.line[style*='stroke-dasharray']").first).to_be_attached()
