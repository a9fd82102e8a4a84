"""The whole class in Chromium: groups on separate pages, the teacher's board, one store."""
import re
import urllib.error
import urllib.request

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=window.__pwned=1>"
# For a person to look at; the README's picture of the board (docs/images/class-board.png) is chosen by hand.
BOARD_SHOT = Path(__file__).resolve().parents[1] / "artifacts" / "class-board.png"


@pytest.fixture
def board(browser, classroom):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(classroom.board_url())
    start = page.get_by_role("button", name="Start a new class")
    start.wait_for(timeout=60_000)
    page.locator(".classlab-board h1").wait_for()  # set before the board is shown: a class code or "No class yet"
    code = page.locator(".classlab-class-code span")
    before = code.inner_text().strip() if code.count() else ""  # a new board opens the latest class first
    start.click()
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{6}$"))
    expect(code).not_to_have_text(before)
    page.code = code.inner_text().strip()
    yield page
    context.close()


def pupil(browser, classroom, code, group, url=None, same_group=False):
    """A group's page in its own browser context; `same_group`: a second device answers "Yes, we are"."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(url or classroom.pupils.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    if url is None:
        page.get_by_label("Class code").fill(code)
        page.get_by_label("Group name").fill(group)
        page.get_by_role("button", name="Join", exact=True).click()
        if same_group:
            expect(page.get_by_text("on another computer?")).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Yes, we are").click()
    expect(page.locator(".classlab-save-status")).to_contain_text("Everything you do is saved", timeout=30_000)
    return page


def card(board_page, group):
    return board_page.locator(".classlab-group-card").filter(has=board_page.get_by_text(group, exact=True))


def test_a_tally_on_one_page_appears_on_the_board(browser, classroom, board):
    reds = pupil(browser, classroom, board.code, "Reds")
    blues = pupil(browser, classroom, board.code, "Blues")
    for _ in range(3):
        reds.get_by_role("button", name="Add one orange").click()
    blues.get_by_role("button", name="Add one blue").click()
    expect(card(board, "Reds")).to_contain_text("1 tube · 3 counted", timeout=15_000)
    expect(card(board, "Blues")).to_contain_text("1 tube · 1 counted", timeout=15_000)
    expect(board.get_by_role("table", name="Percentages")).to_contain_text("4/4")
    board.set_viewport_size({"width": 1280, "height": 900})
    board.locator(".classlab-class-code").scroll_into_view_if_needed()
    BOARD_SHOT.parent.mkdir(exist_ok=True)
    board.screenshot(path=str(BOARD_SHOT))
    assert BOARD_SHOT.stat().st_size > 20_000


def test_refresh_mid_count_loses_nothing(browser, classroom, board):
    page = pupil(browser, classroom, board.code, "Greens")
    add = page.get_by_role("button", name="Add one green")
    for _ in range(4):
        add.click()
    expect(page.get_by_label("Number of green")).to_have_value("4")
    page.get_by_label("Title", exact=True).fill("Greens in our tube")
    page.get_by_label("Title", exact=True).press("Enter")
    expect(page.locator(".classlab-next")).to_contain_text("works well")
    assert "class=" in page.url and "group=Greens" in page.url
    page.reload()
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    expect(page.locator(".classlab-save-status")).to_contain_text("Greens", timeout=20_000)
    expect(page.get_by_label("Number of green")).to_have_value("4")
    expect(page.get_by_label("Title", exact=True)).to_have_value("Greens in our tube")


def test_two_devices_of_one_group_see_the_merged_count(browser, classroom, board):
    one = pupil(browser, classroom, board.code, "Pinks")
    two = pupil(browser, classroom, board.code, "Pinks", same_group=True)
    one.get_by_role("button", name="Add one pink").click()
    two.get_by_role("button", name="Add one pink").click()
    two.get_by_role("button", name="Add one pink").click()
    expect(one.get_by_label("Number of pink")).to_have_value("3", timeout=15_000)
    expect(two.get_by_label("Number of pink")).to_have_value("3", timeout=15_000)


def test_typing_a_count_is_not_overwritten_by_the_other_device(browser, classroom, board):
    one = pupil(browser, classroom, board.code, "Yellows")
    two = pupil(browser, classroom, board.code, "Yellows", same_group=True)
    box = one.get_by_label("Number of yellow")
    box.fill("7")  # typed, not yet sent
    two.get_by_role("button", name="Add one yellow").click()
    # The other device's yellow reaches this page (its marks), but the box keeps what the pupil is typing.
    expect(one.get_by_role("img", name="1 tally mark for yellow")).to_be_attached(timeout=15_000)
    expect(box).to_have_value("7")
    box.press("Enter")
    expect(one.get_by_role("img", name="7 tally marks for yellow")).to_be_attached()
    expect(two.get_by_label("Number of yellow")).to_have_value("7", timeout=15_000)


def test_hostile_group_names_and_findings_are_only_text(browser, classroom, board):
    page = pupil(browser, classroom, board.code, HOSTILE)
    page.get_by_role("button", name="Add one red").click()
    page.get_by_label("Question 1").fill(f"{HOSTILE} orange is always the rarest")
    page.get_by_label("Question 1").press("Tab")
    page.get_by_role("button", name="Share answer 1 with the class").click()
    expect(page.get_by_text("Shared!")).to_be_visible()
    expect(board.locator(".classlab-group-name").filter(has_text=HOSTILE)).to_be_visible(timeout=15_000)
    expect(board.locator(".classlab-finding")).to_contain_text("orange is always the rarest", timeout=15_000)
    assert board.evaluate("window.__pwned") is None and page.evaluate("window.__pwned") is None
    assert board.locator(".classlab-board img[src='x']").count() == 0


def test_the_teacher_sorts_a_finding(browser, classroom, board):
    page = pupil(browser, classroom, board.code, "Violets")
    page.get_by_label("Question 1").fill("Every tube has about 40")
    page.get_by_label("Question 1").press("Tab")
    page.get_by_role("button", name="Share answer 1 with the class").click()
    expect(page.get_by_text("Shared!")).to_be_visible()
    finding = board.locator(".classlab-finding").filter(has_text="Every tube has about 40")
    expect(finding).to_be_visible(timeout=15_000)
    finding.get_by_role("button", name="We agree, and here is the evidence").click()
    finding.get_by_role("button", name="Link the pooled chart").click()
    expect(finding.get_by_label("Evidence")).to_have_value("The pooled chart: All our tubes together")
    page.get_by_role("button", name="See what the class has found").click()
    expect(page.locator(".classlab-findings")).to_contain_text("We agree, and here is the evidence", timeout=15_000)


def test_teacher_pages_and_the_store_are_out_of_pupils_reach(classroom):
    def status(url):
        try:
            with urllib.request.urlopen(urllib.request.Request(url), timeout=10) as r:
                return r.status, r.geturl()
        except urllib.error.HTTPError as e:
            return e.code, url

    pupils, teacher = classroom.pupils.base_url, classroom.teacher.base_url
    for path in ["/voila/render/class_board.ipynb", "/voila/render/../teacher_guides/class_board.ipynb",
                 f"/voila/files/{classroom.store_path}", "/voila/files/../data/classlab.sqlite"]:
        assert status(pupils + path)[0] in (403, 404), path
    code, landed = status(teacher + "/voila/render/class_board.ipynb")
    assert code in (401, 403) or "/login" in landed  # no key, no board
    code, landed = status(teacher + "/voila/render/class_board.ipynb?token=wrong-key")
    assert code in (401, 403) or "/login" in landed
    assert status(classroom.board_url())[0] == 200


def test_server_killed_mid_save_then_restarted_keeps_the_work(browser, voila_server, tmp_path):
    """SIGKILL the pupils' server and its kernel while tallies are in flight: nothing shown is lost."""
    import os
    import signal
    import sqlite3

    from classlab.serve import descendants
    from classlab.store import ClassStore

    labs = Path(__file__).resolve().parents[2] / "labs"
    path = tmp_path / "class.sqlite"
    store = ClassStore(f"sqlite:///{path}")
    code = store.start_session("smarties").code
    env = {"CLASSLAB_DATABASE_URL": f"sqlite:///{path}"}
    server = voila_server(labs, env=env)
    try:
        page = browser.new_context().new_page()
        page.goto(server.url("smarties.ipynb") + f"?class={code}&group=Survivors")
        expect(page.locator(".classlab-save-status")).to_contain_text("saved", timeout=60_000)
        add = page.get_by_role("button", name="Add one brown")
        for _ in range(5):
            add.click()
        expect(page.get_by_label("Number of brown")).to_have_value("5")
        for _ in range(10):
            add.click(no_wait_after=True)
        shown = int(page.get_by_label("Number of brown").input_value())
        victims = [server.proc.pid, *descendants(server.proc.pid)]
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.proc.wait(10)
        page.context.close()
    finally:
        server.stop()  # nothing left to stop but the log; the fixture's own stop is harmless
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    again = voila_server(labs, env=env)
    try:
        page = browser.new_context().new_page()
        page.goto(again.url("smarties.ipynb") + f"?class={code}&group=Survivors")
        expect(page.locator(".classlab-save-status")).to_contain_text("saved", timeout=60_000)
        restored = int(page.get_by_label("Number of brown").input_value())
        assert shown <= restored <= 15  # all that was shown is kept; nothing was made up
        page.context.close()
    finally:
        store.dispose()


