"""The checker's API: `check_catalog()` checks a catalog and returns its results, writing nothing.

The sources run side by side under one overall deadline (tools.checker.collect); Ctrl-C or the
deadline stop them and the report says `"complete": false`, with the entries not checked reported
`unknown` and why (tools.checker.assemble). The command around it is tools.checker.command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from tools.catalog import Catalog
from tools.checker.assemble import assemble
from tools.checker.collect import FetchProjects, FetchRepositories, NoProgress, Progress, collect
from tools.checker.github import fetch_repositories as github_repositories
from tools.checker.pypi import fetch_projects as pypi_projects
from tools.checker.scrub import scrub
from tools.checker.settings import Settings
from tools.results import RunReport, StatusFile


@dataclass(repr=False)
class Outcome:
    run: RunReport  # what the reports render
    status_file: StatusFile  # the new status.json
    interrupted: bool = False  # Ctrl-C: the caller should exit 130 after writing

    def __repr__(self) -> str:
        # Short on purpose: asyncio.run() formats the main task's repr, result included, when it
        # restores the SIGINT handler (signal.getsignal builds a ValueError message from it). The
        # dataclass repr of every entry cost ~0.2 s and tens of MB at 10,000 links.
        return f"Outcome({len(self.run.entries)} entries, interrupted={self.interrupted})"

    @property
    def report(self) -> dict[str, Any]:
        """The `--json` report (DESIGN.md's contract)."""
        return self.run.to_json()

    @property
    def status(self) -> dict[str, Any]:
        """status.json as written."""
        return self.status_file.to_json()


async def check_catalog(
    catalog: Catalog,
    settings: Settings,
    *,
    previous: StatusFile | None = None,
    only: list[str] | tuple[str, ...] = (),
    fetch_repositories: FetchRepositories = github_repositories,
    fetch_projects: FetchProjects = pypi_projects,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Check the catalog's entries (or those in `only`); nothing is written, the caller does that."""
    entries = [e for e in catalog.entries if not only or e.id in only]
    findings = await collect(entries, settings, fetch_repositories, fetch_projects, progress or NoProgress(), transport)
    report, status = assemble(
        catalog,
        entries,
        findings,
        previous or StatusFile(),
        settings,
        (now or datetime.now(UTC)).replace(microsecond=0),
        partial_selection=bool(only),
    )
    token = settings.github_token
    return Outcome(scrub(report, token), scrub(status, token), findings.interrupted)
