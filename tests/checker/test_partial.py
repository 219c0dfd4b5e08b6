"""Each source fills the caller's dict as it learns, so a run cut short keeps every answer it got.

A server answers the first item and hangs on the next; the fetch is then cut off, as the run's
deadline or Ctrl-C would cut it, and the first answer must already be in the dict.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.checker.hosts import Host, hang, respond, sequence
from tools.checker.github import fetch_repositories
from tools.checker.http import HttpClient
from tools.checker.pypi import fetch_projects
from tools.checker.settings import Settings

FAST = dict(timeout=30.0, backoff_base=0.01, retries=0, github_concurrency=1, per_host=1, graphql_batch=1)


async def cut_short(fetch, items, settings: Settings) -> dict:
    into: dict = {}
    async with HttpClient(settings) as http:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(1.0):
                await fetch(items, http, settings, into)
    return into


async def test_rest_keeps_the_repositories_already_answered(tmp_path: Path) -> None:
    async with Host("127.0.0.131", routes={"/repos/acme/first": respond(404)}, default=hang) as github:
        settings = Settings(**FAST, github_api_url=github.url(""), cache_dir=tmp_path)  # type: ignore[arg-type]
        into = await cut_short(fetch_repositories, [("acme", "first"), ("acme", "second")], settings)
    assert list(into) == [("acme", "first")] and into[("acme", "first")].found is False


async def test_graphql_keeps_the_batches_already_answered(tmp_path: Path) -> None:
    answer = {
        "data": {"rateLimit": {"cost": 1, "remaining": 4999, "resetAt": "2030-01-01T00:00:00Z"}, "r0": None},
        "errors": [{"type": "NOT_FOUND", "path": ["r0"], "message": "Could not resolve to a Repository"}],
    }
    first = respond(200, {"Content-Type": "application/json"}, json.dumps(answer).encode())
    async with Host("127.0.0.132", routes={"/graphql": sequence(first, hang)}) as github:
        settings = Settings(
            **FAST,  # type: ignore[arg-type]
            github_graphql_url=github.url("/graphql"),
            github_token="t0ken",
            cache_dir=tmp_path,
        )
        into = await cut_short(fetch_repositories, [("acme", "first"), ("acme", "second")], settings)
    assert list(into) == [("acme", "first")] and into[("acme", "first")].found is False


async def test_pypi_keeps_the_projects_already_answered() -> None:
    async with Host("127.0.0.133", routes={"/pypi/first/json": respond(404)}, default=hang) as pypi:
        settings = Settings(**FAST, pypi_url=pypi.url(""))  # type: ignore[arg-type]
        into = await cut_short(fetch_projects, ["first", "second"], settings)
    assert list(into) == ["first"] and into["first"].found is False
