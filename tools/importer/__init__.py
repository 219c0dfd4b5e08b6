"""`awesome import README.md [--catalog DIR]`: an existing awesome list's README as category files.

One category file per `## Section` (slug from the heading), entries sorted as the catalog keeps
them, each checked against the catalog's model before it is written. What cannot become an entry is
reported as `FILE:LINE: why` and the exit code is 1 when anything was skipped, so a maintainer
knows the import is partial. Existing files are never overwritten.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.catalog.loader import load_file
from tools.catalog.model import EntryModel
from tools.catalog.urls import normalize_url, slugify
from tools.catalog.validate import category_files, pydantic_message
from tools.files import write_text_atomic
from tools.importer.kinds import guess_kind
from tools.importer.readme import Item, Section, Skipped, parse_readme
from tools.paths import SCHEMA_FILE, display_path


@dataclass
class Category:
    slug: str
    section: Section
    entries: list[dict[str, Any]]


@dataclass(frozen=True)
class Existing:
    """An entry already in the catalog folder the README is imported into."""

    name: str
    file: str


@dataclass
class Imported:
    categories: list[Category]
    skipped: list[Skipped]


def plan_import(text: str, existing: Iterable[tuple[Existing, str]] = ()) -> Imported:
    """The category files an awesome-list README becomes, and every line skipped with why.

    `existing` holds the entries already in the target catalog, with their URL, so that importing
    into a catalog in use adds no duplicate for `awesome validate` to refuse.
    """
    parsed = parse_readme(text)
    skipped = list(parsed.skipped)
    seen: dict[tuple[str, str], Item | Existing] = {}
    for known, url in existing:
        for key in _identity(known.name, url):
            seen.setdefault(key, known)
    slugs: set[str] = set()
    categories = []
    for number, section in enumerate(parsed.sections, start=1):
        slug = _unique(slugify(section.title, default=f"section-{number}"), slugs)
        entries = []
        for item in section.items:
            entry, why = _entry(item, section, seen)
            if entry is None:
                skipped.append(Skipped(item.line, why))
            else:
                entries.append(entry)
        if not entries:
            skipped.append(
                Skipped(section.line, f"section {section.title!r} has no entries to import; no file written")
            )
            continue
        entries.sort(key=lambda e: e["name"].casefold())
        categories.append(Category(slug, section, entries))
    skipped.sort(key=lambda s: s.line)
    return Imported(categories, skipped)


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _identity(name: str, url: str) -> list[tuple[str, str]]:
    """What makes two entries the same for `awesome validate`: name, anchor or address."""
    return [("name", name.casefold()), ("anchor", slugify(name)), ("URL", normalize_url(url))]


def existing_entries(catalog_dir: Path) -> Iterator[tuple[Existing, str]]:
    """The entries (and URLs) of the category files already in `catalog_dir`; unreadable files are validate's to report."""
    if not catalog_dir.is_dir():
        return
    for path in category_files(catalog_dir):
        data = load_file(path).data
        entries = data.get("entries") if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("url"), str):
                yield Existing(entry["name"], display_path(path)), entry["url"]


def _entry(
    item: Item, section: Section, seen: dict[tuple[str, str], Item | Existing]
) -> tuple[dict[str, Any] | None, str]:
    """The entry's keys in the catalog's order, or None and why it cannot be one."""
    values: dict[str, Any] = {"name": item.name, "url": item.url, "description": item.description}
    if item.pypi:
        values["pypi"] = item.pypi
    kind = guess_kind(section.title, item.url)
    if kind != "library":
        values["kind"] = kind
    if item.subsection and (tag := slugify(item.subsection, default="")):
        values["tags"] = [tag]
    try:
        EntryModel.model_validate(values)
    except ValidationError as exc:
        return None, f"{item.name!r}: " + "; ".join(pydantic_message(error) for error in exc.errors())
    for what, key in _identity(item.name, item.url):
        first = seen.setdefault((what, key), item)
        if isinstance(first, Existing):
            return None, f"{item.name!r} is already in {first.file} as {first.name!r} (same {what})"
        if first is not item:
            return None, f"{item.name!r} duplicates {first.name!r} on line {first.line} (same {what})"
    return values, ""


def category_text(category: Category, schema_ref: str) -> str:
    """A category file in the catalog's layout (the `awesome add` round-trip configuration)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from tools.catalog.roundtrip import round_trip_yaml

    entries = CommentedSeq()
    for values in category.entries:
        entry = CommentedMap(values)
        if "tags" in entry:
            entry["tags"] = CommentedSeq(entry["tags"])
            entry["tags"].fa.set_flow_style()
        entries.append(entry)
    section = category.section
    description = section.blurb or f"{section.title}."
    document = CommentedMap(title=section.title, description=description, entries=entries)
    out = io.StringIO()
    round_trip_yaml().dump(document, out)
    return f"# yaml-language-server: $schema={schema_ref}\n{out.getvalue()}"


def _write_categories(
    categories: list[Category], catalog_dir: Path, shown: str, skipped: list[Skipped]
) -> tuple[int, int]:
    """Each category file that does not exist yet, written atomically; (entries, files) written. Raises OSError."""
    catalog_dir.mkdir(parents=True, exist_ok=True)
    schema_ref = Path(os.path.relpath(SCHEMA_FILE, catalog_dir.resolve())).as_posix()
    written, files = 0, 0
    for category in categories:
        path = catalog_dir / f"{category.slug}.yml"
        section = category.section
        if path.exists():
            skipped.append(
                Skipped(section.line, f"section {section.title!r}: {display_path(path)} exists; not overwritten")
            )
            continue
        write_text_atomic(path, category_text(category, schema_ref))
        written, files = written + len(category.entries), files + 1
        if not section.blurb:
            print(
                f"{shown}:{section.line}: note: no text under {section.title!r}; its description is its title",
                file=sys.stderr,
            )
    return written, files


def main(args: argparse.Namespace) -> int:
    readme, catalog_dir = Path(args.readme), Path(args.catalog)
    shown = display_path(readme)
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"{shown}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{shown}: not UTF-8; save it as UTF-8 and import again", file=sys.stderr)
        return 1
    plan = plan_import(text, existing_entries(catalog_dir))
    skipped = list(plan.skipped)
    try:
        written, files = _write_categories(plan.categories, catalog_dir, shown, skipped)
    except OSError as exc:
        where = display_path(catalog_dir)
        print(
            f"{where}: cannot write category files there: {exc.strerror}; give --catalog a folder you can write to",
            file=sys.stderr,
        )
        return 1
    for skip in sorted(skipped, key=lambda s: s.line):
        print(f"{shown}:{skip.line}: {skip.why}", file=sys.stderr)
    where = display_path(catalog_dir)
    summary = f"imported {written} entries into {files} category file{'' if files == 1 else 's'} in {where}"
    print(summary + (f"; skipped {len(skipped)} line(s), listed above" if skipped else ""))
    print(f"Next: `.venv/bin/awesome validate --catalog {where}`, then rewrite descriptions in your own words.")
    return 1 if skipped else 0
