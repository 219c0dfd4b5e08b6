"""YAML syntax errors in a contributor's words, beside the parser's own message, on the line at fault.

libyaml reports where it gave up, in parser terms ("did not find expected key"); the mistakes behind
those messages in a category file are few (a key indented one space too far, a colon inside an
unquoted description, a tab, an unclosed quote), and the text around the mark tells them apart.
"""

from __future__ import annotations

import re

import yaml

from tools.catalog.problems import Problem

_MORE = "this line is indented more than the key above it; line its key up with the key above"
_LESS = "this line is indented less than the key above it; line its key up with the key above"
_NO_SPACE_AFTER_DASH = "put a space after the dash that starts a list item: `- name:`"
_DASH_WITHOUT_SPACE = re.compile(r"^\s*-[A-Za-z_]")
_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?![\s/])\S")
_SLIPPED = (
    "this key starts the line, so it is read as a key of the file and ends the list of entries; "
    "indent it like the keys of the entry above"
)


def syntax_problem(file: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A `FILE:LINE: YAML syntax error: ...` problem for a parser error, with a hint when the mistake is recognised."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    said = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        said += f", {exc.context} that starts on line {exc.context_mark.line + 1}"
    context = exc.context or ""
    unclosed = ("quoted scalar" in context and "end of stream" in (exc.problem or "")) or "flow" in context
    if exc.context_mark and (unclosed or said.startswith("could not find expected ':'")):
        line = exc.context_mark.line + 1  # the parser gave up lines later than where the mistake is
    lines = text.splitlines()
    fault = _fault_above(lines, line)
    if fault:
        return Problem(file, fault[0], f"YAML syntax error: {fault[1]} (the parser says: {said})")
    hint = _hint(lines, line, mark.column if mark else 0, exc)
    message = f"{hint} (the parser says: {said})" if hint else said
    return Problem(file, line, f"YAML syntax error: {message}")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_indent(line: str) -> int:
    """The column of a line's key: after `- ` for the first key of a list item."""
    stripped = line.lstrip(" ")
    indent = _indent(line)
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
        indent = len(line) - len(stripped)
    return indent


def _fault_above(lines: list[str], line: int) -> tuple[int, str] | None:
    """A mistake on the line above the one the parser stopped at, with its line: the parser only fails after it.

    A `key:` written at column 0 between indented lines (an entry's key that lost its indent), or a
    list item's dash with no space after it (`-name:` reads as a key named "-name").
    """
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if not here.strip() or _indent(here) == 0:
        return None
    content = [(n, text) for n, text in enumerate(lines[: line - 1], start=1) if text.strip()]
    content = [(n, text) for n, text in content if not text.lstrip().startswith("#")]
    if not content:
        return None
    number, above = content[-1]
    if _DASH_WITHOUT_SPACE.match(above):
        return number, _NO_SPACE_AFTER_DASH
    if len(content) < 2:
        return None
    before = content[-2][1]
    if _indent(above) == 0 and ":" in above and not above.startswith(("-", "#")) and _indent(before) > 0:
        return number, _SLIPPED
    return None


def _line_above(lines: list[str], index: int) -> str | None:
    for above in reversed(lines[:index]):
        if above.strip() and not above.lstrip().startswith("#"):
            return above
    return None


def _hint(lines: list[str], line: int, column: int, exc: yaml.MarkedYAMLError) -> str | None:
    problem, context = exc.problem or "", exc.context or ""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = _line_above(lines, line - 1)
    if "tab" in problem or here.startswith("\t"):
        return "a tab is used for indentation; indent with spaces only"
    if "quoted scalar" in context and "end of stream" in problem and exc.context_mark:
        return f"the quote opened on line {exc.context_mark.line + 1} is never closed"
    for flow, brackets in (("flow sequence", "[ ]"), ("flow mapping", "{ }")):
        if flow in context and exc.context_mark:
            opening, closing = brackets.split()
            return f"the {opening} opened on line {exc.context_mark.line + 1} needs a comma between items and a {closing} at the end"
    if problem.startswith("could not find expected ':'"):
        glued = _KEY_WITHOUT_SPACE.match(here)
        if glued:
            return f"put a space after the colon of `{glued.group(1)}:`"
        return "this line is neither `key: value` nor `- item`; add its key, or join it to the line above"
    mapping_value = problem.startswith("mapping values are not allowed")
    if mapping_value and 0 <= here.find(": ") < column:
        return 'a colon followed by a space inside a value starts a new key; put the whole value in quotes ("...")'
    if not (mapping_value or "expected key" in problem or "expected '-'" in problem or "<block end>" in problem):
        return None
    if here[:column].rstrip().endswith(('"', "'")) and column > _indent(here):
        return "text follows a closing quote; put the whole value inside the quotes"
    if above is None:
        return None
    if _indent(here) > _key_indent(above):
        return _MORE
    if _key_indent(here) < _key_indent(above):
        return _LESS
    return None
