"""The Smarties lab in Welsh, chosen by the page's address (`?lang=cy`), in a real Chromium and Voila.

Each translated part speaks Welsh, one test each, in the order a pupil meets them: joining (and the class
store's messages), counting (its buttons, box, tally marks and a pupil's mistake), the chart builder, the
percentages, predict then test, what we found, "Read this to me", our question, the self check, two stars
and a wish, looking back, the glossary, the book button, importing and downloading data, and the lab format's
default headings and instructions; a page without `?lang=` speaks English (UK). The lab's own words (oren,
tiwb, a section's own instructions) come from the lab's catalogue (labs/locale/cy/LC_MESSAGES/smarties.po).

A page takes a kernel and the whole lab run (several seconds on a busy 2-core machine): the tests that only read
a part, or change a part no other test reads and that nothing else on the page follows, share one Welsh page
(`welsh_page`); a test that counts, or whose part another part follows, opens its own.
"""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

#: What the page's voice is asked for, in `window.__heard` (speechSynthesis is stubbed: nothing is spoken).
HEARD = ("window.__heard = []; if (window.speechSynthesis) window.speechSynthesis.speak = "
         "(u) => window.__heard.push(u.lang);")


def open_lab(page, labs_server, query=""):
    page.goto(labs_server.url("smarties.ipynb") + query)
    page.locator(".cl-tally-row").first.wait_for(timeout=60_000)
    return page


@pytest.fixture(scope="module")
def welsh_page(browser, labs_server):
    """One `?lang=cy` page for this file's tests that can share it (see the top), in its own browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.add_init_script(HEARD)
    yield open_lab(page, labs_server, "?lang=cy")
    context.close()


def test_the_tally_speaks_welsh_with_lang_cy(page, labs_server):
    lab = open_lab(page, labs_server, "?lang=cy")
    add = lab.get_by_role("button", name="Un yn fwy ar gyfer oren")  # the lab's own word in Welsh too
    add.click()
    add.click()
    box = lab.get_by_label("Nifer ar gyfer oren")
    expect(box).to_have_value("2")
    expect(lab.get_by_role("img", name="2 farc tali ar gyfer oren")).to_be_attached()  # "dau farc": soft mutation
    lab.get_by_role("button", name="Un yn llai ar gyfer oren").click()
    expect(lab.get_by_role("img", name="1 marc tali ar gyfer oren")).to_be_attached()
    blue = lab.get_by_label("Nifer ar gyfer glas")
    blue.fill("lots")
    blue.press("Enter")
    expect(lab.get_by_role("status").filter(has_text="Dydy “lots” ddim yn rhif")).to_be_visible()
    expect(blue).to_have_attribute("aria-invalid", "true")
    expect(lab.get_by_role("button", name="Tiwb nesaf ▶")).to_be_visible()
    # Each row says its words are Welsh, so a screen reader reads them in a Welsh voice.
    expect(lab.locator(".cl-tally-row").first).to_have_attribute("lang", "cy")
    assert "Add one" not in lab.content() and "Traceback" not in lab.content()


def test_english_uk_without_lang(page, labs_server):
    lab = open_lab(page, labs_server)
    expect(lab.get_by_role("button", name="Add one orange")).to_be_visible()
    expect(lab.locator(".cl-tally-row").first).to_have_attribute("lang", "en-GB")
    expect(lab.locator("html")).to_have_attribute("lang", "en-GB")
    assert "Un yn fwy" not in lab.content()


def test_joining_a_class_speaks_welsh(welsh_page):
    """The join box's message for an empty code (the other join test types a code, so it has a page of its own)."""
    lab = welsh_page
    code = lab.get_by_label("Cod y dosbarth")
    expect(code).to_have_attribute("placeholder", "e.e. K7PQ2M")
    expect(lab.get_by_label("Enw'r grŵp")).to_be_visible()
    lab.get_by_role("button", name="Ymuno", exact=True).click()
    expect(lab.locator(".classlab-join").get_by_text("Teipiwch y cod dosbarth gan eich athro")).to_be_visible()
    expect(code).to_have_attribute("aria-invalid", "true")


def test_the_class_stores_message_speaks_welsh(page, labs_server):
    """A code nobody gave out: the store's own kind message, made in the page's language."""
    lab = open_lab(page, labs_server, "?lang=cy")
    code = lab.get_by_label("Cod y dosbarth")
    code.fill("ZZZ")
    lab.get_by_label("Enw'r grŵp").fill("Cochion")
    lab.get_by_role("button", name="Ymuno", exact=True).click()
    expect(lab.locator(".classlab-join").get_by_text(
        "Allwn ni ddim dod o hyd i ddosbarth gyda'r cod “ZZZ”. Gwiriwch e gyda'ch athro")).to_be_visible()
    expect(code).to_have_attribute("aria-invalid", "true")


