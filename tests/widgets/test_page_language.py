"""A lab page says its language: `<html lang>` through PageLanguage, and `?lang=` in the address it is given."""
from pathlib import Path

from classlab.language import current, speaking
from widgets import LabPage

SMARTIES = Path(__file__).resolve().parents[2] / "labs" / "smarties.lab.yaml"


def test_a_page_given_lang_cy_speaks_welsh_and_says_so():
    with speaking("en_GB"):  # the page's choice lasts only as long as this block (a kernel keeps it)
        page = LabPage.from_file(SMARTIES, query_string="lang=cy")
        try:
            assert current() == "cy"
            assert page.language.lang == "cy"
            assert page.parts["tally"].rows["orange"].add_label == "Un yn fwy ar gyfer oren"  # the lab's own word too (labs/locale/cy)
        finally:
            page.close()


def test_a_page_without_lang_says_english_uk():
    with speaking("en_GB"):
        page = LabPage.from_file(SMARTIES, query_string="")
        try:
            assert page.language.lang == "en-GB"
            assert page.parts["tally"].rows["orange"].add_label == "Add one orange"
        finally:
            page.close()
