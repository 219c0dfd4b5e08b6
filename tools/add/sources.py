"""What GitHub and PyPI say about a project, to fill an entry a contributor would otherwise type.

Asked through the checker's own sources (`fetch_repositories`, `fetch_projects`), so `add` sees
a repository and a project exactly as `check` does: the same client, token handling, quoting,
canonical PyPI names and limits. A PyPI project is only taken for a repository when PyPI links
back to that repository: a name match alone could be somebody else's project. Everything the
sources pass on is the owners' text: web addresses are used only when they are web addresses.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TypeGuard

from tools.catalog.urls import github_repo, is_web_url, normalize_url
from tools.checker.facts import PypiFacts, RepoFacts
from tools.checker.github import fetch_repositories
from tools.checker.http import HttpClient
from tools.checker.pypi import fetch_projects
from tools.checker.settings import Settings


class SourceError(Exception):
    """A source could not be asked; the message says what to do instead."""


@dataclass
class Found:
    name: str | None = None
    description: str | None = None
    description_source: str | None = None  # "GitHub" or "PyPI"
    url: str | None = None  # GitHub's canonical address when the repository moved
    pypi: str | None = None
    docs: str | None = None
    notes: tuple[str, ...] = ()


def _web(url: object) -> TypeGuard[str]:
    """A usable web address: what GitHub and PyPI send is anybody's text."""
    return isinstance(url, str) and is_web_url(url)


def _same(a: str, b: str) -> bool:
    return normalize_url(a) == normalize_url(b)


def _take_repository(facts: RepoFacts, url: str, found: Found, notes: list[str]) -> None:
    """Raises SourceError when GitHub does not know the repository or could not tell."""
    if facts.found is False:
        raise SourceError(f"GitHub has no repository {facts.owner}/{facts.name}: check the URL")
    if not facts.found:
        raise SourceError(f"cannot reach GitHub for {facts.owner}/{facts.name}: {facts.error or 'no answer'}")
    found.name = facts.full_name.split("/", 1)[1] if facts.full_name else facts.name
    if facts.description:
        found.description, found.description_source = facts.description, "GitHub"
    if _web(facts.homepage) and not _same(facts.homepage, url):
        found.docs = facts.homepage
    if _web(facts.html_url) and not _same(facts.html_url, url):
        found.url = facts.html_url
        notes.append(f"GitHub says the repository lives at {facts.html_url}; using that address")


def _take_project(facts: PypiFacts, named: bool, url: str, found: Found, notes: list[str]) -> None:
    """`named`: the contributor gave --pypi, so the project must exist and is taken without a link back.

    Raises SourceError when a named project is unknown or PyPI could not tell about it.
    """
    if facts.found is False:
        if named:
            raise SourceError(f"PyPI has no project {facts.name!r}: check --pypi")
        return
    if not facts.found:
        if named:
            raise SourceError(f"cannot reach PyPI for {facts.name!r}: {facts.error or 'no answer'}")
        notes.append(f"skipped PyPI: {facts.error or 'no answer'}")
        return
    if not (named or any(_web(link) and _same(link, url) for link in facts.links)):
        return
    found.pypi = facts.name if named else facts.project_name or facts.name
    found.docs = facts.documentation if _web(facts.documentation) else found.docs
    if not found.description and facts.summary:
        found.description, found.description_source = facts.summary, "PyPI"
    found.name = found.name or facts.project_name


async def _lookup(url: str, pypi: str | None, settings: Settings) -> Found:
    found = Found()
    notes: list[str] = []
    repo = github_repo(url)
    async with HttpClient(settings) as http:
        if repo is not None:
            repos = await fetch_repositories([repo], http, settings)
            _take_repository(next(iter(repos.values())), url, found, notes)
        candidate = pypi or (repo[1] if repo else None)
        if candidate:
            projects = await fetch_projects([candidate], http, settings)
            _take_project(projects[candidate], pypi is not None, found.url or url, found, notes)
    found.notes = tuple(notes)
    return found


def lookup(url: str, pypi: str | None, settings: Settings) -> Found:
    """Name, description and docs from GitHub (for a repository URL) and PyPI (named, or found through the repo).

    Raises SourceError when GitHub, or a PyPI project named with --pypi, cannot tell.
    """
    return asyncio.run(_lookup(url, pypi, settings))
