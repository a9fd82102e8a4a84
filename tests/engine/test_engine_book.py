"""The book's engine: what goes on its pages, drawn from the group's saved work, and how it is printed."""
from __future__ import annotations

import contextlib
import re

import pytest

from classlab import SMARTIES, ChartSpec, Prediction, TallyBook, chart_data, simulate
from classlab.book import MAX_TABLE_ROWS, class_book_html, counts_table, group_book_html, prediction_section
from classlab.class_work import BookError, lab_words, read_class
from classlab.book_pictures import chart_svg, tally_svg
from classlab.settings import MAX_SAMPLES_TRIED, TRIALS

from tests.book.book_class import EVIDENCE, QUESTION_1, REDS, make_class


@pytest.fixture
def made(tmp_path):
    return make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")


def book_of(rows, sample="tube"):
    book = TallyBook(SMARTIES, sample_label=sample)
    book.replace_counts(rows)
    return book


def test_tally_marks_come_in_gates_of_five_with_a_name_that_says_how_many():
    svg = tally_svg(13, "orange")
    assert len(re.findall(r"<line ", svg)) == 4 + 1 + 4 + 1 + 3  # two gates (four strokes and a bar), then three
    assert 'aria-label="13 tally marks for orange"' in svg
    assert "<line" not in tally_svg(0, "red") and 'aria-label="1 tally mark for red"' in tally_svg(1, "red")
    big = tally_svg(1234, "blue")
    assert len(re.findall(r"<line ", big)) == 500 // 5 * 5 and "and 734 more" in big


def test_a_bar_chart_draws_a_bar_per_colour_from_the_pupils_axis_start():
    book = book_of([[5, 3, 7, 8, 2, 3, 7, 8]])
    spec = ChartSpec(view="one", title="Colours in <b>tube</b> 1", axis_start=2)
    svg = chart_svg(spec, chart_data(book, spec))
    for colour in SMARTIES.colours:
        assert svg.count(f'fill="{colour}"') == 1
    ticks = [int(t) for t in re.findall(r'text-anchor="end"[^>]*>(\d+)</text>', svg)]
    assert ticks[0] == 2 and ticks[-1] >= 8
    assert "Colours in &lt;b&gt;tube&lt;/b&gt; 1" in svg and "<b>" not in svg
    assert 'role="img"' in svg and "Bar chart" in svg


def test_tubes_side_by_side_draw_every_tube_and_a_key_and_a_pie_draws_a_slice_per_colour_counted():
    book = book_of([[5, 3, 7, 8, 2, 3, 7, 8], [1, 0, 0, 0, 0, 0, 0, 9], [0, 0, 0, 0, 0, 0, 4, 0]])
    spec = ChartSpec(view="side_by_side", chosen=[0, 1])
    svg = chart_svg(spec, chart_data(book, spec))
    assert svg.count("<rect") == 1 + 2 * 8 + 8  # background, two tubes of eight bars, the key's swatches
    assert ">Tube 1<" in svg and ">Tube 2<" in svg
    pie = ChartSpec(view="side_by_side", chosen=[0, 1, 2], kind="pie")
    svg = chart_svg(pie, chart_data(book, pie))
    assert svg.count("<path") == 8 + 2  # every colour in tube 1, two in tube 2; tube 3's one colour is a whole circle
    assert svg.count('<circle') == 1


def test_the_counts_table_totals_every_tube_and_stops_at_a_readable_length():
    book = book_of([[1] * 8] * (MAX_TABLE_ROWS + 5))
    table = counts_table(book)
    assert table.count("<tr>") == 1 + MAX_TABLE_ROWS + 1  # head, rows, foot
    assert f"<td>{MAX_TABLE_ROWS + 5}</td>" in table and f"<td>{8 * (MAX_TABLE_ROWS + 5)}</td>" in table
    assert "and 5 more tubes" in table


def test_the_prediction_is_set_beside_what_the_pupils_page_would_have_shown():
    from classlab.class_work import GroupWork

    book = book_of([[5, 3, 7, 8, 2, 3, 7, 8], [3, 2, 9, 4, 3, 7, 3, 4], [6, 5, 2, 2, 8, 7, 7, 5]])
    p = Prediction(category="orange")
    p.samples = 6
    text = prediction_section(GroupWork("A", False, book, ChartSpec(), p, {}, []))
    result = simulate(book.matrix(), 1, p, max_samples=MAX_SAMPLES_TRIED, trials=TRIALS, seed=2004)
    assert "we need 6 tubes" in text
    assert f"it worked {round(result.chance_for(6) * 100)} times out of 100" in text
    assert (f"we would need {result.answer} tubes" in text) if result.answer else "did not work" in text


