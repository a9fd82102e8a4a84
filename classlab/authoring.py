"""Lab descriptions: one short, commented YAML file beside each lab notebook (`labs/NAME.lab.yaml`).

An ICT coordinator who knows no Python makes a lab by copying an example and editing this file, so
every mistake must come back as `file:line: what is wrong. How to fix it.` The shape is checked by
pydantic (unknown keys are errors, never silently ignored); pydantic's locations are mapped back to
lines through the YAML node tree, and the checks that need the whole file (duplicate categories, a
favourite that is not a category, a dataset that does not fit) point at lines the same way.
Pure Python: the lab page (widgets/lab_page.py) builds the widgets from what is read here.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .categories import Categories, Category, plural

LAB_SUFFIX = ".lab.yaml"
#: A lab's name is its file name: short, lower case, safe in an address and on every computer.
NAME_RULE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: Pictures the pupils' server will hand out (Voila's default file allow-list).
PICTURE_RULE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(svg|png|jpg|gif)$")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_AGES = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*$")
_TIME = re.compile(r"^(about )?\d{1,3}( ?(-|–|to) ?\d{1,3})? (minutes|hours?|lessons?)( of \d{1,3} minutes)?$")
_PNG_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}\.png$")

#: `categories: chosen by the class`: the page asks for the answers (a class survey) instead of the file.
CHOSEN = "chosen by the class"
#: The most answers a class can choose (a pie or a bar chart stays readable).
MAX_CHOSEN = 8
#: Colours for categories when a lab does not give them (distinct, readable on white).
PALETTE = ["#d62728", "#ff8c00", "#f2c200", "#2ca02c", "#1f6fd1", "#f27eb9", "#8a4fc7", "#7b4a2a",
           "#17becf", "#7f7f7f", "#bcbd22", "#393b79"]


# --- problems ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One mistake, where it is, and how to put it right."""

    path: str
    line: int
    what: str
    fix: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}" + (f" {self.fix}" if self.fix else "")


class LabError(ValueError):
    """A lab description that cannot be used; `problems` says every mistake found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line))
        super().__init__("\n".join(str(p) for p in self.problems))


def shown_path(path) -> str:
    """A path as the person at the terminal typed it: relative to where they are when it can be."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- what a description may say -------------------------------------------------------------------
def _text(value, what: str, most: int, one_line: bool = True):
    """Plain text from YAML: numbers are fine (a dice face "1"), yes/no read as true/false are not."""
    if value is None:
        raise ValueError(f"{what} is empty. Write it after the colon.")
    if isinstance(value, bool):
        raise ValueError(f"{what} was read as true/false (YAML reads yes, no, on and off that way). "
                         f"Put it in quotes, like \"{'yes' if value else 'no'}\".")
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{what} should be a piece of text. Write it on the same line, after the colon.")
    value = value.strip()
    if not value:
        raise ValueError(f"{what} is empty. Write it after the colon.")
    if one_line and "\n" in value:
        raise ValueError(f"{what} should be one line. Join the lines into one.")
    if len(value) > most:
        raise ValueError(f"{what} is {len(value)} characters long. Shorten it to {most} or fewer.")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategorySpec(_Strict):
    """One thing to count, as the description gives it."""

    name: str
    colour: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v):
        return _text(v, "The category's name", 30)

    @field_validator("colour", mode="before")
    @classmethod
    def _colour(cls, v):
        if v is None:
            raise ValueError("The colour is empty: in YAML a # starts a note, so the colour was read as one. "
                             "Put the colour in quotes, like colour: \"#ff8800\".")
        if not isinstance(v, str) or not _HEX.match(v.strip()):
            raise ValueError(f"{v!r} is not a colour ClassLab can use. Write # and six hex digits in quotes, "
                             "like colour: \"#ff8800\".")
        return v.strip().lower()


