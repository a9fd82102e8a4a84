"""The class board on a projector, in Chromium: the lab's own words, the class code first, and every group shown.

Its own pupils' and teacher's servers over one SQLite store, with the address pupils type given to the
board (CLASSLAB_PUPILS_URL), as `classlab serve --lan` gives it.
"""
import re
import secrets

import pytest
from playwright.sync_api import expect

from classlab import TallyChange
from classlab.store import ClassStore
from tests.browser.conftest import new_problems
from tests.conftest import LABS, TEACHER, VoilaServer

pytestmark = pytest.mark.browser

SMARTIES_WORDS = re.compile(r"\b(tubes?|sweets?|colours?|smarties)\b", re.I)
LONG_NAME = "Magnificent Dice-Throwing Champions 5B"  # 38 characters: a group name can have 40
KERNEL = 60_000  # a page's kernel on a busy 2-core machine


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("board_room")
    (tmp / "data").mkdir()
    url = f"sqlite:///{tmp / 'data' / 'classlab.sqlite'}"
    key = secrets.token_urlsafe(12)
    pupils = VoilaServer(LABS, tmp / "pupils.log", env={"CLASSLAB_DATABASE_URL": url})
    try:
        teacher = VoilaServer(TEACHER, tmp / "teacher.log", token=key,
                              env={"CLASSLAB_DATABASE_URL": url, "CLASSLAB_PUPILS_URL": pupils.base_url + "/"})
    except Exception:
        pupils.stop()
        raise
    yield type("Room", (), {"pupils": pupils, "teacher": teacher, "key": key, "url": url})
    teacher.stop()
    pupils.stop()


