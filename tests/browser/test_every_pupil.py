"""Issue 12's last pieces, in the browser: read aloud, charts told apart without colour, and every wrong box
marked and pointed at its message in the widget's one live region."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 60_000

# The page's own speechSynthesis, watched: what each utterance would say, and each Stop. The real button calls it.
HEARD = """
window.__heard = []; window.__stopped = 0;
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => { window.__heard.push({text: u.text, lang: u.lang}); };
  const cancel = window.speechSynthesis.cancel.bind(window.speechSynthesis);
  window.speechSynthesis.cancel = () => { window.__stopped += 1; cancel(); };
}
"""
NO_VOICE = "Object.defineProperty(window, 'speechSynthesis', {value: undefined}); delete window.SpeechSynthesisUtterance;"


def test_read_this_to_me_reads_the_sections_instructions_by_keyboard_and_stops(page, labs_server):
    page.add_init_script(HEARD)
    page.goto(labs_server.url("smarties.ipynb"))
    tally = page.locator(".classlab-section-tally")
    button = tally.get_by_role("button", name="Read this to me")
    expect(button).to_be_visible(timeout=WAIT)
    expect(button).to_have_accessible_description(re.compile(r"^\d+\. Count$"))  # which part it reads
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    button.focus()
    page.keyboard.press("Enter")
    stop = tally.get_by_role("button", name="Stop reading")
    expect(stop).to_be_focused()  # the same button, now Stop, still under the pupil's finger
    expect(stop).to_have_attribute("aria-pressed", "true")
    heard = page.evaluate("window.__heard")
    assert len(heard) == 1 and heard[0]["lang"] == "en-GB", heard
    assert re.match(r"^\d+\. Count\. Press \+ for each sweet you find \(or type the number\)\. Use New tube when",
                    heard[0]["text"]), heard  # the heading, then the instructions, in plain words (no ** marks)
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.__stopped") >= 2  # once before speaking (nothing else talks over), once to stop
    # Every section's instructions have their own button, each described by its own section's heading.
    readers = page.get_by_role("button", name="Read this to me")
    expect(readers.last).to_have_accessible_description("Our book")
    said = readers.evaluate_all("bs => bs.map(b => document.getElementById(b.getAttribute('aria-describedby')).textContent)")
    assert len(said) == len(set(said)) >= 10, said
    # Named by its words alone: a label search for a box ("Our question" on the survey) never finds a button.
    expect(page.locator(".cl-read-aloud[aria-label]")).to_have_count(0)


def test_no_read_aloud_button_where_the_browser_has_no_voice(browser, labs_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(NO_VOICE)
        page.goto(labs_server.url("smarties.ipynb"))
        expect(page.locator(".classlab-read-aloud").first).to_be_attached(timeout=WAIT)
        expect(page.get_by_role("button", name="Load practice data")).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("button", name=re.compile("^Read this to me"))).to_have_count(0)
    finally:
        context.close()


def tubes_side_by_side(page, labs_server) -> None:
    """The Smarties page with its practice data, charting tubes 1 and 2 side by side."""
    page.goto(labs_server.url("smarties.ipynb"))
    page.get_by_role("button", name="Load practice data").click(timeout=WAIT)
    expect(page.get_by_text("of 29")).to_be_visible(timeout=WAIT)
    page.get_by_role("radio", name="Tubes side by side").check()
    page.get_by_role("listbox", name="Tubes").select_option(["Tube 1", "Tube 2"])


def test_tubes_side_by_side_have_a_key_and_every_bar_named_not_colour_alone(page, labs_server):
    tubes_side_by_side(page, labs_server)
    chart = page.get_by_role("img", name=re.compile("^Bar chart: Tubes side by side"))
    expect(chart).to_be_attached(timeout=WAIT)
    expect(page.get_by_role("checkbox", name="Show the key")).to_be_checked()
    bars = page.locator(".classlab-chart-builder .classlab-chart .bargroup rect")
    expect(bars).to_have_count(16, timeout=WAIT)
    # Each bar carries its colour's name, over its own bar: red, green and brown apart without colour; and the key
    # is there without asking for it (its words stand beside the bars, over none of them).
    names = page.evaluate("""() => {
        const chart = document.querySelector('.classlab-chart-builder .classlab-chart');
        const bars = [...chart.querySelectorAll('.bargroup rect')].map(r => r.getBoundingClientRect());
        return [...chart.querySelectorAll('svg text')].filter(t => ['red', 'green', 'brown'].includes(t.textContent))
            .map(t => {
                const b = t.getBoundingClientRect(), mid = b.left + b.width / 2;
                return {text: t.textContent, over: bars.findIndex(r => r.left <= mid && mid <= r.right)};
            });
    }""")
    on_bars = [n for n in names if n["over"] >= 0]
    in_key = [n["text"] for n in names if n["over"] < 0]
    assert [n["text"] for n in on_bars] == ["red", "green", "brown"] * 2, names
    assert [n["over"] for n in on_bars] == [0, 3, 7, 8, 11, 15], names  # each over its own bar, left to right
    assert sorted(in_key) == ["brown", "green", "red"], names  # the key
    # The chart is one named image described in words: its axis text and key are not read out one by one.
    hidden = page.evaluate("""() => [...document.querySelectorAll('.classlab-chart-builder .classlab-chart svg text')]
        .filter(t => t.textContent.trim()).every(t => t.closest('[aria-hidden=true]'))""")
    assert hidden
    expect(page.locator("#" + chart.get_attribute("aria-describedby"))).to_contain_text("Tube 2: red")


def one_region(part):
    """A widget's live regions (role status or aria-live), counted as the page has them."""
    return part.locator("[role=status], [aria-live]")


