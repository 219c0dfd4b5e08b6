"""`catalog/status.json`: the checker's last known figures for each entry, and each link's failure history.

The checker writes it (atomically); the site, the README generator and the automation read it.
Its per-entry records have the same keys as the `--json` report's entries, so one reader serves both.

    {
      "version": 1,
      "checked_at": "2026-11-21T12:00:00Z",     # null before the first run
      "complete": true,
      "summary": {"ok": 140, "stale": 6, ...},
      "entries": {
        "fastapi": {                             # entry id (slug of the name)
          "id", "name", "category", "url", "status", "reasons", "moved_to",
          "stars", "forks", "open_issues", "contributors", "license",
          "last_commit", "latest_release", "latest_version", "archived",
          "checked_at",                          # when these figures were last fetched
          "links": [{"url", "status", "http_status", "moved_to", "reason"}]
        }
      },
      "history": {                               # by URL (the entry's url and docs alike)
        "https://example.org/": {"failures": 2, "first_failure": "2026-11-14T12:00:00Z", "last_ok": null}
      }
    }

`failures` counts consecutive runs on which the URL could not be reached at all (connection
refused, DNS, timeouts, persistent 5xx); three in a row make it `dead`. A 404/410 is dead at once
and needs no history.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, TypedDict

from tools.files import write_json_atomic

STATUS_VERSION = 1
Status = Literal["ok", "stale", "archived", "moved", "dead", "unknown"]
STATUSES: tuple[str, ...] = ("ok", "stale", "archived", "moved", "dead", "unknown")
# Where several apply, the first of these wins.
PRECEDENCE: tuple[str, ...] = ("dead", "archived", "stale", "moved", "unknown", "ok")
FLAGGED: tuple[str, ...] = ("dead", "archived", "stale", "moved", "unknown")
DEAD_AFTER_FAILED_RUNS = 3


class LinkRecord(TypedDict, total=False):
    url: str
    status: str
    http_status: int | None
    moved_to: str | None
    reason: str | None


class EntryRecord(TypedDict, total=False):
    id: str
    name: str
    category: str
    url: str
    status: str
    reasons: list[str]
    moved_to: str | None
    stars: int | None
    forks: int | None
    open_issues: int | None
    contributors: int | None
    license: str | None
    last_commit: str | None
    latest_release: str | None
    latest_version: str | None
    archived: bool | None
    checked_at: str | None
    links: list[LinkRecord]


class LinkHistory(TypedDict, total=False):
    failures: int
    first_failure: str | None
    last_ok: str | None


class StatusFile(TypedDict):
    version: int
    checked_at: str | None
    complete: bool
    summary: dict[str, int]
    entries: dict[str, EntryRecord]
    history: dict[str, LinkHistory]


def worst(statuses: list[str]) -> str:
    """The status that wins when several apply (dead > archived > stale > moved > unknown > ok)."""
    present = set(statuses) or {"ok"}
    return next(s for s in PRECEDENCE if s in present)


def empty_status() -> StatusFile:
    return {
        "version": STATUS_VERSION,
        "checked_at": None,
        "complete": False,
        "summary": {},
        "entries": {},
        "history": {},
    }


class StatusFileError(Exception):
    """status.json exists but cannot be used; the message says what to do."""


def load_status(path: Path) -> StatusFile:
    """The status file, or an empty one when it does not exist yet."""
    path = Path(path)
    if not path.exists():
        return empty_status()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StatusFileError(
            f"{path}: cannot read the status file ({exc}); delete it and run `awesome check` again"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise StatusFileError(f"{path}: not a status file; delete it and run `awesome check` again")
    status = empty_status()
    status.update({k: v for k, v in data.items() if k in status})  # type: ignore[typeddict-item]
    return status


def save_status(path: Path, status: StatusFile) -> None:
    write_json_atomic(Path(path), status)
