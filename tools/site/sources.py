"""What the site is built from: the catalog, the checker's figures, CONTRIBUTING.md, and the time.

Locations come from the environment so tests and benchmarks can build a site from a catalog in a
temporary folder with the real `mkdocs.yml`:

- `AWESOME_CATALOG_DIR` (default `catalog/`)
- `AWESOME_STATUS_FILE` (default `status.json` inside the catalog folder)
- `AWESOME_CONTRIBUTING` (default `CONTRIBUTING.md` at the repository root)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tools.catalog import Catalog, Entry, load_catalog
from tools.paths import CATALOG_DIR, REPO_ROOT
from tools.status import StatusFile, load_status
from tools.timestamps import parse_time

# Statuses that get a visible mark on a category page, and that "hide inactive" hides.
MARKED: tuple[str, ...] = ("dead", "archived", "stale", "moved")
HIDEABLE: tuple[str, ...] = ("dead", "archived", "stale")


@dataclass(frozen=True)
class Sources:
    catalog_dir: Path
    status_file: Path
    contributing_file: Path

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Sources:
        env = os.environ if environ is None else environ
        catalog_dir = Path(env.get("AWESOME_CATALOG_DIR") or CATALOG_DIR)
        status_file = Path(env.get("AWESOME_STATUS_FILE") or catalog_dir / "status.json")
        contributing = Path(env.get("AWESOME_CONTRIBUTING") or REPO_ROOT / "CONTRIBUTING.md")
        return cls(catalog_dir, status_file, contributing)


def _int(value: Any) -> int | None:
    # bool is an int in Python; a True star count is not a figure.
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _words(value: Any) -> tuple[str, ...] | None:
    """A known list of short words (frameworks, Python versions); None when unknown, never guessed."""
    if not isinstance(value, list):
        return None
    return tuple(sorted({item.strip() for item in value if isinstance(item, str) and item.strip()}))


@dataclass(frozen=True)
class Figures:
    """One entry's checker figures, each None when not known (the site then leaves it out)."""

    status: str | None = None  # None: never checked
    reasons: tuple[str, ...] = ()
    moved_to: str | None = None
    stars: int | None = None
    forks: int | None = None
    open_issues: int | None = None
    contributors: int | None = None
    license: str | None = None
    last_commit: datetime | None = None
    latest_release: datetime | None = None
    latest_version: str | None = None
    archived: bool | None = None
    checked_at: datetime | None = None
    # Compatibility from PyPI's classifiers (None: not known; an empty tuple: PyPI names none).
    frameworks: tuple[str, ...] | None = None  # "anyio", "asyncio", "trio"
    python_versions: tuple[str, ...] | None = None  # "3.12", "3.13", ...
    requires_python: str | None = None

    @classmethod
    def from_record(cls, record: Any) -> Figures:
        if not isinstance(record, dict):
            return cls()
        reasons = record.get("reasons")
        licence = _text(record.get("license"))
        return cls(
            status=_text(record.get("status")),
            reasons=tuple(r for r in reasons if isinstance(r, str) and r) if isinstance(reasons, list) else (),
            moved_to=_text(record.get("moved_to")),
            stars=_int(record.get("stars")),
            forks=_int(record.get("forks")),
            open_issues=_int(record.get("open_issues")),
            contributors=_int(record.get("contributors")),
            # GitHub says NOASSERTION for a licence it cannot name: that is not a licence to show.
            license=None if licence in (None, "NOASSERTION") else licence,
            last_commit=parse_time(record.get("last_commit")),
            latest_release=parse_time(record.get("latest_release")),
            latest_version=_text(record.get("latest_version")),
            archived=record.get("archived") if isinstance(record.get("archived"), bool) else None,
            checked_at=parse_time(record.get("checked_at")),
            frameworks=_words(record.get("frameworks")),
            python_versions=_words(record.get("python_versions")),
            requires_python=_text(record.get("requires_python")),
        )

    @property
    def last_activity(self) -> datetime | None:
        """The newest of the last commit and the latest release: what "recent activity" sorts by."""
        known = [t for t in (self.last_commit, self.latest_release) if t is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class SiteData:
    """The catalog joined with the checker's figures, at one moment (relative dates are computed from `now`)."""

    catalog: Catalog
    status: StatusFile
    now: datetime
    contributing: str | None = None
    trends: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # entry id -> weekly points, oldest first
    _figures: dict[str, Figures] = field(default_factory=dict, repr=False, compare=False)

    def figures(self, entry: Entry) -> Figures:
        if entry.id not in self._figures:
            self._figures[entry.id] = Figures.from_record(self.status["entries"].get(entry.id))
        return self._figures[entry.id]

    def is_retired(self, entry: Entry) -> bool:
        """A retired entry names its successor (catalog key `successor:`); it is listed apart, after live ones."""
        return entry.successor is not None

    @property
    def checked_at(self) -> datetime | None:
        return parse_time(self.status.get("checked_at"))


def load_trends(status_file: Path) -> dict[str, list[dict[str, Any]]]:
    """status.json's `trends` (entry id -> [{"date", "stars", "latest_release"}], oldest first), or {}.

    Read apart from `load_status`, which keeps only the keys it knows; malformed parts are left out.
    """
    try:
        document = json.loads(status_file.read_text(encoding="utf-8")) if status_file.is_file() else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}  # load_status has already said what is wrong with the file
    trends = document.get("trends") if isinstance(document, dict) else None
    if not isinstance(trends, dict):
        return {}
    return {
        entry_id: [point for point in points if isinstance(point, dict)]
        for entry_id, points in trends.items()
        if isinstance(entry_id, str) and isinstance(points, list)
    }


def load_site_data(sources: Sources, now: datetime | None = None) -> SiteData:
    """Read everything once per build; raises CatalogError or StatusFileError with a clear message."""
    catalog = load_catalog(sources.catalog_dir)
    status = load_status(sources.status_file)
    contributing = (
        sources.contributing_file.read_text(encoding="utf-8") if sources.contributing_file.is_file() else None
    )
    return SiteData(catalog, status, now or datetime.now(UTC), contributing, load_trends(sources.status_file))