def test_a_wrong_box_is_invalid_and_points_at_its_message_until_it_is_fixed(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    join = page.locator(".classlab-join")
    code = page.get_by_role("textbox", name="Class code")
    expect(code).to_be_visible(timeout=WAIT)
    expect(one_region(join)).to_have_count(1)  # the join box has one live region
    page.get_by_role("button", name="Join", exact=True).click()
    expect(code).to_have_attribute("aria-invalid", "true", timeout=WAIT)
    message = page.locator("#" + code.get_attribute("aria-describedby"))
    expect(message).to_contain_text("Type the class code")
    expect(message).to_have_attribute("role", "status")
    expect(one_region(join)).to_have_count(1)  # ... still one, now saying the message

    code.fill("NOSUCH")
    page.get_by_role("button", name="Join", exact=True).click()  # a name is missing now: the name box is wrong
    name = page.get_by_role("textbox", name="Group name")
    expect(name).to_have_attribute("aria-invalid", "true", timeout=WAIT)
    expect(code).to_have_attribute("aria-invalid", "false")
    assert code.get_attribute("aria-describedby") is None

    sampler = page.locator(".classlab-sampler")
    guess = page.get_by_label("My prediction: I need this many tubes")
    guess.fill("lots")
    expect(guess).to_have_attribute("aria-invalid", "true", timeout=WAIT)
    said = page.locator("#" + guess.get_attribute("aria-describedby"))
    expect(said).not_to_have_text("")
    guess.fill("5")
    expect(guess).to_have_attribute("aria-invalid", "false", timeout=WAIT)  # fixed: no longer wrong
    page.get_by_role("button", name="Load practice data").click()
    expect(page.get_by_text("of 29")).to_be_visible(timeout=WAIT)
    page.get_by_role("button", name="Test my prediction").click()
    expect(page.locator(".classlab-verdict")).to_be_visible(timeout=WAIT)
    expect(one_region(sampler)).to_have_count(1)  # the verdict and the messages share one region
    expect(one_region(sampler).first.locator(".classlab-verdict")).to_contain_text("You predicted 5 tubes")

    start = page.get_by_role("textbox", name="Count axis starts at")
    start.fill("lots")
    start.press("Enter")
    expect(start).to_have_attribute("aria-invalid", "true", timeout=WAIT)
    expect(page.locator("#" + start.get_attribute("aria-describedby"))).to_contain_text("lots")


def test_every_part_of_a_lab_page_keeps_one_live_region(page, labs_server):
    page.goto(labs_server.url("smarties.ipynb"))
    expect(page.get_by_role("button", name="Load practice data")).to_be_visible(timeout=WAIT)
    counts = page.evaluate("""() => [...document.querySelectorAll('.classlab-section')].map(s => [
        s.className.match(/classlab-section-[a-z_]+/)[0], s.querySelectorAll('[role=status], [aria-live]').length])""")
    assert len(counts) >= 10, counts
    for name, n in counts:
        if name != "classlab-section-tally":  # each tally row keeps its own message by its box
            assert n <= 1, counts