class Counting(_Strict):
    """What is counted: the samples, what sorts their things, the categories and a sensible limit.

    `categories: chosen by the class` leaves the categories to the page: a class survey's answers.
    """

    sample: str
    category: str
    thing: str
    limit: int = Field(1000, ge=1, le=100_000)
    chosen: bool = False
    categories: list[CategorySpec] = Field(default_factory=list, max_length=20)

    @model_validator(mode="before")
    @classmethod
    def _chosen(cls, v):
        if isinstance(v, dict) and isinstance(v.get("categories"), str):
            if " ".join(v["categories"].lower().split()) == CHOSEN:
                v = {**v, "categories": [], "chosen": True}
        return v

    @field_validator("sample", "category", "thing", mode="before")
    @classmethod
    def _words(cls, v, info):
        return _text(v, f"The {info.field_name} name", 30).lower()

    @field_validator("categories")
    @classmethod
    def _enough(cls, v, info):
        if not info.data.get("chosen") and len(v) < 2:
            raise ValueError("A lab needs at least 2 categories. Give each as '- name: ...' on its own line, "
                             f"or write 'categories: {CHOSEN}' for a class survey.")
        return v

    def to_categories(self) -> Categories | None:
        """The lab's categories; None when the class chooses them on the page."""
        if self.chosen:
            return None
        return Categories([Category(c.name, c.colour or PALETTE[i % len(PALETTE)]) for i, c in enumerate(self.categories)])


def chosen_categories(names) -> Categories:
    """The answers a class typed for a survey, as categories; a ValueError says kindly what to change."""
    names = [" ".join(str(n).split()) for n in names]
    names = [n for n in names if n]
    if len(names) < 2:
        raise ValueError("Type at least two answers, one in each box.")
    if len(names) > MAX_CHOSEN:
        raise ValueError(f"Choose at most {MAX_CHOSEN} answers, so the chart stays easy to read.")
    long = next((n for n in names if len(n) > 30), None)
    if long:
        raise ValueError(f"“{long[:30]}…” is long for an answer: keep each to 30 letters or fewer.")
    seen: set[str] = set()
    for n in names:
        if n.casefold() in seen:
            raise ValueError(f"“{n}” is there twice: each answer once, please.")
        seen.add(n.casefold())
    return Categories([Category(n, PALETTE[i]) for i, n in enumerate(names)])


class WidgetSettings(_Strict):
    """Settings every widget has: the heading above it and a sentence or two telling pupils what to do."""

    heading: str | None = None
    intro: str | None = None

    @field_validator("heading", mode="before")
    @classmethod
    def _heading(cls, v):
        return _text(v, "The heading", 60)

    @field_validator("intro", mode="before")
    @classmethod
    def _intro(cls, v):
        return _text(v, "The intro", 400, one_line=False)


class JoinSettings(WidgetSettings):
    """Join your class: nothing to set."""


#: The Load button's words when a description gives none: it always says the data is for practice.
DEFAULT_LOAD = "Load practice data"


class StartSettings(WidgetSettings):
    """Start with empty samples, or load one of the lab's datasets.

    `load` is what the Load button says, so pupils know what they load: "Load practice data: a made-up dice".
    """

    dataset: str | None = None
    load: str = DEFAULT_LOAD

    @field_validator("load", mode="before")
    @classmethod
    def _load(cls, v):
        return DEFAULT_LOAD if v is None else _text(v, "The Load button's words", 60)


class DataSettings(WidgetSettings):
    """Data in and out: import counts from a CSV or Excel file, download them as CSV or Excel."""

    filename: str | None = None

    @field_validator("filename")
    @classmethod
    def _stem(cls, v):
        if v is not None and not re.match(r"^[A-Za-z0-9_-]{1,60}$", v):
            raise ValueError(f"{v!r} can't be the downloads' name. Use letters, digits, - and _ only, with no "
                             ".csv or .xlsx at the end, like our-tubes.")
        return v


class TallySettings(WidgetSettings):
    """The tally: nothing to set beyond what `counting` says."""


class ChartSettings(WidgetSettings):
    """The chart builder's starting choices (pupils change them)."""

    view: Literal["one", "side_by_side", "pooled", "chosen"] = "one"
    kind: Literal["bar", "pie", "dots"] = "bar"
    title: str = ""
    x_label: str | None = None
    y_label: str | None = None
    fair_line: Literal["no", "offer", "show"] = "no"
    filename: str | None = None

    @field_validator("fair_line", mode="before")
    @classmethod
    def _fair(cls, v):
        return {True: "show", False: "no"}.get(v, v) if isinstance(v, bool) else v

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, v):
        return "" if v is None else _text(v, "The chart's title", 120)

    @field_validator("x_label", "y_label", mode="before")
    @classmethod
    def _labels(cls, v):
        return _text(v, "The axis label", 60)

    @field_validator("filename")
    @classmethod
    def _png(cls, v):
        if v is not None and not _PNG_NAME.match(v):
            raise ValueError(f"{v!r} can't be a picture's file name. Use letters, digits and - only, "
                             "ending in .png, like dice-chart.png.")
        return v


