"""The wording of every mistake in a lab description: `file:line: what is wrong. How to fix it.`

An ICT coordinator who knows no Python reads these, so YAML's and pydantic's own words are turned
into what to do, with an example.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .schema import CHOSEN, WIDGETS, LabDescription, WidgetUse


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


# --- what YAML says, in words a lab author can act on ---------------------------------------------
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


def unclosed_quote(text: str, before: int) -> int | None:
    """The first line up to `before` that opens a quote and doesn't close it: YAML only notices much later."""
    for number, line in enumerate(text.splitlines()[:before], 1):
        match = _OPENS_QUOTE.match(line)
        if match:
            quote, rest = match[1], match[2].rstrip()
            body = rest.replace("''", "") if quote == "'" else rest.replace('\\"', "")
            if quote not in body:
                return number
    return None


def yaml_fix(problem: str) -> str:
    for words, fix in _YAML_FIXES:
        if words in problem:
            return fix
    return "Check the spaces at the start of this line and the lines just above it, and compare with an example lab."


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


def did_you_mean(word: str, choices) -> str:
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


def explain(error: dict, data=None) -> tuple[str, str]:
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
                    f"Use one of: {', '.join(WIDGETS)}.{did_you_mean(key, WIDGETS)}")
        model = _model_at(parent)
        owner = _where(parent) if parent else "A lab description"
        return (f"{owner} has no setting '{key}'.",
                f"It can have: {', '.join(_known(model))}.{did_you_mean(key, _known(model))} "
                "Remove the line or correct its spelling.")
    if kind == "value_error":
        text = error["msg"].removeprefix("Value error, ")
        return f"{where}: {text}", ""
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace("'", "")
        return f"{where} can't be {value!r}.", f"Use one of: {expected}.{did_you_mean(value, expected.replace(' or ', ', ').split(', '))}"
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