def test_the_chart_builder_speaks_welsh(page, labs_server):
    lab = open_lab(page, labs_server, "?lang=cy")
    builder = lab.locator(".classlab-chart-builder")
    expect(builder.get_by_role("radiogroup", name="Siart")).to_be_visible()
    builder.get_by_role("radio", name="Plot dotiau").check()
    expect(builder.get_by_role("img", name="Plot dotiau: Un tiwb")).to_be_attached()  # the chart, named in Welsh
    expect(builder.locator(".classlab-next")).to_have_text(
        "Does dim wedi'i gyfrif yma eto: ychwanegwch losin at y tali yn gyntaf.")
    lab.get_by_role("button", name="Un yn fwy ar gyfer oren").click()
    title = builder.get_by_label("Teitl", exact=True)
    title.fill("Lliwiau yn ein tube cyntaf")
    title.press("Enter")
    expect(builder.locator(".classlab-next")).to_have_text(
        "Mae eich siart yn gweithio'n dda: teitl da, labeli clir, ac mae'n hawdd cymharu. Da iawn!")
    expect(builder.get_by_role("list", name="Rhestr wirio'r siart")).to_be_visible()
    expect(builder.get_by_role("button", name="Cadw fel llun")).to_be_visible()
    assert "Bar chart" not in builder.inner_text()


def test_the_percentages_speak_welsh(page, labs_server):
    lab = open_lab(page, labs_server, "?lang=cy")
    percentages = lab.locator(".classlab-percentages")
    for colour in ["coch", "gwyrdd", "glas"]:
        lab.get_by_role("button", name=f"Un yn fwy ar gyfer {colour}").click()
    table = percentages.get_by_role("table", name="Canrannau")
    expect(table.get_by_role("columnheader", name="Amlder")).to_be_visible()
    expect(percentages.get_by_role("status")).to_contain_text("Dydy'r rhain ddim yn adio i 100!")
    expect(percentages.get_by_role("status")).to_contain_text("un gacen rhwng 3")
    percentages.get_by_role("radiogroup", name="Lleoedd degol").get_by_role("radio", name="2 le degol").check()
    expect(table).to_contain_text("33.33 %")


def test_the_prediction_sampler_speaks_welsh(page, labs_server):
    lab = open_lab(page, labs_server, "?lang=cy")
    sampler = lab.locator(".classlab-sampler")
    run = sampler.get_by_role("button", name="Profi fy rhagfynegiad")
    expect(run).to_be_disabled()
    expect(sampler.get_by_role("radiogroup", name="Dw i eisiau").get_by_role("radio", name="Cyfran deg")).to_be_checked()
    for _ in range(3):
        lab.get_by_role("button", name="Un yn fwy ar gyfer oren").click()
    expect(lab.get_by_label("Nifer ar gyfer oren")).to_have_value("3")
    sampler.get_by_label("Fy rhagfynegiad: mae angen hyn o tiwbiau arna i").fill("6")
    expect(run).to_be_enabled()
    run.click()
    expect(sampler.locator(".classlab-verdict")).to_contain_text("Fe wnaethoch chi ragweld 6 tiwb.")
    expect(sampler.get_by_role("table", name="Atebion o fwy o ddata")).to_contain_text("O 1 tiwb")


def test_the_findings_box_speaks_welsh(welsh_page):
    lab = welsh_page  # "our question" (which adds a box here) has a page of its own
    findings = lab.locator(".classlab-findings")
    answer = findings.get_by_role("textbox", name="Cwestiwn 1")
    expect(answer).to_have_attribute("placeholder", "Beth wnaethoch chi ei ddarganfod? Beth yw eich tystiolaeth?")
    expect(findings.get_by_role("heading", name="Canfyddiadau'r dosbarth")).to_be_attached()
    findings.get_by_role("button", name="Rhannu ateb 1 gyda'r dosbarth").click()  # not in a class yet
    expect(findings.get_by_role("status")).to_have_text(
        "Ymunwch â'ch dosbarth yn gyntaf (ar frig y dudalen), yna gallwch chi rannu.")


