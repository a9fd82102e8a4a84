"""Choosing the page's language, and the counting part speaking Welsh without a browser."""
from html import unescape

import pytest

from classlab import language, settings
from classlab.counts import CountError, parse_count
from classlab.language import choose, current, html_lang, known, ngettext, speaking, use
from tests.conftest import LABS, smarties_book
from classlab import ChartSpec
from classlab.charts import chart_data, critique
from classlab.datasets import load_into
from classlab.percentages import explain
from classlab import Findings
from widgets import (ChartBuilder, ClassBoard, FindingsBox, JoinClass, PercentageExplorer, PredictionSampler,
                     ReadAloud, TallyEntry)
from widgets.data_start import DataStart


@pytest.fixture(autouse=True)
def nothing_chosen(monkeypatch):
    """Each test starts as a fresh page: no language fixed, no address, no server setting."""
    monkeypatch.setattr(language, "_chosen", None)
    monkeypatch.delenv(settings.LANGUAGE, raising=False)
    monkeypatch.delenv(settings.QUERY_STRING, raising=False)


def send(entry, colour, **content):
    entry.rows[colour]._handle_custom_msg(content, [])


def test_english_uk_by_default():
    assert current() == "en_GB" and html_lang() == "en-GB"
    with pytest.raises(CountError, match="can't be less than zero"):
        parse_count("-1")


def test_the_page_address_chooses_then_the_server_setting(monkeypatch):
    assert choose("class=K7PQ2M&group=Reds&lang=cy") == "cy"
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy&class=K7PQ2M")
    assert current() == "cy" and html_lang() == "cy"
    monkeypatch.setenv(settings.QUERY_STRING, "")
    monkeypatch.setenv(settings.LANGUAGE, "cy")
    assert current() == "cy"
    assert choose("lang=en") == "en_GB"  # the page's own address wins over the server's setting


@pytest.mark.parametrize("asked, found", [("cy", "cy"), ("CY", "cy"), ("cy-GB", "cy"), ("en", "en_GB"),
                                          ("en-gb", "en_GB"), ("en_US", "en_GB"), ("fr", None), ("", None),
                                          ("../../etc", None), ("x" * 500, None)])
def test_what_can_be_asked_for(asked, found):
    assert known(asked) == found


def test_a_language_nobody_has_translated_opens_the_page_in_english():
    assert choose("lang=fr") == "en_GB" and choose("lang=%3Cscript%3E") == "en_GB"
    with pytest.raises(ValueError, match="cy, en_GB"):
        use("fr")


def test_speaking_puts_the_language_back():
    with speaking("cy"):
        assert current() == "cy"
    assert current() == "en_GB"


def test_the_count_parser_speaks_welsh():
    with speaking("cy"):
        said = {}
        for typed in ["-2", "lots", "2.5", "", "2000"]:
            with pytest.raises(CountError) as problem:
                parse_count(typed, thing="sweet", sample="tube")
            said[typed] = str(problem.value)
    assert said["-2"] == "Dydy cyfrif byth yn llai na sero. Teipiwch 0 os nad oes dim."
    assert said["lots"] == "Dydy “lots” ddim yn rhif. Teipiwch ddigidau, fel 7."
    assert said["2.5"].startswith("Dydy 2.5 ddim yn rhif cyfan")
    assert said[""] == "Teipiwch rif, fel 5 (neu 0 os nad oes dim)."
    assert said["2000"] == "Mae 2,000 yn llawer mewn tiwb! Gwiriwch eto: 1,000 yw'r mwyaf."  # the lab's word in Welsh too


def test_the_tally_speaks_the_pages_language(monkeypatch):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    entry = TallyEntry(smarties_book())
    red = entry.rows["red"]
    assert (red.lang, red.add_label, red.take_label, red.count_label) == (
        "cy", "Un yn fwy ar gyfer coch", "Un yn llai ar gyfer coch", "Nifer ar gyfer coch")
    assert red.marks_label == "0 marc tali ar gyfer coch"
    send(entry, "red", op="add")
    send(entry, "red", op="add")
    assert red.marks_label == "2 farc tali ar gyfer coch"
    send(entry, "red", op="set", value="lots")
    assert red.message == "Dydy “lots” ddim yn rhif. Teipiwch ddigidau, fel 7." and red.count == 2
    assert entry.next.description == "Tiwb nesaf ▶" and entry.new.description == "Tiwb newydd"  # a button starts with a capital
    assert "<b>Tiwb 1</b> o 1" in entry.where.value and "Cyfanswm yn y tiwb yma: <b>2</b>" in entry.total.value


