"""Style warnings on a valid entry, each at the line at fault: how descriptions read, http://, key order.

Warnings do not stop a build; `awesome validate --strict` (as `make lint` runs it) makes them errors.
The description rules are CONTRIBUTING.md's "Writing the description"; the key order is the one its
example and the JSON Schema list, so every file reads the same way.
"""

from __future__ import annotations

import re

from tools.catalog.model import Entry, EntryModel
from tools.catalog.problems import Problem

DESCRIPTION_MIN, DESCRIPTION_MAX = 15, 200
FILLER = re.compile(r"\basync(io)? library for\b", re.IGNORECASE)
SENTENCE_ENDS = (".", "。", "।", "։")  # the full stop of Latin, CJK, Devanagari and Armenian text
KEY_ORDER: tuple[str, ...] = tuple(EntryModel.model_fields)
_KEY_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}


def style_warnings(entry: Entry, file: str) -> list[Problem]:
    """The entry's warnings, each reported in `file` (its display path, worked out once per file by the caller)."""
    desc, name = entry.description, entry.name
    at_description = entry.line_of("description")
    found: list[tuple[int, str]] = []
    if not DESCRIPTION_MIN <= len(desc) <= DESCRIPTION_MAX:
        found.append(
            (
                at_description,
                f"description should be {DESCRIPTION_MIN} to {DESCRIPTION_MAX} characters (has {len(desc)})",
            )
        )
    if desc[:1].islower():  # scripts without capitals (Chinese, Japanese...) are fine as they are
        found.append((at_description, "description should start with a capital letter"))
    if not desc.endswith(SENTENCE_ENDS):
        found.append((at_description, "description should end with a period"))
    if _mentions(desc, name):
        found.append((at_description, "description should not repeat the entry's name"))
    if FILLER.search(desc):
        found.append((at_description, "description should not say 'async library for': the whole catalog is async"))
    for key in ("url", "docs"):
        value = getattr(entry, key)
        if value and value.lower().startswith("http://"):
            found.append((entry.line_of(key), f"{key!r} uses plain http://; use https:// if the site supports it"))
    found += _key_order(entry)
    return [Problem(file, line, f"{name}: {message}", "warning") for line, message in found]


def _key_order(entry: Entry) -> list[tuple[int, str]]:
    """One warning at the first key out of the documented order, giving the whole order to write."""
    written = list(entry.key_lines)
    expected = sorted(written, key=_KEY_RANK.__getitem__)
    if written == expected:
        return []
    first = next(w for w, e in zip(written, expected, strict=True) if w != e)
    return [(entry.line_of(first), f"keys should be in the order {', '.join(expected)}; move {first!r} there")]


def _mentions(text: str, word: str) -> bool:
    """Whether `word` appears in `text` as a whole word, without regard to case (no regex per entry: 5,000 names)."""
    text, word = text.lower(), word.lower()
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        start = text.find(word, start + 1)
    return False
