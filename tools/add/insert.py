"""Putting one entry into a category file in its sorted place, leaving every other byte as it was.

The file goes through ruamel's round trip with the catalog's one configuration (`round_trip_yaml`),
which keeps comments, quoting and layout. The result is then compared line by line with the
original: if anything but inserted lines differs, nothing is written, because a contributor's diff
must show their entry and nothing else.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from datetime import date

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tools.catalog.roundtrip import round_trip_yaml

KEY_ORDER = ("name", "url", "description", "pypi", "docs", "kind", "tags", "added")


class InsertError(Exception):
    pass


@dataclass(frozen=True)
class Inserted:
    text: str  # the whole new file
    line: int  # 1-based line where the entry starts
    entry_text: str  # the lines that were inserted


def make_entry(
    name: str,
    url: str,
    description: str,
    *,
    pypi: str | None = None,
    docs: str | None = None,
    kind: str = "library",
    tags: list[str] | None = None,
    added: date | None = None,
) -> CommentedMap:
    """An entry mapping with its keys in the catalog's order; absent values (and no tags) are left out."""
    values = {
        "name": name,
        "url": url,
        "description": description,
        "pypi": pypi,
        "docs": docs,
        "kind": kind,
        "tags": _flow(tags) if tags else None,
        "added": added,
    }
    entry = CommentedMap()
    for key in KEY_ORDER:
        if values.get(key) is not None:
            entry[key] = values[key]
    return entry


def _flow(items: list[str]) -> CommentedSeq:
    """A list written on one line, `[asgi, http]`, as the catalog's entries write their tags."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def sorted_index(entries: CommentedSeq, name: str) -> int:
    """Where `name` goes in the case-insensitive order of names (after equal names)."""
    key = name.casefold()
    for index, item in enumerate(entries):
        if isinstance(item, dict) and str(item.get("name", "")).casefold() > key:
            return index
    return len(entries)


def insert_entry(text: str, entry: CommentedMap) -> Inserted:
    yaml = round_trip_yaml()
    doc = yaml.load(text)
    if not isinstance(doc, CommentedMap):
        raise InsertError("the file is not a mapping with title, description and entries")
    entries = doc.get("entries")
    if entries is None:
        entries = doc["entries"] = CommentedSeq()
    if not isinstance(entries, CommentedSeq):
        raise InsertError("'entries' is not a list")
    was_empty = len(entries) == 0
    if was_empty:
        entries.fa.set_block_style()  # `entries: []` becomes a block list
    index = sorted_index(entries, str(entry["name"]))
    entries.insert(index, entry)
    out = io.StringIO()
    yaml.dump(doc, out)
    new_text = out.getvalue()

    old_lines, new_lines = text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    for tag, *_ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag not in ("equal", "insert") and not (was_empty and tag == "replace"):
            raise InsertError(
                "adding the entry would also reformat other lines of the file; add it by hand in its sorted place"
            )
    line = round_trip_yaml().load(new_text)["entries"].lc.item(index)[0] + 1
    # One line per key: names and descriptions are single-line, and the width never wraps them.
    return Inserted(new_text, line, "".join(new_lines[line - 1 : line - 1 + len(entry)]))
