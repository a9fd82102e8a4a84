"""What `classlab new NAME` writes: a lab name that works everywhere, a commented description, a clean notebook."""
from __future__ import annotations

import re
from pathlib import Path

from ..language import _
from .reading import LAB_SUFFIX

#: A lab's name is its file name: short, lower case, safe in an address and on every computer.
NAME_RULE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def name_problem(name: str) -> str | None:
    """Why `name` can't be a lab's name, or None when it can."""
    if not NAME_RULE.match(name or ""):
        return _("'{name}' can't be a lab's name. Use lower-case letters, digits and _ only, starting with a letter "
                 "(at most 40), like fair_dice.").format(name=name)
    return None


TEMPLATE = Path(__file__).parent.parent / "lab_template.yaml"


def template_text(name: str) -> str:
    """The commented description `classlab new NAME` writes: a working lab to edit."""
    title = name.replace("_", " ").strip().capitalize()
    return TEMPLATE.read_text(encoding="utf-8").replace("{{title}}", title).replace("{{name}}", name)


def notebook_json(lab_title: str, name: str) -> dict:
    """A clean lab notebook: a title cell and one cell that builds the page from NAME.lab.yaml."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {lab_title}"),
        nbformat.v4.new_code_cell(f'from widgets import LabPage\nLabPage.from_file("{name}{LAB_SUFFIX}")'),
    ]
    for cell in nb.cells:
        cell.pop("id", None)
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    nb.nbformat_minor = 4
    return nb
