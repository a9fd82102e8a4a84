"""Finds words for people left outside the catalogues: string literals in Python that read like words,
not wrapped in `_()`, `ngettext()` or `N_()`; and words written into a widget's JavaScript.

A literal reads like words when, with its HTML attributes (a class, an SVG's path), tags and {placeholders}
taken out, it has two words side by side, a word starting with a capital letter, a sentence's end
("." "!" "?" ":"), or a lone word between placeholders (" of "). Names the code uses for itself ("add", "classlab-tally",
"primary", "auto") are single lower-case tokens and pass, as do docstrings and trait `help=` text
(for developers). Words in an aria-label, title, alt or placeholder attribute are read out, so they count.
A `_()` inside an f-string is found too: Babel's extraction cannot see it, so no catalogue would have it.
"""
from __future__ import annotations

import ast
import re

TRANSLATE = {"_", "ngettext", "N_", "gettext"}
FOR_DEVELOPERS = {"help", "flex_flow"}  # trait help text and layout values: never read on a page
KEY_NAMES = {'"Enter"', '"Escape"', '"Tab"', '"Home"', '"End"'}  # a key pressed (`e.key`), not words

_TAG = re.compile(r"<[^>]*>")
_SPOKEN_ATTRIBUTE = re.compile(r"""\b(?:aria-label|title|alt|placeholder)\s*=\s*["']([^"']*)["']""")
_ATTRIBUTE = re.compile(r"""[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*')""")  # class="…", d="M3 9v6…": never read out
_FIELD = re.compile(r"\{[^{}]*\}")
_TWO_WORDS = re.compile(r"[A-Za-z]{2,}[’']?[a-z]*\s+[A-Za-z]{1,}")
_CAPITAL_WORD = re.compile(r"(?<![A-Za-z0-9_\-])[A-Z][a-z]{1,}\b")
_SENTENCE_END = re.compile(r"[A-Za-z]{2,}[.!?:]\s*$")


def reads_like_words(text: str) -> bool:
    """True for "Next tube", " of ", "Saved", "Try again."; False for "add", "classlab-where", "%", "auto"."""
    spoken = " ".join(_SPOKEN_ATTRIBUTE.findall(text))
    plain = _FIELD.sub(" ", _TAG.sub(" ", _ATTRIBUTE.sub(" ", text))) + " " + spoken
    if re.fullmatch(r"\s*", plain):
        return False
    if re.fullmatch(r"\s+[a-z]{2,}\s+", plain):  # "{n} of {count}": a lone word between placeholders
        return True
    return bool(_TWO_WORDS.search(plain) or _CAPITAL_WORD.search(plain) or _SENTENCE_END.search(plain))


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def _called(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def untranslated(source: str, filename: str = "<snippet>") -> list[str]:
    """Every string literal in `source` that reads like words and is not inside `_()` (line: text)."""
    tree = ast.parse(source, filename)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node) in TRANSLATE:
            skip.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, ast.keyword) and node.arg in FOR_DEVELOPERS:
            skip.update(id(n) for n in ast.walk(node.value))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            hidden = [n for v in node.values for n in ast.walk(v) if isinstance(n, ast.Call) and _called(n) in TRANSLATE]
            if hidden:  # said, but `pybabel extract` cannot see it, so no catalogue has it
                found.append((node.lineno, f"{filename}:{node.lineno}: _() inside an f-string"))
            parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
            skip.update(id(v) for v in node.values)
            text = "".join(parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if reads_like_words(text):
            found.append((node.lineno, f"{filename}:{node.lineno}: {text!r}"))
    return [where for _line, where in sorted(found)]


_JS_STRING = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""")


def words_in_javascript(source: str) -> list[str]:
    """String literals in a widget's JavaScript that read like words (they should come from Python)."""
    code = re.sub(r"//[^\n]*", "", source)  # comments are for developers
    found = []
    for match in _JS_STRING.finditer(code):
        text = re.sub(r"\$\{[^}]*\}", " ", match.group(2))
        if match.group(0) not in KEY_NAMES and reads_like_words(text):
            found.append(match.group(0))
    return found
