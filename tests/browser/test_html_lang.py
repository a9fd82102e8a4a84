"""`<html lang>` says the language a lab page speaks, in Chromium and a real Voila: `en-GB` by default, `cy` for
`?lang=cy`, and the server's CLASSLAB_LANGUAGE for a page served from Voila's preheated pool (run before anyone
asked for it, so only its kernel knows the language). The HTML the server sends says it already, before any script
runs (read here without a browser): a screen reader never reads a Welsh page's first words as English."""
import re
import shutil
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from tests.conftest import LABS, wait_until

pytestmark = pytest.mark.browser

WAIT = 60_000  # a kernel on a busy 2-core machine


def opened(page, url):
    page.goto(url)
    page.locator(".cl-tally-row").first.wait_for(timeout=WAIT)  # the kernel's widgets are on the page
    return page


def sent_html(url: str) -> str:
    """A page as the server sends it, before any script runs: the raw HTML, no browser."""
    with urlopen(url, timeout=WAIT / 1000) as response:  # the whole page: Voila sends it as its kernel runs
        return response.read().decode("utf-8")


def sent_lang(url: str) -> str:
    """The `<html lang>` of a page as the server sends it, before any script runs: the raw HTML, no browser."""
    html = sent_html(url)
    found = re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", html)
    assert found, html[:500]
    return found.group(1)


def test_the_html_says_the_pages_language_before_any_script_runs(labs_server):
    smarties = labs_server.url("smarties.ipynb")
    assert sent_lang(smarties) == "en-GB"
    assert sent_lang(smarties + "?lang=cy") == "cy"
    assert sent_lang(smarties + "?lang=CY-gb") == "cy"  # read by classlab.language, as the page's kernel reads it
    # The notebook's own heading too, not only <title>: a Welsh page was headed "The Smarties investigation".
    assert re.search(r"<h1[^>]*>Ymchwiliad y Smarties", sent_html(smarties + "?lang=cy"))
    assert re.search(r"<h1[^>]*>The Smarties investigation", sent_html(smarties))


def test_the_gallery_speaks_the_language_its_address_asks_for_and_its_labs_follow(labs_server):
    """A Welsh-medium class given `/?lang=cy` reads the front page in Welsh, and every lab opens in Welsh."""
    welsh = sent_html(labs_server.base_url + "/?lang=cy")
    assert sent_lang(labs_server.base_url + "/?lang=cy") == "cy"
    assert "<h1>Ein labordai</h1>" in welsh and "<h2>Ymchwiliad y Smarties</h2>" in welsh
    assert 'href="/voila/render/smarties.ipynb?lang=cy"' in welsh
    english = sent_html(labs_server.base_url + "/")  # the server's own language, and plain links
    assert sent_lang(labs_server.base_url + "/") == "en-GB" and "<h1>Our labs</h1>" in english
    assert 'href="/voila/render/smarties.ipynb"' in english and "?lang=" not in english
    assert "<h1>Our labs</h1>" in sent_html(labs_server.base_url + "/?lang=xx")  # no words for it: English, quietly
    assert sent_lang(labs_server.url("smarties.ipynb") + "?lang=cy") == "cy"  # where the link goes, in Welsh


def test_an_english_page_says_en_gb_and_a_welsh_one_says_cy(page, labs_server):
    english = opened(page, labs_server.url("smarties.ipynb"))
    expect(english.locator("html")).to_have_attribute("lang", "en-GB")
    welsh = opened(page, labs_server.url("smarties.ipynb") + "?lang=cy")
    expect(welsh.get_by_role("button", name="Un yn fwy ar gyfer oren")).to_be_visible()  # the lab's own words in Welsh too
    expect(welsh.locator("html")).to_have_attribute("lang", "cy")


def test_a_pooled_page_says_the_servers_language(voila_server, page, tmp_path):
    labs = tmp_path / "labs"
    labs.mkdir()
    for name in ("smarties.ipynb", "smarties.lab.yaml", "smarties.svg"):
        shutil.copy(LABS / name, labs / name)
    server = voila_server(labs, preheat=1, env={"CLASSLAB_LANGUAGE": "cy",
                                                "CLASSLAB_DATABASE_URL": f"sqlite:///{tmp_path / 'class.sqlite'}"})
    assert wait_until(lambda: "Kernel pool of" in server.log() and server.kernel_pids(), timeout=120), server.log()[-3000:]

    pooled = opened(page, server.url("smarties.ipynb"))
    assert re.search(r"Using pre-heated kernel: \S+ for smarties.ipynb", server.log())  # drawn before it was asked for
    expect(pooled.locator("html")).to_have_attribute("lang", "cy")

    english = opened(page, server.url("smarties.ipynb") + "?lang=en")  # a page's own choice wins
    expect(english.get_by_role("button", name="Add one orange")).to_be_visible()
    expect(english.locator("html")).to_have_attribute("lang", "en-GB")
    assert sent_lang(server.url("smarties.ipynb") + "?lang=en") == "en-GB"

    # The next pooled page's HTML, drawn before anyone asked for it, says the server's language from the start.
    assert sent_lang(server.url("smarties.ipynb")) == "cy"
    assert "<title>Ymchwiliad y Smarties · ClassLab</title>" in sent_html(server.url("smarties.ipynb") + "?lang=cy")
    assert "<title>The Smarties investigation · ClassLab</title>" in sent_html(server.url("smarties.ipynb") + "?lang=en")
    gallery = sent_html(server.base_url + "/")  # the pupils' front page, in the server's language
    assert sent_lang(server.base_url + "/") == "cy" and "<title>Ein labordai · ClassLab</title>" in gallery
    assert "<h1>Ein labordai</h1>" in gallery and "<h2>Ymchwiliad y Smarties</h2>" in gallery
    assert len(re.findall(r"Using pre-heated kernel: \S+ for smarties.ipynb", server.log())) == 2, server.log()[-3000:]
