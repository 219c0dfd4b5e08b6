"""Repositories through GitHub's REST API, for runs without a token (60 requests an hour).

Per repository, in order of need: the repository (`/repos/{owner}/{repo}`; a moved one answers
301 to `/repositories/{id}`, which is followed to learn the new `full_name`), the default
branch's newest commit (`/commits?sha=BRANCH&per_page=1`: the list endpoint, because
`/commits/{ref}` also carries the whole diff), the latest release (`/releases/latest`, 404 when
there is none) and, only while the budget leaves room for every repository still waiting,
the contributor count (`/contributors?per_page=1&anon=1`: the `last` page of its Link header).

Every GET is conditional: an ETag store (see etags.py) sends If-None-Match and reuses the
fields read last time on a 304. What a 304 saves depends on the credentials (GitHub's REST docs,
"Use conditional requests if appropriate"): it is free of the rate limit only for a request
made with an Authorization header. Without a token (`fetch_rest`) every 304 still costs one
of the 60 requests an hour: it saves the transfer, not budget. With the token
(`fetch_contributors`) a 304 is free, but ETags are tied to the credentials that fetched them,
and Actions' GITHUB_TOKEN is new on every run, so a cache kept between scheduled runs only pays
off with a long-lived token (a personal one, locally). The 301 of a moved repository is not
cached: the old name could be taken by a new repository at any time.

Limits: a secondary limit (403/429 saying so, see limits.py) is waited out once if the deadline
allows; otherwise, or when it comes again, nothing more is asked and the rest are `unknown`.

`open_issues` is GitHub's `open_issues_count`: open issues *and* open pull requests (GitHub's
REST docs say so); the GraphQL path adds the two counts to mean the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx

from tools.checker.facts import RepoFacts
from tools.checker.github._common import Budget, as_bool, as_int, as_text, key_of, scrub
from tools.checker.github.etags import ETagStore
from tools.checker.github.limits import SecondaryLimitPause, Sleep, is_secondary_limit
from tools.checker.http import FetchError, HttpClient
from tools.checker.limits import run_workers
from tools.checker.settings import Settings
from tools.timestamps import parse_time

Key = tuple[str, str]
Extract = Callable[[Any, httpx.Headers], Any]

API_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
ESSENTIAL_REQUESTS = 3  # repository, commits, release: what a verdict needs
ETAG_FILE = "github-rest-etags.json"


class _Stop(Exception):
    """Nothing more may be asked of GitHub in this run; `str()` is the reason."""


class _Failed(Exception):
    """This repository's facts are incomplete; `str()` is the reason."""


def _repository(body: Any, headers: httpx.Headers) -> dict[str, Any]:
    licence = body.get("license")
    return {
        "full_name": body.get("full_name"),
        "html_url": body.get("html_url"),
        "description": as_text(body.get("description")),
        "homepage": as_text(body.get("homepage")),
        "stars": as_int(body.get("stargazers_count")),
        "forks": as_int(body.get("forks_count")),
        "open_issues": as_int(body.get("open_issues_count")),
        "archived": as_bool(body.get("archived")),
        "disabled": as_bool(body.get("disabled")),
        "default_branch": body.get("default_branch"),
        "license": licence.get("spdx_id") if isinstance(licence, dict) else None,
    }


def _newest_commit(body: Any, headers: httpx.Headers) -> str | None:
    if not isinstance(body, list) or not body or not isinstance(body[0], dict):
        return None
    commit = body[0].get("commit") or {}
    committer = commit.get("committer") or commit.get("author") or {}
    return committer.get("date") if isinstance(committer, dict) else None


def _release(body: Any, headers: httpx.Headers) -> dict[str, Any]:
    return {"tag": body.get("tag_name"), "date": body.get("published_at") or body.get("created_at")}


def _contributors(body: Any, headers: httpx.Headers) -> int | None:
    # httpx parses the Link header (RFC 8288) into `Response.links`, keyed by rel.
    last = httpx.Response(200, headers=headers).links.get("last", {}).get("url")
    if last:
        page = httpx.URL(last).params.get("page")
        if page and page.isdigit():
            return int(page)
    return len(body) if isinstance(body, list) else None


