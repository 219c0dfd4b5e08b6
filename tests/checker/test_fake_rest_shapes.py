"""The fake GitHub's REST answers are validated against GitHub's own OpenAPI response schemas.

An answer the real API could not give (a missing required field, a wrong type) fails here, so
the checker is never tested against a GitHub that does not exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.fakes.github import FakeGitHub
from tests.fakes.openapi import json_schema, response_schema
from tests.fakes.server import serve

VENDORED = Path(__file__).parent.parent / "fakes" / "github-api"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "github-api"


def problems(body: Any, path: str) -> list[str]:
    validator = Draft202012Validator(json_schema(response_schema(path)))
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '.'}: {e.message}" for e in validator.iter_errors(body))


@pytest.fixture
def github() -> Any:
    fake = FakeGitHub()
    fake.add(
        "acme",
        "rocket",
        stars=42,
        license="MIT",
        release=("v1.0.0", "2026-01-02T03:04:05Z"),
        last_commit="2026-05-06T07:08:09Z",
        contributors=5,
    )
    fake.add("acme", "bare", license=None, release=None)
    with serve(fake.app, host="127.0.0.6") as url:
        yield url


@pytest.mark.parametrize(
    ("request_path", "schema_path"),
    [
        ("/repos/acme/rocket", "/repos/{owner}/{repo}"),
        ("/repos/acme/bare", "/repos/{owner}/{repo}"),
        ("/repos/acme/rocket/releases/latest", "/repos/{owner}/{repo}/releases/latest"),
        ("/repos/acme/rocket/commits?sha=main&per_page=1", "/repos/{owner}/{repo}/commits"),
        ("/repos/acme/rocket/contributors?per_page=1&anon=1", "/repos/{owner}/{repo}/contributors"),
        ("/rate_limit", "/rate_limit"),
    ],
)
def test_fake_rest_answers_match_githubs_response_schema(github: str, request_path: str, schema_path: str) -> None:
    response = httpx.get(github + request_path)
    assert response.status_code == 200
    assert problems(response.json(), schema_path) == []


def test_the_schema_check_bites() -> None:
    broken = {"id": "not a number", "name": "x"}
    assert any("is not of type 'integer'" in p for p in problems(broken, "/repos/{owner}/{repo}"))
    assert any("is a required property" in p for p in problems(broken, "/repos/{owner}/{repo}"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is only beside the repository in this workplace")
@pytest.mark.parametrize("name", ["schema.graphql", "rest-repos.json"])
def test_vendored_github_descriptions_are_the_shared_ones(name: str) -> None:
    assert (VENDORED / name).read_bytes() == (SHARED / name).read_bytes()
