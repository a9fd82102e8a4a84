"""Remake the pictures of each lab at tablet and whiteboard sizes (docs/pupils-pages.md shows them).

    .venv/bin/python docs/lab_pictures.py

Serves labs/ with Voila as the tests do (a free port on 127.0.0.1), opens each lab in Debian's Chromium at a
tablet's 768 x 1024 and a whiteboard's 1920 x 1080, counts a little where the lab counts, and saves what the
screen shows (not the whole page) to docs/images/labs/NAME-tablet.png and NAME-whiteboard.png. Run by hand
after a change to how the pages look, never by `make test` (pictures would change in git on every run).
"""
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.conftest import LABS, VoilaServer  # noqa: E402

OUT = REPO / "docs" / "images" / "labs"
SIZES = {"tablet": {"width": 768, "height": 1024}, "whiteboard": {"width": 1920, "height": 1080}}
#: What a group has counted when the picture is taken: (category, presses) in tube 1.
COUNTS = {"smarties": [("red", 3), ("orange", 2), ("blue", 4)], "fair_dice": [("1", 3), ("4", 5), ("6", 2)],
          "everyday_maths": [("robin", 2), ("blackbird", 3), ("blue tit", 1)], "class_survey": []}
WAIT = 120_000


def picture(page, url: str, lab: str, size: str) -> Path:
    page.set_viewport_size(SIZES[size])
    page.goto(url)
    if COUNTS[lab]:
        page.locator(".cl-tally-row").first.wait_for(timeout=WAIT)
        for name, presses in COUNTS[lab]:
            add = page.get_by_role("button", name=f"Add one {name}", exact=True)
            for _ in range(presses):
                add.click()
            expect(page.get_by_label(f"Number of {name}", exact=True)).to_have_value(str(presses), timeout=WAIT)
        page.locator(".classlab-section-tally").scroll_into_view_if_needed()
    else:  # the survey opens on agreeing its question and answers
        page.locator(".classlab-section-choose").wait_for(timeout=WAIT)
    path = OUT / f"{lab}-{size}.png"
    page.screenshot(path=str(path))
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        server = VoilaServer(LABS, Path(scratch) / "voila.log",
                             env={"CLASSLAB_DATABASE_URL": f"sqlite:///{Path(scratch) / 'class.sqlite'}"})
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium")
                page = browser.new_page()
                for lab in COUNTS:
                    for size in SIZES:
                        print(picture(page, server.url(f"{lab}.ipynb"), lab, size).relative_to(REPO))
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
