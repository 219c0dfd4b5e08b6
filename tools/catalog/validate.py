"""Every check on the catalog, collected in one pass so a contributor sees all problems at once."""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tools.catalog.loader import LoadedFile, Location, load_file
from tools.catalog.model import SLUG_RE, Catalog, Category, CategoryModel, Entry, EntryModel, latest_today
from tools.catalog.ordering import order_problems
from tools.catalog.problems import Problem
from tools.catalog.style import style_warnings
from tools.catalog.successors import successor_problems
from tools.catalog.urls import normalize_url, slugify
from tools.paths import display_path

_DATE_ERRORS = frozenset(("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"))
_EXPECTED = {"string_type": "text", "list_type": "a list such as [a, b]", "dict_type": "a mapping of keys"}


def _what(value: Any) -> str:
    """A YAML value's kind in a contributor's words (`name: 12` is a number, `tags: asgi` is text)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def pydantic_message(error: ErrorDetails, model: type[BaseModel] = EntryModel) -> str:
    """A validation error of `model` (an entry's keys, or a file's) in a contributor's words."""
    field = ".".join(str(p) for p in error["loc"]) or "file"
    kind = error["type"]
    if kind == "list_type" and field == "entries":
        return f"'entries' must be a list: start each entry with `- name:`, not {_what(error.get('input'))}"
    if kind in _EXPECTED:
        return f"{field!r} must be {_EXPECTED[kind]}, not {_what(error.get('input'))}"
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind == "extra_forbidden":
        return f"unknown key {field!r}{_unknown_key_hint(str(error['loc'][-1]), model)}"
    if kind == "literal_error":
        return f"{field!r} {error['msg'].lower().replace('input should be', 'must be')}"
    if kind == "string_pattern_mismatch":
        if field.startswith("tags"):
            return f"tag {error['input']!r} must be a lowercase word (letters, digits, hyphens)"
        return f"{field!r} is not a valid name: {error['input']!r}"
    if kind in _DATE_ERRORS:
        return f"{field!r} must be a date written YYYY-MM-DD, not {error.get('input')!r}"
    if kind == "value_error":
        return f"{field!r} {error['msg'].removeprefix('Value error, ')}"
    return f"{field!r}: {error['msg'][0].lower()}{error['msg'][1:]}"


