"""Reading a lab description (`labs/NAME.lab.yaml`) and checking it as a whole.

Every mistake comes back together as a LabError of `file:line: what is wrong. How to fix it.`:
the shape is checked by the schema, and the checks that need the whole file (duplicate categories,
a favourite that is not a category, a dataset that does not fit) point at lines the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..categories import Categories, plural
from ..language import _
from .lines import Located
from .messages import LabError, Problem, did_you_mean, explain, shown_path, unclosed_quote, yaml_fix
from .schema import LabDescription

LAB_SUFFIX = ".lab.yaml"


@dataclass
class Lab:
    """A lab description read from its file, with what is needed to point at its lines later."""

    name: str
    path: Path
    description: LabDescription
    located: Located = field(repr=False)

    @property
    def notebook(self) -> Path:
        return self.path.with_name(self.name + ".ipynb")

    def line(self, *loc) -> int:
        return self.located.line(loc)

    def problem(self, loc, what: str, fix: str = "") -> Problem:
        return Problem(shown_path(self.path), self.line(*loc), what, fix)

    def widget_index(self, name: str) -> int | None:
        names = self.description.widget_names()
        return names.index(name) if name in names else None

    @property
    def categories(self) -> Categories | None:
        """The categories; None when the class chooses them on the page (a survey)."""
        return self.description.counting.to_categories()

    def picture(self) -> Path | None:
        """The lab's picture file, if it has one (its `picture:`, else NAME.svg or NAME.png beside it)."""
        names = [self.description.picture] if self.description.picture else [f"{self.name}.svg", f"{self.name}.png"]
        for n in names:
            p = self.path.with_name(n)
            if p.is_file():
                return p
        return None


def lab_name(path) -> str:
    name = Path(path).name
    return name[: -len(LAB_SUFFIX)] if name.endswith(LAB_SUFFIX) else Path(path).stem


