"""`awesome check`: ask GitHub, PyPI and the web about every entry, judge, and write the reports.

`check_catalog()` is the API (it returns the JSON report and the new status.json, and writes
nothing); `main()` is the command around it. The three sources run side by side under one
overall deadline; Ctrl-C or the deadline stop them and the report says `"complete": false`, with
the entries not checked reported `unknown` and why.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from tools.catalog import Catalog, CatalogError, Entry, load_catalog
from tools.catalog.urls import github_repo
from tools.checker import history
from tools.checker.classify import classify, figures
from tools.checker.facts import LinkResult, PypiFacts, RepoFacts
from tools.checker.github import fetch_repositories as github_repositories
from tools.checker.github._common import key_of
from tools.checker.http import HttpClient
from tools.checker.limits import HostScheduler
from tools.checker.links import check_link, host_of
from tools.checker.pypi import fetch_projects as pypi_projects
from tools.checker.report import actions, markdown
from tools.checker.report.terminal import TerminalProgress, print_summary
from tools.checker.settings import Settings
from tools.files import write_json_atomic, write_text_atomic
from tools.paths import display_path
from tools.status import STATUSES, EntryRecord, StatusFile, StatusFileError, empty_status, load_status, save_status
from tools.timestamps import iso

RepoKey = tuple[str, str]
# A source is called with what to ask about and the dict to fill as answers come in (see _collect).
FetchRepositories = Callable[
    [list[RepoKey], HttpClient, Settings, dict[RepoKey, RepoFacts]], Awaitable[dict[RepoKey, RepoFacts]]
]
FetchProjects = Callable[[list[str], HttpClient, Settings, dict[str, PypiFacts]], Awaitable[dict[str, PypiFacts]]]
REQUEST_KINDS = ("github_graphql", "github_rest", "pypi", "web")


@dataclass
class Outcome:
    report: dict[str, Any]  # the --json contract
    status: StatusFile  # the new status.json
    interrupted: bool = False  # Ctrl-C: the caller should exit 130 after writing


class NoProgress:
    """What check_catalog needs of a progress display (and what it uses without one)."""

    def start(self, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def stop(self) -> None: ...


@dataclass
class Findings:
    """What the sources learned in one run, however far it got."""

    repos: dict[RepoKey, RepoFacts] = field(default_factory=dict)
    projects: dict[str, PypiFacts] = field(default_factory=dict)
    links: dict[str, LinkResult] = field(default_factory=dict)
    source_errors: dict[str, str] = field(default_factory=dict)  # "GitHub"/"PyPI" -> why it gave nothing
    stopped: str | None = None  # why the run ended early: the reason given to what it did not check
    interrupted: bool = False
    requests: dict[str, int] = field(default_factory=dict)


async def check_catalog(
    catalog: Catalog,
    settings: Settings,
    *,
    previous: StatusFile | None = None,
    only: list[str] | tuple[str, ...] = (),
    fetch_repositories: FetchRepositories = github_repositories,
    fetch_projects: FetchProjects = pypi_projects,
    progress: NoProgress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Check the catalog's entries (or those in `only`); nothing is written, the caller does that."""
    entries = [e for e in catalog.entries if not only or e.id in only]
    findings = await _collect(
        entries, settings, fetch_repositories, fetch_projects, progress or NoProgress(), transport
    )
    return _assemble(
        catalog,
        entries,
        findings,
        previous or empty_status(),
        settings,
        now or datetime.now(UTC),
        partial_selection=bool(only),
    )


