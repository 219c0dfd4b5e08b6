"""GitHub with a token: GraphQL batches against the fake, which validates every query."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fakes.github import TOKEN, FakeGitHub
from tools.checker.facts import RepoFacts
from tools.checker.github import fetch_repositories
from tools.checker.http import HttpClient

EXHAUSTED = re.compile(r"^GitHub API budget exhausted until \d\d:\d\d UTC$")


async def check(
    fake: FakeGitHub, repos: list[tuple[str, str]], tmp_path: Path, **overrides: object
) -> tuple[dict[tuple[str, str], RepoFacts], HttpClient]:
    settings = fake.checker_settings(tmp_path, TOKEN, **overrides)
    fake.rest_remaining = max(fake.rest_remaining, 5000)  # REST's budget with a token
    async with HttpClient(settings) as http:
        return await fetch_repositories(repos, http, settings), http


async def test_120_repositories_take_3_queries_of_at_most_50(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = [(f"Org{i % 7}", f"project-{i}") for i in range(120)]
    for i, (owner, name) in enumerate(repos):
        fake_github.add(owner, name, stars=i)
    # The fake validates each 50-alias query against GitHub's whole schema: on a loaded machine that
    # can pass the usual 5 s, and a retried query would be counted twice.
    results, http = await check(fake_github, repos, tmp_path, timeout=30)
    assert sorted(fake_github.graphql_batches) == [20, 50, 50]
    assert http.counts["github_graphql"] == 3
    assert http.counts["github_rest"] == 120  # contributors only: GraphQL has no count
    assert len(results) == 120
    assert results[("org5", "project-110")].stars == 110
    assert all(f.found and f.error is None and not f.moved for f in results.values())


async def test_one_missing_repository_does_not_spoil_its_batch(fake_github: FakeGitHub, tmp_path: Path) -> None:
    for i in range(5):
        fake_github.add("acme", f"lib{i}")
    asked = [("acme", f"lib{i}") for i in range(5)] + [
        ("acme", "gone"),
        ("acme", 'evil") { id } x: repository(owner: "a'),
    ]
    results, _ = await check(fake_github, asked, tmp_path)
    assert fake_github.graphql_batches == [7]
    assert results[("acme", "gone")].found is False
    assert results[("acme", "gone")].error is None
    assert results[("acme", 'evil") { id } x: repository(owner: "a')].found is False  # a name, not query syntax
    assert all(results[("acme", f"lib{i}")].found for i in range(5))


async def test_facts_are_read_from_the_answer(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add(
        "Acme",
        "Full",
        stars=1234,
        forks=56,
        open_issues=7,
        license="Apache-2.0",
        default_branch="trunk",
        last_commit="2026-03-04T05:06:07Z",
        release=("v2.1.0", "2026-02-01T00:00:00Z"),
    )
    fake_github.add("acme", "bare", license=None, release=None, last_commit=None)
    fake_github.add("acme", "frozen", archived=True)
    fake_github.add("acme", "blocked", disabled=True)
    results, _ = await check(
        fake_github, [("acme", "full"), ("acme", "bare"), ("acme", "frozen"), ("acme", "blocked")], tmp_path
    )
    full = results[("acme", "full")]
    assert (full.stars, full.forks, full.open_issues, full.license, full.default_branch) == (
        1234,
        56,
        7,
        "Apache-2.0",
        "trunk",
    )
    assert full.last_commit == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert (full.latest_release, full.latest_release_tag) == (datetime(2026, 2, 1, tzinfo=UTC), "v2.1.0")
    assert full.html_url == "https://github.com/Acme/Full"
    assert full.contributors == 3  # from REST: GraphQL has no contributor count
    bare = results[("acme", "bare")]
    assert (bare.license, bare.latest_release, bare.latest_release_tag, bare.last_commit) == (None, None, None, None)
    assert results[("acme", "frozen")].archived is True and results[("acme", "frozen")].disabled is False
    assert results[("acme", "blocked")].disabled is True and results[("acme", "blocked")].archived is False


async def test_last_commit_is_the_default_branch_not_the_latest_push(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add(
        "acme", "quiet", last_commit="2020-01-01T00:00:00Z", other_branches={"experiment": "2026-11-01T00:00:00Z"}
    )
    results, _ = await check(fake_github, [("acme", "quiet")], tmp_path)
    assert results[("acme", "quiet")].last_commit == datetime(2020, 1, 1, tzinfo=UTC)


async def test_rename_and_transfer_are_moves_but_a_case_difference_is_not(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    renamed = fake_github.add("acme", "old-name")
    fake_github.move(renamed, "acme/new-name")
    transferred = fake_github.add("someone", "tool")
    fake_github.move(transferred, "tool-org/tool")
    fake_github.add("Acme", "Lib")
    results, _ = await check(fake_github, [("acme", "old-name"), ("someone", "tool"), ("acme", "lib")], tmp_path)
    assert results[("acme", "old-name")].moved and results[("acme", "old-name")].full_name == "acme/new-name"
    assert (
        results[("someone", "tool")].moved
        and results[("someone", "tool")].html_url == "https://github.com/tool-org/tool"
    )
    assert results[("acme", "lib")].full_name == "Acme/Lib" and not results[("acme", "lib")].moved


async def test_duplicates_in_any_case_are_asked_once(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    results, _ = await check(fake_github, [("acme", "lib"), ("ACME", "Lib")], tmp_path)
    assert list(results) == [("acme", "lib")] and fake_github.graphql_batches == [1]


@pytest.mark.parametrize("style", [403, 200])
async def test_exhausted_budget_stops_asking(fake_github: FakeGitHub, tmp_path: Path, style: int) -> None:
    fake_github.rate_limited_status = style
    fake_github.graphql_remaining = 0
    repos = [("acme", f"lib{i}") for i in range(120)]
    for owner, name in repos:
        fake_github.add(owner, name)
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=1)
    assert fake_github.requests["graphql"] == 1
    assert all(f.found is None and EXHAUSTED.match(f.error or "") for f in results.values())


async def test_the_last_point_of_budget_is_used_then_nothing_more_is_sent(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.graphql_remaining = 2
    repos = [("acme", f"lib{i}") for i in range(200)]
    for owner, name in repos:
        fake_github.add(owner, name)
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=1)
    assert fake_github.requests["graphql"] == 2  # rateLimit said 0 remaining: the 3rd and 4th are not sent
    assert sum(f.found is True for f in results.values()) == 100
    assert sum(bool(f.error and EXHAUSTED.match(f.error)) for f in results.values()) == 100
    reset = datetime.fromtimestamp(fake_github.reset_at, UTC).strftime("%H:%M")
    assert results[("acme", "lib150")].error == f"GitHub API budget exhausted until {reset} UTC"


async def test_secondary_limit_is_waited_out_then_succeeds(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    fake_github.secondary_limit, fake_github.retry_after = 1, "0"
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path)
    assert results[("acme", "lib")].found is True
    assert [entry for entry in fake_github.log if entry[0] == "graphql"] == [("graphql", 403), ("graphql", 200)]


async def test_long_secondary_limit_stops_asking(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = [("acme", f"lib{i}") for i in range(60)]
    for owner, name in repos:
        fake_github.add(owner, name)
    fake_github.secondary_limit, fake_github.retry_after = 5, "600"  # beyond retry_after_cap
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=1)
    assert fake_github.requests["graphql"] == 1
    assert all("secondary rate limit" in (f.error or "") for f in results.values())


async def test_502_is_retried_then_succeeds(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    fake_github.graphql_failures = [502]
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path, retries=1)
    assert results[("acme", "lib")].found is True
    assert [s for e, s in fake_github.log if e == "graphql"] == [502, 200]


async def test_a_batch_that_keeps_timing_out_is_split_once_smaller_queries_work(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    repos = [("acme", f"lib{i}") for i in range(50)]
    for owner, name in repos:
        fake_github.add(owner, name)
    fake_github.graphql_max_repositories = 20  # GitHub times out on bigger queries
    results, _ = await check(fake_github, repos, tmp_path, retries=0)
    assert all(f.found for f in results.values())
    # 50 fails; its first 25, then 12 are tried until one works; the other 38 are then split in halves
    assert fake_github.graphql_batches == [12, 19, 19]
    assert fake_github.count(status=502) == 3  # 50, 25, 38


async def test_a_repository_that_always_fails_ends_with_an_error_not_a_crash(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    for i in range(3):
        fake_github.add("acme", f"lib{i}")
    fake_github.graphql_max_repositories = 0
    results, _ = await check(fake_github, [("acme", f"lib{i}") for i in range(3)], tmp_path, retries=0)
    reason = "GitHub GraphQL kept answering HTTP 502, even for one repository: GitHub seems down; not asked further in this run"
    assert all(f.found is None and f.error == reason for f in results.values())
    assert fake_github.requests["graphql"] == 2  # 3, then 1: not even one repository is answered


async def test_rejected_token_is_said_once_for_all_without_printing_it(
    fake_github: FakeGitHub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_github.token = "ghp_the_right_one"
    fake_github.echo_authorization = True  # a server that quotes our header back must not make us leak it
    repos = [("acme", f"lib{i}") for i in range(120)]
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=1)
    assert fake_github.requests["graphql"] == 1
    assert all("rejected the token" in (f.error or "") for f in results.values())
    assert TOKEN not in repr(results) and TOKEN not in caplog.text


async def test_malformed_json_is_an_error_for_its_batch_only(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = [("acme", f"lib{i}") for i in range(60)]
    for owner, name in repos:
        fake_github.add(owner, name)
    fake_github.malformed = 1
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=1)
    errors = [f.error for f in results.values() if f.error]
    assert errors == ["GitHub GraphQL answered malformed JSON"] * 50
    assert sum(f.found is True for f in results.values()) == 10


async def test_token_never_appears_in_results_or_logs(
    fake_github: FakeGitHub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_github.add("acme", "lib")
    fake_github.graphql_failures = [504, 504, 504]
    results, _ = await check(fake_github, [("acme", "lib"), ("acme", "gone")], tmp_path, retries=0)
    assert TOKEN not in repr(results) and TOKEN not in caplog.text
    assert "Authorization" not in caplog.text


async def test_graphql_batches_in_flight_are_bounded(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = [("acme", f"lib{i}") for i in range(10)]
    for owner, name in repos:
        fake_github.add(owner, name)
    fake_github.latency = 0.02
    results, _ = await check(fake_github, repos, tmp_path, graphql_batch=2, github_concurrency=3)
    assert fake_github.max_in_flight == 3 and len(fake_github.graphql_batches) == 5
    assert all(f.found for f in results.values())


async def test_contributors_come_from_rest_with_the_token(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "crowd", contributors=250)
    fake_github.add("acme", "solo", contributors=1)
    results, http = await check(fake_github, [("acme", "crowd"), ("acme", "solo"), ("acme", "gone")], tmp_path)
    assert results[("acme", "crowd")].contributors == 250
    assert results[("acme", "solo")].contributors == 1
    assert results[("acme", "gone")].contributors is None
    assert http.counts["github_rest"] == 2  # none for the repository GitHub does not have


async def test_description_and_homepage_are_read_blank_ones_as_none(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "site", description="Serves <b>pages</b>.", homepage="https://acme.example/docs")
    fake_github.add("acme", "plain", description="  ", homepage="")
    results, _ = await check(fake_github, [("acme", "site"), ("acme", "plain")], tmp_path)
    site, plain = results[("acme", "site")], results[("acme", "plain")]
    assert (site.description, site.homepage) == ("Serves <b>pages</b>.", "https://acme.example/docs")
    assert (plain.description, plain.homepage) == (None, None)
    assert fake_github.requests["graphql"] == 1