def test_the_tally_in_english_says_what_it_always_said():
    entry = TallyEntry(smarties_book())
    red = entry.rows["red"]
    assert (red.lang, red.add_label, red.take_label, red.count_label) == (
        "en-GB", "Add one red", "Take one red away", "Number of red")
    send(entry, "red", op="add")
    assert red.marks_label == "1 tally mark for red"
    send(entry, "red", op="add")
    assert red.marks_label == "2 tally marks for red"
    assert entry.previous.description == "◀ Previous tube"
    assert '<span class="classlab-where"><b>Tube 1</b> of 1</span>' == entry.where.value


def test_the_start_of_counting_speaks_welsh(monkeypatch):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    book = smarties_book()
    start, entry = DataStart(book, "smarties_29_tubes"), TallyEntry(book)
    assert start.empty.description == "Dechrau gyda'n tiwbiau gwag ein hunain"
    start.load.click()
    # The dataset's own title and note for pupils are its words (like a lab's), not yet translated.
    assert "<b>Data ymarfer</b> yw e: dydy e ddim yn mynd i mewn i ddata'r dosbarth." in start.about.value
    assert "“Dechrau gyda'n tiwbiau gwag ein hunain”" in unescape(entry.practice.value)  # the button, as it is named
    start.empty.click()
    assert "Bydd hyn yn rhoi un tiwb gwag yn lle eich" in start.question.value


def test_joining_a_class_speaks_welsh(monkeypatch, store):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
    finally:
        board.close()
    join = JoinClass(smarties_book(), store=store, query_string="", every=3600)
    assert (join.code.description, join.name.description, join.join_button.description) == (
        "Cod y dosbarth", "Enw'r grŵp", "Ymuno")
    assert join.name.placeholder == "e.e. Y Tîm Oren"
    assert join.join() is False and "Teipiwch y cod dosbarth gan eich athro" in join.message.value
    join.code.value, join.name.value = code, "Cochion"
    assert join.join()
    assert "Chi yw grŵp <b>Cochion</b> yn nosbarth" in join.status.value and "yn cael ei gadw" in join.status.value
    again = JoinClass(smarties_book(), store=store, query_string="", every=3600)
    again.code.value, again.name.value = code, "Cochion"
    assert again.join() is False and "Ai chi yw Cochion ar gyfrifiadur arall?" in again.question.value
    assert (again.yes.description, again.no.description) == ("Ie, ni yw'r grŵp yna", "Na, fe wnawn ni ddewis enw arall")
    join.close(), again.close()


def test_joining_in_english_says_what_it_always_said(store):
    join = JoinClass(smarties_book(), store=store, query_string="", every=3600)
    assert join.join() is False
    assert "Type the class code your teacher gave you, and a name for your group." in join.message.value
    assert (join.code.description, join.code.placeholder, join.yes.description) == ("Class code", "e.g. K7PQ2M", "Yes, we are")


def test_the_chart_builder_speaks_welsh(monkeypatch):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    builder = ChartBuilder(book)
    assert builder.what.description == "Dangos" and builder.how.description == "Siart"
    assert [label for label, _key in builder.how.options] == ["Siart bar", "Siart cylch", "Plot dotiau"]
    assert [label for label, _key in builder.what.options][0] == "Un tiwb"
    assert (builder.title.description, builder.save.description, builder.legend.description) == (
        "Teitl", "Cadw fel llun", "Dangos yr allwedd")
    assert builder.spec.y_label == "Nifer o losin"  # the lab's words in Welsh too
    assert builder.words.value.startswith("<p><b>Siart bar mewn geiriau.</b> Tiwb 1: coch ")
    assert "<h3>Beth sy'n gwneud i siart weithio'n dda?</h3>" in builder.checklist.value
    assert builder.critique.next_step == "Rhowch deitl i'ch siart sy'n dweud beth mae'n ei ddangos, fel “Lliwiau yn ein tiwbiau”."
    builder.spec.title = "fy ngraff"  # a title that says nothing, in Welsh: not praised
    assert builder.critique.next_step.startswith("Gwnewch i'ch teitl ddweud beth mae'r siart yn ei ddangos")
    builder.spec.title = "Lliwiau yn ein tiwbiau"
    builder.fair.value = True
    assert "Sut byddai teg yn edrych: " in builder.words.value
    assert builder.critique.next_step.endswith("Da iawn!")
    builder.spec.kind = "dots"
    assert builder.chart_name.name == "Plot dotiau: Lliwiau yn ein tiwbiau"


