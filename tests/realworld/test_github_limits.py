"""Issue 9, kind 5: GitHub's limits as GitHub sends them, against the fake GitHub on loopback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.fakes.github import TOKEN, FakeGitHub
from tools.checker.facts import RepoFacts
from tools.checker.github import fetch_repositories
from tools.checker.github.etags import ETagStore
from tools.checker.github.limits import WAIT_WITHOUT_RETRY_AFTER
from tools.checker.http import HttpClient
from tools.checker.settings import Settings

Results = dict[tuple[str, str], RepoFacts]


class Sleeps:
    """A stand-in for asyncio.sleep that records what was asked and returns at once."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


async def fetch(
    fake: FakeGitHub, repos: list[tuple[str, str]], tmp_path: Path, *, token: str | None = TOKEN, **overrides: object
) -> tuple[Results, HttpClient, Sleeps]:
    settings = fake.checker_settings(tmp_path, token, **overrides)
    if token:
        fake.rest_remaining = max(fake.rest_remaining, 5000)
    sleeps = Sleeps()
    async with HttpClient(settings) as http:
        return await fetch_repositories(repos, http, settings, sleep=sleeps), http, sleeps


def add(fake: FakeGitHub, count: int) -> list[tuple[str, str]]:
    repos = [("acme", f"lib{i}") for i in range(count)]
    for owner, name in repos:
        fake.add(owner, name)
    return repos


@pytest.mark.parametrize("status", [403, 429])
async def test_a_secondary_limit_without_retry_after_is_waited_out_once(
    fake_github: FakeGitHub, tmp_path: Path, status: int
) -> None:
    # hub4j/github-api#1805, octokit/plugin-throttling.js#566: 403/429 "secondary rate limit", no Retry-After,
    # x-ratelimit-remaining far from 0. GitHub's advice: wait at least a minute, then try again.
    repos = add(fake_github, 3)
    fake_github.secondary_limit, fake_github.retry_after, fake_github.secondary_status = 1, None, status
    results, _, sleeps = await fetch(fake_github, repos, tmp_path, retries=0)
    assert sleeps.asked == [WAIT_WITHOUT_RETRY_AFTER] and WAIT_WITHOUT_RETRY_AFTER >= 60
    assert all(f.found for f in results.values())
    assert [s for e, s in fake_github.log if e == "graphql"] == [status, 200]


async def test_a_secondary_limit_that_comes_back_stops_asking(fake_github: FakeGitHub, tmp_path: Path) -> None:
    # The issue: today the checker spends a request on every remaining repository.
    repos = add(fake_github, 40)  # 20 queries of 2
    fake_github.secondary_limit, fake_github.retry_after = 100, None
    results, http, sleeps = await fetch(fake_github, repos, tmp_path, retries=0, graphql_batch=2)
    assert len(sleeps.asked) == 1
    # the queries in flight when the limit came (one per worker), each asked once more after the pause
    assert http.counts["github_graphql"] <= 2 * Settings().github_workers < 20
    assert all(f.found is None and "secondary rate limit" in (f.error or "") for f in results.values())


