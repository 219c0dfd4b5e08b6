"""Reading a category file safely and fast: strict UTF-8, no aliases, no deep nesting, a line for every key.

The file is parsed by libyaml (PyYAML's C parser) into events, and the plain Python data is built
from those events in one pass. Building it here rather than with PyYAML's constructor is what makes
the checks happen *before* anything is built: an alias (`*name`, the "billion laughs" bomb) or a
nesting deeper than a category file needs is refused at its event, without expanding or recursing,
and every mapping key and list item gets its line for messages. Plain scalars are typed as YAML 1.2
does (`yes`, `on` and `010` stay text), as the editors using the published JSON Schema read them.

When PyYAML was installed without libyaml, its pure-Python parser yields the same events: slower,
same results; stderr says so once. ruamel.yaml is used only to edit files keeping their comments
(`tools.catalog.roundtrip`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from tools.catalog.problems import Problem
from tools.catalog.yaml_errors import syntax_problem

MAX_FILE_BYTES = 1_000_000
# A category file nests four levels (file, entries, entry, tags); the limit leaves room for mistakes
# to be reported as type errors, and refuses a document nested thousands deep before it costs anything.
MAX_DEPTH = 20
_TOO_DEEP = f"YAML nested more than {MAX_DEPTH} levels deep; a category file needs four"

Location = tuple[str | int, ...]
"""A path into a file's data, as pydantic reports it: ("entries", 3, "url")."""

_CORE = "tag:yaml.org,2002:"
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as the parser counts lines
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_NUMERIC_START = frozenset("0123456789+-.")  # how numbers, dates and .inf begin


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line, self.message = line, message


@dataclass
class LoadedFile:
    """A category file's plain data (dicts, lists, text, numbers, dates) and the line of every key and item."""

    path: Path
    data: Any  # None when the file could not be read
    problems: list[Problem]
    key_lines: dict[Location, dict[str, int]] = field(default_factory=dict)
    """Each mapping's keys and their lines in file order, by the mapping's location (an entry's become its Entry's)."""
    item_lines: dict[Location, int] = field(default_factory=dict)  # each list item's line, by its location
    cut_by_comment: set[Location] = field(default_factory=set)  # plain values followed by ` # ...` on their line

    def line(self, location: Location) -> int:
        """The 1-based line of the deepest part of `location` present in the file (1 for the file itself)."""
        for end in range(len(location), 0, -1):
            last = location[end - 1]
            if isinstance(last, str):
                found = self.key_lines.get(location[: end - 1], {}).get(last)
            else:
                found = self.item_lines.get(location[:end])
            if found is not None:
                return found
        return 1


@cache
def _parser_class() -> type:
    """libyaml's parser, or the pure-Python one (once announced on stderr) when PyYAML was built without it."""
    if yaml.__with_libyaml__:
        return yaml.CBaseLoader  # libyaml parser; only its events are used
    print(
        "note: PyYAML was installed without libyaml; reading the catalog with the slower pure-Python parser "
        "(reinstall PyYAML from a wheel to get it back)",
        file=sys.stderr,
    )
    return yaml.BaseLoader


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return LoadedFile(path, None, [Problem(display or str(path), 1, f"cannot read file: {exc.strerror}")])
    return load_bytes(raw, path, display)