def test_the_charts_advice_counts_in_welsh():
    """Dots and slices counted with Welsh's own forms: after "dau" (2) "dot" softens to "ddot"."""
    book = smarties_book()
    book.set("red", "2")
    with speaking("cy"):
        spec = ChartSpec(kind="dots", title="Lliwiau yn ein tiwbiau")
        said = {c.rule: c.advice for c in critique(spec, chart_data(book, spec)).checks}
        assert said["Mae plot dotiau ar gyfer cyfrifon bach"] == (
            "Gyda 2 ddot mewn un golofn, mae'n anodd cyfrif y dotiau: triwch siart bar.")
        assert (ChartSpec().x_label, ChartSpec().y_label) == ("Lliw", "Nifer o bethau")
    assert (ChartSpec().x_label, ChartSpec().y_label) == ("Colour", "Number of things")


def test_the_percentages_speak_welsh(monkeypatch):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    book = smarties_book()
    explorer = PercentageExplorer(book)
    assert [label for label, _n in explorer.places.options] == ["0 lle degol", "1 lle degol", "2 le degol"]
    assert explorer.places.description == "Lleoedd degol" and explorer.which.options[0][0] == "Y tiwbiau i gyd gyda'i gilydd"
    assert "Cyfrifwch rai losin yn gyntaf" in explorer.note.value
    for colour in ["red", "green", "blue"]:
        book.add(colour)
    assert '<th scope="col">Amlder</th>' in explorer.table.value and 'aria-label="Tabl canrannau"' in explorer.table.value
    assert "<b>Dydy'r rhain ddim yn adio i 100!</b> Mae'r rhain yn adio i 99 %, nid 100 %." in unescape(explorer.note.value)
    assert "un gacen rhwng 3: mae pob rhan yn 33.333… %" in unescape(explorer.note.value)


def test_the_percentages_in_english_say_what_they_always_said():
    said = explain({"red": 1, "green": 1, "blue": 1}, 0, "sweets")
    assert said == ("These add up to 99 %, not 100 %. Each share was rounded on its own, and 3 of them were rounded "
                    "down a little. Those little bits add up to the missing 1 %. It's like sharing one cake between 3: "
                    "each share is really 33.333… %, which rounds to 33 %. The other column shares out the leftover "
                    "bits so the total is always 100 %.")
    explorer = PercentageExplorer(smarties_book())
    assert [label for label, _n in explorer.places.options] == ["0 decimal places", "1 decimal place", "2 decimal places"]


def test_the_prediction_sampler_speaks_welsh(monkeypatch):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    sampler = PredictionSampler(book)
    assert (sampler.colour.description, sampler.goal.description, sampler.run.description) == (
        "Fy ffefryn", "Dw i eisiau", "Profi fy rhagfynegiad")
    assert [label for label, _goal in sampler.goal.options] == ["Cyfran deg", "O leiaf hyn o rai"]
    assert sampler.guess.description == "Fy rhagfynegiad: mae angen hyn o tiwbiau arna i"
    assert "Eich nod: cyfran deg o coch: tua 1 ym mhob 8 losin (12.5 %)" in sampler.goal_words.value
    assert sampler.again.description == "Trio eto gyda siopau eraill"  # the shop story's words, when a lab gives none
    sampler.guess.value = "lots"
    assert "Ysgrifennwch eich rhagfynegiad fel rhif cyfan o tiwbiau, fel 6." in sampler.message.value
    sampler.guess.value = "6"
    sampler.test()
    assert "Fe wnaethoch chi ragweld 6 tiwb. Gyda 6 tiwb, fe weithiodd" in sampler.outcome.value
    assert "<h3>Po fwyaf o ddata, gorau oll y rhagfynegiad</h3>" in sampler.more_data.value
    assert "<td>O 29 tiwb</td>" in sampler.more_data.value
    assert sampler.chance_figure.title == "Pa mor aml wnaeth e weithio?"


