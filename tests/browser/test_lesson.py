"""A lesson rehearsal: the teacher's board on a projector and six groups on their own devices.

One test walks a whole Smarties lesson as a class lives it (join, count, refresh mid-count, a
second device, a wrong button, continue from a finding, share; the teacher sorts, spotlights,
exports and ends the class); a shorter one walks the fair dice lab and listens for Smarties words.
What each group entered is kept beside the test, and the export is checked cell by cell against it.
"""
import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 60_000  # a kernel on a busy 2-core machine with seven pages open

DEVICES = {  # the sizes of the screens a class really has
    "laptop": {"width": 1280, "height": 800},
    "tablet": {"width": 768, "height": 1024},
    "chromebook": {"width": 1366, "height": 768},
}
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SMARTIES_WORDS = re.compile(r"\b(tubes?|sweets?|smarties|colours?)\b", re.IGNORECASE)


class Group:
    """One group on one device: its page, and what it has entered (so the export can be checked)."""

    def __init__(self, browser, classroom, code, name, device, lab="smarties.ipynb", same_group=False):
        self.name, self.lab = name, lab
        self.context = browser.new_context(viewport=DEVICES[device], accept_downloads=True)
        self.page = self.context.new_page()
        self.page.goto(classroom.pupils.url(lab))
        self.wait_ready()
        self.page.get_by_label("Class code").fill(code)
        self.page.get_by_label("Group name").fill(name)
        self.page.get_by_role("button", name="Join", exact=True).click()
        if same_group:
            self.page.get_by_role("button", name="Yes, we are").click()
        self.expect_saved()

    def wait_ready(self):
        self.page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=WAIT)

    def expect_saved(self):
        expect(self.page.locator(".classlab-save-status")).to_contain_text("Everything you do is saved", timeout=WAIT)

    def add(self, what: str, times: int = 1):
        button = self.page.get_by_role("button", name=f"Add one {what}")
        for _ in range(times):
            button.click()

    def count_shown(self, what: str):
        return self.page.get_by_label(f"Number of {what}")

    def share(self, answer: str, question: int = 1):
        box = self.page.get_by_label(f"Question {question}")
        box.fill(answer)
        box.press("Tab")
        self.page.get_by_role("button", name=f"Share answer {question} with the class").click()
        expect(self.page.get_by_text("Shared!")).to_be_visible(timeout=WAIT)

    def close(self):
        self.context.close()


def card(board, group):
    return board.locator(".classlab-group-card").filter(has=board.get_by_text(group, exact=True))


