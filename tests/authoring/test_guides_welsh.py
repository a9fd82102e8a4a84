"""The teacher guides and the home sheet in Welsh (issue 12), made from catalogues by classlab.guides.

Each guide's Welsh catalogue holds exactly the blocks of the English guide as it is now (an English edit
without an update fails here, saying the command to run), every block is translated and marked for a
fluent speaker's check, and the committed <name>.cy.ipynb is what the catalogue makes now.
"""
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from babel.messages.pofile import read_po

from classlab import cli, guides

REPO = Path(__file__).resolve().parents[2]
GUIDES = REPO / "teacher_guides"
NOTE = "Needs checking by a fluent Welsh speaker before classroom use."
#: Every page with prose, each in Welsh: a guide with words that is not here fails test_every_guide_with_words_is_in_welsh.
WELSH = [GUIDES / f"{name}.ipynb" for name in ("smarties", "everyday_maths", "fair_dice", "class_survey",
                                               "class_survey_board")] + [REPO / "labs" / "everyday_maths_home_sheet.ipynb"]


def welsh(path: Path):
    with guides.catalogue_path(path, "cy").open("rb") as po:
        return [m for m in read_po(po, locale="cy") if m.id]


def problems(path: Path) -> list[str]:
    """What is wrong with a guide's Welsh: each problem says what to do about it."""
    command = f"classlab translate {path.relative_to(path.parents[1])} cy"
    po = guides.catalogue_path(path, "cy")
    if not po.is_file():
        return [f"{path.name} has no Welsh catalogue: run {command}"]
    english = list(dict.fromkeys(b.words for b in guides.blocks(path)))
    entries = welsh(path)
    found = []
    if [m.id for m in entries] != english:
        changed = len(set(english) ^ {m.id for m in entries})
        found.append(f"{po.name} is not the English {path.name} now ({changed} blocks differ or moved): run {command}, "
                     "then translate the new blocks")
    for m in entries:
        where = m.auto_comments[0].split(":")[0] if m.auto_comments else repr(m.id[:40])
        if not m.string:
            found.append(f"{po.name}: no Welsh yet for {where}")
        elif NOTE not in m.user_comments:
            found.append(f"{po.name}: {where} is not marked '{NOTE}'")
    made = guides.translated_path(path, "cy")
    if not made.is_file() or made.read_text(encoding="utf-8") != nbformat.writes(guides.translation(path, "cy")) + "\n":
        found.append(f"{made.name} is not what {po.name} makes now: run {command}")
    return found


@pytest.mark.parametrize("path", WELSH, ids=lambda p: p.stem)
def test_a_guides_welsh_is_whole_current_and_marked_for_review(path):
    assert problems(path) == []


@pytest.mark.parametrize("path", WELSH, ids=lambda p: p.stem)
def test_the_welsh_keeps_the_markdown_code_links_and_numbers(path):
    for m in welsh(path):
        for pattern in (r"`[^`]+`", r"\]\([^)]+\)", r"\d+"):
            assert sorted(re.findall(pattern, m.string)) == sorted(re.findall(pattern, m.id)), (pattern, m.id[:60])
        assert m.string.count("\n|") == m.id.count("\n|") and m.string.count("**") == m.id.count("**"), m.id[:60]
        if m.id[:1] in "#-|":  # a heading stays a heading, a list a list, a table a table
            assert m.string[:1] == m.id[:1], m.id[:60]


def test_every_guide_with_words_is_in_welsh():
    english = [p for p in sorted(GUIDES.glob("*.ipynb")) if not p.stem.endswith(".cy")]
    with_words = {p for p in english if guides.blocks(p)}
    assert with_words == {p for p in WELSH if p.parent == GUIDES}
    assert {p.stem for p in english if not guides.blocks(p)} == {"class_board", "fair_dice_board"}  # code only


def test_a_welsh_guide_is_clean_and_speaks_welsh_before_its_code():
    for path in WELSH:
        made = guides.translated_path(path, "cy")
        nb = nbformat.read(made, as_version=4)
        english = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert "/work/" not in made.read_text(encoding="utf-8") and str(REPO) not in made.read_text(encoding="utf-8")
        speak = 'from classlab import language\nlanguage.use("cy");'
        if code:
            assert code[0].source == speak
        rest = [c for c in nb.cells if c.source != speak]
        assert [(c.get("id"), c.cell_type) for c in rest] == [(c.get("id"), c.cell_type) for c in english.cells]
        assert [c.source for c in rest if c.cell_type == "code"] == [c.source for c in english.cells if c.cell_type == "code"]