def test_welsh_says_how_many_times_it_worked_with_its_own_forms():
    """After "dau" (2) and "un" (1) "gwaith" softens to "waith"; 3, 6 and the rest keep "gwaith"."""
    with speaking("cy"):
        said = {n: ngettext("You predicted {prediction}. With {prediction}, it worked {times} times out of 100.",
                            "You predicted {prediction}. With {prediction}, it worked {times} times out of 100.",
                            n).format(prediction="6 tubes", times=n).split(", fe weithiodd ")[1]
                for n in (1, 2, 3, 6, 90)}
    assert said == {1: "1 waith allan o 100.", 2: "2 waith allan o 100.", 3: "3 gwaith allan o 100.",
                    6: "6 gwaith allan o 100.", 90: "90 gwaith allan o 100."}


def test_the_findings_box_speaks_welsh(monkeypatch, store):
    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    try:
        code = board.start_class()
    finally:
        board.close()
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    question = "Oes gan bob tube yr un nifer o bob lliw?"
    pages = {}
    for group in ["Cochion", "Gleision"]:
        findings = Findings(questions=[question])
        join = JoinClass(smarties_book(), findings=findings, store=store, query_string=f"class={code}&group={group}",
                         every=3600)
        pages[group] = (join, FindingsBox(findings, join=join))
    reds, blues = pages["Cochion"][1], pages["Gleision"][1]
    assert reds.boxes[question].description == "Cwestiwn 1" and reds.look.description == "Gweld beth mae'r dosbarth wedi'i ddarganfod"
    assert reds.shares[question].description == "Rhannu ateb 1 gyda'r dosbarth"
    reds.share(question)
    assert "Ysgrifennwch eich canfyddiad yn y blwch yn gyntaf" in reds.message.value
    reds.boxes[question].value = "Nac oes: oren yw'r prinnaf"
    reds.share(question)
    assert "Wedi'i rannu! Mae eich canfyddiad (rhif" in unescape(reds.message.value)
    first = store.findings(code)[0]
    store.sort_finding(first.id, "check")
    blues.show_others()
    said = blues.others.children[0].children
    assert "mae'r dosbarth yn dweud: Mae angen i ni wirio" in unescape(said[0].value)
    assert said[1].description == f"Parhau o ganfyddiad {first.id}"
    blues.continue_from(first)
    assert "Yn parhau o <b>Cochion</b>" in blues.notes[question].value
    blues.boxes[question].value = "Mae gan ein tubes ni fwy o oren"
    blues.share(question)
    reds.show_others()
    assert "<b>Eich grŵp</b>" in reds.others.children[0].children[0].value
    assert "wedi'i barhau gan Gleision" in unescape(reds.others.children[0].children[0].value)
    for join, box in pages.values():
        join.close()


def test_read_this_to_me_speaks_the_pages_language(monkeypatch):
    """Its words come from Python as traits (its JavaScript holds none); its voice is its text's language, which
    for a lab's own words (not translated yet) is English (UK), unless the text's giver says otherwise."""
    english = ReadAloud(text="Count.")
    assert (english.read_words, english.stop_words, english.lang) == ("Read this to me", "Stop reading", "en-GB")
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    welsh = ReadAloud(text="Cyfrif.")
    assert (welsh.read_words, welsh.stop_words, welsh.lang) == ("Darllen hwn i mi", "Stopio darllen", "en-GB")
    assert ReadAloud(text="Cyfrif.", lang="cy").lang == "cy"


def test_a_class_ended_says_so_in_welsh_and_names_the_file_in_welsh(monkeypatch, store):
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    code = store.start_session("smarties").code
    book = smarties_book()
    join = JoinClass(book, store=store, query_string=f"class={code}&group=Cochion", every=3600)
    DataStart(book, "smarties_29_tubes").load.click()  # practice data, so the file says so
    store.end_session(code)
    join.link.tick()
    assert "Mae eich athro wedi gorffen y dosbarth yma" in join.status.value
    assert "Gallwch chi gadw data eich grŵp fel ffeil." in join.status.value
    assert join.download.description == "Lawrlwytho ein data (CSV)"
    sent = []
    join.downloader.send_file = lambda name, data, mime="": sent.append(name)
    join.download.click()
    assert sent == ["Cochion-data-ymarfer.csv"] and "Mae data eich grŵp yn eich ffolder lawrlwytho." in join.message.value
    join.close()


