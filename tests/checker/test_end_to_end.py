"""The whole checker against the fake GitHub, the fake PyPI and a loopback web host, via the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.checker.checkkit import write_entries
from tests.checker.hosts import Host, redirect, respond, threaded
from tests.fakes.github import TOKEN, FakeGitHub
from tests.fakes.pypi import FakePyPI


def days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(params=["graphql", "rest"])
def world(
    request: pytest.FixtureRequest,
    fake_github: FakeGitHub,
    fake_pypi: FakePyPI,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> tuple[FakeGitHub, FakePyPI]:
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    if request.param == "graphql":
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    else:
        fake_github.rest_remaining = 5000
    monkeypatch.setenv("GITHUB_API_URL", fake_github.url)
    monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"{fake_github.url}/graphql")
    monkeypatch.setenv("PYPI_URL", fake_pypi.url)
    monkeypatch.setenv("AWESOME_CACHE_DIR", str(tmp_path / "cache"))
    return fake_github, fake_pypi


def test_every_status_from_real_sources(world: tuple[FakeGitHub, FakePyPI], awesome: Callable) -> None:
    github, pypi = world
    github.add("acme", "fresh", stars=123, last_commit=days_ago(2))
    github.add("acme", "shelved", archived=True)
    github.move(github.add("acme", "renamed", last_commit=days_ago(5)), "NewOwner/new-name")
    github.add("Acme", "CaseOnly", last_commit=days_ago(5))
    github.add("acme", "sleepy", last_commit=days_ago(400), other_branches={"wip": days_ago(1)})
    github.add("acme", "released", last_commit=days_ago(900))
    pypi.add("released").release("1.0", days_ago(20))
    pypi.add("fresh").release("2.0", days_ago(30)).release("2.1", days_ago(3), yanked=True)
    web = Host("127.0.0.71", routes={"/docs/": respond(200), "/old-docs": redirect(301, "/docs/")})
    with threaded(web):
        write_entries(
            Path("catalog"),
            [
                {"name": "Fresh", "url": "https://github.com/acme/fresh", "pypi": "fresh", "docs": web.url("/docs/")},
                {"name": "Shelved", "url": "https://github.com/acme/shelved", "docs": web.url("/old-docs")},
                {"name": "Renamed", "url": "https://github.com/acme/renamed"},
                {"name": "CaseOnly", "url": "https://github.com/acme/caseonly"},
                {"name": "Sleepy", "url": "https://github.com/acme/sleepy"},
                {"name": "Released", "url": "https://github.com/acme/released", "pypi": "released"},
                {"name": "Vanished", "url": "https://github.com/acme/vanished"},
            ],
        )
        result = awesome(
            "check",
            "--catalog",
            "catalog",
            "--json",
            "health.json",
            "--markdown",
            "health.md",
            "--status",
            "status.json",
        )
    assert result.code == 0, result.err
    entries = {e["id"]: e for e in json.loads(Path("health.json").read_text())["entries"]}
    status = {key: e["status"] for key, e in entries.items()}
    assert status == {
        "fresh": "ok",
        "shelved": "archived",
        "renamed": "moved",
        "caseonly": "ok",
        "sleepy": "stale",
        "released": "ok",
        "vanished": "dead",
    }
    assert entries["fresh"]["stars"] == 123 and entries["fresh"]["links"][0]["status"] == "ok"
    assert entries["renamed"]["moved_to"].casefold() == "https://github.com/newowner/new-name"
    assert entries["sleepy"]["reasons"][0].startswith("no commit on the default branch for 4")
    assert entries["shelved"]["links"][0]["status"] == "moved"
    text = Path("health.md").read_text()
    assert "Suggested fix: `url: https://github.com/" in text and "`docs: " in text
