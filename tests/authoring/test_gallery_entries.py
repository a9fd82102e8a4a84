"""The gallery's entries, read from the lab descriptions (no server): what `/` shows for each lab."""
import base64
from pathlib import Path
from types import SimpleNamespace

from classlab.lab_format import notebook_json, template_text
from classlab.gallery import entries, page_config_hook



def _school(school: Path) -> Path:
    """The school with three labs more: a good one, a broken one, and one with no description."""
    import nbformat

    labs = school / "labs"
    (labs / "fruit.lab.yaml").write_text(template_text("fruit"))
    nbformat.write(notebook_json("Fruit", "fruit"), labs / "fruit.ipynb")
    (labs / "broken.lab.yaml").write_text(template_text("broken").replace("  - tally ", "  - tallies "))
    nbformat.write(notebook_json("Broken", "broken"), labs / "broken.ipynb")
    (labs / "waiting.lab.yaml").write_text(template_text("waiting"))  # no notebook yet: nothing to open
    nbformat.write(notebook_json("Scratch", "scratch"), labs / "scratch.ipynb")
    return labs


def test_every_lab_with_a_notebook_is_listed_by_title(school):
    gallery = entries(_school(school))
    assert [e["title"] for e in gallery["labs"]] == ["Broken", "Fruit", "The Smarties investigation"]
    smarties = gallery["labs"][-1]
    assert smarties == {"name": "smarties", "title": "The Smarties investigation",
                        "description": "Some people say a tube of Smarties never has a fair share of each colour. Let's find out!",
                        "ages": "Ages 8 to 11", "time": "2 lessons", "url": "/voila/render/smarties.ipynb",
                        "picture": "/voila/files/smarties.svg", "broken": False}
    assert gallery["others"] == [{"name": "scratch", "title": "Scratch", "url": "/voila/render/scratch.ipynb"}]


def test_a_lab_without_a_picture_gets_one_in_its_own_colours(school):
    fruit = next(e for e in entries(_school(school))["labs"] if e["name"] == "fruit")
    svg = base64.b64decode(fruit["picture"].split(",", 1)[1]).decode()
    assert fruit["picture"].startswith("data:image/svg+xml;base64,") and 'fill="#f2c200"' in svg  # banana yellow


def test_a_broken_description_is_a_card_that_says_so(school):
    broken = next(e for e in entries(_school(school))["labs"] if e["name"] == "broken")
    assert broken["broken"] and "classlab check broken" in broken["description"]


def test_the_hook_fills_only_the_tree_page_of_the_served_folder(school):
    labs = _school(school)
    settings = {"contents_manager": SimpleNamespace(root_dir=str(labs))}
    tree = page_config_hook({}, base_url="/", settings=settings, notebook_path="")
    assert [e["name"] for e in tree["classlabGallery"]["labs"]] == ["broken", "fruit", "smarties"]
    assert page_config_hook({}, base_url="/", settings=settings, notebook_path="smarties.ipynb") == {}
    assert page_config_hook({}, base_url="/", settings=settings, notebook_path="nowhere") == {}
