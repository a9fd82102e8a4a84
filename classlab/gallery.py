"""The gallery of labs: what the pupils' server shows at `/` instead of a bare list of files.

Voila's tree page is a Jinja template; a page-config hook (set in `classlab/voila/voila.py`) hands
it one entry per lab, read from the lab descriptions at each request, so a new or edited lab shows
at once. A lab without a picture of its own gets one drawn from its categories' colours. Pure
Python: the template does the HTML, and escapes everything it is given.

The gallery speaks the server's language, or the one its own address asks for (`/?lang=cy`); then
every lab it links to opens in that language too, so a Welsh-medium class given one address stays
in Welsh from the front page on.
"""
from __future__ import annotations

import base64
import json
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import quote

from .lab_format import LAB_SUFFIX, PALETTE, Lab, LabError, discover, read
from . import language
from .language import _, lab_word


#: The query of the gallery's own address while it is drawn (`lang=cy`), set around each request by
#: classlab/voila/voila.py: Voila's hook is not given the request.
ASKED: ContextVar[str] = ContextVar("classlab_gallery_query", default="")


def picture_svg(colours: list[str], heights: list[int] | None = None) -> str:
    """A small bar chart in a lab's own colours, for a lab with no picture of its own."""
    colours = colours[:12] or ["#7f7f7f"]
    n = len(colours)
    heights = heights or [40 + (37 * i * i + 23 * i) % 90 for i in range(n)]
    width = 260 / n
    bars = "".join(
        f'<rect x="{30 + i * width + width * 0.12:.1f}" y="{150 - h}" width="{width * 0.76:.1f}" height="{h}" '
        f'fill="{c}" stroke="#333" stroke-width="1.5"/>'
        for i, (c, h) in enumerate(zip(colours, heights))
    )
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180" width="320" height="180">'
            '<rect width="320" height="180" fill="#eef3fb"/>'
            '<path d="M30 20 V150 H300" fill="none" stroke="#333" stroke-width="2"/>'
            f"{bars}</svg>")


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def entry(lab: Lab, base_url: str = "/") -> dict:
    """What the gallery shows for one lab: title, one line, ages, time, picture and the page's address."""
    d = lab.description
    picture = lab.picture()
    return {
        "name": lab.name,
        "title": lab_word(d.title),  # the lab's own words in the gallery's language, from its catalogue
        "description": lab_word(d.description),
        "ages": _("Ages {low} to {high}").format(low=d.ages.low, high=d.ages.high),
        "time": lab_word(d.time),
        "url": f"{base_url}voila/render/{quote(lab.name)}.ipynb",
        "picture": f"{base_url}voila/files/{quote(picture.name)}" if picture else data_uri(picture_svg(
            lab.categories.colours if lab.categories else PALETTE[:5])),
        "broken": False,
    }


def entries(labs_dir, base_url: str = "/", lang: str | None = None) -> dict:
    """Every lab in the folder, titled from its description; notebooks without one listed plainly.

    `lang`, the language the gallery's address asked for, goes on with every link (`?lang=cy`).
    """
    folder = Path(labs_dir)
    language.use_labs(folder)
    labs, others = [], []
    for name in discover(folder):
        notebook, description = folder / f"{name}.ipynb", folder / f"{name}{LAB_SUFFIX}"
        if not notebook.is_file():
            continue  # a description still waiting for `classlab new NAME`: nothing to open yet
        url = f"{base_url}voila/render/{quote(name)}.ipynb"
        if not description.is_file():
            others.append(_other(folder, name, url))
            continue
        try:
            labs.append(entry(read(description), base_url))
        except LabError:
            labs.append({"name": name, "title": name.replace("_", " ").capitalize(), "url": url, "broken": True,
                         "description": _("This lab's description has a mistake. Teachers: run classlab check {name}.").format(
                             name=name),
                         "ages": "", "time": "", "picture": data_uri(picture_svg([]))})
    labs.sort(key=lambda e: e["title"].casefold())
    if lang:
        for page in labs + others:
            page["url"] += f"?lang={quote(lang)}"
    return {"labs": labs, "others": others, "lang": language.html_lang(), "words": words()}


def words() -> dict[str, str]:
    """The gallery page's own words in the language it speaks (the template has none of its own)."""
    return {"our_labs": _("Our labs"), "labs": _("Labs"), "pages": _("Pages"), "other_pages": _("Other pages"),
            "every_page": _("Every page here"),
            "choose": _("Choose a lab to open it. Your teacher will tell you which one, and give you a class code."),
            # Translators: NAME is typed as it is: a lab's name of the teacher's choosing.
            "none_yet": _("There are no labs here yet. Make one with: classlab new NAME")}


def _other(folder: Path, name: str, url: str) -> dict:
    """A page that is not a lab (the home sheet): in the gallery's language when it has been translated
    (`NAME.cy.ipynb`, made by `classlab translate`), titled by its own first heading there."""
    code = language.current()
    translated = folder / f"{name}.{code}.ipynb"
    if code != language.DEFAULT and translated.is_file():
        heading = next((line[2:].strip() for cell in json.loads(translated.read_text(encoding="utf-8"))["cells"]
                        if cell["cell_type"] == "markdown" for line in "".join(cell["source"]).splitlines()
                        if line.startswith("# ")), name)
        return {"name": name, "title": heading, "url": url.replace(f"{quote(name)}.ipynb", quote(translated.name))}
    return {"name": name, "title": name.replace("_", " ").capitalize(), "url": url}


def page_config_hook(page_config: dict, base_url: str = "/", settings: dict | None = None, log=None,
                     voila_configuration=None, notebook_path: str = "", **_):
    """Voila's hook: on the tree page of the served folder, add the gallery's entries."""
    root = getattr((settings or {}).get("contents_manager"), "root_dir", None)  # the served folder
    if root and not notebook_path.endswith(".ipynb"):
        folder = Path(root) / notebook_path
        if folder.is_dir():
            try:
                asked = language.asked_for(ASKED.get())  # None: the server's language
                with language.speaking(asked or language.choose("")):
                    page_config["classlabGallery"] = entries(folder, base_url, lang=asked)
            except Exception:  # a gallery must never stop the server answering: fall back to the file list
                if log:
                    log.exception("ClassLab could not build the gallery")
    return page_config