def parse(text: str, path="lab.lab.yaml") -> Lab:
    """Read a description from text; every mistake found is raised together as a LabError."""
    shown = shown_path(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        problem = (e.problem or e.context or _("the file can't be read")).strip()
        opened = unclosed_quote(text, line)
        if opened is not None:
            raise LabError([Problem(shown, opened, _("This line can't be read as YAML: it opens a quote that is never closed."),
                                    _("Close it with the same quote mark at the end of the text (YAML otherwise reads on "
                                      "to line {line} and stops there).").format(line=line))]) from None
        # Translators: {problem} is what the YAML reader said, in English.
        raise LabError([Problem(shown, line, _("This line can't be read as YAML ({problem}).").format(problem=problem),
                                yaml_fix(problem))]) from None
    except yaml.YAMLError as e:
        raise LabError([Problem(shown, 1, _("The file can't be read as YAML ({problem}).").format(problem=e),
                                yaml_fix(str(e)))]) from None
    located = Located(root)
    if data is None:
        raise LabError([Problem(shown, 1, _("The file is empty."),
                                _("Copy an example lab description (like labs/smarties.lab.yaml) and edit it."))])
    if not isinstance(data, dict):
        raise LabError([Problem(shown, 1, _("The file should be a list of 'name: value' lines (title:, description:, ...)."),
                                _("Copy an example lab description (like labs/smarties.lab.yaml) and edit it."))])
    problems = [Problem(shown, second, _("'{key}' is given twice (lines {first} and {second}).").format(
                            key=key, first=first, second=second),
                        _("Keep one of them: YAML would quietly use only the last."))
                for key, first, second in located.duplicate_keys()]
    try:
        description = LabDescription.model_validate(data)
    except ValidationError as e:
        for error in e.errors():
            what, fix = explain(error, data)
            problems.append(Problem(shown, located.line(error["loc"]), what, fix))
        raise LabError(problems) from None
    lab = Lab(lab_name(path), Path(path), description, located)
    problems += _whole_file_problems(lab)
    if problems:
        raise LabError(problems)
    return lab


def read(path) -> Lab:
    """Read `labs/NAME.lab.yaml`; a missing or unreadable file is a LabError too."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LabError([Problem(shown_path(path), 1, _("There is no such file."),
                                _("Make it with: classlab new {name}").format(name=lab_name(path)))]) from None
    except UnicodeDecodeError as e:
        line = path.read_bytes()[: e.start].count(b"\n") + 1
        raise LabError([Problem(shown_path(path), line, _("This line has characters that aren't UTF-8 text."),
                                _("Save the file as UTF-8 in your editor (most have it under 'Save as' or 'Encoding')."))]) from None
    return parse(text, path)


def _whole_file_problems(lab: Lab) -> list[Problem]:
    """Mistakes only the whole description shows: repeats, and settings that name things not in it."""
    d, problems = lab.description, []
    seen: dict[str, int] = {}
    for i, c in enumerate(d.counting.categories):
        key = c.name.casefold()
        if key in seen:
            problems.append(lab.problem(("counting", "categories", i, "name"),
                                        _("The category '{name}' is given twice (items {first} and {second}).").format(
                                            name=c.name, first=seen[key] + 1, second=i + 1),
                                        _("Give every category a different name, or remove one.")))
        seen.setdefault(key, i)
    colours: dict[str, int] = {}
    for i, c in enumerate(d.counting.categories):
        if c.colour and c.colour in colours:
            problems.append(lab.problem(("counting", "categories", i, "colour"),
                                        _("'{name}' has the same colour as '{other}'.").format(
                                            name=c.name, other=d.counting.categories[colours[c.colour]].name),
                                        _("Give each category its own colour, so a chart can tell them apart.")))
        elif c.colour:
            colours[c.colour] = i
    asked: dict[str, int] = {}
    for i, q in enumerate(d.questions):
        if q in asked:
            problems.append(lab.problem(("questions", i), _("Question {n} is the same as question {first}.").format(
                                            n=i + 1, first=asked[q] + 1),
                                        _("Remove one, or change its words.")))
        asked.setdefault(q, i)
    for i, name in enumerate(d.datasets):
        if d.datasets.index(name) != i:
            problems.append(lab.problem(("datasets", i), _("The dataset '{name}' is listed twice.").format(name=name),
                                        _("Remove one.")))
    where: dict[str, int] = {}
    for i, use in enumerate(d.widgets):
        if use.name in where:
            problems.append(lab.problem(("widgets", i), _("The {widget} widget is used twice (items {first} and {second}).").format(
                                            widget=use.name, first=where[use.name] + 1, second=i + 1),
                                        _("Keep one: each widget appears once on a lab page.")))
        where.setdefault(use.name, i)
    if d.counting.chosen and d.datasets:
        problems.append(lab.problem(("datasets",), _("A lab whose categories are chosen by the class can't offer datasets "
                                                     "(their categories would have to match answers nobody has chosen yet)."),
                                    _("Remove the datasets (and '- start'), or give the categories in the file.")))
    start, sampler = d.settings("start"), d.settings("sampler")
    if start is not None:
        i = where["start"]
        if not d.datasets:
            problems.append(lab.problem(("widgets", i), _("The start widget offers the class's data, but the lab has no datasets."),
                                        _("Add a 'datasets:' list with a dataset's name, or remove '- start'.")))
        elif start.dataset is not None and start.dataset not in d.datasets:
            problems.append(lab.problem(("widgets", i, "start", "dataset"),
                                        _("The start widget's dataset '{name}' is not in the lab's datasets list.").format(
                                            name=start.dataset),
                                        _("Use one of: {names}, or add it to 'datasets:'.").format(names=", ".join(d.datasets))))
    if sampler is not None and sampler.favourite is not None and d.counting.chosen:
        problems.append(lab.problem(("widgets", where["sampler"], "sampler", "favourite"),
                                    _("The class chooses the categories, so the file can't name a favourite."),
                                    _("Remove the 'favourite:' line: pupils choose their favourite on the page.")))
    elif sampler is not None and sampler.favourite is not None:
        names = [c.name for c in d.counting.categories]
        if sampler.favourite not in names:
            problems.append(lab.problem(("widgets", where["sampler"], "sampler", "favourite"),
                                        _("The favourite '{name}' is not one of the categories.").format(name=sampler.favourite),
                                        _("Use one of: {choices}.").format(choices=", ".join(names))
                                        + did_you_mean(sampler.favourite, names)))
    return problems


def picture_problems(lab: Lab) -> list[Problem]:
    """The picture a description names is there (a missing one spoils the gallery, not the lab)."""
    d = lab.description
    if d.picture is not None and not lab.path.with_name(d.picture).is_file():
        return [lab.problem(("picture",), _("There is no picture called {picture} in the labs folder.").format(picture=d.picture),
                            _("Put {picture} beside {file}, or remove the 'picture:' line "
                              "(the gallery then draws one from the categories).").format(picture=d.picture, file=lab.path.name))]
    return []


def discover(labs_dir) -> list[str]:
    """Every lab in a folder: a notebook, a description, or both (the teacher-free labs folder only).

    A page in another language (`NAME.cy.ipynb`, made by `classlab translate`) is its English page's, not a lab
    of its own: a lab's name never has a dot."""
    folder = Path(labs_dir)
    names = {p.stem for p in folder.glob("*.ipynb")} | {lab_name(p) for p in folder.glob(f"*{LAB_SUFFIX}")}
    return sorted(n for n in names if not n.startswith((".", "_")) and "." not in n)


def dataset_problems(lab: Lab, datasets_dir=None) -> list[Problem]:
    """Each dataset the lab offers loads (by the loader's own rules) and fits the lab's names and categories."""
    from .. import datasets as shipped
    from ..tally import CountError, TallyBook

    d, problems = lab.description, []
    need = [d.counting.sample, d.counting.category, "count"]
    names = [c.name for c in d.counting.categories]
    for i, name in enumerate(d.datasets):
        at = ("datasets", i)
        data = error = None
        try:
            data = shipped.load(name, datasets_dir)
        except shipped.DatasetError as e:
            error = e
        columns = list(data.meta["columns"]) if data is not None else error.columns
        if columns is not None and columns != need:  # first: the dataset doesn't fit this lab at all
            # Translators: {sample} and {category} are the lab's words for what it counts by (tube, colour), as written.
            problems.append(lab.problem(at, _("The dataset '{name}': its columns are {columns}, "
                                              "but this lab counts by {sample} and {category}.").format(
                                            name=name, columns=", ".join(map(str, columns)), sample=need[0], category=need[1]),
                                        _("Make the columns {columns}, in the first line of {name}.csv and in "
                                          "'columns' in {name}.json.").format(columns=", ".join(need), name=name)))
            continue
        if error is not None:
            problems.append(lab.problem(at, error.what, error.fix))
            continue
        # Compare names as text: a CSV read back turns the faces "1".."6" of a dice lab into numbers.
        strange = sorted(set(map(str, data.frame[d.counting.category])) - set(names))
        if strange:
            # Translators: {categories} is the lab's word for its categories (colours), {names} some of them.
            problems.append(lab.problem(at, _("The dataset '{name}' has {categories} this lab doesn't count: {names}.").format(
                                            name=name, categories=plural(d.counting.category), names=", ".join(strange[:5])),
                                        _("Add them to the lab's categories, or use a dataset of {names}.").format(
                                            names=", ".join(names))))
            continue
        book = TallyBook(lab.categories, category_label=d.counting.category, sample_label=d.counting.sample,
                         limit=d.counting.limit)
        try:
            book.load_frame(data.frame)
        except CountError as e:
            problems.append(lab.problem(at, _("The dataset '{name}' has a count this lab can't take: {problem}").format(
                                            name=name, problem=e),
                                        _("Fix that row of {name}.csv (counts are whole numbers from 0 to "
                                          "{limit}, the lab's limit).").format(name=name, limit=d.counting.limit)))
    return problems
