"""What the site is built from: the catalog, the checker's figures, CONTRIBUTING.md, and the time.

Locations come from the environment (AWESOME_CATALOG_DIR, AWESOME_STATUS_FILE,
AWESOME_CONTRIBUTING: tools/config.py) so tests and benchmarks can build a site from a catalog in
a temporary folder with the real `mkdocs.yml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.catalog import Catalog, Entry, load_catalog
from tools.config import Config
from tools.paths import CATALOG_DIR, REPO_ROOT
from tools.results import EntryResult, Status, StatusFile, TrendPoint
from tools.status import load_status

# Statuses that get a visible mark on a category page, and that "hide inactive" hides.
MARKED: tuple[str, ...] = tuple(s for s in Status if s.marked)
HIDEABLE: tuple[str, ...] = tuple(s for s in Status if s.hideable)


@dataclass(frozen=True)
class Sources:
    catalog_dir: Path
    status_file: Path
    contributing_file: Path

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Sources:
        env = Config.from_env(environ)
        catalog_dir = env.catalog_dir or CATALOG_DIR
        status_file = env.status_file or catalog_dir / "status.json"
        contributing = env.contributing_file or REPO_ROOT / "CONTRIBUTING.md"
        return cls(catalog_dir, status_file, contributing)


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
    frameworks: tuple[str, ...] | None = None  # "anyio", "asyncio", "trio"; None: unknown
    python_versions: tuple[str, ...] | None = None  # "3.X"; None: unknown
    requires_python: str | None = None

    @classmethod
    def from_record(cls, record: Any) -> Figures:
        """A status.json record as found: values that are not figures are unknown; no record, no figures."""
        if not isinstance(record, dict):
            return cls()
        try:
            return cls.from_result(EntryResult.model_validate({"id": "", **record}))
        except ValidationError:
            return cls()

    @classmethod
    def from_result(cls, result: EntryResult | None) -> Figures:
        """The figures status.json keeps for an entry (None: never checked)."""
        if result is None:
            return cls()
        return cls(
            status=result.status.value,
            reasons=tuple(r for r in result.reasons if r),
            moved_to=result.moved_to or None,
            stars=result.stars,
            forks=result.forks,
            open_issues=result.open_issues,
            contributors=result.contributors,
            # GitHub says NOASSERTION for a licence it cannot name: that is not a licence to show.
            license=None if result.license == "NOASSERTION" else result.license,
            last_commit=result.last_commit,
            latest_release=result.latest_release,
            latest_version=result.latest_version,
            archived=result.archived,
            checked_at=result.checked_at,
            frameworks=None if result.frameworks is None else tuple(result.frameworks),
            python_versions=None if result.python_versions is None else tuple(result.python_versions),
            requires_python=result.requires_python,
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
    _figures: dict[str, Figures] = field(default_factory=dict, repr=False, compare=False)

    def figures(self, entry: Entry) -> Figures:
        if entry.id not in self._figures:
            self._figures[entry.id] = Figures.from_result(self.status.entries.get(entry.id))
        return self._figures[entry.id]

    def is_retired(self, entry: Entry) -> bool:
        """A retired entry names its successor (catalog key `successor:`); it is listed apart, after live ones."""
        return entry.successor is not None

    def trend(self, entry: Entry) -> list[TrendPoint]:
        """The entry's weekly stars and releases from status.json's `trends`, oldest first ([] when none)."""
        return self.status.trends.get(entry.id, [])

    @property
    def checked_at(self) -> datetime | None:
        return self.status.checked_at


def load_site_data(sources: Sources, now: datetime | None = None) -> SiteData:
    """Read everything once per build; raises CatalogError or StatusFileError with a clear message."""
    catalog = load_catalog(sources.catalog_dir)
    status = load_status(sources.status_file)
    contributing = (
        sources.contributing_file.read_text(encoding="utf-8") if sources.contributing_file.is_file() else None
    )
    return SiteData(catalog, status, now or datetime.now(UTC), contributing)