async def _collect(
    entries: list[Entry],
    settings: Settings,
    fetch_repositories: FetchRepositories,
    fetch_projects: FetchProjects,
    progress: NoProgress,
    transport: httpx.AsyncBaseTransport | None,
) -> Findings:
    """Ask GitHub, PyPI and the web side by side, under the deadline; Ctrl-C ends it early too."""
    repos = {key_of(*r): r for e in entries if (r := github_repo(e.url))}
    names = list(dict.fromkeys(e.pypi for e in entries if e.pypi))
    urls = list(dict.fromkeys(u for e in entries for u in (None if github_repo(e.url) else e.url, e.docs) if u))
    found = Findings()

    async def guarded(source: str, work: Callable[[], Awaitable[None]]) -> None:
        # A bug or surprise in one source must not lose the others' results.
        try:
            await work()
        except Exception as exc:
            found.source_errors[source] = f"{source} check failed unexpectedly ({type(exc).__name__})"
        progress.advance()

    progress.start(len(urls) + bool(repos) + bool(names))
    async with HttpClient(settings, transport=transport) as http:
        # The sources fill Findings as they learn, so a deadline or Ctrl-C keeps what they knew.
        async def get_repos() -> None:
            found.repos.update(await fetch_repositories(list(repos.values()), http, settings, found.repos))

        async def get_projects() -> None:
            found.projects.update(await fetch_projects(names, http, settings, found.projects))

        try:
            async with asyncio.timeout(settings.deadline), asyncio.TaskGroup() as group:
                if repos:
                    group.create_task(guarded("GitHub", get_repos))
                if names:
                    group.create_task(guarded("PyPI", get_projects))
                group.create_task(check_links(urls, http, settings, found.links, progress.advance))
        except TimeoutError:
            found.stopped = f"not checked: the run's deadline ({settings.deadline:g} s) was reached"
        except asyncio.CancelledError:
            # Ctrl-C under asyncio.run cancels this task: finish with what is known instead.
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            found.stopped, found.interrupted = "not checked: the run was interrupted", True
        finally:
            progress.stop()
        found.requests = {kind: http.counts.get(kind, 0) for kind in REQUEST_KINDS}
    return found


def _assemble(
    catalog: Catalog,
    entries: list[Entry],
    found: Findings,
    previous: StatusFile,
    settings: Settings,
    now: datetime,
    *,
    partial_selection: bool,
) -> Outcome:
    """Judge every entry, then build the report and the next status.json from the verdicts."""
    stamp = iso(now) or ""
    in_catalog = {u for e in catalog.entries for u in (e.url, e.docs) if u}
    link_history = history.update_history(previous.get("history", {}), found.links, in_catalog, stamp)

    items = []
    records: dict[str, EntryRecord] = {}
    for entry in entries:
        item, fetched, checked = _judge(entry, found, link_history, settings, now)
        items.append(item)
        old = previous["entries"].get(entry.id)
        if not checked and old is not None:
            records[entry.id] = old  # not checked this run: keep what was known
        else:
            record = {k: v for k, v in item.items() if k not in ("file", "line", "notes", "http_status")}
            record["checked_at"] = stamp
            records[entry.id] = history.merge_figures(record, old, fetched)  # type: ignore[arg-type]

    report = {
        "checked_at": stamp,
        "complete": found.stopped is None,
        "summary": {status: sum(e["status"] == status for e in items) for status in STATUSES},
        "requests": found.requests,
        "entries": items,
    }
    # status.json covers the whole catalog: entries not checked this time keep their last record.
    kept = {e.id: records.get(e.id) or previous["entries"].get(e.id) for e in catalog.entries}
    kept_records = {k: v for k, v in kept.items() if v is not None}
    status: StatusFile = {
        "version": previous.get("version", 1),
        "checked_at": stamp,
        "complete": found.stopped is None and not partial_selection,
        "summary": {s: sum(r.get("status") == s for r in kept_records.values()) for s in STATUSES},
        "entries": kept_records,
        "history": link_history,
    }
    token = settings.github_token
    return Outcome(_scrub(report, token), _scrub(status, token), found.interrupted)