async def test_no_wait_when_the_deadline_does_not_allow_it(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = add(fake_github, 6)
    fake_github.secondary_limit, fake_github.retry_after = 100, None
    started = time.monotonic()
    results, http, sleeps = await fetch(
        fake_github, repos, tmp_path, retries=0, graphql_batch=2, github_concurrency=1, deadline=30
    )
    assert sleeps.asked == [] and time.monotonic() - started < 10
    assert http.counts["github_graphql"] == 1
    reason = "GitHub secondary rate limit (GitHub asks to wait a minute or more): not asked"
    assert {f.error for f in results.values()} == {reason}


async def test_the_rest_path_waits_once_too(fake_github: FakeGitHub, tmp_path: Path) -> None:
    # Without a token every request is REST: the same limit, the same single pause.
    repos = add(fake_github, 2)
    fake_github.secondary_limit, fake_github.retry_after = 1, None
    results, _, sleeps = await fetch(fake_github, repos, tmp_path, token=None, retries=0, github_concurrency=1)
    assert sleeps.asked == [WAIT_WITHOUT_RETRY_AFTER]
    assert all(f.found and f.error is None for f in results.values())


@pytest.mark.parametrize("workers", [1, 4])
async def test_graphql_rate_limit_type_stops_after_the_first_answer(
    fake_github: FakeGitHub, tmp_path: Path, workers: int
) -> None:
    # githubkit#271: HTTP 200 with {"type": "RATE_LIMIT"} (not RATE_LIMITED), remaining header not 0.
    repos = add(fake_github, 20)
    fake_github.graphql_rate_limit_errors = 100
    results, http, _ = await fetch(fake_github, repos, tmp_path, graphql_batch=2, github_concurrency=workers)
    assert http.counts["github_graphql"] <= workers  # the first answer, and what was already in flight
    assert all(f.found is None and (f.error or "").startswith("GitHub API budget exhausted") for f in results.values())


async def test_an_outage_ends_quickly_with_the_rest_unknown(fake_github: FakeGitHub, tmp_path: Path) -> None:
    # The issue's outage: every GraphQL query 502 with an HTML page; 353 queries for 120 repositories before.
    # simonw/datasette.io#122 shows GitHub's GraphQL answering 502 for long stretches.
    repos = add(fake_github, 120)
    fake_github.graphql_outage = 502
    started = time.monotonic()
    results, http, _ = await fetch(fake_github, repos, tmp_path, retries=1, deadline=60)
    elapsed = time.monotonic() - started
    queries = http.counts["github_graphql"]
    assert queries <= 2 * 9  # 3 batches + the probe's halving (25, 12, 6, 3, 1), each tried twice
    assert elapsed < 30
    assert len(results) == 120 and all(f.found is None for f in results.values())
    assert all("HTTP 502" in (f.error or "") for f in results.values())


async def test_after_an_outage_nothing_more_is_asked(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = add(fake_github, 300)
    fake_github.graphql_outage = 502
    results, http, _ = await fetch(fake_github, repos, tmp_path, retries=0, github_concurrency=1)
    assert http.counts["github_graphql"] == 1 + 5  # the first batch, then 25, 12, 6, 3, 1: none answered
    assert len(results) == 300 and "GitHub seems down" in (results[("acme", "lib299")].error or "")


async def test_a_partial_outage_splits_only_where_smaller_queries_work(fake_github: FakeGitHub, tmp_path: Path) -> None:
    # release-please#2783, gato-x#270: big GraphQL queries time out (502) while smaller ones work.
    repos = add(fake_github, 100)
    fake_github.graphql_max_repositories = 30
    results, http, _ = await fetch(fake_github, repos, tmp_path, retries=0, github_concurrency=1)
    assert all(f.found for f in results.values())
    assert max(fake_github.graphql_batches) <= 30
    assert http.counts["github_graphql"] <= 10


async def test_open_issues_means_issues_and_pull_requests_on_both_paths(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    # GitHub's REST docs: open_issues_count includes pull requests; GraphQL's issues(states: OPEN) does not.
    fake_github.add("acme", "lib", open_issues=7, open_pull_requests=5)
    graphql, _, _ = await fetch(fake_github, [("acme", "lib")], tmp_path / "token")
    rest, _, _ = await fetch(fake_github, [("acme", "lib")], tmp_path / "anonymous", token=None)
    assert graphql[("acme", "lib")].open_issues == rest[("acme", "lib")].open_issues == 12


async def test_etags_belong_to_the_credentials_that_fetched_them(fake_github: FakeGitHub, tmp_path: Path) -> None:
    # GitHub: conditional requests are free only "while correctly authorized"; answers vary on Authorization.
    fake_github.add("acme", "lib", contributors=4)
    await fetch(fake_github, [("acme", "lib")], tmp_path, token=None)
    anonymous = ETagStore.load(tmp_path / "github-rest-etags.json", credential=None)
    assert anonymous.entries and "ghp_" not in (tmp_path / "github-rest-etags.json").read_text()
    assert ETagStore.load(tmp_path / "github-rest-etags.json", credential=TOKEN).entries == {}
    fake_github.log.clear()
    await fetch(fake_github, [("acme", "lib")], tmp_path)  # with the token: contributors via REST
    assert ("contributors", 200) in fake_github.log  # not a 304 from the anonymous ETag
    fake_github.log.clear()
    fake_github.rest_remaining = before = 10_000
    await fetch(fake_github, [("acme", "lib")], tmp_path)
    assert fake_github.log == [("graphql", 200), ("contributors", 304)]
    assert fake_github.rest_remaining == before  # a 304 with the token is free


async def test_a_long_retry_after_is_waited_once_when_the_deadline_allows(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    # GitHub's docs: with Retry-After, wait that long. Beyond http.py's cap it is one pause of the run, not a retry.
    repos = add(fake_github, 2)
    fake_github.secondary_limit, fake_github.retry_after = 1, "120"
    results, _, sleeps = await fetch(fake_github, repos, tmp_path, retries=0, deadline=600)
    assert sleeps.asked == [120.0]
    assert all(f.found for f in results.values())


async def test_queries_per_run_are_bounded_even_when_splitting_works(fake_github: FakeGitHub, tmp_path: Path) -> None:
    # Only one-repository queries work: halving every batch down to ones would take ~2 queries per repository.
    repos = add(fake_github, 300)  # 6 batches of 50
    fake_github.graphql_max_repositories = 1
    results, http, _ = await fetch(fake_github, repos, tmp_path, retries=0, github_concurrency=1)
    bound = 4 * 6 + (50).bit_length()
    assert http.counts["github_graphql"] == bound
    unknown = [f for f in results.values() if f.found is None]
    assert unknown and all(
        f.error == f"GitHub GraphQL: {bound} queries sent, the most one run sends; not asked" for f in unknown
    )
    assert len(results) == 300
