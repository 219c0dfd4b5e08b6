"""Repositories through GitHub's GraphQL API: up to `graphql_batch` repositories per query.

Each repository is one aliased `repository(owner:, name:)` field whose arguments are query
variables, so catalog text never becomes query syntax. GitHub answers a batch with per-alias
errors (`data.rN: null` plus an error whose `path` is `["rN"]`), so one missing repository
leaves the others intact. `repository()` follows renames and transfers and answers with the
new `nameWithOwner`.

Large queries can time out (502/504), and so does everything during an outage (every query
answered 502 with an HTML page). After http.py's retries a failed batch is split in halves only
when smaller queries have been seen to succeed. Without that evidence, one worker learns: it
tries ever smaller first parts of its batch (halving) until one succeeds, while the others wait
for what it learns; if even one repository fails, GitHub is down, and nothing more is asked.
Queries per run are bounded too (MAX_QUERIES_PER_BATCH), so a run always ends with the rest
`unknown` and the reason, within its deadline (stokedagent: 353 queries for 120 repositories).

Limits: a secondary limit (403/429, see limits.py) is waited out once if the deadline allows;
an answer of HTTP 200 with an error of type `RATE_LIMITED` or `RATE_LIMIT` (both are seen,
githubkit#271) stops the run's GraphQL questions at the first one.

`open_issues` is open issues *and* open pull requests, the meaning REST's `open_issues_count`
has, so both paths report the same figure: GraphQL's `issues(states: OPEN)` excludes pull
requests, so their count is added.

GraphQL has no contributor count (only `mentionableUsers`, `assignableUsers`, which are other
things), so `contributors` stays None on this path.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from tools.checker.facts import RepoFacts
from tools.checker.github._common import Budget, as_bool, as_int, as_text, key_of, scrub
from tools.checker.github.limits import SecondaryLimitPause, Sleep, is_secondary_limit
from tools.checker.http import FetchError, HttpClient
from tools.checker.limits import run_workers
from tools.checker.settings import Settings
from tools.timestamps import parse_time

Key = tuple[str, str]

REPOSITORY_FIELDS = """
fragment RepoFacts on Repository {
  nameWithOwner
  url
  description
  homepageUrl
  stargazerCount
  forkCount
  isArchived
  isDisabled
  licenseInfo { spdxId }
  issues(states: [OPEN]) { totalCount }
  pullRequests(states: [OPEN]) { totalCount }
  defaultBranchRef { name target { ... on Commit { committedDate } } }
  latestRelease { tagName publishedAt createdAt }
}
"""

SPLITTABLE_STATUSES = frozenset({502, 504})
RATE_LIMIT_TYPES = frozenset({"RATE_LIMITED", "RATE_LIMIT"})
MAX_QUERIES_PER_BATCH = 4  # a bound on queries per run: batches x this, plus the halving of one probe
ALIAS = re.compile(r"r\d+")


def build_query(repos: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """One query for a batch; alias `rN` and variables `$oN`/`$nN` are the batch position."""
    params, fields, variables = [], [], {}
    for i, (owner, name) in enumerate(repos):
        params.append(f"$o{i}: String!, $n{i}: String!")
        fields.append(f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...RepoFacts }}")
        variables[f"o{i}"], variables[f"n{i}"] = owner, name
    query = (
        f"query Repositories({', '.join(params)}) {{\n"
        "  rateLimit { cost remaining resetAt }\n" + "\n".join(fields) + "\n}\n" + REPOSITORY_FIELDS
    )
    return query, variables


class _Retryable(Exception):
    """GitHub timed out or broke on this batch: worth trying smaller."""


class _BatchError(Exception):
    """Every repository of the batch gets this reason."""


class GraphQLFetcher:
    def __init__(self, http: HttpClient, settings: Settings, *, sleep: Sleep | None = None) -> None:
        self.http, self.settings = http, settings
        self.budget = Budget()
        self.pause = SecondaryLimitPause(settings, sleep)
        self.headers = {"Authorization": f"bearer {settings.github_token}", "Accept": "application/json"}
        self.smallest_success: int | None = None  # repositories in the smallest query answered so far
        self.learning = asyncio.Lock()  # one worker at a time finds out whether smaller queries work
        self.queries = 0
        self.max_queries = 0

    async def fetch(self, repos: list[tuple[str, str]], results: dict[Key, RepoFacts]) -> dict[Key, RepoFacts]:
        """Fills `results` batch by batch (a run cut short keeps the batches that were answered)."""
        size = max(1, self.settings.graphql_batch)
        batches = [repos[i : i + size] for i in range(0, len(repos), size)]
        self.max_queries = MAX_QUERIES_PER_BATCH * len(batches) + size.bit_length()

        async def handle(batch: list[tuple[str, str]]) -> None:
            results.update(await self._batch(batch))

        await run_workers(batches, self.settings.github_workers, handle)
        return results

    async def _batch(self, batch: list[tuple[str, str]]) -> dict[Key, RepoFacts]:
        """The batch's facts; a batch GitHub keeps failing is split only where smaller queries work."""
        try:
            return self._answered(batch, await self._query(batch))
        except _BatchError as exc:
            return _all_failed(batch, scrub(str(exc), self.settings.github_token))
        except _Retryable as exc:
            failure = str(exc)
        if len(batch) == 1:
            return _all_failed(batch, failure)
        learned = None
        if self.smallest_success is None or self.smallest_success >= len(batch):
            async with self.learning:  # the others wait for what one worker learns
                if self.budget.stopped:
                    return _all_failed(batch, self.budget.stopped)
                if self.smallest_success is None or self.smallest_success >= len(batch):
                    learned = await self._learn(batch, failure)
        if learned is not None:  # the rest is asked outside the lock: it may need to learn again
            found, rest = learned
            return {**found, **await self._batch(rest)} if rest else found
        half = (len(batch) + 1) // 2
        return {**await self._batch(batch[:half]), **await self._batch(batch[half:])}

    async def _learn(
        self, batch: list[tuple[str, str]], failure: str
    ) -> tuple[dict[Key, RepoFacts], list[tuple[str, str]]]:
        """Ask ever smaller first parts of `batch` until one is answered: (its facts, the rest to ask).

        When not even one repository is answered GitHub is down: the run stops asking, and every
        repository of the batch is failed (no rest).
        """
        part = batch
        while len(part) > 1:
            part = part[: len(part) // 2]
            try:
                return self._answered(part, await self._query(part)), batch[len(part) :]
            except _BatchError as exc:
                return _all_failed(batch, scrub(str(exc), self.settings.github_token)), []
            except _Retryable as exc:
                failure = str(exc)
        self.budget.stopped = self.budget.stopped or (
            f"{failure}, even for one repository: GitHub seems down; not asked further in this run"
        )
        return _all_failed(batch, self.budget.stopped), []

    def _answered(self, batch: list[tuple[str, str]], found: dict[Key, RepoFacts]) -> dict[Key, RepoFacts]:
        self.smallest_success = min(self.smallest_success or len(batch), len(batch))
        return found

    async def _query(self, batch: list[tuple[str, str]]) -> dict[Key, RepoFacts]:
        await self.pause.hold()
        if self.budget.stopped:
            raise _BatchError(self.budget.stopped)
        if self.queries >= self.max_queries:
            self.budget.stopped = f"GitHub GraphQL: {self.queries} queries sent, the most one run sends; not asked"
            raise _BatchError(self.budget.stopped)
        self.queries += 1
        query, variables = build_query(batch)
        try:
            response = await self.http.send(
                "POST",
                self.settings.github_graphql_url,
                kind="github_graphql",
                headers=self.headers,
                json={"query": query, "variables": variables},
            )
        except FetchError as exc:
            raise _BatchError(f"GitHub GraphQL unreachable: {exc.reason}") from None
        self.budget.note(response)
        if is_secondary_limit(response) and await self.pause.wait_once(response):
            self.queries -= 1  # the same question again, after GitHub's pause: not a new one
            return await self._query(batch)
        if self.budget.judge_refusal(response):
            raise _BatchError(self.budget.stopped or "refused")
        if response.status_code in SPLITTABLE_STATUSES:
            raise _Retryable(f"GitHub GraphQL kept answering HTTP {response.status_code}")
        if response.status_code != 200:
            raise _BatchError(f"GitHub GraphQL answered HTTP {response.status_code}")
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise _BatchError("GitHub GraphQL answered malformed JSON") from None
        if not isinstance(body, dict):
            raise _BatchError("GitHub GraphQL answered JSON of an unexpected shape")
        return self._read(batch, body)

    def _read(self, batch: list[tuple[str, str]], body: dict[str, Any]) -> dict[Key, RepoFacts]:
        data = body.get("data")
        errors = [e for e in body.get("errors") or [] if isinstance(e, dict)]
        by_alias: dict[str, dict[str, Any]] = {}
        general: list[dict[str, Any]] = []
        for error in errors:
            path = error.get("path")
            if isinstance(path, list) and path and isinstance(path[0], str) and ALIAS.fullmatch(path[0]):
                by_alias.setdefault(path[0], error)
            else:
                general.append(error)
        if any(e.get("type") in RATE_LIMIT_TYPES for e in errors):
            self.budget.exhaust(self.budget.reset)
            raise _BatchError(self.budget.stopped or "rate limited")
        if not isinstance(data, dict):
            message = str(general[0].get("message")) if general else ""
            if any(hint in message.lower() for hint in ("timeout", "timed out", "something went wrong")):
                raise _Retryable(f"GitHub GraphQL failed: {message}")
            raise _BatchError(f"GitHub GraphQL refused the query: {message or 'no data'}")
        self._note_rate_limit(data.get("rateLimit"))
        results = {}
        for i, (owner, name) in enumerate(batch):
            alias = f"r{i}"
            facts = RepoFacts(owner=owner, name=name)
            node = data.get(alias)
            if isinstance(node, dict):
                _fill(facts, node)
            elif alias in by_alias and by_alias[alias].get("type") == "NOT_FOUND":
                facts.found = False
            else:
                problem = by_alias.get(alias) or (general[0] if general else None)
                why = problem.get("message") if problem else "no answer for this repository"
                facts.error = scrub(f"GitHub GraphQL: {why}", self.settings.github_token)
            results[key_of(owner, name)] = facts
        return results

    def _note_rate_limit(self, rate: object) -> None:
        """Each answer says what it cost and what is left: stop before a query we cannot pay for."""
        if not isinstance(rate, dict):
            return
        remaining, cost = as_int(rate.get("remaining")), as_int(rate.get("cost")) or 1
        reset = parse_time(rate.get("resetAt"))
        if reset is not None:
            self.budget.reset = reset.timestamp()
        if remaining is not None:
            self.budget.remaining = remaining
            if remaining < cost:
                self.budget.exhaust(self.budget.reset)


def _fill(facts: RepoFacts, node: dict[str, Any]) -> None:
    facts.found = True
    facts.full_name = node.get("nameWithOwner") if isinstance(node.get("nameWithOwner"), str) else None
    facts.html_url = node.get("url") if isinstance(node.get("url"), str) else None
    facts.description = as_text(node.get("description"))
    facts.homepage = as_text(node.get("homepageUrl"))
    facts.stars = as_int(node.get("stargazerCount"))
    facts.forks = as_int(node.get("forkCount"))
    facts.archived = as_bool(node.get("isArchived"))
    facts.disabled = as_bool(node.get("isDisabled"))
    facts.open_issues = _open_issues_and_pull_requests(node)
    licence = node.get("licenseInfo")
    facts.license = licence.get("spdxId") if isinstance(licence, dict) else None
    branch = node.get("defaultBranchRef")
    if isinstance(branch, dict):
        facts.default_branch = branch.get("name")
        target = branch.get("target")
        facts.last_commit = parse_time(target.get("committedDate")) if isinstance(target, dict) else None
    release = node.get("latestRelease")
    if isinstance(release, dict):
        facts.latest_release = parse_time(release.get("publishedAt")) or parse_time(release.get("createdAt"))
        facts.latest_release_tag = release.get("tagName")


def _open_issues_and_pull_requests(node: dict[str, Any]) -> int | None:
    """REST's `open_issues_count` meaning: open issues plus open pull requests; None if either is unknown."""
    counts = [
        as_int(node[k].get("totalCount")) if isinstance(node.get(k), dict) else None for k in ("issues", "pullRequests")
    ]
    return None if None in counts else sum(c for c in counts if c is not None)


def _all_failed(batch: list[tuple[str, str]], reason: str) -> dict[Key, RepoFacts]:
    return {key_of(o, n): RepoFacts(owner=o, name=n, error=reason) for o, n in batch}


async def fetch_graphql(
    repos: list[tuple[str, str]],
    http: HttpClient,
    settings: Settings,
    into: dict[Key, RepoFacts] | None = None,
    *,
    sleep: Sleep | None = None,
) -> dict[Key, RepoFacts]:
    return await GraphQLFetcher(http, settings, sleep=sleep).fetch(repos, {} if into is None else into)