def test_spotlight_fills_the_screen_and_closes(browser, classroom, board):
    page = pupil(browser, classroom, board.code, "Yellows")
    page.get_by_role("button", name="Add one yellow").click()
    group = card(board, "Yellows")
    expect(group).to_contain_text("1 counted", timeout=15_000)
    group.get_by_role("button", name="Spotlight").click()
    spot = board.locator(".classlab-spotlight")
    expect(spot).to_be_visible()
    box = spot.bounding_box()
    viewport = board.viewport_size
    assert box["width"] >= viewport["width"] - 1 and box["height"] >= viewport["height"] - 1
    expect(board.locator(".classlab-spotlight-chart")).to_contain_text("Group Yellows")
    # Read from the back of the room: the colour names under the bars in large type, not the card's small print.
    yellow = spot.locator(".tick text").filter(has_text="yellow").first
    assert float(yellow.evaluate("t => getComputedStyle(t).fontSize").removesuffix("px")) >= 24
    board.get_by_role("button", name="Close the spotlight").click()
    expect(spot).to_be_hidden()


def test_a_name_already_taken_asks_before_joining(browser, classroom, board):
    reds = pupil(browser, classroom, board.code, "Reds")
    reds.get_by_role("button", name="Add one red").click()
    expect(reds.get_by_label("Number of red")).to_have_value("1")
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(classroom.pupils.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    page.get_by_label("Class code").fill(board.code)
    page.get_by_label("Group name").fill("reds")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text("Are you the Reds on another computer?")).to_be_visible(timeout=30_000)
    expect(page.get_by_label("Number of red")).to_have_value("0")  # nothing of the Reds' shown before "Yes"
    page.get_by_role("button", name="No, we'll choose another name").press("Enter")
    expect(page.get_by_text("choose another name for your group")).to_be_visible(timeout=30_000)
    expect(page.get_by_label("Group name")).to_have_value("")
    page.get_by_label("Group name").fill("Rubies")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.locator(".classlab-save-status")).to_contain_text("You are group Rubies", timeout=30_000)
    expect(page.get_by_label("Number of red")).to_have_value("0")
    expect(card(board, "Rubies")).to_be_visible(timeout=30_000)
    expect(card(board, "Reds")).to_contain_text("1 tube · 1 counted", timeout=30_000)
    context.close()


