"""Reading a category file safely: strict UTF-8, no aliases, line numbers kept for every node.

ruamel.yaml's round-trip loader is used (not PyYAML) because the same library must also edit the
files without losing comments (`awesome add`), and its nodes remember where they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    ScalarEvent,
)

from tools.catalog.problems import Problem

MAX_FILE_BYTES = 1_000_000
# A category file nests four levels (file, entries, entry, tags); composing is recursive, so a
# document nested thousands of levels deep would overflow the stack instead of getting a message.
MAX_DEPTH = 20
# A plain scalar YAML resolves as a date: ruamel builds it with `datetime.date` and lets the
# ValueError of an impossible one (2026-13-01) escape without a line number.
_DATE_LIKE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt ]|$)")


@dataclass
class LoadedFile:
    path: Path
    data: Any  # the round-trip document (CommentedMap) or None when it could not be read
    problems: list[Problem]


def round_trip_yaml() -> YAML:
    """The one YAML configuration used to read and to write catalog files."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


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
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return LoadedFile(path, None, [Problem(name, 1, "empty file: expected title, description and entries")])

    yaml = round_trip_yaml()
    try:
        # Scan the event stream first: an alias is refused before anything is composed, so an
        # alias bomb ("billion laughs") never expands in memory; so are overly deep nesting and
        # impossible dates, which would otherwise escape from the composer as exceptions.
        depth = 0
        for event in yaml.parse(text):
            depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
            message = _refused(event, depth)
            if message:
                return LoadedFile(path, None, [Problem(name, _line(event), message)])
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        return LoadedFile(path, None, [Problem(name, line, f"YAML syntax error: {what}")])
    except YAMLError as exc:
        return LoadedFile(path, None, [Problem(name, 1, f"YAML error: {str(exc).splitlines()[0]}")])
    except (ValueError, OverflowError, RecursionError) as exc:  # a constructor's error, without a mark
        return LoadedFile(path, None, [Problem(name, 1, f"YAML value error: {exc}")])
    return LoadedFile(path, data, [])


def _line(event: Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1


def _refused(event: Event, depth: int) -> str | None:
    """Why the scan stops at this event, if it must."""
    if isinstance(event, AliasEvent):
        return "YAML aliases (*name) are not allowed; write the value out"
    if depth > MAX_DEPTH:
        return f"YAML nested more than {MAX_DEPTH} levels deep; a category file needs four"
    if isinstance(event, ScalarEvent) and event.style is None and event.tag is None:
        match = _DATE_LIKE.match(event.value)
        if match:
            try:
                date(*(int(part) for part in match.groups()))
            except ValueError:
                return f"{event.value!r} is not a real date; write dates as YYYY-MM-DD"
    return None


def plain_data(value: Any) -> Any:
    """ruamel's containers and string subclasses as plain Python, so validators see ordinary types."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