class RestFetcher:
    def __init__(
        self, http: HttpClient, settings: Settings, *, token: str | None = None, sleep: Sleep | None = None
    ) -> None:
        """`token`: send it (ETags are then those of this token); None asks without credentials."""
        self.http, self.settings = http, settings
        self.api = settings.github_api_url.rstrip("/")
        self.budget = Budget()
        self.pause = SecondaryLimitPause(settings, sleep)
        self.etags = ETagStore.load(settings.cache_dir / ETAG_FILE, credential=token)
        self.headers = dict(API_HEADERS)
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.waiting = 0

    async def fetch(self, repos: list[tuple[str, str]], results: dict[Key, RepoFacts]) -> dict[Key, RepoFacts]:
        """Fills `results` as each repository is done; one still being asked about is left out."""
        self.waiting = len(repos)

        async def handle(repo: tuple[str, str]) -> None:
            self.waiting -= 1
            facts = RepoFacts(owner=repo[0], name=repo[1])
            try:
                await self._one(facts)
            except (_Stop, _Failed) as exc:
                facts.error = scrub(str(exc), self.settings.github_token)
            results[key_of(*repo)] = facts

        try:
            await run_workers(repos, self.settings.github_workers, handle)
        finally:
            self.etags.save()
        return results

    async def _one(self, facts: RepoFacts) -> None:
        url = f"{self.api}/repos/{quote(facts.owner, safe='')}/{quote(facts.name, safe='')}"
        status, repo = await self._get(url, _repository, follow=True)
        if status == 404:
            facts.found = False
            return
        if status != 200 or not isinstance(repo, dict):
            raise _Failed(f"GitHub answered HTTP {status} for the repository")
        facts.found = True
        for field in (
            "full_name",
            "html_url",
            "description",
            "homepage",
            "stars",
            "forks",
            "open_issues",
            "archived",
            "disabled",
            "default_branch",
            "license",
        ):
            setattr(facts, field, repo.get(field))
        base = f"{self.api}/repos/{quote(facts.full_name or f'{facts.owner}/{facts.name}', safe='/')}"

        if facts.default_branch:
            branch = quote(facts.default_branch, safe="")
            status, date = await self._get(f"{base}/commits?sha={branch}&per_page=1", _newest_commit)
            if status == 200:
                facts.last_commit = parse_time(date)
            elif status != 409:  # 409: an empty repository has no commit
                raise _Failed(f"GitHub answered HTTP {status} for the default branch's commits")

        status, release = await self._get(f"{base}/releases/latest", _release)
        if status == 200 and isinstance(release, dict):
            facts.latest_release = parse_time(release.get("date"))
            facts.latest_release_tag = release.get("tag")
        elif status != 404:
            raise _Failed(f"GitHub answered HTTP {status} for the latest release")

        if self._can_afford_extras():
            await self.fill_contributors(facts)

    async def fill_contributors(self, facts: RepoFacts) -> None:
        """GitHub's contributor count: the last page number of one contributor a page (204: none)."""
        path = quote(facts.full_name or f"{facts.owner}/{facts.name}", safe="/")
        status, count = await self._get(f"{self.api}/repos/{path}/contributors?per_page=1&anon=1", _contributors)
        if status == 200:
            facts.contributors = count
        elif status == 204:
            facts.contributors = 0

    def _can_afford_extras(self) -> bool:
        remaining = self.budget.remaining
        return remaining is None or remaining > ESSENTIAL_REQUESTS * self.waiting

    async def _get(self, url: str, extract: Extract, *, follow: bool = False) -> tuple[int, Any]:
        """(status, extracted fields): from the body on 200, from the ETag store on 304."""
        await self.pause.hold()
        if self.budget.stopped:
            raise _Stop(self.budget.stopped)
        headers = dict(self.headers)
        cached = self.etags.get(url)
        if cached:
            headers["If-None-Match"] = cached[0]
        try:
            response = await self.http.send("GET", url, kind="github_rest", headers=headers)
        except FetchError as exc:
            raise _Failed(f"GitHub unreachable: {exc.reason}") from None
        self.budget.note(response)
        if is_secondary_limit(response) and await self.pause.wait_once(response):
            return await self._get(url, extract, follow=follow)  # once, after GitHub's pause
        if self.budget.judge_refusal(response):
            raise _Stop(self.budget.stopped)
        if response.status_code == 304 and cached:
            return 200, cached[1]
        if response.status_code in (301, 302, 307, 308) and follow:
            return await self._get(self._redirect(response), extract)
        if response.status_code != 200:
            return response.status_code, None
        try:
            data = extract(response.json(), response.headers)
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError, TypeError):
            raise _Failed("GitHub answered malformed JSON") from None
        if etag := response.headers.get("etag"):
            self.etags.put(url, etag, data)
        return 200, data

    def _redirect(self, response: httpx.Response) -> str:
        """Only within the API's own origin: a moved repository points at /repositories/{id}."""
        location = response.headers.get("location")
        if not location:
            raise _Failed(f"GitHub answered HTTP {response.status_code} without a Location")
        target = response.request.url.join(location)
        api = httpx.URL(self.api)
        if (target.scheme, target.host, target.port) != (api.scheme, api.host, api.port):
            raise _Failed("GitHub redirected the repository outside its API")
        return str(target)


async def fetch_rest(
    repos: list[tuple[str, str]],
    http: HttpClient,
    settings: Settings,
    into: dict[Key, RepoFacts] | None = None,
    *,
    sleep: Sleep | None = None,
) -> dict[Key, RepoFacts]:
    return await RestFetcher(http, settings, sleep=sleep).fetch(repos, {} if into is None else into)


async def fetch_contributors(
    facts: list[RepoFacts], http: HttpClient, settings: Settings, *, sleep: Sleep | None = None
) -> None:
    """Fill `contributors` for repositories GraphQL found: GraphQL has no such count.

    One conditional REST request per repository, with the token: REST's budget is separate from
    GraphQL's and 304s are free, so this stays cheap. Stops quietly when the budget runs out.
    """
    fetcher = RestFetcher(http, settings, token=settings.github_token, sleep=sleep)

    async def handle(repo: RepoFacts) -> None:
        try:
            await fetcher.fill_contributors(repo)
        except (_Stop, _Failed):
            return

    try:
        await run_workers([f for f in facts if f.found], settings.github_workers, handle)
    finally:
        fetcher.etags.save()
