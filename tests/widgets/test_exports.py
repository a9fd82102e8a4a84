"""A hand-written lab builds from `widgets` what a lab page is built from: every part is exported."""
import ipywidgets as w

import widgets
import widgets.lab_page


def test_read_aloud_and_the_page_language_come_from_widgets():
    from widgets import PageLanguage, ReadAloud

    assert ReadAloud(text="Count the sweets.").text == "Count the sweets."
    assert PageLanguage("cy").lang == "cy"


def test_every_part_a_lab_page_is_built_from_is_exported():
    parts = {name for name, thing in vars(widgets.lab_page).items()
             if isinstance(thing, type) and issubclass(thing, w.Widget) and thing.__module__.startswith("widgets.")
             and not name.startswith("_")}
    assert parts - set(widgets.__all__) == set()
    assert {"ReadAloud", "ChooseCategories", "PageLanguage", "SelfCheck"} <= parts  # the check sees them
    for name in widgets.__all__:
        assert getattr(widgets, name) is not None
