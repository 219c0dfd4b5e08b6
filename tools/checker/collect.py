"""Asking the sources: GitHub, PyPI and the web side by side, under the run's deadline.

Each source fills `Findings` as answers come in, so a deadline or Ctrl-C keeps what they knew;
what was not asked or not answered is left out, and the assembly reports it `unknown`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from tools.catalog import Entry
from tools.catalog.urls import github_repo
from tools.checker.facts import LinkResult, PypiFacts, RepoFacts
from tools.checker.fanout import check_links
from tools.checker.github._common import key_of
from tools.checker.http import HttpClient
from tools.checker.progress import EntryProgress, needs
from tools.checker.settings import Settings

RepoKey = tuple[str, str]
# A source is called with what to ask about and the dict to fill as answers come in.
FetchRepositories = Callable[
    [list[RepoKey], HttpClient, Settings, dict[RepoKey, RepoFacts]], Awaitable[dict[RepoKey, RepoFacts]]
]
FetchProjects = Callable[[list[str], HttpClient, Settings, dict[str, PypiFacts]], Awaitable[dict[str, PypiFacts]]]
REQUEST_KINDS = ("github_graphql", "github_rest", "pypi", "web")


class Progress(Protocol):
    """What a run needs of a progress display (tools.checker.report.terminal has one)."""

    def start(self, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def stop(self) -> None: ...


class NoProgress:
    """The progress display of a run nobody watches."""

    def start(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class Questions:
    """What a run asks each source: repositories, PyPI projects, and web links (each once)."""

    repos: dict[RepoKey, RepoKey]
    projects: list[str]
    urls: list[str]
    home_pages: set[str]  # entries' own addresses off GitHub: read to recognise parked domains
    on_github: dict[str, RepoKey | None]  # each entry's address: its repository, or None off GitHub

    @classmethod
    def of(cls, entries: list[Entry]) -> Questions:
        # Parsed once per entry here, and read by the progress count: github_repo is ~10 µs an address.
        on_github = {e.url: github_repo(e.url) for e in entries}
        repos = {key_of(*r): r for r in on_github.values() if r}
        projects = list(dict.fromkeys(e.pypi for e in entries if e.pypi))
        urls = (u for e in entries for u in (None if on_github[e.url] else e.url, e.docs))
        homes = {e.url for e in entries if not on_github[e.url]}
        return cls(repos, projects, list(dict.fromkeys(u for u in urls if u)), homes, on_github)


@dataclass
class Findings:
    """What the sources learned in one run, however far it got."""

    asked: Questions
    repos: dict[RepoKey, RepoFacts] = field(default_factory=dict)
    projects: dict[str, PypiFacts] = field(default_factory=dict)
    links: dict[str, LinkResult] = field(default_factory=dict)
    source_errors: dict[str, str] = field(default_factory=dict)  # "GitHub"/"PyPI" -> why it gave nothing
    stopped: str | None = None  # why the run ended early: the reason given to what it did not check
    interrupted: bool = False
    requests: dict[str, int] = field(default_factory=dict)


async def collect(
    entries: list[Entry],
    settings: Settings,
    fetch_repositories: FetchRepositories,
    fetch_projects: FetchProjects,
    progress: Progress,
    transport: httpx.AsyncBaseTransport | None,
) -> Findings:
    """Ask GitHub, PyPI and the web side by side, under the deadline; Ctrl-C ends it early too."""
    asked = Questions.of(entries)
    found = Findings(asked)
    counter = EntryProgress(progress, {e.id: needs(e, on_github=asked.on_github[e.url] is not None) for e in entries})

    async def guarded(source: str, work: Callable[[], Awaitable[None]]) -> None:
        # A bug or surprise in one source must not lose the others' results.
        try:
            await work()
        except Exception as exc:
            found.source_errors[source] = f"{source} check failed unexpectedly ({type(exc).__name__})"
        counter.finished([source])

    counter.start()
    async with HttpClient(settings, transport=transport) as http:

        async def get_repos() -> None:
            found.repos.update(await fetch_repositories(list(asked.repos.values()), http, settings, found.repos))

        async def get_projects() -> None:
            found.projects.update(await fetch_projects(asked.projects, http, settings, found.projects))

        try:
            async with asyncio.timeout(settings.deadline), asyncio.TaskGroup() as group:
                if asked.repos:
                    group.create_task(guarded("GitHub", get_repos))
                if asked.projects:
                    group.create_task(guarded("PyPI", get_projects))
                group.create_task(
                    check_links(asked.urls, http, settings, found.links, counter.finished_link, asked.home_pages)
                )
        except TimeoutError:
            found.stopped = f"not checked: the run's deadline ({settings.deadline:g} s) was reached"
        except asyncio.CancelledError:
            # Ctrl-C under asyncio.run cancels this task: finish with what is known instead.
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            found.stopped, found.interrupted = "not checked: the run was interrupted", True
        finally:
            counter.stop()
        found.requests = {kind: http.counts.get(kind, 0) for kind in REQUEST_KINDS}
    return found
