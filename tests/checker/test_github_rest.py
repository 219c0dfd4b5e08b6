"""GitHub without a token: REST with an ETag cache, frugal with a 60-an-hour budget."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from tests.checker.hosts import Host, redirect, respond
from tests.fakes.github import FakeGitHub
from tools.checker.classify import classify
from tools.checker.facts import RepoFacts
from tools.checker.github import fetch_repositories
from tools.checker.http import HttpClient
from tools.checker.settings import Settings

EXHAUSTED = re.compile(r"^GitHub API budget exhausted until \d\d:\d\d UTC$")


async def check(
    fake: FakeGitHub, repos: list[tuple[str, str]], cache: Path, **overrides: object
) -> tuple[dict[tuple[str, str], RepoFacts], HttpClient]:
    settings = fake.checker_settings(cache, None, **overrides)
    async with HttpClient(settings) as http:
        return await fetch_repositories(repos, http, settings), http


async def test_facts_from_rest(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add(
        "Acme",
        "Full",
        stars=99,
        forks=9,
        open_issues=4,
        license="BSD-3-Clause",
        default_branch="trunk",
        last_commit="2025-05-05T10:00:00Z",
        other_branches={"wip": "2026-11-01T00:00:00Z"},
        release=("1.4.0", "2025-04-01T00:00:00Z"),
        contributors=42,
    )
    fake_github.add("acme", "solo", contributors=1, release=None, license=None, archived=True)
    results, http = await check(fake_github, [("acme", "full"), ("acme", "solo")], tmp_path)
    full = results[("acme", "full")]
    assert full.found is True and full.error is None and not full.moved
    assert (full.stars, full.forks, full.open_issues, full.license, full.default_branch) == (
        99,
        9,
        4,
        "BSD-3-Clause",
        "trunk",
    )
    assert full.last_commit == datetime(2025, 5, 5, 10, tzinfo=UTC)  # not the newer push to "wip"
    assert (full.latest_release, full.latest_release_tag) == (datetime(2025, 4, 1, tzinfo=UTC), "1.4.0")
    assert full.contributors == 42
    assert (full.archived, full.disabled) == (False, False)
    solo = results[("acme", "solo")]
    assert (solo.contributors, solo.latest_release, solo.license, solo.archived) == (1, None, None, True)
    assert http.counts["github_rest"] == 8 and http.counts["github_graphql"] == 0
    assert fake_github.requests["graphql"] == 0


async def test_missing_repository_is_not_found_after_one_request(fake_github: FakeGitHub, tmp_path: Path) -> None:
    results, _ = await check(fake_github, [("acme", "gone")], tmp_path)
    assert results[("acme", "gone")].found is False and results[("acme", "gone")].error is None
    assert fake_github.log == [("repo", 404)]


async def test_moved_repository_follows_301_to_its_new_name(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repo = fake_github.add("someone", "tool", release=("v1", "2026-01-01T00:00:00Z"))
    fake_github.move(repo, "tool-org/Tool")
    fake_github.add("Acme", "Lib")
    results, _ = await check(fake_github, [("someone", "tool"), ("acme", "lib")], tmp_path, github_concurrency=1)
    moved = results[("someone", "tool")]
    assert moved.moved and moved.full_name == "tool-org/Tool" and moved.html_url == "https://github.com/tool-org/Tool"
    assert moved.latest_release_tag == "v1"
    assert fake_github.log[:3] == [("repo", 301), ("repository_by_id", 200), ("commits", 200)]
    assert not results[("acme", "lib")].moved


async def test_empty_repository_has_no_last_commit_and_no_error(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "empty", last_commit=None, contributors=0)
    results, _ = await check(fake_github, [("acme", "empty")], tmp_path)
    empty = results[("acme", "empty")]
    assert (empty.found, empty.last_commit, empty.error, empty.contributors) == (True, None, None, 0)


async def test_second_run_is_all_304_with_the_same_figures(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = [("acme", f"lib{i}") for i in range(4)]
    for owner, name in repos:
        fake_github.add(owner, name, release=("v1", "2026-01-01T00:00:00Z"), contributors=5)
    first, _ = await check(fake_github, repos, tmp_path)
    assert fake_github.rest_remaining == 60 - 16 and fake_github.count(status=304) == 0
    fake_github.log.clear()
    second, _ = await check(fake_github, repos, tmp_path)
    assert fake_github.rest_remaining == 60 - 32  # without a token a 304 still counts (GitHub's docs)
    assert fake_github.log and {s for _, s in fake_github.log} == {304} and len(fake_github.log) == 16
    assert second == first


async def test_a_repository_without_releases_costs_one_request_per_run(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib", release=None)
    await check(fake_github, [("acme", "lib")], tmp_path)
    before = fake_github.rest_remaining
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path)
    assert before - fake_github.rest_remaining == 4  # tokenless 304s count too; the 404 carries no ETag
    assert fake_github.log[-4:] == [("repo", 304), ("commits", 304), ("release", 404), ("contributors", 304)]
    assert results[("acme", "lib")].latest_release is None


async def test_changed_repository_is_read_again(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repo = fake_github.add("acme", "lib", stars=1)
    await check(fake_github, [("acme", "lib")], tmp_path)
    repo.stars = 2
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path)
    assert results[("acme", "lib")].stars == 2
    assert ("repo", 200) in fake_github.log[-4:]


async def test_a_corrupt_cache_file_is_ignored(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    (tmp_path / "github-rest-etags.json").write_text("{not json", encoding="utf-8")
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path)
    assert results[("acme", "lib")].found is True


async def test_budget_reaching_zero_stops_asking(fake_github: FakeGitHub, tmp_path: Path) -> None:
    for i in range(3):
        fake_github.add("acme", f"lib{i}", release=("v1", "2026-01-01T00:00:00Z"))
    fake_github.rest_remaining = 5
    repos = [("acme", f"lib{i}") for i in range(3)]
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=1)
    assert len(fake_github.log) == 5 and fake_github.count(status=403) == 0  # nothing sent once it hit 0
    first = results[("acme", "lib0")]
    assert first.error is None and first.latest_release_tag == "v1"
    assert first.contributors is None  # too little budget left for extras
    assert EXHAUSTED.match(results[("acme", "lib1")].error or "")  # partly read, but not enough to judge
    assert results[("acme", "lib2")].found is None and EXHAUSTED.match(results[("acme", "lib2")].error or "")


async def test_exhausted_budget_403_stops_at_once(fake_github: FakeGitHub, tmp_path: Path) -> None:
    for i in range(10):
        fake_github.add("acme", f"lib{i}")
    fake_github.rest_remaining = 0
    results, _ = await check(fake_github, [("acme", f"lib{i}") for i in range(10)], tmp_path, github_concurrency=1)
    assert fake_github.log == [("repo", 403)]
    assert all(EXHAUSTED.match(f.error or "") for f in results.values())


async def test_secondary_limit_then_success(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    fake_github.secondary_limit, fake_github.retry_after = 1, "0"
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path)
    assert results[("acme", "lib")].error is None
    assert fake_github.log[:2] == [("repo", 403), ("repo", 200)]


async def test_malformed_json_is_an_error_for_that_repository(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    fake_github.malformed = 1
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path)
    assert results[("acme", "lib")].error == "GitHub answered malformed JSON"
    assert results[("acme", "lib")].found is None


async def test_server_errors_leave_the_repository_unknown(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "lib")
    fake_github.rest_failures = [503, 503]
    results, _ = await check(fake_github, [("acme", "lib")], tmp_path, retries=1)
    assert results[("acme", "lib")].found is None
    assert results[("acme", "lib")].error == "GitHub answered HTTP 503 for the repository"


async def test_requests_to_github_are_bounded_by_github_concurrency(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repos = [("acme", f"lib{i}") for i in range(6)]
    for owner, name in repos:
        fake_github.add(owner, name)
    fake_github.latency = 0.02
    results, _ = await check(fake_github, repos, tmp_path, github_concurrency=2)
    assert fake_github.max_in_flight == 2 and all(f.found for f in results.values())


async def test_a_301_to_the_same_name_in_other_case_is_not_a_move(tmp_path: Path) -> None:
    """The 301 path compares names without case too: /repositories/{id} answering `ACME/Lib` for `acme/lib`."""
    body = json.dumps({"full_name": "ACME/Lib", "default_branch": None, "stargazers_count": 5}).encode()
    routes = {
        "/repos/acme/lib": redirect(301, "/repositories/7"),
        "/repositories/7": respond(200, {"Content-Type": "application/json"}, body),
    }
    async with Host("127.0.0.134", routes=routes) as github:
        settings = Settings(github_api_url=github.url(""), cache_dir=tmp_path, timeout=5, backoff_base=0.01)
        async with HttpClient(settings) as http:
            results = await fetch_repositories([("acme", "lib")], http, settings)
    facts = results[("acme", "lib")]
    assert (facts.found, facts.full_name, facts.stars, facts.error) == (True, "ACME/Lib", 5, None)
    assert not facts.moved
    verdict = classify(repo=facts, pypi=None, link=None, now=datetime.now(UTC), stale_after_days=365)
    assert (verdict.status, verdict.moved_to) == ("ok", None)


async def test_with_one_slot_per_host_repositories_are_asked_one_after_another(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    """Workers beyond the per-host limit would interleave half-asked repositories (a deadline loses them all)."""
    for name in ("one", "two"):
        fake_github.add("acme", name)
    results, _ = await check(fake_github, [("acme", "one"), ("acme", "two")], tmp_path, per_host=1)
    assert all(f.found and f.error is None for f in results.values())
    assert [endpoint for endpoint, _ in fake_github.log] == ["repo", "commits", "release", "contributors"] * 2


async def test_description_and_homepage_are_read_blank_ones_as_none(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add("acme", "site", description="Serves <b>pages</b>.", homepage="https://acme.example/docs")
    fake_github.add("acme", "plain", description=None, homepage="  ")
    results, _ = await check(fake_github, [("acme", "site"), ("acme", "plain")], tmp_path)
    site, plain = results[("acme", "site")], results[("acme", "plain")]
    assert (site.description, site.homepage) == ("Serves <b>pages</b>.", "https://acme.example/docs")
    assert (plain.description, plain.homepage) == (None, None)
    assert fake_github.requests["graphql"] == 0
