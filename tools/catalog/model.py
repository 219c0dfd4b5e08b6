"""The catalog's data model: what a category file may hold, and the typed entries the rest reads.

Pydantic validates each file (types, required and unknown keys) and produces the JSON Schema that
YAML-aware editors use, so the format is written down once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.json_schema import JsonDict

from tools.catalog.urls import web_url_problem

Kind = Literal["library", "talk", "podcast", "article", "book", "docs"]
KINDS: tuple[str, ...] = ("library", "talk", "podcast", "article", "book", "docs")
TAG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PYPI_PATTERN = r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"
WEB_URL_SCHEMA: JsonDict = {"type": "string", "format": "uri", "pattern": "^https?://"}

Tag = Annotated[str, Field(pattern=TAG_PATTERN, description="A lowercase word, hyphens allowed.")]


class EntryModel(BaseModel):
    """One entry of a category file."""

    model_config = ConfigDict(extra="forbid", strict=False, title="Entry")

    name: str = Field(min_length=1, max_length=120, description="Unique across the catalog.")
    url: str = Field(description="The project's home.", json_schema_extra=WEB_URL_SCHEMA)
    description: str = Field(
        min_length=1,
        description="One fresh sentence: starts with a capital, ends with a period, 15 to 200 characters.",
    )
    pypi: str | None = Field(default=None, pattern=PYPI_PATTERN, description="Distribution name on PyPI.")
    docs: str | None = Field(default=None, description="Documentation site.", json_schema_extra=WEB_URL_SCHEMA)
    kind: Kind = Field(default="library", description="What the entry is.")
    tags: list[Tag] = Field(default_factory=list, description="Lowercase words.")
    added: date | None = Field(default=None, description="When the entry joined the catalog (YYYY-MM-DD).")
    successor: str | None = Field(
        default=None, description="What replaces a retired entry: an entry name in the catalog, or an http(s) address."
    )

    @field_validator("name", "description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("added")
    @classmethod
    def _not_in_the_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        """`context={"today": latest_today()}` spares a run validating thousands of entries asking the clock for each."""
        if value is None:
            return value
        today = info.context["today"] if info.context else latest_today()
        if value > today:
            raise ValueError(
                f"is {value.isoformat()}, in the future; write the day the entry joins (today at the latest)"
            )
        return value

    @field_validator("url", "docs")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        problem = web_url_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value


class CategoryModel(BaseModel):
    """A category file: `catalog/<slug>.yml`."""

    model_config = ConfigDict(
        extra="forbid",
        title="Awesome Asyncio category",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    title: str = Field(min_length=1, description="Shown as the category's heading.")
    description: str = Field(min_length=1, description="One sentence on what belongs here.")
    entries: list[Any] = Field(description="Kept in case-insensitive order of name.")


@dataclass(frozen=True, slots=True)
class Entry:
    """A validated entry, with where it came from so messages and annotations can point at it.

    Slots: a catalog holds thousands, and each takes 56 bytes less without a dict (0.56 MB at 10,000 entries).
    """

    id: str
    name: str
    url: str
    description: str
    category: str
    file: Path
    line: int
    pypi: str | None = None
    docs: str | None = None
    kind: str = "library"
    tags: tuple[str, ...] = ()
    added: date | None = None
    successor: str | None = None  # set: the project is retired, use this entry (name) or address instead
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def line_of(self, key: str) -> int:
        """The line of one of the entry's keys (`url`, `description`...), or the entry's own line when absent."""
        return self.key_lines.get(key, self.line)


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    description: str
    file: Path
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Catalog:
    directory: Path
    categories: tuple[Category, ...] = field(default_factory=tuple)
    entries: list[Entry] = field(init=False, repr=False, compare=False)
    """Every entry, category by category: gathered once, as the checker and the site walk it again and again.

    One list shared by every reader: read it, never change it.
    """

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", [entry for category in self.categories for entry in category.entries])

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def category(self, slug: str) -> Category:
        for category in self.categories:
            if category.slug == slug:
                return category
        raise KeyError(slug)


def category_json_schema() -> dict[str, Any]:
    """The JSON Schema of a category file, with entries spelled out (the model keeps them loose to report each one)."""
    schema = CategoryModel.model_json_schema()
    entry_schema = EntryModel.model_json_schema()
    schema["properties"]["entries"] = {
        "type": "array",
        "description": schema["properties"]["entries"].get("description", ""),
        "items": entry_schema,
    }
    return schema


def latest_today() -> date:
    """Today where it is already latest (UTC+14): a contributor anywhere may write their own today."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
