"""Reading a category file safely: strict UTF-8, no aliases, line numbers kept for every node.

ruamel.yaml's round-trip loader is used (not PyYAML) because the same library must also edit the
files without losing comments (`awesome add`), and its nodes remember where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from tools.catalog.problems import Problem

MAX_FILE_BYTES = 1_000_000


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
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return LoadedFile(path, None, [Problem(name, 1, f"cannot read file: {exc.strerror}")])
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
        # alias bomb ("billion laughs") never expands in memory.
        for event in yaml.parse(text):
            if isinstance(event, AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 1
                return LoadedFile(
                    path, None, [Problem(name, line, "YAML aliases (*name) are not allowed; write the value out")]
                )
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        return LoadedFile(path, None, [Problem(name, line, f"YAML syntax error: {what}")])
    except YAMLError as exc:
        return LoadedFile(path, None, [Problem(name, 1, f"YAML error: {str(exc).splitlines()[0]}")])
    return LoadedFile(path, data, [])