async def check_links(
    urls: list[str],
    http: HttpClient,
    settings: Settings,
    results: dict[str, LinkResult],
    on_done: Callable[[], None] = lambda: None,
) -> None:
    """Check each link under the global and per-host limits, filling `results` as each one finishes.

    Results land in the caller's dict so that a run cut short keeps what it learned.
    """

    def job(url: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            try:
                results[url] = await check_link(url, http, settings)
            except Exception as exc:
                results[url] = LinkResult(url, "unknown", reason=f"checker error ({type(exc).__name__})")
            on_done()

        return run

    scheduler = HostScheduler(settings.concurrency, settings.per_host)
    await scheduler.run((host_of(url, settings), job(url)) for url in urls)


def _judge(
    entry: Entry, found: Findings, link_history: dict[str, Any], settings: Settings, now: datetime
) -> tuple[dict[str, Any], bool, bool]:
    """The entry's report item, whether every source answered it, and whether it was checked at all."""
    checked = True
    missing = found.stopped or "not checked"
    repo = pypi = link = None
    if (gh := github_repo(entry.url)) is not None:
        repo = found.repos.get(key_of(*gh))
        if repo is None:
            checked = False
            repo = RepoFacts(gh[0], gh[1], error=found.source_errors.get("GitHub") or missing)
    if entry.pypi:
        pypi = found.projects.get(entry.pypi)
        if pypi is None:
            checked = False
            pypi = PypiFacts(entry.pypi, error=found.source_errors.get("PyPI") or missing)

    def link_of(url: str) -> LinkResult:
        nonlocal checked
        if url not in found.links:
            checked = False
            return LinkResult(url, "unknown", reason=missing)
        return history.escalate(found.links[url], link_history.get(url))

    if gh is None:
        link = link_of(entry.url)
    docs = link_of(entry.docs) if entry.docs else None
    verdict = classify(repo=repo, pypi=pypi, link=link, now=now, stale_after_days=settings.stale_after_days)
    fetched = not (repo and repo.error) and not (pypi and pypi.error)
    item: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name,
        "category": entry.category,
        "url": entry.url,
        "status": verdict.status,
        "reasons": verdict.reasons,
        "moved_to": verdict.moved_to,
        **figures(repo, pypi),
        "links": [_link_item(docs)] if docs else [],
        "http_status": link.http_status if link else None,
        "notes": verdict.notes,
        "file": display_path(entry.file),
        "line": entry.line,
    }
    return item, fetched, checked


def _link_item(result: LinkResult) -> dict[str, Any]:
    return {
        "url": result.url,
        "status": result.status,
        "http_status": result.http_status,
        "moved_to": result.moved_to,
        "reason": result.reason,
    }


def _scrub(data: Any, token: str | None) -> Any:
    """Last line of defence: no string a server sent back may carry the token into a report."""
    if not token:
        return data
    if isinstance(data, str):
        return data.replace(token, "***")
    if isinstance(data, dict):
        return {k: _scrub(v, token) for k, v in data.items()}
    if isinstance(data, list):
        return [_scrub(v, token) for v in data]
    return data


def main(args: argparse.Namespace) -> int:
    """The command: 0 finished, 1 a --fail-on status occurred, 2 could not run, 130 interrupted."""
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    try:
        return _main(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = _scrub(f"{type(exc).__name__}: {exc}".splitlines()[0][:200], token)
        print(
            f"awesome check: unexpected error ({message}); run it again, and report the problem if it persists",
            file=sys.stderr,
        )
        return 2


def _main(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.catalog)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("the catalog has errors: fix the lines above (see `awesome validate`) and check again", file=sys.stderr)
        return 2
    only = list(getattr(args, "only", None) or [])
    unknown_ids = sorted(set(only) - {e.id for e in catalog.entries})
    if unknown_ids:
        print(f"--only: no entry with id {', '.join(unknown_ids)}", file=sys.stderr)
        return 2
    try:
        previous = load_status(args.status)
    except StatusFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = Settings.from_env(
        concurrency=args.concurrency,
        per_host=args.per_host,
        timeout=args.timeout,
        stale_after_days=args.stale_after,
        deadline=getattr(args, "deadline", None),
    )
    progress = TerminalProgress(sys.stderr)
    outcome = asyncio.run(check_catalog(catalog, settings, previous=previous, only=only, progress=progress))
    report = outcome.report
    text = markdown.render(report, previous, {entry.id for entry in catalog.entries})
    if args.json:
        write_json_atomic(args.json, report)
    if args.markdown:
        write_text_atomic(args.markdown, text)
    save_status(args.status, outcome.status)
    print_summary(report, sys.stdout)
    if actions.enabled():
        actions.publish(report, text, sys.stdout)
    if outcome.interrupted:
        print('interrupted: the reports above are partial ("complete": false)', file=sys.stderr)
        return 130
    occurred = [s for s in args.fail_on if report["summary"].get(s)]
    if occurred:
        found = ", ".join(f"{report['summary'][s]} {s}" for s in occurred)
        print(f"failing because of --fail-on: {found}", file=sys.stderr)
        return 1
    return 0
