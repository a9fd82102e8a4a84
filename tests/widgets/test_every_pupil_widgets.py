"""Issue 12 without a browser: one live region per widget, a wrong box named with its message, read aloud's words."""
import ipywidgets as w

from tests.conftest import pupil_page, smarties_book
from classlab import Prediction
from widgets._accessible import LiveRegion, message_area, say
from widgets.lab_page import _reader
from widgets.prediction_sampler import PredictionSampler
from widgets.read_aloud import plain_words


def live_regions(widget) -> list:
    """Every LiveRegion in a widget's tree (each is one live region on the page)."""
    found, todo = [], [widget]
    while todo:
        node = todo.pop()
        if isinstance(node, LiveRegion):
            found.append(node)
        todo.extend(getattr(node, "children", ()))
    return found


def test_a_message_about_a_box_names_that_box_until_the_next_words():
    area, box = message_area(), w.Text()
    say(area, "Please type a number.", wrong=box)
    assert area.wrong == [f"classlab-field-{box.model_id}"] and area.wrong[0] in box._dom_classes
    say(area, "Saved.")  # good news: nothing is wrong now
    assert area.wrong == []
    say(area, "Please type a number.", wrong=box)
    say(area, "")
    assert area.wrong == [] and area.value == ""


def test_the_join_box_keeps_one_live_region_for_its_status_question_and_messages(store):
    code = store.start_session("smarties").code
    join = pupil_page(store).join
    assert live_regions(join) == [join.region]
    join.join()
    assert "Type the class code" in join.region.value and join.region.wrong == [f"classlab-field-{join.code.model_id}"]
    join.code.value = code
    join.join()
    assert join.region.wrong == [f"classlab-field-{join.name.model_id}"]  # the code is there now: the name is missing
    join.name.value = "Reds"
    assert join.join() is True
    assert "Everything you do is saved" in join.region.value and join.region.wrong == []
    assert 'class="classlab-say"' not in join.region.value  # no message left over under the status


def test_the_sampler_says_its_verdict_and_its_messages_in_one_region():
    book = smarties_book()
    sampler = PredictionSampler(book, Prediction(category="orange"))
    assert live_regions(sampler) == [sampler.region]
    sampler.guess.value = "lots"
    assert sampler.region.wrong == [f"classlab-field-{sampler.guess.model_id}"]
    sampler.guess.value = "5"
    assert sampler.region.wrong == [] and "classlab-say" not in sampler.region.value


def test_read_aloud_reads_the_heading_then_the_instructions_in_plain_words():
    reader = _reader("2. Count", "Press **+** for each sweet\n  you find.")
    assert reader.text == "2. Count. Press + for each sweet you find."
    assert reader.read_words == "Read this to me" and reader.stop_words == "Stop reading" and reader.lang == "en-GB"
    assert plain_words("**New tube**  when") == "New tube when"


def test_where_counting_starts_asks_and_answers_in_one_region():
    from widgets.data_start import DataStart

    book = smarties_book()
    start = DataStart(book, "smarties_29_tubes")
    assert live_regions(start) == [start.message]
    book.add("red")
    start.load.click()
    assert "Are you sure?" in start.message.value and start.message.value.count("role=\"status\"") == 0
    start.no.click()
    assert "Are you sure?" not in start.message.value and "Nothing changed" in start.message.value
