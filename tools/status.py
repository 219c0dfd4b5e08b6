"""Reading and writing `catalog/status.json`, the checker's memory between runs.

The checker writes it (atomically); the site, the README generator and the automation read it.
Its model is `tools.results.StatusFile`; its entries are the `--json` report's entries plus
`checked_at` (when their figures were learned):

    {
      "version": 2,                              # a newer one is refused, never overwritten
      "checked_at": "2026-11-21T12:00:00Z",     # null before the first run
      "complete": true,
      "summary": {"ok": 140, "stale": 6, ...},
      "entries": {"fastapi": {"id", "name", "category", "url", "status", "reasons", "moved_to",
                              <figures>, "links", "checked_at"}},
      "history": {                               # by URL (the entry's url and docs alike)
        "https://example.org/": {"failures": 2, "first_failure": "2026-11-14T12:00:00Z", "last_ok": null}
      },
      "trends": {"fastapi": [{"date": "2026-11-16", "stars": 89500, "latest_release": "..."}, ...]}
    }

`failures` counts consecutive runs on which the URL could not be reached at all (see
tools.checker.history for the rule that turns a streak into `dead`).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.files import write_chunks_atomic
from tools.results import STATUS_VERSION, Status, StatusFile

# The status words in the summary table's order, and those needing attention (most serious first).
STATUSES: tuple[str, ...] = tuple(Status)
FLAGGED: tuple[str, ...] = tuple(s for s in Status.by_precedence() if s.flagged)
DEAD_AFTER_FAILED_RUNS = 3


class StatusFileError(Exception):
    """status.json exists but cannot be used; the message says what to do."""


def load_status(path: Path) -> StatusFile:
    """The status file, or an empty one when it does not exist yet.

    Raises StatusFileError when it cannot be read, is not a status file, or was written by a newer
    version of the tools (overwriting it would lose what that version knew).
    """
    path = Path(path)
    if not path.exists():
        return StatusFile()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StatusFileError(
            f"{path}: cannot read the status file ({exc}); delete it and run `awesome check` again"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise StatusFileError(f"{path}: not a status file; delete it and run `awesome check` again")
    version = data.get("version", STATUS_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise StatusFileError(f"{path}: the status file's version {version!r} is not a number; delete the file")
    if version > STATUS_VERSION:
        raise StatusFileError(
            f"{path}: written by a newer version of the tools (status file version {version}; this one reads up "
            f"to {STATUS_VERSION}); update the tools (`git pull`, then `make install`) instead of overwriting it"
        )
    try:
        return StatusFile.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise StatusFileError(
            f"{path}: {where}: {problem['msg']}; fix that value or delete the file and run `awesome check` again"
        ) from exc


def save_status(path: Path, status: StatusFile) -> None:
    write_chunks_atomic(Path(path), itertools.chain(status.json_chunks(), [b"\n"]))