def test_a_thousand_typed_with_a_comma_is_counted(browser, classroom, board):
    page = pupil(browser, classroom, board.code, "Blues")
    box = page.get_by_label("Number of blue")
    box.fill("1,000")
    box.press("Enter")
    expect(box).to_have_value("1000", timeout=30_000)
    expect(card(board, "Blues")).to_contain_text("1 tube · 1000 counted", timeout=30_000)
    box.fill("2,000")
    box.press("Enter")
    expect(page.get_by_text("2,000 is a lot for one tube! Please check: the most we allow is 1,000.")).to_be_visible(timeout=30_000)
    expect(box).to_have_value("1000")


def test_continue_from_a_finding_starts_a_fresh_answer(browser, classroom, board):
    reds = pupil(browser, classroom, board.code, "Reds")
    reds.get_by_label("Question 1").fill("Orange is the rarest")
    reds.get_by_label("Question 1").press("Tab")
    reds.get_by_role("button", name="Share answer 1 with the class").click()
    expect(reds.get_by_text("Shared!")).to_be_visible(timeout=30_000)
    blues = pupil(browser, classroom, board.code, "Blues")
    blues.get_by_label("Question 1").fill("Our old answer")
    blues.get_by_label("Question 1").press("Tab")
    blues.get_by_role("button", name="See what the class has found").click()
    blues.get_by_role("button", name=re.compile(r"^Continue from finding \d+$")).click()
    expect(blues.get_by_text("Continuing from")).to_be_visible(timeout=30_000)
    expect(blues.get_by_label("Question 1")).to_have_value("", timeout=30_000)
    blues.get_by_role("button", name="Put our earlier answer 1 back").click()
    expect(blues.get_by_label("Question 1")).to_have_value("Our old answer", timeout=30_000)


