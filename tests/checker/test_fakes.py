"""The fakes themselves: they must reject what GitHub rejects, or the other tests prove nothing."""

from __future__ import annotations

import httpx
import pytest

from tests.fakes.github import TOKEN, FakeGitHub, running_github
from tests.fakes.server import serve

AUTH = {"Authorization": f"bearer {TOKEN}"}


def test_server_starts_and_stops_on_another_loopback_address() -> None:
    fake = FakeGitHub()
    with serve(fake.app, host="127.0.0.4") as url:
        assert url.startswith("http://127.0.0.4:")
        assert httpx.get(f"{url}/rate_limit").status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/rate_limit")


def test_misspelled_field_is_rejected_like_github_does() -> None:
    fake = FakeGitHub(token=TOKEN)
    with serve(fake.app, host="127.0.0.2") as url:
        query = 'query { repository(owner: "a", name: "b") { stargazersCount } }'
        response = httpx.post(f"{url}/graphql", json={"query": query}, headers=AUTH)
    body = response.json()
    assert "data" not in body
    assert "stargazersCount" in body["errors"][0]["message"]
    assert fake.invalid_queries  # the fake_github fixture turns this into a failed test


def test_wrong_argument_type_and_syntax_errors_are_rejected() -> None:
    fake = FakeGitHub(token=TOKEN)
    fake.add("a", "b")
    with serve(fake.app) as url:
        wrong_type = 'query($o: Int!) { repository(owner: $o, name: "b") { name } }'
        httpx.post(f"{url}/graphql", json={"query": wrong_type, "variables": {"o": 1}}, headers=AUTH)
        httpx.post(f"{url}/graphql", json={"query": "query { repository("}, headers=AUTH)
        missing_states_list = (
            'query { repository(owner: "a", name: "b") { issues(states: OPEN, first: "x") { totalCount } } }'
        )
        httpx.post(f"{url}/graphql", json={"query": missing_states_list}, headers=AUTH)
    assert len(fake.invalid_queries) >= 3


def test_fixture_fails_the_test_when_an_invalid_query_arrived() -> None:
    with pytest.raises(pytest.fail.Exception, match="would have rejected.*nope"):
        with running_github() as fake:
            httpx.post(f"{fake.url}/graphql", json={"query": "{ viewer { nope } }"}, headers=AUTH)


def test_valid_query_is_executed_with_aliases_and_not_found_per_alias(fake_github: FakeGitHub) -> None:
    fake_github.add("Acme", "Lib", stars=7, release=("v1.0", "2026-01-02T00:00:00Z"))
    query = """query($o: String!, $n: String!) {
      rateLimit { cost remaining resetAt }
      a: repository(owner: $o, name: $n) { nameWithOwner stargazerCount latestRelease { tagName } }
      b: repository(owner: "acme", name: "missing") { nameWithOwner }
    }"""
    body = httpx.post(
        f"{fake_github.url}/graphql", json={"query": query, "variables": {"o": "acme", "n": "lib"}}, headers=AUTH
    ).json()
    assert body["data"]["a"] == {"nameWithOwner": "Acme/Lib", "stargazerCount": 7, "latestRelease": {"tagName": "v1.0"}}
    assert body["data"]["b"] is None
    assert body["errors"][0]["type"] == "NOT_FOUND" and body["errors"][0]["path"] == ["b"]
    assert body["data"]["rateLimit"]["cost"] == 1


def test_rest_etag_gives_304_free_only_with_a_token_and_moved_repository_answers_301(fake_github: FakeGitHub) -> None:
    repo = fake_github.add("old", "lib")
    fake_github.move(repo, "new/lib")
    with httpx.Client(base_url=fake_github.url) as client:
        moved = client.get("/repos/old/lib")
        assert moved.status_code == 301
        assert moved.headers["location"].endswith(f"/repositories/{repo.id}")
        first = client.get(moved.headers["location"])
        assert first.json()["full_name"] == "new/lib"
        before = int(first.headers["x-ratelimit-remaining"])
        again = client.get("/repos/new/lib", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        assert int(again.headers["x-ratelimit-remaining"]) == before - 1  # no Authorization: it counts
        authed = {"Authorization": f"Bearer {TOKEN}"}
        fake_github.token = TOKEN
        tagged = client.get("/repos/new/lib", headers=authed)
        assert tagged.headers["etag"] != first.headers["etag"]  # ETags are tied to the credentials
        spent = int(tagged.headers["x-ratelimit-remaining"])
        free = client.get("/repos/new/lib", headers={**authed, "If-None-Match": tagged.headers["etag"]})
        assert free.status_code == 304 and int(free.headers["x-ratelimit-remaining"]) == spent


def test_fake_pypi_serves_pep503_names_and_404(fake_pypi) -> None:
    fake_pypi.add("Foo_Bar").release("1.0", "2026-01-01T00:00:00Z")
    with httpx.Client(base_url=fake_pypi.url) as client:
        body = client.get("/pypi/foo-bar/json").json()
        assert body["info"]["version"] == "1.0"
        assert body["urls"][0]["upload_time_iso_8601"] == "2026-01-01T00:00:00.000000Z"
        assert client.get("/pypi/foo-bar/1.0/json").status_code == 200
        assert client.get("/pypi/nothing/json").status_code == 404
