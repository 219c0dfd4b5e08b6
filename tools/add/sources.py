"""What GitHub and PyPI say about a project, to fill an entry a contributor would otherwise type.

Asked through the checker's own HTTP client (`tools.checker.http.HttpClient`: its User-Agent,
timeouts, retries and limits) at the addresses the environment names (tools/config.py), so
tests point them at loopback. Owner, repository and project names are quoted into the paths.
A PyPI project is only taken for a repository when PyPI links back to that repository: a name
match alone could be somebody else's project.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard
from urllib.parse import quote

import httpx

from tools.catalog.urls import github_repo, is_web_url, normalize_url
from tools.checker.github.rest import API_HEADERS
from tools.checker.http import FetchError, HttpClient
from tools.checker.pypi import project_url
from tools.checker.settings import Settings

REDIRECTS = (301, 302, 307, 308)


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


async def _get(http: HttpClient, url: str, source: str, headers: Mapping[str, str]) -> dict[str, Any] | None:
    """The JSON object at `url` (following a redirect within its host), None for 404.

    Raises SourceError when the source cannot be reached, refuses, or answers something else.
    """
    kind = "github_rest" if source == "GitHub" else "pypi"
    try:
        response = await http.send("GET", url, kind=kind, headers=dict(headers))
        target = response.request.url.join(response.headers.get("location", ""))
        if response.status_code in REDIRECTS and target.host == response.request.url.host:
            response = await http.send("GET", str(target), kind=kind, headers=dict(headers))
    except FetchError as exc:
        raise SourceError(f"cannot reach {source} ({url}): {exc.reason}") from None
    if response.status_code == 404:
        return None
    if response.status_code in (401, 403, 429) and source == "GitHub":
        raise SourceError("GitHub refused the request (rate limit?): set GITHUB_TOKEN, or wait and try again")
    if response.status_code >= 300:
        raise SourceError(f"{source} answered {response.status_code} for {url}")
    return _json(response, source)


def _json(response: httpx.Response, source: str) -> dict[str, Any]:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise SourceError(f"{source} answered something that is not JSON ({response.url})") from None
    if not isinstance(data, dict):
        raise SourceError(f"{source} answered an unexpected JSON document ({response.url})")
    return data


def _docs_url(info: Mapping[str, Any]) -> str | None:
    urls = info.get("project_urls")
    for key, value in urls.items() if isinstance(urls, dict) else []:
        if isinstance(key, str) and key.strip().lower() in ("documentation", "docs") and _web(value):
            return str(value)
    return None


def _links_to(info: Mapping[str, Any], url: str) -> bool:
    urls = info.get("project_urls")
    links = [info.get("home_page"), info.get("project_url"), *(urls.values() if isinstance(urls, dict) else [])]
    return any(_web(link) and _same(link, url) for link in links)


async def _ask_github(http: HttpClient, settings: Settings, url: str, found: Found, notes: list[str]) -> None:
    repo = github_repo(url)
    if repo is None:
        return
    owner, name = repo
    headers = dict(API_HEADERS)
    if settings.github_token:
        headers["Authorization"] = f"Bearer {settings.github_token}"
    api = settings.github_api_url.rstrip("/")
    data = await _get(http, f"{api}/repos/{quote(owner, safe='')}/{quote(name, safe='')}", "GitHub", headers)
    if data is None:
        raise SourceError(f"GitHub has no repository {owner}/{name}: check the URL")
    found.name = data.get("name") if isinstance(data.get("name"), str) else None
    if isinstance(data.get("description"), str) and data["description"].strip():
        found.description, found.description_source = data["description"], "GitHub"
    homepage = data.get("homepage")
    if _web(homepage) and not _same(homepage, url):
        found.docs = homepage
    html_url = data.get("html_url")
    if _web(html_url) and not _same(html_url, url):
        found.url = html_url
        notes.append(f"GitHub says the repository lives at {html_url}; using that address")


async def _ask_pypi(
    http: HttpClient, settings: Settings, url: str, pypi: str | None, found: Found, notes: list[str]
) -> None:
    repo = github_repo(url)
    candidate = pypi or (repo[1] if repo else None)
    if not candidate:
        return
    try:
        data = await _get(http, project_url(settings.pypi_url, candidate), "PyPI", {"Accept": "application/json"})
    except SourceError as exc:
        if pypi:
            raise
        notes.append(f"skipped PyPI: {exc}")
        return
    if data is None:
        if pypi:
            raise SourceError(f"PyPI has no project {pypi!r}: check --pypi")
        return
    info = data.get("info")
    info = info if isinstance(info, dict) else {}
    if not (pypi or _links_to(info, found.url or url)):
        return
    found.pypi = str(pypi or info.get("name") or candidate)
    found.docs = _docs_url(info) or found.docs
    summary = info.get("summary")
    if not found.description and isinstance(summary, str) and summary.strip():
        found.description, found.description_source = summary, "PyPI"
    if not found.name and isinstance(info.get("name"), str):
        found.name = info["name"]


async def _lookup(url: str, pypi: str | None, settings: Settings) -> Found:
    found = Found()
    notes: list[str] = []
    async with HttpClient(settings) as http:
        await _ask_github(http, settings, url, found, notes)
        await _ask_pypi(http, settings, url, pypi, found, notes)
    found.notes = tuple(notes)
    return found


def lookup(url: str, pypi: str | None, settings: Settings) -> Found:
    """Name, description and docs from GitHub (for a repository URL) and PyPI (named, or found through the repo).

    Raises SourceError when GitHub, or a PyPI project named with --pypi, cannot tell.
    """
    return asyncio.run(_lookup(url, pypi, settings))