def test_practice_data_asks_first_is_marked_on_the_board_and_can_be_undone(browser, classroom, board):
    page = pupil(browser, classroom, board.code, "Oranges")
    add = page.get_by_role("button", name="Add one orange")
    for _ in range(3):
        add.click()
    expect(page.get_by_label("Number of orange")).to_have_value("3", timeout=30_000)
    expect(card(board, "Oranges")).to_contain_text("1 tube · 3 counted", timeout=30_000)
    page.get_by_role("button", name=re.compile("^Load practice data")).click()
    expect(page.get_by_text("This will replace your 3 sweets in 1 tube with 29 tubes of made-up practice data")
           ).to_be_visible(timeout=30_000)
    expect(page.get_by_label("Number of orange")).to_have_value("3")  # nothing replaced before Yes
    page.get_by_role("button", name="Yes, replace them").click()
    expect(page.locator(".classlab-practice")).to_contain_text("Practice data", timeout=30_000)
    expect(card(board, "Oranges")).to_contain_text("29 tubes", timeout=30_000)
    expect(card(board, "Oranges")).to_contain_text("· practice")
    table = board.get_by_role("table", name="Percentages")
    expect(table.get_by_role("row", name=re.compile("^Total"))).to_contain_text("0/0", timeout=30_000)  # kept out
    board.get_by_role("checkbox", name="Count practice data in the class's data").check()
    expect(table.get_by_role("row", name=re.compile("^Total"))).to_contain_text("1157/1157", timeout=30_000)
    board.get_by_role("checkbox", name="Count practice data in the class's data").uncheck()
    expect(table.get_by_role("row", name=re.compile("^Total"))).to_contain_text("0/0", timeout=30_000)
    page.get_by_role("button", name="Undo: put our 3 sweets in 1 tube back").click()
    expect(page.get_by_label("Number of orange")).to_have_value("3", timeout=30_000)
    expect(page.locator(".classlab-practice")).to_have_count(0)
    expect(card(board, "Oranges")).to_contain_text("1 tube · 3 counted", timeout=30_000)
    expect(card(board, "Oranges")).not_to_contain_text("practice")
    expect(table.get_by_role("row", name=re.compile("^Total"))).to_contain_text("3/3", timeout=30_000)


