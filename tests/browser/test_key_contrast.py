"""The side-by-side chart's key in Chromium: its words are dark enough to read on white (WCAG 1.4.3, 4.5:1),
even for yellow, and each swatch keeps its bar's colour."""
import re

import pytest
from playwright.sync_api import expect

from test_every_pupil import tubes_side_by_side

pytestmark = pytest.mark.browser

WAIT = 60_000  # a kernel on a busy 2-core machine


def contrast_with_white(rgb: str) -> float:
    """WCAG's contrast ratio of a CSS rgb() colour against white."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    lum = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (lum + 0.05)


def test_the_keys_words_are_dark_and_its_swatches_coloured(page, labs_server):
    tubes_side_by_side(page, labs_server)
    expect(page.get_by_role("checkbox", name="Show the key")).to_be_checked()
    chart = page.locator(".classlab-chart-builder .classlab-chart")
    words = chart.locator("text.legendtext").filter(has_text=re.compile("^yellow$"))  # the key's word for yellow
    expect(words).to_have_count(1, timeout=WAIT)
    fill = words.evaluate("t => getComputedStyle(t).fill")
    assert contrast_with_white(fill) >= 4.5, fill
    assert words.evaluate("t => getComputedStyle(t).stroke") == "none"  # no yellow edge round the letters
    swatch = words.evaluate("t => getComputedStyle(t.parentNode.querySelector('.legendrect')).fill")
    assert swatch == "rgb(242, 194, 0)"  # the key still shows yellow beside the word
    assert contrast_with_white(swatch) < 4.5  # so words written in the bar's colour, as bqplot writes them, would fail