def test_welsh_says_how_many_last_changes_were_lost():
    with speaking("cy"):
        said = {n: ngettext("{n} last change could not reach your teacher, but they are in your file.",
                            "{n} last changes could not reach your teacher, but they are in your file.", n).format(n=n)
                for n in (1, 2)}
    assert said == {1: "Doedd 1 newid olaf ddim wedi cyrraedd eich athro, ond mae e yn eich ffeil.",
                    2: "Doedd 2 newid olaf ddim wedi cyrraedd eich athro, ond maen nhw yn eich ffeil."}


def test_the_class_stores_messages_speak_the_language_current_when_raised(store):
    """The store serves pupils' pages, the board and the command line: each message is made when it is raised."""
    from classlab.store import ClassNotFound, RefusedInput

    code = store.start_session("smarties").code
    group = store.join(code, "Cochion")
    with speaking("cy"):
        with pytest.raises(ClassNotFound, match="Allwn ni ddim dod o hyd i ddosbarth gyda'r cod “ZZZ”"):
            store.join("ZZZ", "Cochion")
        with pytest.raises(RefusedInput, match=r"Mae'r enw yna'n 41 nod o hyd: dewiswch un o 40 nod neu lai"):
            store.join(code, "x" * 41)
        with pytest.raises(RefusedInput, match="Ysgrifennwch beth wnaethoch chi ei ddarganfod"):
            store.post_finding(group.id, "", "  ")
    with pytest.raises(ClassNotFound, match="We can't find a class with the code “ZZZ”. Please check it with your teacher."):
        store.join("ZZZ", "Reds")
    with pytest.raises(RefusedInput, match="^That name is 41 characters long: please choose one of 40 or fewer.$"):
        store.join(code, "x" * 41)
    store.end_session(code)
    with speaking("cy"), pytest.raises(ValueError, match="Mae'r wers ddosbarth yma wedi gorffen."):
        store.join(code, "Cochion")


def test_a_page_that_cannot_save_or_has_ended_says_so_in_welsh(monkeypatch, store):
    from classlab.sync import ENDED, NOT_SAVED, GroupLink

    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    code = store.start_session("smarties").code
    book = smarties_book()
    link = GroupLink.join(store, code, "Cochion", book)
    with pytest.raises(ValueError, match="Mae'r dudalen yma'n perthyn i'r grŵp Cochion yn barod."):
        GroupLink.join(store, code, "Gleision", book)
    store.end_session(code)
    book.add("red")
    link.push()
    assert link.ended and link.problem == book.closed == (
        "Mae eich athro wedi gorffen y dosbarth yma, felly does dim byd arall yn gallu newid. Da iawn heddiw!")
    with speaking("en_GB"):
        assert _said(NOT_SAVED) == "Not saved yet: we'll keep trying. Please keep this page open."
        assert _said(ENDED) == "Your teacher has ended this class, so nothing more can be changed. Well done today!"


def _said(words: str) -> str:
    from classlab.language import _

    return _(words)


def test_our_question_and_the_self_check_speak_welsh(monkeypatch, store):
    from classlab import SMARTIES, ChartSpec, TallyBook
    from widgets.our_question import OWN, OurQuestion
    from widgets.self_check import SelfCheck

    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    code = store.start_session("smarties", categories=SMARTIES).code
    book, chart = TallyBook(SMARTIES), ChartSpec(title="Lliwiau yn ein tube")
    join = JoinClass(book, chart=chart, store=store, query_string=f"class={code}&group=Cochion", every=3600)
    question = OurQuestion(["Ydy pob tube yr un fath?"], join=join)
    assert (question.choice.description, question.use.description) == ("Rydyn ni eisiau darganfod", "Dyma ein cwestiwn")
    assert question.choice.options[-1] == ("Ein cwestiwn ein hunain", OWN)
    question.choice.value = OWN
    question.use.click()
    assert "Ysgrifennwch eich cwestiwn yn gyntaf" in question.message.value
    question.own.value = "Oes mwy o oren?"
    question.use.click()
    assert "Wedi'i gadw: dyna gwestiwn eich grŵp." in unescape(question.message.value)
    assert "<b>Ein cwestiwn:</b>" in question.banner.value
    for _ in range(3):
        book.add("orange")
    chart.axis_start = 2
    check = SelfCheck(book, chart, join=join)
    zero = check.boxes["The count axis starts at zero"]  # kept by the line's English words, shown in Welsh
    assert zero.description == "Mae echel y cyfrif yn dechrau ar sero"
    zero.value = True
    check.compare_button.click()
    assert "Fe wnaethoch chi dicio “" in check.beside.value and "Edrychwch ar yr echel chwith: ble mae hi'n dechrau?" in unescape(check.beside.value)
    assert "Ein ticiau wrth ymyl rhai'r gwiriwr" in unescape(check.beside.value)
    # Saved by the line's fixed key: an English page (or the board) reads the same tick in English.
    with speaking("en_GB"):
        saved = store.self_check(code, join.link.group.id)
    assert saved.ticks["The count axis starts at zero"] is True
    join.close()