def test_the_tube_being_counted_comes_back_after_a_refresh_and_follows_other_devices(browser, classroom, board):
    one = pupil(browser, classroom, board.code, "Browns")
    two = pupil(browser, classroom, board.code, "Browns", same_group=True)
    one.get_by_role("button", name="Add one brown").click()
    for n in (2, 3):
        one.get_by_role("button", name="New tube").click()
        expect(one.locator(".classlab-where")).to_contain_text(f"Tube {n} of {n}", timeout=30_000)
    expect(two.locator(".classlab-where")).to_contain_text("Tube 3 of 3", timeout=30_000)  # within the heartbeat
    one.reload()
    one.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    expect(one.locator(".classlab-save-status")).to_contain_text("Browns", timeout=30_000)
    expect(one.locator(".classlab-where")).to_contain_text("Tube 3 of 3")
    expect(one.get_by_label("Tube", exact=True).locator("option:checked")).to_have_text("Tube 3", timeout=30_000)
    one.get_by_role("button", name="Add one brown").click()
    one.get_by_role("button", name="Add one brown").click()
    expect(two.get_by_label("Number of brown")).to_have_value("2", timeout=30_000)  # tube 3, not tube 1
    two.get_by_role("button", name="◀ Previous tube").click()
    expect(two.get_by_label("Number of brown")).to_have_value("0", timeout=30_000)
    expect(one.locator(".classlab-where")).to_contain_text("Tube 2 of 3", timeout=30_000)


def test_after_end_this_class_pages_say_so_take_no_more_and_offer_the_data(browser, classroom, board):
    page = pupil(browser, classroom, board.code, "Yellows")
    page.get_by_role("button", name="Add one yellow").click()
    expect(card(board, "Yellows")).to_contain_text("1 tube · 1 counted", timeout=30_000)
    board.get_by_role("button", name="End this class").click()
    expect(page.locator(".classlab-save-status")).to_contain_text("Your teacher has ended this class", timeout=30_000)
    expect(page.get_by_role("button", name="Add one yellow")).to_be_disabled()
    expect(page.get_by_role("button", name="New tube")).to_be_disabled()
    expect(page.get_by_text("Not saved yet")).to_have_count(0)
    with page.expect_download(timeout=30_000) as caught:
        page.get_by_role("button", name="Download our data (CSV)").click()
    download = caught.value
    assert download.suggested_filename == "Yellows.csv"
    rows = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "tube,colour,count" and "1,yellow,1" in rows
    page.reload()  # a refresh after the end: the group's data is still there to see and keep
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    expect(page.locator(".classlab-save-status")).to_contain_text("Your teacher has ended this class", timeout=30_000)
    expect(page.get_by_label("Number of yellow")).to_have_value("1")
    expect(page.get_by_role("button", name="Download our data (CSV)")).to_be_visible()


def test_a_name_with_hidden_right_to_left_and_zero_width_characters_is_cleaned(browser, classroom, board):
    reds = pupil(browser, classroom, board.code, "Reds")
    reds.get_by_role("button", name="Add one red").click()
    expect(reds.get_by_label("Number of red")).to_have_value("1")
    forged = classroom.pupils.url("smarties.ipynb") + f"?class={board.code}&group=%E2%80%AER%E2%80%8Beds%E2%80%AC"
    page = pupil(browser, classroom, board.code, "", url=forged)
    expect(page.locator(".classlab-save-status")).to_contain_text("You are group Reds in class")
    expect(page.get_by_label("Number of red")).to_have_value("1", timeout=30_000)  # the same group, not a look-alike
    assert page.locator(".classlab-save-status b").first.inner_text() == "Reds"
    expect(card(board, "Reds")).to_contain_text("1 tube · 1 counted", timeout=30_000)
    expect(board.locator(".classlab-group-card")).to_have_count(1)
