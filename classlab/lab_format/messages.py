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

from ..language import N_, _
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
#: What a YAML parser says (its own words, matched), and what a person should do about it (said with `_()`).
_YAML_FIXES = [
    ("mapping values are not allowed", N_("A ':' is in an odd place. If a piece of text has a colon in it, put the "
                                       "whole text in quotes; otherwise check the spaces at the start of the line.")),
    ("cannot start any token", N_("A tab or an odd character starts a line here. Indent with spaces only, and put text "
                               "that starts with @, ` or % in quotes.")),
    ("could not find expected ':'", N_("A line is missing its ':' after the key (write 'key: value'), or a text with a "
                                    "quote in it needs the whole text in quotes.")),
    ("found unexpected end of stream", N_("A quote is opened but never closed. Close it with the same quote mark.")),
    ("found unknown escape character", N_("A \\ inside double quotes starts a special character. Use single quotes, "
                                       "or write \\\\ for a backslash.")),
    ("expected <block end>", N_("The indentation doesn't line up. Items at the same level must start in the same "
                             "column: compare with the lines above.")),
    ("did not find expected", N_("The indentation doesn't line up, or a '- ' is missing. Items of a list start with "
                              "'- ' in the same column: compare with the lines above.")),
    ("expected ',' or ']'", N_("A list in [ ] brackets can't hold this text as it is. Put each item in quotes, or "
                            "write the list with one '- item' per line.")),
    ("expected ',' or '}'", N_("A group in { } brackets can't hold this text as it is. Put the text in quotes, or "
                            "write one 'name: value' per line.")),
    ("found duplicate anchor", N_("An & name is used twice. Remove the & names: a lab description doesn't need them.")),
    ("found undefined alias", N_("A * starts a text here. Put the text in quotes.")),
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
            return _(fix)
    return _("Check the spaces at the start of this line and the lines just above it, and compare with an example lab.")


# --- turning pydantic's errors into sentences ------------------------------------------------------------
#: What to add for a missing key (said with `_()`); the examples keep the keys as a description writes them.
_HINTS = {
    "title": N_("the lab's name as pupils see it, like title: Is it a fair dice?"),
    "description": N_("one line for the gallery, like description: Throw a dice lots of times and find out"),
    "questions": N_("the lab's questions, one per line starting with '- '"),
    "ages": N_("the youngest and oldest ages, like ages: 8 to 11"),
    "curriculum": N_("the curriculum link, like curriculum: KS2 statistics (Year 4)"),
    "time": N_("how long the lab takes, like time: 60 minutes"),
    "counting": N_("what is counted: sample, category, thing and the categories"),
    "widgets": N_("the widgets, one per line starting with '- ', like - tally"),
    "sample": N_("what one sample is called, like sample: tube"),
    "category": N_("what sorts the things, like category: colour"),
    "thing": N_("what one counted thing is called, like thing: sweet"),
    "categories": N_("the categories, each as '- name: red' with 'colour: \"#d62728\"' under it"),
    "name": N_("a name, like name: red"),
}


def _where(loc) -> str:
    parts = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            parent = loc[i - 1] if i else ""
            if parent == "widgets":
                continue  # the widget's own name follows
            # Translators: where a mistake is, as in "counting > categories > item 2"; {n} is a number.
            parts.append(_("item {n}").format(n=part + 1))
        else:
            parts.append(str(part))
    return " > ".join(parts) or _("the file")


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
    return " " + _("Did you mean '{word}'?").format(word=close[0]) if close else ""


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
        hint = _(_HINTS[key]) if key in _HINTS else _("a line '{key}: ...'").format(key=key)
        # Translators: {where} is where in the file (counting > categories), {hint} what to add (a name, like name: red).
        return _("{where} is missing.").format(where=where), _("Add {hint}.").format(hint=hint.rstrip("."))
    if kind == "extra_forbidden":
        parent = loc[:-1]
        if len(parent) == 2 and parent[0] == "widgets":
            item = _item(data, parent)
            here = [k for k in item if k in WIDGETS] if isinstance(item, dict) else []
            owners = here or [n for n, m in WIDGETS.items() if key in m.model_fields]
            if owners and any(key in m.model_fields for m in WIDGETS.values()):
                return (_("'{key}' is on the same level as the widget's name, so it reads as a widget.").format(key=key),
                        _("Indent it under '- {widget}:' (two more spaces than the widget's name), "
                          "so it is one of that widget's settings.").format(widget=owners[0]))
            return (_("There is no widget called '{key}'.").format(key=key),
                    _("Use one of: {choices}.").format(choices=", ".join(WIDGETS)) + did_you_mean(key, WIDGETS))
        model = _model_at(parent)
        if parent:
            what = _("{where} has no setting '{key}'.").format(where=_where(parent), key=key)
        else:
            what = _("A lab description has no setting '{key}'.").format(key=key)
        # Translators: {settings} are the keys a description may have there, as it writes them (title, ages).
        return (what,
                _("It can have: {settings}.").format(settings=", ".join(_known(model)))
                + did_you_mean(key, _known(model)) + " " + _("Remove the line or correct its spelling."))
    if kind == "value_error":
        text = error["msg"].removeprefix("Value error, ")
        return "{where}: {text}".format(where=where, text=text), ""
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace("'", "")
        return (_("{where} can't be {value}.").format(where=where, value=repr(value)),
                _("Use one of: {choices}.").format(choices=expected)
                + did_you_mean(value, expected.replace(" or ", ", ").split(", ")))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return (_("{where} should be a whole number, not {value}.").format(where=where, value=repr(value)),
                _("Write digits only, like 100."))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = error.get("ctx", {})
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        make = _("Make it at least {bound}.") if kind.startswith("greater") else _("Make it at most {bound}.")
        return _("{where} is {value}.").format(where=where, value=repr(value)), make.format(bound=bound)
    if kind == "too_short":
        least = error.get("ctx", {}).get("min_length")
        return (_("{where} has too few items.").format(where=where),
                _("Give at least {n}, each on its own line starting with '- '.").format(n=least))
    if kind == "too_long":
        most = error.get("ctx", {}).get("max_length")
        return _("{where} has too many items.").format(where=where), _("Give at most {n}.").format(n=most)
    if kind == "list_type":
        fix = (_("Put each item on its own line starting with '- ', indented under it, or write 'categories: {chosen}' "
                 "for a class survey.").format(chosen=CHOSEN) if key == "categories" else
               _("Put each item on its own line starting with '- ', indented under it."))
        return _("{where} should be a list.").format(where=where), fix
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if key in WIDGETS:
            return (_("The {widget} widget's settings should be lines like 'name: value'.").format(widget=key),
                    _("Put each setting on its own line, indented under '- {widget}:'.").format(widget=key))
        return (_("{where} should be a group of 'name: value' lines.").format(where=where),
                _("Put them on their own lines, indented under it."))
    if kind in ("string_type", "str_type"):
        return (_("{where} should be a piece of text.").format(where=where),
                _("Write it after the colon, in quotes if it has odd characters."))
    return "{where}: {msg}.".format(where=where, msg=error["msg"]), _("Compare it with an example lab in the labs folder.")