def test_ticks_saved_under_a_checklist_lines_words_are_read_in_any_language(store):
    """Ticks saved before lines had keys used the words shown: English, or last round's Welsh."""
    from classlab import SMARTIES
    from classlab.voice import rule_english, rule_key

    with speaking("cy"):
        welsh = _said("The count axis starts at zero")
    assert welsh != "The count axis starts at zero"
    assert rule_key(welsh) == rule_key("The count axis starts at zero") == rule_key("zero") == "zero"
    assert rule_english(welsh) == "The count axis starts at zero" and rule_key("Our own line") == "Our own line"
    code = store.start_session("smarties", categories=SMARTIES).code
    group = store.join(code, "Reds").id
    store.save_self_check(code, group, {welsh: True, "A title that says what it shows": False})
    assert store.self_check(code, group).ticks == {"The count axis starts at zero": True, "A title that says what it shows": False}
    with speaking("cy"):
        assert store.self_check(code, group).ticks == {welsh: True, _said("A title that says what it shows"): False}


def test_two_stars_and_a_wish_and_looking_back_speak_welsh(monkeypatch, store):
    from classlab import SMARTIES, TallyBook
    from widgets.peer_feedback import PeerFeedback
    from widgets.reflection import Reflection, VoiceBoard

    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    code = store.start_session("smarties", categories=SMARTIES).code
    pages = {}
    for name in ("Cochion", "Gleision"):
        join = JoinClass(TallyBook(SMARTIES), store=store, query_string=f"class={code}&group={name}", every=3600)
        pages[name] = (join, PeerFeedback(join.book, join=join), Reflection(join=join))
    join, peer, looking = pages["Cochion"]
    assert (peer.find.description, peer.wish.description) == ("Dod o hyd i'r grwpiau eraill", "Dymuniad: un peth i'w drio")
    assert peer.stance.options == (("Rydyn ni'n cytuno", "agree"), ("Dydyn ni ddim yn cytuno", "disagree"),
                                   ("Ddim yn siŵr", "not sure"))
    peer.find.click()
    peer.other.value = pages["Gleision"][0].link.group.id
    assert "Y siart a wnaeth <b><bdi>Gleision</bdi></b>:" in peer.their_chart.children[0].value
    peer.star_1.value = "Lliwiau llachar"
    peer.send.click()
    assert "Ysgrifennwch eich ail seren yn gyntaf" in unescape(peer.message.value)
    peer.star_2.value, peer.wish.value = "Teitl clir", "Dechrau ar 0"
    peer.send.click()
    assert "Wedi'i anfon! Bydd eich athro yn ei ddarllen yn gyntaf" in unescape(peer.message.value)
    assert "<b>I Gleision</b>" in peer.given.value and "🪄 Dymuniad: <bdi>Dechrau ar 0</bdi>" in peer.given.value
    assert looking.boxes["found"].description == "Beth wnaethon ni ei ddarganfod"
    looking.save.click()
    assert "Ysgrifennwch o leiaf un ateb cyn cadw" in unescape(looking.message.value)
    looking.boxes["found"].value = "Mae mwy o oren"
    looking.save.click()
    assert "Wedi'i gadw. Gall eich athro ddarllen eich syniadau" in unescape(looking.message.value)
    board = VoiceBoard(store)
    board.show_class(code)
    assert "1 yn aros amdanoch chi" in board.waiting.value and "<h3>Beth wnaethon ni ei ddarganfod</h3>" in board.reflections.value
    assert board.release_all() == 1 and "Gall grwpiau weld 1 darn arall o adborth nawr." in unescape(board.message.value)
    with speaking("en_GB"):
        assert VoiceBoard(store).release.description == "Let groups see their feedback"
    for join, *_ in pages.values():
        join.close()


