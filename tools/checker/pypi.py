"""PyPI facts from the JSON API, `{PYPI_URL}/pypi/{name}/json`.

The project endpoint is the only one that lists every release with its files' `yanked` flags,
so it is the one used (the lighter `/pypi/{name}/{version}/json` knows one version only, and
finding the latest version needs the project endpoint first). Its body can be megabytes for a
project with many releases: each is parsed, reduced to a `PypiFacts` at once and dropped, and
at most `per_host` are in flight.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

from packaging.utils import canonicalize_name

from tools.checker.facts import PypiFacts
from tools.checker.github._common import as_text
from tools.checker.http import FetchError, HttpClient
from tools.checker.limits import run_workers
from tools.checker.settings import Settings
from tools.timestamps import parse_time

INACTIVE = "Development Status :: 7 - Inactive"
# The async frameworks a project declares it works with (trove classifiers, pypi.org/classifiers).
FRAMEWORKS = {"Framework :: AsyncIO": "asyncio", "Framework :: Trio": "trio", "Framework :: AnyIO": "anyio"}
PYTHON_3X = re.compile(r"Programming Language :: Python :: (3\.\d+)")


def project_url(pypi_url: str, name: str) -> str:
    """The JSON API's address for a project, `{PYPI_URL}/pypi/{name}/json`, with the name in its
    canonical spelling (PEP 503), which PyPI answers without a redirect, and quoted."""
    return f"{pypi_url.rstrip('/')}/pypi/{quote(canonicalize_name(name), safe='')}/json"


async def fetch_projects(
    names: list[str], http: HttpClient, settings: Settings, into: dict[str, PypiFacts] | None = None
) -> dict[str, PypiFacts]:
    """Facts for each name, keyed by the name as given; every name is answered.

    Facts land in `into` (returned) as each project is done, so a run cut short keeps them.
    """
    spellings: dict[str, list[str]] = {}
    for name in names:
        spellings.setdefault(canonicalize_name(name), []).append(name)
    results: dict[str, PypiFacts] = {} if into is None else into

    async def handle(project: str) -> None:
        facts = await _fetch_one(project, settings.pypi_url, http)
        for name in spellings[project]:
            results[name] = replace(facts, name=name, yanked=list(facts.yanked))

    await run_workers(list(spellings), settings.per_host, handle)
    return results


async def _fetch_one(project: str, pypi_url: str, http: HttpClient) -> PypiFacts:
    facts = PypiFacts(name=project)
    url = project_url(pypi_url, project)
    try:
        response = await http.send("GET", url, kind="pypi", headers={"Accept": "application/json"})
        target = response.request.url.join(response.headers.get("location", ""))
        if response.status_code in (301, 302, 307, 308) and target.host == response.request.url.host:
            response = await http.send("GET", str(target), kind="pypi", headers={"Accept": "application/json"})
    except FetchError as exc:
        facts.error = f"PyPI unreachable: {exc.reason}"
        return facts
    if response.status_code == 404:
        facts.found = False
        return facts
    if response.status_code != 200:
        facts.error = f"PyPI answered HTTP {response.status_code}"
        return facts
    try:
        body = response.json()
        _read(facts, body)
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError, TypeError):
        facts.error = "PyPI answered malformed JSON"
    return facts


def _read(facts: PypiFacts, body: dict[str, Any]) -> None:
    info = body["info"]
    version = info.get("version")
    releases: dict[str, list[dict[str, Any]]] = body.get("releases") or {}
    facts.found = True
    facts.latest_version = version if isinstance(version, str) else None
    facts.project_name = as_text(info.get("name"))
    facts.summary = as_text(info.get("summary"))
    urls = info.get("project_urls")
    urls = urls if isinstance(urls, dict) else {}
    links = [info.get("home_page"), info.get("project_url"), *urls.values()]
    facts.links = [link for link in links if as_text(link)]
    labelled = (v for k, v in urls.items() if isinstance(k, str) and k.strip().lower() in ("documentation", "docs"))
    facts.documentation = next((v for v in labelled if as_text(v)), None)
    classifiers = [c for c in info.get("classifiers") or [] if isinstance(c, str)]
    facts.inactive = INACTIVE in classifiers
    facts.frameworks = sorted({FRAMEWORKS[c] for c in classifiers if c in FRAMEWORKS})
    versions = {m.group(1) for c in classifiers if (m := PYTHON_3X.fullmatch(c))}
    facts.python_versions = sorted(versions, key=lambda v: int(v.split(".")[1]))
    requires = info.get("requires_python")
    facts.requires_python = requires.strip() if isinstance(requires, str) and requires.strip() else None
    uploads = []
    for release, files in releases.items():
        if files and all(f.get("yanked") for f in files):  # PyPI yanks a whole release
            facts.yanked.append(release)
        elif uploaded := _first_upload(files):
            uploads.append(uploaded)
    facts.last_upload = max(uploads, default=None)
    latest_files = body.get("urls") or releases.get(facts.latest_version or "", [])
    facts.latest_release = _first_upload(latest_files)
    facts.latest_yanked = bool(latest_files) and all(f.get("yanked") for f in latest_files)


def _first_upload(files: list[dict[str, Any]]) -> datetime | None:
    """A release is as old as its first file: later wheels do not make it newer."""
    times = [t for f in files if (t := parse_time(f.get("upload_time_iso_8601") or f.get("upload_time")))]
    return min(times) if times else None


__all__ = ["fetch_projects", "project_url"]