def load_bytes(raw: bytes, path: Path, display: str | None = None) -> LoadedFile:
    """A category file's content from anywhere (disk, `git show`), read with the same safeguards."""
    name = display or str(path)
    if len(raw) > MAX_FILE_BYTES:
        return LoadedFile(path, None, [Problem(name, 1, f"file is larger than {MAX_FILE_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return LoadedFile(
            path, None, [Problem(name, line, f"not UTF-8: byte 0x{raw[exc.start]:02x}; save the file as UTF-8")]
        )
    text = text.removeprefix("\ufeff")
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return LoadedFile(path, None, [Problem(name, 1, "empty file: expected title, description and entries")])

    key_lines: dict[Location, dict[str, int]] = {}
    item_lines: dict[Location, int] = {}
    cut: set[Location] = set()
    parser = _parser_class()(text)
    try:
        # Only a file with a `#` in it can have a value cut short by a comment: others skip splitting lines and the test.
        source = _LINE_BREAK.split(text) if "#" in text else None
        data = _build(parser, key_lines, item_lines, source, cut)
    except _Refused as refused:
        return LoadedFile(path, None, [Problem(name, refused.line, refused.message)])
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml's own limit, met while scanning ahead
            mark = exc.problem_mark or exc.context_mark
            return LoadedFile(path, None, [Problem(name, mark.line + 1 if mark else 1, _TOO_DEEP)])
        return LoadedFile(path, None, [syntax_problem(name, text, exc)])
    except yaml.YAMLError as exc:
        return LoadedFile(path, None, [Problem(name, 1, f"YAML error: {str(exc).splitlines()[0]}")])
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    return LoadedFile(path, data, [], key_lines, item_lines, cut)


def _build(
    parser: Any,
    key_lines: dict[Location, dict[str, int]],
    item_lines: dict[Location, int],
    source: list[str] | None,
    cut: set[Location],
) -> Any:
    """The document's data from the event stream, refusing aliases, tags, deep nesting and duplicate keys.

    `cut` receives where an unquoted value is followed by a comment: `description: Runs #1 and #2.`
    is only "Runs" to YAML, which a contributor should hear about.

    Open containers sit on a stack as [container, location, key waiting for its value, the lines of a
    mapping's keys (None for a list)]; a container joins its parent when it opens and each scalar when
    it is read, so nothing recurses, depth costs one slot, and a closing event only pops the stack.
    """
    get_event = parser.get_event
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            value: Any = _scalar(event)
            if not stack:
                root = value
                continue
            top = stack[-1]
            container, location, key, lines = top
            if lines is None:  # a list's item
                item_lines[(*location, len(container))] = event.start_mark.line + 1
                container.append(value)
            elif key is None:  # a mapping's key: `2026: x` and `true: x` are keys as written
                # Interned: entries keep their keys (Entry.key_lines), and thousands of copies of
                # "description" would be a fifth of a loaded catalog's memory.
                key = sys.intern(value if type(value) is str else event.value)
                if key in lines:
                    raise _duplicate_key(top, key, event, item_lines)
                lines[key] = event.start_mark.line + 1
                top[2] = key
            else:  # a mapping's value
                if source is not None and not event.style and _comment_follows(source, event.end_mark):
                    cut.add((*location, key))
                container[key] = value
                top[2] = None
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            _no_tag(event)
            if len(stack) >= MAX_DEPTH:
                raise _Refused(_line(event), _TOO_DEEP)
            child: Any = {} if kind is MappingStartEvent else []
            if stack:
                location = _attach(stack[-1], child, event, item_lines)
            else:
                root, location = child, ()
            if kind is MappingStartEvent:
                lines = key_lines[location] = {}
            else:
                lines = None
            stack.append([child, location, None, lines])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is AliasEvent:
            raise _Refused(_line(event), "YAML aliases (*name) are not allowed; write the value out")
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(_line(event), "a category file holds one YAML document; remove the second one")
        elif kind is StreamEndEvent or event is None:
            return root
        # stream start and document end need nothing


def _comment_follows(source: list[str], mark: Any) -> bool:
    line = source[mark.line] if mark.line < len(source) else ""
    return _COMMENT_AFTER.match(line, mark.column) is not None


def _line(event: Any) -> int:
    return event.start_mark.line + 1


def _attach(top: list[Any], child: Any, event: Any, item_lines: dict[Location, int]) -> Location:
    """Put a new container into the one on top and return where it sits; a list item's line is recorded here."""
    container, location, key, lines = top
    if lines is None:
        item = (*location, len(container))
        item_lines[item] = _line(event)
        container.append(child)
        return item
    if key is None:
        raise _Refused(_line(event), "a key must be plain text, not a list or mapping")
    container[key] = child
    top[2] = None
    return (*location, key)


def _duplicate_key(top: list[Any], key: str, event: ScalarEvent, item_lines: dict[Location, int]) -> _Refused:
    """The refusal of a key written twice in one mapping, naming the likely mistake behind it."""
    container, location, _, lines = top
    first = lines[key]
    if not location and "entries" in container:  # a file-level key again, below the entries: an entry's key unindented
        return _Refused(
            _line(event),
            f'YAML syntax error: found duplicate key "{key}", the file\'s own is on line {first}; '
            "if this line belongs to the entry above, indent it like that entry's keys",
        )
    if key == "name" and len(location) == 2 and location[0] == "entries":  # the next entry lacks its `- `
        return _Refused(
            _line(event),
            f'YAML syntax error: a second "name" in the entry that starts on line {item_lines.get(location, first)}; '
            "a new entry starts with `- name:`, so add the dash",
        )
    return _Refused(
        _line(event), f'YAML syntax error: found duplicate key "{key}" (first on line {first}); write each key once'
    )


def _no_tag(event: Any) -> None:
    tag = event.tag
    if tag is not None and tag not in (f"{_CORE}map", f"{_CORE}seq", f"{_CORE}str", "!"):
        written = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag  # as the contributor typed it
        raise _Refused(_line(event), f"YAML tags such as {written!r} are not allowed; remove the tag")


def _scalar(event: ScalarEvent) -> Any:
    """A scalar as YAML 1.2's core schema types it: quoted or tagged `!!str` is text; plain may be a number, date..."""
    if event.tag is not None:
        _no_tag(event)
        return event.value
    value = event.value
    if event.style:  # quoted or block; plain style is "" (libyaml) or None
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value[0] not in _NUMERIC_START:  # text, the common case: no pattern to try
        return value
    day = _DATE.fullmatch(value)  # dates first: most entries have one, and no number looks like a date
    if day:
        year, month, day_of_month = day.groups()
        try:
            return date(int(year), int(month), int(day_of_month))
        except ValueError as exc:  # "month must be in 1..12", "day is out of range for month"
            raise _Refused(_line(event), f"{value!r} is not a real date ({exc}); write dates as YYYY-MM-DD") from None
    if _INT.fullmatch(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[value]
    if _TIMESTAMP.match(value):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise _Refused(_line(event), f"{value!r} is not a real date and time; write dates as YYYY-MM-DD") from None
    return value