class PercentagesSettings(WidgetSettings):
    """The percentage explorer: how many decimal places it starts with."""

    places: Literal[0, 1, 2] = 0


class SamplerSettings(WidgetSettings):
    """Predict, then test: the favourite category, the goal, and the words for taking one more sample."""

    favourite: str | None = None
    goal: Literal["fair_share", "at_least"] = "fair_share"
    amount: int = Field(10, ge=1, le=1000)
    taken: str = "bought"
    again: str = "Try again with other shops"
    spread: str = "The spread: most shoppers got this much"

    @field_validator("favourite", mode="before")
    @classmethod
    def _favourite(cls, v):
        return _text(v, "The favourite", 30)

    @field_validator("taken", "again", "spread", mode="before")
    @classmethod
    def _words(cls, v, info):
        return _text(v, f"The {info.field_name} words", 60)


class FindingsSettings(WidgetSettings):
    """What we found: one box per question of the lab."""


#: Every widget a lab can use, in the order a lab usually shows them, with its settings.
WIDGETS: dict[str, type[WidgetSettings]] = {
    "join": JoinSettings,
    "start": StartSettings,
    "data": DataSettings,
    "tally": TallySettings,
    "chart": ChartSettings,
    "percentages": PercentagesSettings,
    "sampler": SamplerSettings,
    "findings": FindingsSettings,
}


class WidgetUse(_Strict):
    """One item of `widgets:` (`- tally`, or `- chart:` with settings under it). Exactly one is set."""

    join: JoinSettings = None
    start: StartSettings = None
    data: DataSettings = None
    tally: TallySettings = None
    chart: ChartSettings = None
    percentages: PercentagesSettings = None
    sampler: SamplerSettings = None
    findings: FindingsSettings = None

    @model_validator(mode="before")
    @classmethod
    def _one_name(cls, v):
        if isinstance(v, str):
            return {v.strip(): {}}
        if isinstance(v, dict):
            if len(v) > 1 and all(k in WIDGETS for k in v):
                raise ValueError(f"{' and '.join(map(str, v))} are on one item. Give each widget its own line starting "
                                 "with '- ', and indent a widget's settings under it.")
            return {k: ({} if s is None else s) for k, s in v.items()}
        raise ValueError("This item isn't a widget. Write a widget's name, like '- tally', or '- chart:' with "
                         "its settings indented under it.")

    @model_validator(mode="after")
    def _one_set(self):
        if not any(getattr(self, n) is not None for n in WIDGETS):
            raise ValueError(f"This item names no widget. Write one of: {', '.join(WIDGETS)}.")
        return self

    @property
    def name(self) -> str:
        return next(n for n in WIDGETS if getattr(self, n) is not None)

    @property
    def settings(self) -> WidgetSettings:
        return getattr(self, self.name)


class Ages(_Strict):
    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low} to {self.high}"