def open_board(browser, room, notebook="fair_dice_board.ipynb", viewport=(1280, 720)):
    """The board on a projector, with a new class started; `page.code` is its class code."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(f"{room.teacher.url(notebook)}?token={room.key}")
    start = page.get_by_role("button", name="Start a new class")
    start.wait_for(timeout=KERNEL)
    page.locator(".classlab-board h1").wait_for(timeout=KERNEL)
    code = page.locator(".classlab-class-code span")
    before = code.inner_text().strip() if code.count() else ""
    start.click()
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{6}$"), timeout=30_000)
    expect(code).not_to_have_text(before, timeout=30_000)
    page.code = code.inner_text().strip()
    return page


def test_the_fair_dice_page_and_its_board_use_no_smarties_word(browser, room):
    board = open_board(browser, room)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    dice = context.new_page()
    try:
        dice.goto(room.pupils.url("fair_dice.ipynb"))
        dice.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=KERNEL)
        dice.get_by_label("Class code").fill(board.code)
        dice.get_by_label("Group name").fill("Sixes")
        dice.get_by_role("button", name="Join", exact=True).click()
        expect(dice.locator(".classlab-save-status")).to_contain_text("Everything you do is saved", timeout=30_000)
        dice.get_by_role("button", name="Add one 6").click()
        expect(dice.get_by_role("button", name="Load practice data: a made-up dice")).to_be_visible()
        card = board.locator(".classlab-group-card").filter(has_text="Sixes")
        expect(card).to_contain_text("1 set of throws · 1 counted", timeout=30_000)
        expect(board.get_by_text("All our sets of throws together").first).to_be_attached()
        for page in (board, dice):
            words = SMARTIES_WORDS.findall(page.locator("body").inner_text())
            assert words == [], f"Smarties words on the dice lab's {'board' if page is board else 'page'}: {words}"
        assert "set of throwss" not in board.locator("body").inner_text()
    finally:
        context.close()
        board.context.close()


def test_the_class_code_is_the_biggest_thing_at_the_top_with_the_address_and_its_qr_code(browser, room):
    board = open_board(browser, room)
    try:
        code = board.locator(".classlab-class-code span")
        sizes = board.evaluate("""() => {
            const sizes = [];
            for (const el of document.querySelectorAll('.classlab-board *')) {
              const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (own && el.offsetParent !== null) sizes.push([parseFloat(getComputedStyle(el).fontSize), el.className]);
            }
            return sizes;
        }""")
        biggest = max(s for s, _ in sizes)
        code_size = float(code.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert code_size == biggest and code_size >= 96
        assert [c for s, c in sizes if s == biggest] == [""]  # nothing else is as big
        box = code.bounding_box()
        assert box["y"] < 250  # at the top of a 720-pixel projector
        address = board.locator(".classlab-address")
        expect(address).to_have_text(room.pupils.base_url + "/")
        assert float(address.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 28  # large type
        beside = address.bounding_box()
        assert beside["x"] > box["x"] + box["width"] and beside["y"] < box["y"] + box["height"]  # beside the code
        qr = board.locator(".classlab-qr svg")
        expect(qr).to_be_visible()
        assert qr.bounding_box()["width"] >= 120
        assert board.get_by_role("img", name=re.compile("QR code of")).count() == 1
        how_to = board.locator("details.classlab-how-to")
        assert how_to.get_attribute("open") is None  # the teacher's instructions are folded
        board.get_by_text("How to run the class").click()
        expect(how_to).to_have_attribute("open", "")
    finally:
        board.context.close()


def test_sixty_groups_all_show_and_a_sixty_first_turns_the_page(browser, room):
    board = open_board(browser, room)
    said = []  # the browser's own errors, to find out why if a card is missing ("widget model not found")
    board.on("console", lambda message: said.append(message.text) if message.type == "error" else None)
    store = ClassStore(room.url)
    try:
        for i in range(60):
            name = LONG_NAME if i == 0 else f"Group {i + 1:02d}"
            store.record(store.join(board.code, name).id, TallyChange(0, str(1 + i % 6), "set", 1 + i))
        cards = board.locator(".classlab-group-card")
        try:
            expect(cards).to_have_count(60, timeout=120_000)  # sixty groups at once on a busy 2-core machine
        except AssertionError as missing:  # what the board showed, and what its kernel said, to find out why
            top = board.locator(".classlab-board-top").inner_text()
            live = board.locator(".classlab-board").inner_text()[:600]
            raise AssertionError(f"{missing}\nclass {board.code}; board top: {top!r}\nboard: {live!r}\n"
                                 f"browser's errors: {said[:5]}\nteacher's log:\n{room.teacher.log()[-4000:]}") from None
        expect(board.get_by_role("button", name="Next groups")).to_be_hidden()
        # One count scale: every card's axis ends at the same number.
        tops = board.evaluate("""() => [...document.querySelectorAll('.classlab-group-chart')].map(
            f => [...f.querySelectorAll('.axis .tick text')].map(t => t.textContent).filter(Boolean).pop())""")
        assert len(tops) == 60 and len(set(tops)) == 1 and int(tops[0]) >= 60
        # A long name ends in "…" and shows whole on focus and hover.
        name = board.locator(".classlab-group-name").filter(has_text=LONG_NAME)
        expect(name).to_have_attribute("title", LONG_NAME)
        cut = name.evaluate("el => [el.scrollWidth > el.clientWidth, getComputedStyle(el).textOverflow]")
        assert cut == [True, "ellipsis"]
        name.focus()
        assert name.evaluate("el => el === document.activeElement && getComputedStyle(el).whiteSpace") == "normal"
        store.join(board.code, "Group 61")
        expect(board.locator(".classlab-page-words")).to_contain_text("Groups 1 to 60 of 61", timeout=30_000)
        board.get_by_role("button", name="Next groups").click()
        expect(cards).to_have_count(1, timeout=30_000)
        expect(cards).to_contain_text("Group 61")
        board.get_by_role("button", name="Previous groups").click()
        expect(cards).to_have_count(60, timeout=30_000)
    finally:
        store.dispose()
        board.context.close()


def test_the_board_is_readable_from_the_back_and_adds_no_accessibility_problem(browser, room, axe_baseline):
    board = open_board(browser, room)
    store = ClassStore(room.url)
    try:
        group = store.join(board.code, "Reds")
        store.record(group.id, TallyChange(0, "6", "set", 5))
        store.post_finding(group.id, "Is our dice fair?", "Six comes up a lot")
        expect(board.locator(".classlab-finding")).to_have_count(1, timeout=30_000)
        # Words on the board (not the charts' ticks or the form controls) are at least 18 px.
        small = board.evaluate("""() => [...document.querySelectorAll(
                '.classlab-board p, .classlab-board li, .classlab-board td, .classlab-board th, .classlab-board h2, '
                + '.classlab-board h3, .classlab-group-name, .classlab-group-card .widget-label')]
            .filter(el => el.offsetParent !== null && el.textContent.trim())
            .map(el => [parseFloat(getComputedStyle(el).fontSize), el.textContent.trim().slice(0, 40)])
            .filter(([size]) => size < 18)""")
        assert small == []
        extra = new_problems(board, axe_baseline)
        assert extra == {}, f"new accessibility problems (baseline {sorted(axe_baseline)}): {extra}"
    finally:
        store.dispose()
        board.context.close()
