"""What GitHub and PyPI say about a project, to fill an entry a contributor would otherwise type.

Plain GETs with a short timeout against the base URLs the environment names (GITHUB_API_URL,
PYPI_URL), so tests point them at loopback. A PyPI project is only taken for a repository when
PyPI links back to that repository: a name match alone could be somebody else's project.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from tools.catalog.urls import github_repo, is_web_url, normalize_url

TIMEOUT = 10.0
USER_AGENT = "awesome-asyncio-add/0.1"


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


def _web(url: object) -> bool:
    """A usable web address: what GitHub and PyPI send is anybody's text."""
    return isinstance(url, str) and is_web_url(url)


def _same(a: str, b: str) -> bool:
    return normalize_url(a) == normalize_url(b)


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def _get(
    client: httpx.Client, url: str, source: str, headers: Mapping[str, str] | None = None
) -> httpx.Response | None:
    """The response, None for 404; raises SourceError when the source cannot be reached or refuses."""
    try:
        response = client.get(url, headers=dict(headers or {}))
    except httpx.TimeoutException:
        raise SourceError(f"{source} did not answer within {TIMEOUT:g} seconds ({url})") from None
    except httpx.HTTPError as exc:
        raise SourceError(f"cannot reach {source} ({url}): {exc.__class__.__name__}") from None
    if response.status_code == 404:
        return None
    if response.status_code in (403, 429) and source == "GitHub":
        raise SourceError("GitHub refused the request (rate limit?): set GITHUB_TOKEN, or wait and try again")
    if response.status_code >= 400:
        raise SourceError(f"{source} answered {response.status_code} for {url}")
    return response


def _json(response: httpx.Response, source: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise SourceError(f"{source} answered something that is not JSON ({response.url})") from None
    if not isinstance(data, dict):
        raise SourceError(f"{source} answered an unexpected JSON document ({response.url})")
    return data


def _docs_url(info: Mapping[str, Any]) -> str | None:
    urls = info.get("project_urls")
    for key, value in urls.items() if isinstance(urls, dict) else []:
        if isinstance(key, str) and key.strip().lower() in ("documentation", "docs") and _web(value):
            return value
    return None


def _links_to(info: Mapping[str, Any], url: str) -> bool:
    urls = info.get("project_urls")
    links = [info.get("home_page"), info.get("project_url"), *(urls.values() if isinstance(urls, dict) else [])]
    return any(_web(link) and _same(link, url) for link in links)


def lookup(url: str, pypi: str | None, env: Mapping[str, str] | None = None) -> Found:
    """Name, description and docs from GitHub (for a repository URL) and PyPI (named, or found through the repo)."""
    env = _env(env)
    api = (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    pypi_base = (env.get("PYPI_URL") or "https://pypi.org").rstrip("/")
    token = env.get("GITHUB_TOKEN") or env.get("GH_TOKEN")
    found = Found()
    notes: list[str] = []
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=TIMEOUT, headers=headers, follow_redirects=True) as client:
        repo = github_repo(url)
        if repo:
            owner, name = repo
            gh_headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
            if token:
                gh_headers["Authorization"] = f"Bearer {token}"
            response = _get(client, f"{api}/repos/{owner}/{name}", "GitHub", gh_headers)
            if response is None:
                raise SourceError(f"GitHub has no repository {owner}/{name}: check the URL")
            data = _json(response, "GitHub")
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

        candidate = pypi or (repo[1] if repo else None)
        if candidate:
            data: dict[str, Any] | None = None
            try:
                response = _get(client, f"{pypi_base}/pypi/{candidate}/json", "PyPI")
                data = _json(response, "PyPI") if response is not None else None
            except SourceError as exc:
                if pypi:
                    raise
                notes.append(f"skipped PyPI: {exc}")
                response = None
            if response is None:
                if pypi:
                    raise SourceError(f"PyPI has no project {pypi!r}: check --pypi")
            elif data is not None:
                info = data.get("info")
                info = info if isinstance(info, dict) else {}
                if pypi or _links_to(info, found.url or url):
                    found.pypi = str(pypi or info.get("name") or candidate)
                    found.docs = _docs_url(info) or found.docs
                    summary = info.get("summary")
                    if not found.description and isinstance(summary, str) and summary.strip():
                        found.description, found.description_source = summary, "PyPI"
                    if not found.name and isinstance(info.get("name"), str):
                        found.name = info["name"]
    found.notes = tuple(notes)
    return found