def test_a_whole_smarties_lesson(browser, classroom, start_class):
    board = start_class("class_board.ipynb", viewport={"width": 1280, "height": 720})  # the projector
    entered: Counter = Counter()  # (group, tube, colour) -> count, as the groups tallied it
    devices = ["laptop", "tablet", "chromebook", "tablet", "laptop", "chromebook"]
    names = ["Reds", "Blues", "Greens", "Pinks", "Yellows", "Browns"]
    colours = ["red", "blue", "green", "pink", "yellow", "brown"]
    groups = {}
    try:
        for name, device in zip(names, devices):
            groups[name] = Group(browser, classroom, board.code, name, device)

        # Every group counts its first tube: i+1 of its own colour and one orange.
        for i, (name, colour) in enumerate(zip(names, colours)):
            groups[name].add(colour, i + 1)
            groups[name].add("orange")
            entered[(name, 1, colour)] += i + 1
            entered[(name, 1, "orange")] += 1
        for i, (name, colour) in enumerate(zip(names, colours)):
            expect(groups[name].count_shown(colour)).to_have_value(str(i + 1), timeout=WAIT)

        # The Reds start a second tube, count two, refresh mid-count and carry on in the same tube.
        reds = groups["Reds"]
        reds.page.get_by_role("button", name="New tube").click()
        expect(reds.page.locator(".classlab-where")).to_contain_text("Tube 2 of 2", timeout=WAIT)
        reds.add("violet", 2)
        expect(reds.count_shown("violet")).to_have_value("2", timeout=WAIT)
        reds.page.reload()
        reds.wait_ready()
        expect(reds.page.locator(".classlab-save-status")).to_contain_text("Reds", timeout=WAIT)
        expect(reds.page.locator(".classlab-where")).to_contain_text("Tube 2 of 2", timeout=WAIT)
        reds.add("violet")
        expect(reds.count_shown("violet")).to_have_value("3", timeout=WAIT)
        entered[("Reds", 2, "violet")] += 3

        # The Blues tally from a second device too: both pages show the merged count.
        blues_two = Group(browser, classroom, board.code, "Blues", "tablet", same_group=True)
        blues_two.add("blue", 2)
        groups["Blues"].add("blue")
        entered[("Blues", 1, "blue")] += 3
        for page in (groups["Blues"], blues_two):
            expect(page.count_shown("blue")).to_have_value("5", timeout=WAIT)
        blues_two.close()

        # The Greens press the blue "Load practice data" button by mistake: they are asked first, say no.
        greens = groups["Greens"]
        greens.page.get_by_role("button", name=re.compile("^Load practice data")).click()
        greens.page.get_by_role("button", name="No, keep our counts").click()
        expect(greens.count_shown("green")).to_have_value("3")

        # The Reds share a finding; the Pinks continue from it and share theirs.
        reds.share("Orange is the rarest colour in our tubes")
        pinks = groups["Pinks"]
        pinks.page.get_by_role("button", name="See what the class has found").click()
        pinks.page.get_by_role("button", name=re.compile(r"^Continue from finding \d+$")).first.click()
        expect(pinks.page.get_by_label("Question 1")).to_have_value("", timeout=WAIT)
        pinks.share("We had one orange too: is orange always rare?")

        # The board: every group's card with its own totals, one scale, no practice data pooled.
        totals = Counter()
        samples = Counter()
        for (name, sample, _), n in entered.items():
            totals[name] += n
            samples[name] = max(samples[name], sample)
        for name in names:
            word = "tube" if samples[name] == 1 else "tubes"
            expect(card(board, name)).to_contain_text(f"{samples[name]} {word} · {totals[name]} counted", timeout=WAIT)
        total = sum(entered.values())
        table = board.get_by_role("table", name="Percentages")
        expect(table.get_by_role("row", name=re.compile("^Total"))).to_contain_text(f"{total}/{total}", timeout=WAIT)

        ARTIFACTS.mkdir(exist_ok=True)
        board.screenshot(path=str(ARTIFACTS / "lesson-board.png"))  # for a person to look at
        groups["Blues"].page.screenshot(path=str(ARTIFACTS / "lesson-tablet.png"), full_page=True)

        # The teacher sorts the Reds' finding with the class, and spotlights the Pinks.
        finding = board.locator(".classlab-finding").filter(has_text="Orange is the rarest colour")
        expect(finding).to_be_visible(timeout=WAIT)
        finding.get_by_role("button", name="We agree, and here is the evidence").click()
        expect(board.locator(".classlab-finding").filter(has_text="Orange is the rarest colour")).to_contain_text(
            "We agree", timeout=WAIT)
        card(board, "Pinks").get_by_role("button", name="Spotlight").click()
        spotlight = board.locator(".classlab-spotlight")
        expect(spotlight).to_be_visible(timeout=WAIT)
        box = spotlight.bounding_box()  # on the screen the class sees, wherever the board was scrolled to
        assert abs(box["y"]) <= 1 and box["height"] >= 719, box
        expect(board.locator(".classlab-spotlight-chart")).to_contain_text("Pinks", timeout=WAIT)
        # Drawn big enough for the back of the room (the chart grows into the screen once it is shown).
        board.wait_for_function("""() => Math.max(0, ...[...document.querySelectorAll(
            '.classlab-spotlight-chart .bargroup rect')].map(r => r.getBoundingClientRect().height)) > 100""",
                                timeout=WAIT)
        board.screenshot(path=str(ARTIFACTS / "lesson-spotlight.png"))  # for a person to look at
        board.get_by_role("button", name="Close the spotlight").click()
        expect(spotlight).to_be_hidden(timeout=WAIT)

        # Export: every count the groups entered, and nothing else, is in the class's CSV.
        with board.expect_download(timeout=WAIT) as caught:
            board.get_by_role("button", name="Export CSV").click()
        with zipfile.ZipFile(caught.value.path()) as z:
            counts = list(csv.DictReader(io.TextIOWrapper(z.open("counts.csv"), encoding="utf-8-sig")))
            findings = list(csv.DictReader(io.TextIOWrapper(z.open("findings.csv"), encoding="utf-8-sig")))
        exported = Counter()
        for row in counts:
            assert row["practice"] == ""  # nobody's counts are practice data
            if int(row["count"]):
                exported[(row["group"], int(row["sample"]), row["category"])] += int(row["count"])
        assert exported == entered
        sorted_ = {row["finding"]: row["status"] for row in findings}
        assert sorted_["Orange is the rarest colour in our tubes"] == "We agree, and here is the evidence"
        assert "We had one orange too: is orange always rare?" in sorted_

        # The end of the lesson: every page says so at once and takes no more taps.
        board.get_by_role("button", name="End this class").click()
        for name, colour in zip(names, colours):
            page = groups[name].page
            expect(page.locator(".classlab-save-status")).to_contain_text("Your teacher has ended this class",
                                                                          timeout=WAIT)
            expect(page.get_by_role("button", name=f"Add one {colour}")).to_be_disabled()
            expect(page.get_by_text("Not saved yet")).to_have_count(0)
    finally:
        for group in groups.values():
            group.close()


def test_a_fair_dice_lesson_speaks_of_dice_only(browser, classroom, start_class):
    board = start_class("fair_dice_board.ipynb", viewport=DEVICES["laptop"])
    groups = []
    try:
        for name, device in (("Sixes", "tablet"), ("Lucky", "chromebook")):
            group = Group(browser, classroom, board.code, name, device, lab="fair_dice.ipynb")
            groups.append(group)
        groups[0].add("6", 3)
        groups[1].add("1", 2)
        expect(card(board, "Sixes")).to_contain_text("3 counted", timeout=WAIT)
        expect(card(board, "Lucky")).to_contain_text("2 counted", timeout=WAIT)
        groups[0].share("Six comes up the most")
        expect(board.locator(".classlab-finding").filter(has_text="Six comes up the most")).to_be_visible(timeout=WAIT)
        for page in [board] + [g.page for g in groups]:
            text = page.locator("body").inner_text()
            assert not SMARTIES_WORDS.findall(text), SMARTIES_WORDS.findall(text)
    finally:
        for group in groups:
            group.close()
