"""Every check on the catalog, collected in one pass so a contributor sees all problems at once."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tools.catalog.loader import load_file, plain_data
from tools.catalog.model import SLUG_RE, Catalog, Category, CategoryModel, Entry, EntryModel
from tools.catalog.problems import Problem
from tools.catalog.urls import normalize_url, slugify
from tools.paths import display_path

DESCRIPTION_MIN, DESCRIPTION_MAX = 15, 200
FILLER = re.compile(r"\basync(io)? library for\b", re.IGNORECASE)
ENTRY_KEYS = tuple(EntryModel.model_fields)


def line_of(document: Any, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the deepest node of `loc` that exists in the round-trip document."""
    line = 1
    node = document
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


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


def _message(error: dict[str, Any]) -> str:
    field = ".".join(str(p) for p in error["loc"]) or "file"
    kind = error["type"]
    if kind in _EXPECTED:
        return f"{field!r} must be {_EXPECTED[kind]}, not {_what(error.get('input'))}"
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind == "extra_forbidden":
        return f"unknown key {field!r}"
    if kind == "literal_error":
        return f"{field!r} {error['msg'].lower().replace('input should be', 'must be')}"
    if kind == "string_pattern_mismatch":
        if field.startswith("tags"):
            return f"tag {error['input']!r} must be a lowercase word (letters, digits, hyphens)"
        return f"{field!r} is not a valid name: {error['input']!r}"
    if kind == "value_error":
        return f"{field!r} {error['msg'].removeprefix('Value error, ')}"
    return f"{field!r}: {error['msg'][0].lower()}{error['msg'][1:]}"


def _pydantic_problems(
    exc: ValidationError, file: str, document: Any, prefix: tuple[Any, ...], who: str
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = prefix + tuple(error["loc"])
        problems.append(Problem(file, line_of(document, loc), f"{who}{_message(error)}"))
    return problems


def _style_warnings(model: EntryModel, file: str, line: int) -> list[Problem]:
    desc, name = model.description, model.name
    warn: list[str] = []
    if not DESCRIPTION_MIN <= len(desc) <= DESCRIPTION_MAX:
        warn.append(f"description should be {DESCRIPTION_MIN} to {DESCRIPTION_MAX} characters (has {len(desc)})")
    if not (desc[:1].isupper() or desc[:1].isdigit()):
        warn.append("description should start with a capital letter")
    if not desc.endswith("."):
        warn.append("description should end with a period")
    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", desc, re.IGNORECASE):
        warn.append("description should not repeat the entry's name")
    if FILLER.search(desc):
        warn.append("description should not say 'async library for': the whole catalog is async")
    for key in ("url", "docs"):
        value = getattr(model, key)
        if value and value.lower().startswith("http://"):
            warn.append(f"{key!r} uses plain http://; use https:// if the site supports it")
    return [Problem(file, line, f"{name}: {w}", "warning") for w in warn]


def _check_file(path: Path) -> tuple[Category | None, list[Entry], list[Problem]]:
    file = display_path(path)
    slug = path.stem
    loaded = load_file(path, file)
    if loaded.problems:
        return None, [], loaded.problems
    doc = loaded.data
    if not isinstance(doc, CommentedMap):
        return None, [], [Problem(file, 1, "the file must be a mapping with title, description and entries")]

    problems: list[Problem] = []
    if not SLUG_RE.match(slug):
        problems.append(
            Problem(file, 1, f"file name {path.name!r} must be a lowercase slug such as web-frameworks.yml")
        )
    try:
        category = CategoryModel.model_validate(plain_data(doc))
    except ValidationError as exc:
        problems += _pydantic_problems(exc, file, doc, (), "")
        category = None

    raw_entries = doc.get("entries")
    entries: list[Entry] = []
    if isinstance(raw_entries, CommentedSeq):
        for index, raw in enumerate(raw_entries):
            line = raw_entries.lc.item(index)[0] + 1
            label = raw.get("name") if isinstance(raw, dict) else None
            who = f"entry {str(label)!r}: " if isinstance(label, str) else f"entry {index + 1}: "
            if not isinstance(raw, CommentedMap):
                problems.append(Problem(file, line, f"{who}must be a mapping of keys such as name, url, description"))
                continue
            try:
                model = EntryModel.model_validate(plain_data(raw))
            except ValidationError as exc:
                problems += _pydantic_problems(exc, file, doc, ("entries", index), who)
                continue
            problems += _style_warnings(model, file, line)
            entries.append(
                Entry(
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
                    tags=tuple(model.tags),
                    added=model.added,
                    successor=model.successor,
                )
            )
    problems += _order_problems(entries, file)
    if category is None or any(p.severity == "error" for p in problems):
        return None, entries, problems
    return Category(slug, category.title, category.description, path, tuple(entries)), entries, problems


def _order_problems(entries: list[Entry], file: str) -> list[Problem]:
    for before, after in pairwise(entries):
        if after.name.casefold() < before.name.casefold():
            return [
                Problem(
                    file,
                    after.line,
                    f"entries must be in case-insensitive order of name: {after.name!r} belongs before {before.name!r}",
                )
            ]
    return []


def _duplicate_problems(entries: list[Entry]) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        keys = [("name", entry.name.casefold()), ("id", entry.id), ("url", normalize_url(entry.url))]
        for what, key in keys:
            first = seen.get((what, key))
            if first is None:
                seen[(what, key)] = entry
                continue
            same = {"name": "same name", "id": "same anchor", "url": "same URL"}[what]
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


def validate_catalog(catalog_dir: Path) -> tuple[Catalog | None, list[Problem]]:
    """The catalog when it has no errors (warnings allowed), and every problem found."""
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
        category, entries, found = _check_file(path)
        problems += found
        all_entries += entries
        if category:
            categories.append(category)
    problems += _duplicate_problems(all_entries)
    problems.sort(key=lambda p: (p.file, p.line, p.message))
    if any(p.severity == "error" for p in problems):
        return None, problems
    ordered = tuple(sorted(categories, key=_reading_order))
    return Catalog(catalog_dir, ordered), problems
