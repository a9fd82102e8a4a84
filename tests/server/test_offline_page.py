"""A page load asks this computer only: no CDN (Voila's lab template linked Font Awesome from one).

A school network may block or log outside requests, and a pupil's page must not depend on them.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from server_helpers import notebook


def _off_the_machine(urls: list[str], host: str = "127.0.0.1") -> list[str]:
    """Requests to anywhere but `host`. blob: and data: stay inside the page (blob: keeps its origin)."""
    off = []
    for url in urls:
        scheme = urlsplit(url).scheme
        if scheme == "data":
            continue
        inner = urlsplit(url[len("blob:"):]) if scheme == "blob" else urlsplit(url)
        if inner.hostname != host:
            off.append(url)
    return off


def _record(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.mark.browser
def test_the_smarties_lab_loads_asking_this_computer_only(labs_server, page):
    seen = _record(page)
    page.goto(labs_server.url("smarties.ipynb"))
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    assert len(seen) > 20  # the whole page was recorded, scripts and styles too
    assert not _off_the_machine(seen)


@pytest.mark.browser
def test_the_gallery_loads_asking_this_computer_only(labs_server, page):
    seen = _record(page)
    page.goto(f"{labs_server.base_url}/")
    page.get_by_role("heading", level=1).wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    assert seen and not _off_the_machine(seen)


@pytest.mark.browser
def test_icons_still_draw_from_voilas_own_font_awesome(voila_server, tmp_path, page):
    notebook(tmp_path / "labs" / "icon.ipynb", "import ipywidgets as w\nw.Button(description='Done', icon='check')")
    server = voila_server(tmp_path / "labs")
    seen = _record(page)
    page.goto(server.url("icon.ipynb"))
    icon = page.locator("button i.fa-check")
    icon.wait_for(state="attached", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    assert "Font Awesome" in icon.evaluate("el => getComputedStyle(el).fontFamily")
    page.wait_for_function("document.fonts.status === 'loaded'", timeout=30_000)
    fonts = [url for url in seen if urlsplit(url).path.endswith((".woff2", ".woff", ".ttf", ".eot"))]
    assert fonts, "the icon's font was never fetched"  # from this server: see the assertion below
    assert not _off_the_machine(seen)


def test_requests_inside_the_page_are_not_counted_as_leaving_it():
    assert _off_the_machine(["blob:http://127.0.0.1:1/x", "data:image/png;base64,AA", "http://127.0.0.1:1/a"]) == []
    assert _off_the_machine(["https://cdn.jsdelivr.net/npm/x.css", "blob:https://cdn.example/x"]) == [
        "https://cdn.jsdelivr.net/npm/x.css", "blob:https://cdn.example/x"]