def _unknown_key_hint(key: str, model: type[BaseModel]) -> str:
    """What an unknown key probably is: an entry's key that lost its indent, or a misspelt key."""
    if model is CategoryModel and key in EntryModel.model_fields:
        return ": it is an entry's key; indent it like the keys of the entry above"
    close = get_close_matches(key, list(model.model_fields), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _pydantic_problems(
    exc: ValidationError, file: str, loaded: LoadedFile, prefix: Location, who: str, model: type[BaseModel]
) -> list[Problem]:
    return [
        Problem(file, loaded.line(prefix + tuple(error["loc"])), f"{who}{pydantic_message(error, model)}")
        for error in exc.errors()
    ]


def _who(raw: Any, index: int) -> str:
    """How a message names an entry: by its name when it has one, else by its place in the file."""
    label = raw.get("name") if isinstance(raw, dict) else None
    return f"entry {str(label)!r}: " if isinstance(label, str) else f"entry {index + 1}: "


def _check_file(path: Path, warnings: bool) -> tuple[Category | None, list[Entry], list[Problem]]:
    file = display_path(path)
    slug = path.stem
    loaded = load_file(path, file)
    if loaded.problems:
        return None, [], loaded.problems
    doc = loaded.data
    if not isinstance(doc, dict):
        return None, [], [Problem(file, 1, "the file must be a mapping with title, description and entries")]

    problems: list[Problem] = []
    if not SLUG_RE.match(slug):
        problems.append(
            Problem(file, 1, f"file name {path.name!r} must be a lowercase slug such as web-frameworks.yml")
        )
    try:
        category = CategoryModel.model_validate(doc)
    except ValidationError as exc:
        problems += _pydantic_problems(exc, file, loaded, (), "", CategoryModel)
        category = None

    raw_entries = doc.get("entries")
    entries: list[Entry] = []
    if isinstance(raw_entries, list):
        context = {"today": latest_today()}  # once per file rather than per entry: see EntryModel
        for index, raw in enumerate(raw_entries):
            line = loaded.line(("entries", index))
            if not isinstance(raw, dict):
                problems.append(
                    Problem(file, line, f"{_who(raw, index)}must be a mapping of keys such as name, url, description")
                )
                continue
            try:
                model = EntryModel.model_validate(raw, context=context)
            except ValidationError as exc:
                problems += _pydantic_problems(exc, file, loaded, ("entries", index), _who(raw, index), EntryModel)
                continue
            entry = Entry(
                id=slugify(model.name),
                name=model.name,
                url=model.url,
                description=model.description,
                category=slug,
                file=path,
                line=line,
                pypi=model.pypi,
                docs=model.docs,
                kind=model.kind,
                tags=tuple(map(sys.intern, model.tags)),  # a small vocabulary, repeated across thousands of entries
                added=model.added,
                successor=model.successor,
                key_lines=loaded.key_lines[("entries", index)],
            )
            entries.append(entry)
            if not warnings:
                continue
            problems += style_warnings(entry, file)
            if ("entries", index, "description") in loaded.cut_by_comment:
                message = (
                    f"{model.name}: the text from ' #' on is a YAML comment, so the description stops before it; "
                    'put the whole description in quotes ("...")'
                )
                problems.append(Problem(file, entry.line_of("description"), message, "warning"))
    problems += order_problems(entries, file)
    if category is None or any(p.severity == "error" for p in problems):
        return None, entries, problems
    return Category(slug, category.title, category.description, path, tuple(entries)), entries, problems


def _duplicate_problems(entries: Sequence[Entry], later: Collection[tuple[str, int]]) -> list[Problem]:
    """Each duplicate reported at the entry that came later, naming the earlier one.

    "Later" is an entry of `later` (what a pull request added or changed) when only one of the two
    is; otherwise the one further down the catalog's files.
    """
    problems = []
    seen: dict[str, dict[str, Entry]] = {"same name": {}, "same anchor": {}, "same URL": {}}
    ordered = sorted(entries, key=lambda e: (e.category, e.line) in later) if later else entries  # stable sort
    for entry in ordered:
        keys = (("same name", entry.name.casefold()), ("same anchor", entry.id), ("same URL", normalize_url(entry.url)))
        for same, key in keys:
            first = seen[same].get(key)
            if first is None:
                seen[same][key] = entry
                continue
            problems.append(
                Problem(
                    display_path(entry.file),
                    entry.line,
                    f"{entry.name!r} duplicates {first.name!r} at {display_path(first.file)}:{first.line} ({same})",
                )
            )
            break
    return problems


def _reading_order(category: Category) -> tuple[bool, str]:
    """Software first, then the categories of talks and writings, each group by title."""
    only_media = bool(category.entries) and all(e.kind != "library" for e in category.entries)
    return only_media, category.title.casefold()


def category_files(catalog_dir: Path) -> list[Path]:
    return sorted(p for p in catalog_dir.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def validate_catalog(
    catalog_dir: Path, later: Collection[tuple[str, int]] = (), *, warnings: bool = True
) -> tuple[Catalog | None, list[Problem]]:
    """The catalog when it has no errors (warnings allowed), and every problem found.

    `later` holds (category slug, line) of the entries a pull request added or changed, from
    `tools.automation.changes`: a duplicate is then reported at the pull request's entry.
    `warnings=False` leaves out the style warnings, for callers that only keep errors: a warning
    never decides whether the catalog is valid.
    """
    if not catalog_dir.is_dir():
        return None, [Problem(display_path(catalog_dir), 0, "no such catalog folder")]
    files = category_files(catalog_dir)
    if not files:
        return None, [Problem(display_path(catalog_dir), 0, "no category files (*.yml) in this folder")]
    problems: list[Problem] = []
    categories: list[Category] = []
    all_entries: list[Entry] = []
    for path in files:
        if path.suffix == ".yaml":
            problems.append(Problem(display_path(path), 1, "category files end in .yml; rename this file"))
            continue
        category, entries, found = _check_file(path, warnings)
        problems += found
        all_entries += entries
        if category:
            categories.append(category)
    problems += _duplicate_problems(all_entries, frozenset(later))
    problems += successor_problems(all_entries)
    problems.sort(key=lambda p: (p.file, p.line, p.message))
    if any(p.severity == "error" for p in problems):
        return None, problems
    ordered = tuple(sorted(categories, key=_reading_order))
    return Catalog(catalog_dir, ordered), problems