def test_read_this_to_me_speaks_welsh(page, labs_server):
    page.add_init_script(HEARD)  # what the page's voice would be asked for
    lab = open_lab(page, labs_server, "?lang=cy")
    tally = lab.locator(".classlab-section-tally")
    button = tally.get_by_role("button", name="Darllen hwn i mi")
    expect(button).to_be_visible()
    button.click()
    expect(tally.get_by_role("button", name="Stopio darllen")).to_have_attribute("aria-pressed", "true")
    assert lab.evaluate("window.__heard") == ["cy"]  # the lab's own instructions, translated by its catalogue: a Welsh voice


def test_our_question_and_the_self_check_speak_welsh(page, labs_server):
    lab = open_lab(page, labs_server, "?lang=cy")
    choice = lab.locator(".classlab-question-choice")
    choice.get_by_role("textbox", name="Yn ein geiriau ein hunain").fill("Oes mwy o oren?")
    choice.get_by_role("button", name="Dyma ein cwestiwn").click()
    expect(choice.get_by_role("status")).to_have_text(
        "Dyna eich cwestiwn. Ymunwch â'ch dosbarth (ar frig y dudalen) er mwyn i hyn gael ei gadw.")
    expect(lab.locator(".classlab-our-question")).to_contain_text("Ein cwestiwn: Oes mwy o oren?")
    check = lab.locator(".classlab-self-check")
    check.get_by_role("checkbox", name="Teitl sy'n dweud beth mae'n ei ddangos").check()
    check.get_by_role("button", name="Cymharu â'r gwiriwr").click()
    beside = check.locator(".classlab-self-check-beside")
    expect(beside).to_contain_text("Fe wnaethoch chi dicio “Teitl sy'n dweud beth mae'n ei ddangos”. Darllenwch eich teitl yn uchel")
    expect(beside.get_by_role("table", name="Ein ticiau wrth ymyl rhai'r gwiriwr")).to_be_visible()
    assert "Compare with the checker" not in lab.content()


def test_two_stars_and_a_wish_and_looking_back_speak_welsh(welsh_page):
    lab = welsh_page
    peer = lab.locator(".classlab-peer-feedback")
    expect(peer.get_by_role("textbox", name="Dymuniad: un peth i'w drio")).to_have_attribute("placeholder", "e.e. Dechrau'r echel ar 0")
    peer.get_by_role("button", name="Dod o hyd i'r grwpiau eraill").click()  # not in a class yet
    expect(peer.get_by_role("status")).to_have_text(
        "Ymunwch â'ch dosbarth (ar frig y dudalen) yn gyntaf, yna gallwch chi edrych ar waith grwpiau eraill.")
    looking = lab.locator(".classlab-reflection")
    looking.get_by_role("textbox", name="Beth wnaethon ni ei ddarganfod").fill("Mae mwy o oren")
    looking.get_by_role("button", name="Cadw ein syniadau").click()
    expect(looking.get_by_role("status")).to_have_text("Ymunwch â'ch dosbarth (ar frig y dudalen) er mwyn i hyn gael ei gadw.")


def test_the_glossary_and_the_book_button_speak_welsh(welsh_page):
    lab = welsh_page
    glossary = lab.locator(".classlab-section-glossary")
    expect(glossary.get_by_role("heading", name="Geiriau rydyn ni'n eu defnyddio")).to_be_attached()
    expect(glossary.locator("#classlab-word-frequency")).to_have_text("Amlder")
    expect(glossary).to_contain_text("Sawl gwaith mae rhywbeth yn digwydd.")
    expect(lab.get_by_role("button", name="Gwneud ein llyfr")).to_be_visible()


def test_importing_and_downloading_speak_welsh(welsh_page):
    lab = welsh_page
    io = lab.locator(".classlab-data-io")
    expect(io.get_by_role("button", name="Mewnforio ffeil CSV neu Excel")).to_be_visible()  # named by aria-label
    expect(io.get_by_role("button", name="Lawrlwytho fel CSV")).to_be_visible()
    expect(io.locator(".classlab-hint").first).to_contain_text("Gall ffeil gael y colofnau")


def test_a_sections_default_words_speak_welsh(welsh_page):
    lab = welsh_page
    lab.evaluate("window.__heard = []")  # only what this test asks for
    chart = lab.locator(".classlab-section-chart")
    expect(chart.get_by_role("heading", name="2. Gwneud siart sy'n gweithio")).to_be_visible()  # the lab gives none
    chart.get_by_role("button", name="Darllen hwn i mi").click()
    assert lab.evaluate("window.__heard") == ["cy"]  # ClassLab's own words, in a Welsh voice
    expect(lab.locator(".classlab-section-start").get_by_role("heading", name="Dechrau")).to_be_visible()