def test_the_glossary_and_the_book_buttons_speak_welsh(monkeypatch, store):
    from classlab.book import lab_words
    from widgets.book_button import BookButton, ClassBookButtons
    from widgets.glossary import glossary_html, link_words

    with speaking("cy"):
        words = unescape(glossary_html())
        book = BookButton(lab_words("smarties", LABS), smarties_book())
        books = ClassBookButtons(store)
    assert "<h2>Geiriau rydyn ni'n eu defnyddio</h2>" in words and ">Amlder</dt>" in words and ">Echel</dt>" in words
    assert "Sawl gwaith mae rhywbeth yn digwydd." in words
    assert 'href="#classlab-word-frequency"' in link_words("the frequency of red")  # a lab's English words still link
    assert (book.make.description, book.make.tooltip) == ("Gwneud ein llyfr", "Gwneud llyfr o'n hymchwiliad, i'w argraffu neu ei gadw")
    with speaking("cy"):
        assert books.make("class") is False
    assert "Dechreuwch neu dewiswch ddosbarth yn gyntaf." in books.message.value
    assert (books.class_book.description, books.parents.description) == ("Gwneud llyfr y dosbarth", "Gwneud y dudalen i rieni")
    english = glossary_html()
    assert "<h2>Words we use</h2>" in english and ">Frequency</dt>" in english and ">Tally</dt>" in english


def test_importing_and_downloading_speak_welsh():
    from widgets.data_io import DataInOut

    with speaking("cy"):
        io = DataInOut(smarties_book())
        assert io.import_again() is False
        io.download("csv")
    assert (io.upload.description, io.to_csv.description) == ("Mewnforio ffeil CSV neu Excel", "Lawrlwytho fel CSV")
    assert io.upload.tooltip == "Rhoi'r cyfrifon mewn ffeil CSV neu Excel yn lle ein tiwbiau"
    assert 'content: "Mewnforio ffeil CSV neu Excel"' in io.hint.value  # the button's words, drawn by CSS
    assert "Gall ffeil gael y colofnau <b>tiwb</b>, <b>lliw</b> a <b>count</b>" in io.hint.value
    assert io._helper.label == "Mewnforio ffeil CSV neu Excel"  # its accessible name
    assert "Wedi'i gadw fel our-counts.csv yn eich ffolder lawrlwytho." in unescape(io.message.value)
    english = DataInOut(smarties_book())
    assert 'content: "Import a CSV or Excel file"; font-size: 16px; }\n</style><p class="classlab-hint">A file can have' in english.hint.value


def test_a_lab_pages_default_words_speak_welsh_and_a_labs_own_words_win():
    from widgets import LabPage
    from widgets.read_aloud import ReadAloud

    def sections(page):
        found, todo = {}, [page]
        while todo:
            widget = todo.pop()
            for css in getattr(widget, "_dom_classes", ()):
                if css.startswith("classlab-section-") and css != "classlab-section-heading":
                    found[css[len("classlab-section-"):]] = widget
            todo.extend(getattr(widget, "children", ()))
        return found

    with speaking("en_GB"):
        page = LabPage.from_file(LABS / "smarties.lab.yaml", query_string="lang=cy")
        try:
            parts = sections(page)
            chart_top, chart_reader = parts["chart"].children[:2]
            assert "Gwneud siart sy'n gweithio</h2>" in unescape(chart_top.value)  # the lab gives no heading: ours, in Welsh
            assert "Dewiswch beth i'w ddangos a sut." in unescape(chart_top.value)
            assert isinstance(chart_reader, ReadAloud) and chart_reader.lang == "cy"  # our words: a Welsh voice
            start_top, start_reader = parts["start"].children[:2]
            assert "<h2>Dechrau</h2>" in start_top.value  # our heading in Welsh, above the lab's own intro
            assert "Cyfrwch eich tiwbiau eich hun, neu llwythwch ddata ymarfer (29 tiwb" in unescape(start_top.value)
            assert start_reader.lang == "cy"  # the lab's own words, translated by its catalogue: a Welsh voice
            assert page.parts["start"].load.description == "Llwytho data ymarfer: 29 tiwb ffug"  # the lab's own, in Welsh
            assert page.parts["sampler"].again.description == "Trio eto gyda siopau eraill"  # the lab format's default story
        finally:
            page.close()
    with speaking("en_GB"):
        english = LabPage.from_file(LABS / "smarties.lab.yaml", query_string="")
        try:
            top = sections(english)["chart"].children[0].value
            assert "Make a chart that works</h2>" in top and "Choose what to show and how." in top
            assert english.parts["sampler"].again.description == "Try again with other shops"
        finally:
            english.close()