class LabDescription(_Strict):
    """Everything a lab page needs, and what the gallery and a teacher read about the lab."""

    title: str
    description: str
    questions: list[str] = Field(min_length=1, max_length=6)
    ages: Ages
    curriculum: str
    time: str
    counting: Counting
    datasets: list[str] = Field(default_factory=list, max_length=10)
    picture: str | None = None
    widgets: list[WidgetUse] = Field(min_length=1)

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, v):
        return _text(v, "The title", 80)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, v):
        return _text(v, "The description", 200)

    @field_validator("curriculum", mode="before")
    @classmethod
    def _curriculum(cls, v):
        return _text(v, "The curriculum link", 300, one_line=False)

    @field_validator("questions", mode="before")
    @classmethod
    def _questions(cls, v):
        if isinstance(v, str):
            raise ValueError("The questions should be a list: put each question on its own line starting with '- '.")
        return v

    @field_validator("questions")
    @classmethod
    def _question_text(cls, v):
        return [_text(q, "A question", 200) for q in v]

    @field_validator("ages", mode="before")
    @classmethod
    def _ages(cls, v):
        match = _AGES.match(str(v)) if isinstance(v, (str, int)) else None
        if not match:
            raise ValueError(f"{v!r} is not an age range. Write the youngest and oldest ages, like ages: 8 to 11.")
        low, high = int(match[1]), int(match[2])
        if not 4 <= low <= high <= 18:
            raise ValueError(f"Ages {low} to {high} can't be right. Give school ages from 4 to 18, youngest first.")
        return {"low": low, "high": high}

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, v):
        text = _text(v, "The time needed", 40)
        if not _TIME.match(text):
            raise ValueError(f"{text!r} is not a time ClassLab understands. Write it like '60 minutes', "
                             "'1 hour' or '2 lessons'.")
        return text

    @field_validator("datasets", mode="before")
    @classmethod
    def _datasets(cls, v):
        if v is None:
            return []
        if isinstance(v, str):
            raise ValueError("The datasets should be a list: put each dataset's name on its own line starting with '- '.")
        return v

    @field_validator("datasets")
    @classmethod
    def _dataset_names(cls, v):
        return [_text(d, "A dataset's name", 60) for d in v]

    @field_validator("picture")
    @classmethod
    def _picture(cls, v):
        if v is not None and not PICTURE_RULE.match(v):
            raise ValueError(f"{v!r} can't be a picture here. Give the file name of an .svg, .png, .jpg or .gif "
                             "in the labs folder, like dice.svg.")
        return v

    # --- what a lab page needs from it ---------------------------------------------------------------
    def widget_names(self) -> list[str]:
        return [w.name for w in self.widgets]

    def settings(self, name: str) -> WidgetSettings | None:
        for use in self.widgets:
            if use.name == name:
                return use.settings
        return None

    @property
    def things(self) -> str:
        return plural(self.counting.thing)