def test_a_groups_book_has_its_work_and_the_class_agreement_all_escaped(made):
    cls = read_class(made.store, made.code, only="THE <script>alert('reds')</script> REDS")
    assert [g.name for g in cls.groups] == [REDS]
    page = group_book_html(cls, REDS)
    assert "<script" not in page.lower()
    assert "Tube 2 had the most yellow &amp; fewest orange" in page
    assert QUESTION_1 in page and EVIDENCE in page
    assert "Our chart, as we made it" in page and "All our tubes together" in page
    assert "Percentage (totals 100)" in page and "Our prediction" in page
    assert page.count('class="chapter"') == 0  # one group: no chapter breaks


def test_the_class_book_has_a_chapter_per_group_and_marks_practice_data(made):
    page = class_book_html(read_class(made.store, made.code))
    assert page.count('<section class="chapter"') == 3 + 1  # three groups, then what the class agreed
    assert page.count("practice data, made up by a computer") == 1
    # the class's chart pools the counted groups only (the Greens' practice data is left out)
    assert "4 tubes counted by the class" in page


def test_a_groups_own_question_comes_first_in_what_it_found_and_the_class_book_lists_each_groups_question(made):
    """Found by the issue 11 audit: the book's "What we found" left out the answer to the group's own question."""
    from classlab.findings import OUR_QUESTION

    own = "Do <big> tubes have more blue?"
    made.store.set_question(made.code, made.ids[REDS], own, from_lab=False)
    made.store.save_state(made.ids[REDS], "findings", {"answers": {OUR_QUESTION: "Yes, in 3 of our 4 <big> tubes"}})
    cls = read_class(made.store, made.code)
    page = group_book_html(cls, REDS)
    found = page[page.index("What we found"):]
    assert found.index("Do &lt;big&gt; tubes have more blue?") < found.index(QUESTION_1)  # ours first, then the lab's
    assert "Yes, in 3 of our 4 &lt;big&gt; tubes" in found and OUR_QUESTION not in page
    cover = class_book_html(cls).split('class="chapter"')[0]
    assert "Do &lt;big&gt; tubes have more blue?" in cover


def test_a_group_not_in_the_class_gets_a_kind_message(made):
    with pytest.raises(BookError, match="There is no group called “Purples”"):
        read_class(made.store, made.code, only="Purples")


def test_a_survey_book_uses_the_answers_the_group_chose_and_a_lab_with_no_description_still_gets_one(tmp_path):
    from classlab.store import ClassStore

    store = ClassStore(f"sqlite:///{tmp_path / 's.sqlite'}")
    session = store.start_session("class_survey", "Pets")
    g = store.join(session.code, "Cats")
    store.save_state(g.id, "answers", {"question": "What is your <i>favourite</i> pet?", "names": ["cat", "dog"]})
    from classlab import TallyChange

    store.record_many(g.id, [TallyChange(0, "dog", "set", 7), TallyChange(0, "cat", "set", 3)])
    cls = read_class(store, session.code)
    assert cls.lab.sample == "round of asking" and cls.groups[0].book.categories.names == ["cat", "dog"]
    page = group_book_html(cls, "Cats")
    assert "Our question: What is your &lt;i&gt;favourite&lt;/i&gt; pet?" in page
    assert "Round of asking 1" in page
    missing = lab_words("no_such_lab", tmp_path)
    assert missing.title == "No such lab" and missing.categories is None


def test_a_book_asks_for_nothing_from_anywhere(made):
    page = class_book_html(read_class(made.store, made.code))
    assert re.findall(r"\b(?:src|href|action|srcset)\s*=", page) == []  # no picture, link or form to fetch
    assert re.findall(r"url\(", page) == [] and "@import" not in page
    assert "<script" not in page.lower() and "default-src 'none'" in page


def test_when_chromium_cannot_print_the_web_page_is_kept_and_the_teacher_is_told_why(made, tmp_path):
    from classlab.printing import PrintError, print_pdf, write_book

    page = group_book_html(read_class(made.store, made.code), "Blues")
    kept = write_book(page, tmp_path, "blues", pdf=False)
    assert kept.pdf is None and kept.html.read_text(encoding="utf-8") == page
    with pytest.raises(PrintError, match="open it in a browser and print it"):
        print_pdf(kept.html, tmp_path / "blues.pdf", chromium="/bin/false")
    assert not list(tmp_path.glob("*.pdf*"))  # nothing half-made is left behind


def test_a_class_pressing_make_our_book_together_prints_a_few_at_a_time(made, tmp_path):
    from classlab.printing import PRINT_SLOTS, PrintError, print_pdf, print_slot, write_book

    kept = write_book(group_book_html(read_class(made.store, made.code), "Blues"), tmp_path, "blues", pdf=False)
    with contextlib.ExitStack() as taken:
        for _ in range(PRINT_SLOTS):  # every slot on this computer is printing
            taken.enter_context(print_slot())
        with pytest.raises(PrintError, match="busy printing other books"):
            print_pdf(kept.html, tmp_path / "blues.pdf", wait=0.5)
    assert print_pdf(kept.html, tmp_path / "blues.pdf").read_bytes()[:5] == b"%PDF-"  # a slot is free again
