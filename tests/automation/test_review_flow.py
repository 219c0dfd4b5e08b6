"""The new-entries workflow end to end: git diff -> `awesome check --only` against fake GitHub and PyPI -> summary.

Runs without a token (the checker's REST path) and with one (GraphQL, as the workflow runs it with
the job's read-only token); both must report every figure the summary judges.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.automation.test_changes import AIOHTTP, Repo, category
from tests.fakes.github import TOKEN, FakeGitHub
from tests.fakes.pypi import FakePyPI
from tools.cli import main as awesome


@pytest.mark.parametrize("token", [None, TOKEN], ids=["REST", "GraphQL with the workflow's token"])
def test_only_the_pull_requests_entries_are_checked_and_judged(
    token: str | None,
    tmp_path: Path,
    fake_github: FakeGitHub,
    fake_pypi: FakePyPI,
    monkeypatch: pytest.MonkeyPatch,
    services: Callable[..., None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("http.yml", category("HTTP", AIOHTTP))
    repo.commit("base")
    repo.git("switch", "-q", "-c", "pr")
    repo.write(
        "http.yml",
        category(
            "HTTP",
            AIOHTTP,
            ("Busy", "https://github.com/team/busy", "Widely used client maintained by a team."),
            ("Solo", "https://github.com/one/solo", "Client kept by one person, quietly, for years."),
        ),
    )
    repo.commit("add two")
    fake_github.add("aio-libs", "aiohttp")
    fake_github.add("team", "busy", stars=4200, contributors=30, license="MIT", last_commit="2026-11-01T00:00:00Z")
    fake_github.add("one", "solo", stars=3, contributors=1, license=None, last_commit="2023-01-01T00:00:00Z")
    monkeypatch.chdir(repo.root)
    services(fake_github.url, fake_pypi.url, token=token)  # with a token: as new-entries.yml runs it

    assert awesome(["changed-entries", "--catalog", "catalog", "--base", "main", "--json", "reports/changes.json"]) == 0
    ids = capsys.readouterr().out.split()
    assert ids == ["busy", "solo"]
    only = [arg for entry_id in ids for arg in ("--only", entry_id)]
    assert (
        awesome(
            ["check", "--catalog", "catalog", *only, "--json", "reports/new.json", "--status", "reports/status.json"]
        )
        == 0
    )
    report = json.loads(Path("reports/new.json").read_text())
    assert sorted(e["id"] for e in report["entries"]) == ["busy", "solo"]  # aiohttp was not checked
    capsys.readouterr()

    assert (
        awesome(
            [
                "pr-summary",
                "--changes",
                "reports/changes.json",
                "--report",
                "reports/new.json",
                "--status",
                "reports/status.json",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    busy = next(line for line in out.splitlines() if line.startswith("| [Busy]"))
    solo = next(line for line in out.splitlines() if line.startswith("| [Solo]"))
    assert "4,200" in busy and "✅ 30" in busy and "✅ MIT" in busy and "❌" not in busy
    assert "❌ 1 |" in solo and "❌ none found" in solo and "2023-01-01" in solo
    assert "Solo (catalog/http.yml:13) does not meet" in out