# --- reading YAML with its line numbers --------------------------------------------------------------
#: What a YAML parser says, and what a person should do about it.
_YAML_FIXES = [
    ("mapping values are not allowed", "A ':' is in an odd place. If a piece of text has a colon in it, put the "
                                       "whole text in quotes; otherwise check the spaces at the start of the line."),
    ("cannot start any token", "A tab or an odd character starts a line here. Indent with spaces only, and put text "
                               "that starts with @, ` or % in quotes."),
    ("could not find expected ':'", "A line is missing its ':' after the key (write 'key: value'), or a text with a "
                                    "quote in it needs the whole text in quotes."),
    ("found unexpected end of stream", "A quote is opened but never closed. Close it with the same quote mark."),
    ("found unknown escape character", "A \\ inside double quotes starts a special character. Use single quotes, "
                                       "or write \\\\ for a backslash."),
    ("expected <block end>", "The indentation doesn't line up. Items at the same level must start in the same "
                             "column: compare with the lines above."),
    ("did not find expected", "The indentation doesn't line up, or a '- ' is missing. Items of a list start with "
                              "'- ' in the same column: compare with the lines above."),
    ("expected ',' or ']'", "A list in [ ] brackets can't hold this text as it is. Put each item in quotes, or "
                            "write the list with one '- item' per line."),
    ("expected ',' or '}'", "A group in { } brackets can't hold this text as it is. Put the text in quotes, or "
                            "write one 'name: value' per line."),
    ("found duplicate anchor", "An & name is used twice. Remove the & names: a lab description doesn't need them."),
    ("found undefined alias", "A * starts a text here. Put the text in quotes."),
]


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(['"])(.*)$""")


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line up to `before` that opens a quote and doesn't close it: YAML only notices much later."""
    for number, line in enumerate(text.splitlines()[:before], 1):
        match = _OPENS_QUOTE.match(line)
        if match:
            quote, rest = match[1], match[2].rstrip()
            body = rest.replace("''", "") if quote == "'" else rest.replace('\\"', "")
            if quote not in body:
                return number
    return None


def _yaml_fix(problem: str) -> str:
    for words, fix in _YAML_FIXES:
        if words in problem:
            return fix
    return "Check the spaces at the start of this line and the lines just above it, and compare with an example lab."


class _Located:
    """The YAML node tree, so a path like ('widgets', 3, 'chart', 'kind') can be turned into a line."""

    def __init__(self, root: yaml.Node | None):
        self.root = root

    def line(self, loc) -> int:
        """The line of the deepest part of `loc` found in the file (a missing key: its parent's line)."""
        node, line = self.root, 1 if self.root is None else self.root.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(part):
                        node, line = value, key.start_mark.line + 1
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def duplicate_keys(self) -> list[tuple[str, int, int]]:
        """Keys given twice in one mapping: YAML quietly keeps the last, so a fix would be lost."""
        found, todo = [], [self.root]
        while todo:
            node = todo.pop()
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, int] = {}
                for key, value in node.value:
                    if key.value in seen:
                        found.append((key.value, seen[key.value], key.start_mark.line + 1))
                    seen.setdefault(key.value, key.start_mark.line + 1)
                    todo.append(value)
            elif isinstance(node, yaml.SequenceNode):
                todo.extend(node.value)
        return found


# --- turning pydantic's errors into sentences ------------------------------------------------------------
_HINTS = {
    "title": "the lab's name as pupils see it, like title: Is it a fair dice?",
    "description": "one line for the gallery, like description: Throw a dice lots of times and find out",
    "questions": "the lab's questions, one per line starting with '- '",
    "ages": "the youngest and oldest ages, like ages: 8 to 11",
    "curriculum": "the curriculum link, like curriculum: KS2 statistics (Year 4)",
    "time": "how long the lab takes, like time: 60 minutes",
    "counting": "what is counted: sample, category, thing and the categories",
    "widgets": "the widgets, one per line starting with '- ', like - tally",
    "sample": "what one sample is called, like sample: tube",
    "category": "what sorts the things, like category: colour",
    "thing": "what one counted thing is called, like thing: sweet",
    "categories": "the categories, each as '- name: red' with 'colour: \"#d62728\"' under it",
    "name": "a name, like name: red",
}


def _where(loc) -> str:
    parts = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            parent = loc[i - 1] if i else ""
            if parent == "widgets":
                continue  # the widget's own name follows
            parts.append(f"item {part + 1}")
        else:
            parts.append(str(part))
    return " > ".join(parts) or "the file"


def _known(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _model_at(loc) -> type[BaseModel]:
    """The model whose keys are allowed at `loc` (for 'it can have ...' in a message)."""
    model: Any = LabDescription
    for part in loc:
        if model is WidgetUse and part in WIDGETS:
            model = WIDGETS[part]
            continue
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return model
        ann = info.annotation
        args = getattr(ann, "__args__", ())
        inner = next((a for a in (ann, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if inner is None:
            return model
        model = inner
    return model


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _item(data, loc):
    """The part of the read file at `loc` (or None), to name things a message should mention."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _explain(error: dict, data=None) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one pydantic error, in words for a non-programmer."""
    loc, kind, value = error["loc"], error["type"], error.get("input")
    key = str(loc[-1]) if loc else ""
    where = _where(loc)
    if kind == "missing":
        hint = _HINTS.get(key, f"a line '{key}: ...'").rstrip(".")
        return f"{where} is missing.", f"Add {hint}."
    if kind == "extra_forbidden":
        parent = loc[:-1]
        if len(parent) == 2 and parent[0] == "widgets":
            item = _item(data, parent)
            here = [k for k in item if k in WIDGETS] if isinstance(item, dict) else []
            owners = here or [n for n, m in WIDGETS.items() if key in m.model_fields]
            if owners and any(key in m.model_fields for m in WIDGETS.values()):
                return (f"'{key}' is on the same level as the widget's name, so it reads as a widget.",
                        f"Indent it under '- {owners[0]}:' (two more spaces than the widget's name), "
                        "so it is one of that widget's settings.")
            return (f"There is no widget called '{key}'.",
                    f"Use one of: {', '.join(WIDGETS)}.{_did_you_mean(key, WIDGETS)}")
        model = _model_at(parent)
        owner = _where(parent) if parent else "A lab description"
        return (f"{owner} has no setting '{key}'.",
                f"It can have: {', '.join(_known(model))}.{_did_you_mean(key, _known(model))} "
                "Remove the line or correct its spelling.")
    if kind == "value_error":
        text = error["msg"].removeprefix("Value error, ")
        return f"{where}: {text}", ""
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace("'", "")
        return f"{where} can't be {value!r}.", f"Use one of: {expected}.{_did_you_mean(value, expected.replace(' or ', ', ').split(', '))}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{where} should be a whole number, not {value!r}.", "Write digits only, like 100."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = error.get("ctx", {})
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        word = "at least" if kind.startswith("greater") else "at most"
        return f"{where} is {value!r}.", f"Make it {word} {bound}."
    if kind == "too_short":
        least = error.get("ctx", {}).get("min_length")
        return f"{where} has too few items.", f"Give at least {least}, each on its own line starting with '- '."
    if kind == "too_long":
        most = error.get("ctx", {}).get("max_length")
        return f"{where} has too many items.", f"Give at most {most}."
    if kind == "list_type":
        survey = f", or write 'categories: {CHOSEN}' for a class survey" if key == "categories" else ""
        return f"{where} should be a list.", f"Put each item on its own line starting with '- ', indented under it{survey}."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if key in WIDGETS:
            return (f"The {key} widget's settings should be lines like 'name: value'.",
                    f"Put each setting on its own line, indented under '- {key}:'.")
        return (f"{where} should be a group of 'name: value' lines.",
                "Put them on their own lines, indented under it.")
    if kind in ("string_type", "str_type"):
        return f"{where} should be a piece of text.", "Write it after the colon, in quotes if it has odd characters."
    return f"{where}: {error['msg']}.", "Compare it with an example lab in the labs folder."


# --- reading a lab ------------------------------------------------------------------------------------
@dataclass
class Lab:
    """A lab description read from its file, with what is needed to point at its lines later."""

    name: str
    path: Path
    description: LabDescription
    located: _Located = field(repr=False)

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
        problem = (e.problem or e.context or "the file can't be read").strip()
        opened = _unclosed_quote(text, line)
        if opened is not None:
            raise LabError([Problem(shown, opened, "This line can't be read as YAML: it opens a quote that is never closed.",
                                    "Close it with the same quote mark at the end of the text (YAML otherwise reads on "
                                    f"to line {line} and stops there).")]) from None
        raise LabError([Problem(shown, line, f"This line can't be read as YAML ({problem}).", _yaml_fix(problem))]) from None
    except yaml.YAMLError as e:
        raise LabError([Problem(shown, 1, f"The file can't be read as YAML ({e}).", _yaml_fix(str(e)))]) from None
    located = _Located(root)
    if data is None:
        raise LabError([Problem(shown, 1, "The file is empty.",
                                "Copy an example lab description (like labs/smarties.lab.yaml) and edit it.")])
    if not isinstance(data, dict):
        raise LabError([Problem(shown, 1, "The file should be a list of 'name: value' lines (title:, description:, ...).",
                                "Copy an example lab description (like labs/smarties.lab.yaml) and edit it.")])
    problems = [Problem(shown, second, f"'{key}' is given twice (lines {first} and {second}).",
                        "Keep one of them: YAML would quietly use only the last.")
                for key, first, second in located.duplicate_keys()]
    try:
        description = LabDescription.model_validate(data)
    except ValidationError as e:
        for error in e.errors():
            what, fix = _explain(error, data)
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
        raise LabError([Problem(shown_path(path), 1, "There is no such file.",
                                f"Make it with: classlab new {lab_name(path)}")]) from None
    except UnicodeDecodeError as e:
        line = path.read_bytes()[: e.start].count(b"\n") + 1
        raise LabError([Problem(shown_path(path), line, "This line has characters that aren't UTF-8 text.",
                                "Save the file as UTF-8 in your editor (most have it under 'Save as' or 'Encoding').")]) from None
    return parse(text, path)


def _whole_file_problems(lab: Lab) -> list[Problem]:
    """Mistakes only the whole description shows: repeats, and settings that name things not in it."""
    d, problems = lab.description, []
    seen: dict[str, int] = {}
    for i, c in enumerate(d.counting.categories):
        key = c.name.casefold()
        if key in seen:
            problems.append(lab.problem(("counting", "categories", i, "name"),
                                        f"The category '{c.name}' is given twice (items {seen[key] + 1} and {i + 1}).",
                                        "Give every category a different name, or remove one."))
        seen.setdefault(key, i)
    colours: dict[str, int] = {}
    for i, c in enumerate(d.counting.categories):
        if c.colour and c.colour in colours:
            problems.append(lab.problem(("counting", "categories", i, "colour"),
                                        f"'{c.name}' has the same colour as '{d.counting.categories[colours[c.colour]].name}'.",
                                        "Give each category its own colour, so a chart can tell them apart."))
        elif c.colour:
            colours[c.colour] = i
    asked: dict[str, int] = {}
    for i, q in enumerate(d.questions):
        if q in asked:
            problems.append(lab.problem(("questions", i), f"Question {i + 1} is the same as question {asked[q] + 1}.",
                                        "Remove one, or change its words."))
        asked.setdefault(q, i)
    for i, name in enumerate(d.datasets):
        if d.datasets.index(name) != i:
            problems.append(lab.problem(("datasets", i), f"The dataset '{name}' is listed twice.", "Remove one."))
    where: dict[str, int] = {}
    for i, use in enumerate(d.widgets):
        if use.name in where:
            problems.append(lab.problem(("widgets", i), f"The {use.name} widget is used twice (items {where[use.name] + 1} "
                                        f"and {i + 1}).", "Keep one: each widget appears once on a lab page."))
        where.setdefault(use.name, i)
    if d.counting.chosen and d.datasets:
        problems.append(lab.problem(("datasets",), "A lab whose categories are chosen by the class can't offer datasets "
                                    "(their categories would have to match answers nobody has chosen yet).",
                                    "Remove the datasets (and '- start'), or give the categories in the file."))
    start, sampler = d.settings("start"), d.settings("sampler")
    if start is not None:
        i = where["start"]
        if not d.datasets:
            problems.append(lab.problem(("widgets", i), "The start widget offers the class's data, but the lab has no datasets.",
                                        "Add a 'datasets:' list with a dataset's name, or remove '- start'."))
        elif start.dataset is not None and start.dataset not in d.datasets:
            problems.append(lab.problem(("widgets", i, "start", "dataset"),
                                        f"The start widget's dataset '{start.dataset}' is not in the lab's datasets list.",
                                        f"Use one of: {', '.join(d.datasets)}, or add it to 'datasets:'."))
    if sampler is not None and sampler.favourite is not None and d.counting.chosen:
        problems.append(lab.problem(("widgets", where["sampler"], "sampler", "favourite"),
                                    "The class chooses the categories, so the file can't name a favourite.",
                                    "Remove the 'favourite:' line: pupils choose their favourite on the page."))
    elif sampler is not None and sampler.favourite is not None:
        names = [c.name for c in d.counting.categories]
        if sampler.favourite not in names:
            problems.append(lab.problem(("widgets", where["sampler"], "sampler", "favourite"),
                                        f"The favourite '{sampler.favourite}' is not one of the categories.",
                                        f"Use one of: {', '.join(names)}.{_did_you_mean(sampler.favourite, names)}"))
    return problems


def picture_problems(lab: Lab) -> list[Problem]:
    """The picture a description names is there (a missing one spoils the gallery, not the lab)."""
    d = lab.description
    if d.picture is not None and not lab.path.with_name(d.picture).is_file():
        return [lab.problem(("picture",), f"There is no picture called {d.picture} in the labs folder.",
                            f"Put {d.picture} beside {lab.path.name}, or remove the 'picture:' line "
                            "(the gallery then draws one from the categories).")]
    return []


# --- datasets: present, complete, and fitting the lab ----------------------------------------------------
def dataset_problems(lab: Lab, datasets_dir=None) -> list[Problem]:
    """Each dataset the lab offers exists, has complete metadata, and fits the lab's names and categories."""
    import json

    import pandas as pd

    from . import datasets as shipped
    from .tally import CountError, TallyBook

    folder = Path(datasets_dir or shipped.DATASETS_DIR)
    d, problems = lab.description, []
    need = [d.counting.sample, d.counting.category, "count"]
    names = [c.name for c in d.counting.categories]
    for i, name in enumerate(d.datasets):
        at = ("datasets", i)
        csv_path, meta_path = folder / f"{name}.csv", folder / f"{name}.json"
        missing = [p.name for p in (csv_path, meta_path) if not p.is_file()]
        if missing:
            others = sorted(p.stem for p in folder.glob("*.json") if p.with_suffix(".csv").is_file())
            problems.append(lab.problem(at, f"The dataset '{name}' is not in {shown_path(folder)}/ "
                                        f"({' and '.join(missing)} missing).",
                                        f"Add {name}.csv and {name}.json there, or use one that is: "
                                        f"{', '.join(others) or 'there are none yet'}.{_did_you_mean(name, others)}"))
            continue
        where = f"{shown_path(meta_path)}"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            line = getattr(e, "lineno", 1)
            problems.append(lab.problem(at, f"The dataset '{name}': {where}:{line} is not valid JSON.",
                                        "Check its commas, quotes and brackets against datasets/smarties_29_tubes.json."))
            continue
        if not isinstance(meta, dict):
            problems.append(lab.problem(at, f"The dataset '{name}': {where} should hold one {{...}} object.",
                                        "Copy datasets/smarties_29_tubes.json and edit it."))
            continue
        gaps = [k for k in (*shipped.REQUIRED_META, "licence") if not meta.get(k)]
        if meta.get("provenance") == "generated":
            gaps += [k for k in ("how",) if not meta.get(k)]
        if gaps:
            problems.append(lab.problem(at, f"The dataset '{name}': {where} is missing {', '.join(gaps)}.",
                                        "Add them: a dataset must say what it is, where it came from and whether it was "
                                        "counted or generated (and how). See datasets/smarties_29_tubes.json."))
            continue
        if meta["provenance"] not in ("counted", "generated"):
            problems.append(lab.problem(at, f"The dataset '{name}': provenance is {meta['provenance']!r} in {where}.",
                                        "Write \"counted\" (real people counted it) or \"generated\" (a computer made it)."))
            continue
        if list(meta["columns"]) != need:
            problems.append(lab.problem(at, f"The dataset '{name}': its columns are {', '.join(map(str, meta['columns']))}, "
                                        f"but this lab counts by {need[0]} and {need[1]}.",
                                        f"Make the columns {', '.join(need)}, in the first line of {name}.csv and in "
                                        f"'columns' in {name}.json."))
            continue
        try:
            frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        except Exception as e:  # pandas says what it can't read; pass it on with the file's name
            problems.append(lab.problem(at, f"The dataset '{name}': {shown_path(csv_path)} can't be read ({e}).",
                                        "Open it in a spreadsheet and save it again as CSV (UTF-8)."))
            continue
        if list(frame.columns) != need:
            problems.append(lab.problem(at, f"The dataset '{name}': the first line of {shown_path(csv_path)} is "
                                        f"{','.join(frame.columns)}.", f"Make it {','.join(need)}, as its metadata says."))
            continue
        strange = sorted(set(frame[d.counting.category]) - set(names))
        if strange:
            problems.append(lab.problem(at, f"The dataset '{name}' has {plural(d.counting.category)} this lab doesn't count: "
                                        f"{', '.join(strange[:5])}.",
                                        f"Add them to the lab's categories, or use a dataset of {', '.join(names)}."))
            continue
        book = TallyBook(lab.categories, category_label=d.counting.category, sample_label=d.counting.sample,
                         limit=d.counting.limit)
        try:
            book.load_frame(frame)
        except CountError as e:
            problems.append(lab.problem(at, f"The dataset '{name}' has a count this lab can't take: {e}",
                                        f"Fix that row of {name}.csv (counts are whole numbers from 0 to "
                                        f"{d.counting.limit}, the lab's limit)."))
    return problems


# --- scaffolding a new lab -------------------------------------------------------------------------------
def name_problem(name: str) -> str | None:
    """Why `name` can't be a lab's name, or None when it can."""
    if not NAME_RULE.match(name or ""):
        return (f"'{name}' can't be a lab's name. Use lower-case letters, digits and _ only, starting with a letter "
                "(at most 40), like fair_dice.")
    return None


TEMPLATE = Path(__file__).with_name("lab_template.yaml")


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


def discover(labs_dir) -> list[str]:
    """Every lab in a folder: a notebook, a description, or both (the teacher-free labs folder only)."""
    folder = Path(labs_dir)
    names = {p.stem for p in folder.glob("*.ipynb")} | {lab_name(p) for p in folder.glob(f"*{LAB_SUFFIX}")}
    return sorted(n for n in names if not n.startswith((".", "_")))


def environ_without_store(data_dir) -> dict:
    """An environment whose class store is a throwaway one, so checking a lab touches no class's work."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLASSLAB_DATABASE_URL", "QUERY_STRING")}
    env["CLASSLAB_DATA"] = str(data_dir)
    return env