# --- the tool, on notebooks of our own -----------------------------------------------------------------------------
LESSON = """# Our lesson

Count the tubes.

| tube | red |
|---|---|
| 1 | 3 |

- first

- second, after a blank line
  still the second

Thank you!"""


def lesson(folder: Path, text: str = LESSON) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text), nbformat.v4.new_code_cell("print(1 + 1)")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="2\n")]
    nb.cells[1].execution_count = 1
    path = folder / "lesson.ipynb"
    nbformat.write(nb, path)
    return path


def fill(path: Path, words: dict[str, str]) -> None:
    from babel.messages.pofile import write_po

    po = guides.catalogue_path(path, "cy")
    with po.open("rb") as f:
        catalogue = read_po(f, locale="cy")
    for english, cymraeg in words.items():
        catalogue[english].string = cymraeg
    with po.open("wb") as f:
        write_po(f, catalogue)


def test_a_table_and_a_loose_list_are_each_one_block(tmp_path):
    found = [(b.kind, b.words) for b in guides.blocks(lesson(tmp_path))]
    assert [k for k, _ in found] == ["heading", "paragraph", "table", "list", "paragraph"]
    assert found[3][1] == "- first\n\n- second, after a blank line\n  still the second"
    assert guides.catalogue(lesson(tmp_path))["Count the tubes."].auto_comments[0].startswith("Cell 1, block 2")


def test_an_update_keeps_unchanged_words_drops_gone_blocks_and_an_untranslated_block_stays_english(tmp_path):
    path = lesson(tmp_path)
    po = guides.update(path, "cy")
    assert po == tmp_path / "locale" / "cy" / "LC_MESSAGES" / "lesson.po"
    fill(path, {"# Our lesson": "# Ein gwers", "Count the tubes.": "Cyfrwch y tiwbiau.", "Thank you!": "Diolch!"})
    lesson(tmp_path, LESSON.replace("Thank you!", "Well done!"))
    guides.update(path, "cy")
    kept = {m.id: m.string for m in welsh(path)}
    assert kept["# Our lesson"] == "# Ein gwers" and kept["Count the tubes."] == "Cyfrwch y tiwbiau."
    assert "Thank you!" not in kept and kept["Well done!"] == ""
    assert "Thank you!" not in po.read_text(encoding="utf-8")  # dropped, not kept as an obsolete #~ entry

    made = nbformat.read(guides.translated(path, "cy"), as_version=4)
    assert made.cells[0].source == LESSON.replace("# Our lesson", "# Ein gwers").replace(
        "Count the tubes.", "Cyfrwch y tiwbiau.").replace("Thank you!", "Well done!")  # untranslated: English, in place
    assert [c.cell_type for c in made.cells] == ["markdown", "code", "code"]
    assert made.cells[1].source == 'from classlab import language\nlanguage.use("cy");'
    assert made.cells[2].outputs == [] and made.cells[2].execution_count is None
    assert (tmp_path / "lesson.cy.ipynb").is_file()


def test_an_english_edit_without_an_update_fails_saying_what_to_run(tmp_path):
    folder = tmp_path / "teacher_guides"
    shutil.copytree(GUIDES, folder, ignore=shutil.ignore_patterns("*.cy.ipynb"))
    guide = folder / "class_survey.ipynb"
    shutil.copy(GUIDES / "class_survey.cy.ipynb", folder)
    assert problems(guide) == []
    nb = nbformat.read(guide, as_version=4)
    nb.cells[0].source += "\n\nA new paragraph nobody has translated."
    nbformat.write(nb, guide)
    found = problems(guide)
    assert any("class_survey.po is not the English class_survey.ipynb now" in p and "classlab translate "
               "teacher_guides/class_survey.ipynb cy" in p for p in found), found
    assert any("class_survey.cy.ipynb is not what class_survey.po makes now" in p for p in found), found

    assert cli.main(["translate", str(guide), "cy"]) == 0  # the command the problem names
    assert [p for p in problems(guide) if "no Welsh yet" not in p] == []
    untranslated = [p for p in problems(guide) if "no Welsh yet" in p]
    assert len(untranslated) == 1 and untranslated[0].startswith("class_survey.po: no Welsh yet for Cell 1, block "), untranslated
    assert "A new paragraph nobody has translated." in guides.translated_path(guide, "cy").read_text(encoding="utf-8")
