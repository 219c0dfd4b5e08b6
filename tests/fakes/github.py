"""A fake GitHub: GraphQL validated against GitHub's published schema, REST shaped like its API.

Tests configure repositories (`add`, `move`) and misbehaviour (the knobs below), then read the
counters. Every GraphQL query is parsed and validated against
tests/fakes/github-api/schema.graphql (octokit's copy of GitHub's SDL); an invalid one is
answered the way GitHub answers it (HTTP 200, `errors`, no `data`) *and* recorded in
`invalid_queries`, which the `fake_github` fixture turns into a test failure: a query GitHub
would reject must fail our tests. Valid queries are executed by graphql-core against resolvers
backed by the configured repositories, so aliases, fragments and variables behave as on GitHub.

REST answers follow rest-repos.json (octokit's OpenAPI slice): the repository object, commits,
latest release, contributors with a Link header, ETag / If-None-Match -> 304 (free of the budget
only with an Authorization header, and ETags differ per credential, as on GitHub), x-ratelimit-*
headers, and 301 to /repositories/{id} for moved ones.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from graphql import ExecutionResult, GraphQLError, GraphQLSchema, build_schema, execute, parse, validate
from graphql.language import FieldNode, OperationDefinitionNode
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.openapi import complete
from tests.fakes.server import serve_shared
from tools.checker.settings import Settings

SCHEMA_PATH = Path(__file__).parent / "github-api" / "schema.graphql"  # vendored from octokit (MIT)
DOCS = "https://docs.github.com/rest"
_ids = itertools.count(1000)
# What GitHub's front end sends for a 502 during an outage: an HTML page, not JSON.
OUTAGE_PAGE = (
    "<!DOCTYPE html><html><head><title>Unicorn! &middot; GitHub</title></head>"
    "<body><p>No server is currently available to service your request.</p></body></html>"
)


@lru_cache(maxsize=1)
def github_schema() -> GraphQLSchema:
    """GitHub's schema, built once per process (about half a second).

    graphql-core's `validate()` first checks the schema itself, which GitHub's SDL does not pass
    (octokit's dump has some interface quirks); it is GitHub's schema, so mark it as checked.
    """
    schema = build_schema(SCHEMA_PATH.read_text(encoding="utf-8"), assume_valid_sdl=True)
    schema._validation_errors = []
    return schema


@dataclass
class FakeRepo:
    owner: str
    name: str
    stars: int = 10
    forks: int = 2
    open_issues: int = 1  # issues only, as GraphQL's issues(states: OPEN) counts them
    open_pull_requests: int = 0  # REST's open_issues_count is both (GitHub's docs say so)
    archived: bool = False
    disabled: bool = False
    default_branch: str = "main"
    last_commit: str | None = "2026-10-01T12:00:00Z"  # head of the default branch; None: empty repository
    other_branches: dict[str, str] = field(default_factory=dict)  # branch -> its head commit date
    release: tuple[str, str] | None = None  # (tag, published_at)
    license: str | None = "MIT"
    contributors: int = 3
    description: str | None = "A fake repository."
    homepage: str | None = None
    id: int = field(default_factory=lambda: next(_ids))

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def pushed_at(self) -> str | None:
        """Last push to any branch: what a checker must NOT take for the default branch's activity."""
        dates = [d for d in [self.last_commit, *self.other_branches.values()] if d]
        return max(dates) if dates else None

    def rest(self, base: str) -> dict[str, Any]:
        licence = None
        if self.license:
            key = self.license.lower()
            licence = {
                "key": key,
                "name": f"{self.license} License",
                "spdx_id": self.license,
                "url": f"{base}/licenses/{key}",
                "node_id": "MDc6TGljZW5zZTEz",
            }
        owner = {
            "login": self.owner,
            "id": self.id + 1,
            "node_id": "MDQ6VXNlcjE=",
            "type": "Organization",
            "url": f"{base}/users/{self.owner}",
            "html_url": f"https://github.com/{self.owner}",
            "site_admin": False,
        }
        return {
            "id": self.id,
            "node_id": f"R_{self.id}",
            "name": self.name,
            "full_name": self.full_name,
            "owner": owner,
            "private": False,
            "html_url": f"https://github.com/{self.full_name}",
            "description": self.description,
            "fork": False,
            "url": f"{base}/repos/{self.full_name}",
            "contributors_url": f"{base}/repos/{self.full_name}/contributors",
            "releases_url": f"{base}/repos/{self.full_name}/releases{{/id}}",
            "created_at": "2015-01-01T00:00:00Z",
            "updated_at": self.pushed_at or "2015-01-01T00:00:00Z",
            "pushed_at": self.pushed_at,
            "homepage": self.homepage,
            "size": 1024,
            "stargazers_count": self.stars,
            "watchers_count": self.stars,
            "language": "Python",
            "has_issues": True,
            "has_projects": True,
            "has_downloads": True,
            "has_wiki": True,
            "has_pages": False,
            "has_discussions": False,
            "forks_count": self.forks,
            "mirror_url": None,
            "archived": self.archived,
            "disabled": self.disabled,
            "open_issues_count": self.open_issues + self.open_pull_requests,
            "license": licence,
            "allow_forking": True,
            "is_template": False,
            "topics": ["asyncio"],
            "visibility": "public",
            "forks": self.forks,
            "open_issues": self.open_issues,
            "watchers": self.stars,
            "default_branch": self.default_branch,
            "network_count": self.forks,
            "subscribers_count": 5,
        }

    def graphql(self) -> dict[str, Any]:
        head = None
        if self.last_commit:
            head = {
                "__typename": "Commit",
                "oid": "a" * 40,
                "committedDate": self.last_commit,
                "pushedDate": self.pushed_at,
            }
        release = None
        if self.release:
            release = {
                "tagName": self.release[0],
                "name": self.release[0],
                "publishedAt": self.release[1],
                "createdAt": self.release[1],
                "isPrerelease": False,
                "isDraft": False,
            }
        return {
            "__typename": "Repository",
            "id": f"R_{self.id}",
            "databaseId": self.id,
            "name": self.name,
            "nameWithOwner": self.full_name,
            "url": f"https://github.com/{self.full_name}",
            "description": self.description,
            "homepageUrl": self.homepage,
            "owner": {"__typename": "Organization", "login": self.owner},
            "stargazerCount": self.stars,
            "forkCount": self.forks,
            "isArchived": self.archived,
            "isDisabled": self.disabled,
            "isPrivate": False,
            "isFork": False,
            "pushedAt": self.pushed_at,
            "licenseInfo": {"spdxId": self.license, "key": self.license.lower(), "name": self.license}
            if self.license
            else None,
            "issues": lambda info, **args: {"totalCount": self.open_issues},
            "pullRequests": lambda info, **args: {"totalCount": self.open_pull_requests},
            "defaultBranchRef": {"name": self.default_branch, "prefix": "refs/heads/", "target": head}
            if head
            else None,
            "latestRelease": release,
        }


def _commit(base: str, repo: FakeRepo, date: str) -> dict[str, Any]:
    person = {"name": "Dev", "email": "dev@example.org", "date": date}
    sha = hashlib.sha1(f"{repo.full_name}{date}".encode()).hexdigest()
    return {
        "sha": sha,
        "node_id": f"C_{sha[:8]}",
        "url": f"{base}/repos/{repo.full_name}/commits/{sha}",
        "html_url": f"https://github.com/{repo.full_name}/commit/{sha}",
        "commit": {
            "url": f"{base}/repos/{repo.full_name}/git/commits/{sha}",
            "author": person,
            "committer": person,
            "message": "Change things",
            "comment_count": 0,
            "tree": {"sha": sha, "url": f"{base}/repos/{repo.full_name}/git/trees/{sha}"},
        },
        "author": None,
        "committer": None,
        "parents": [],
    }


class FakeGitHub:
    """Configure with `add`/`move` and the knobs; serve `app`; read `requests` and `log`."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token  # the one GraphQL accepts (REST: any or none)
        self.url = ""  # set by whoever serves `app`
        self.repos: dict[str, FakeRepo] = {}  # casefolded full name -> repo
        self.former: dict[str, FakeRepo] = {}  # casefolded former full name -> repo (renamed/transferred)
        # knobs
        self.graphql_failures: list[int] = []  # statuses (502, 504) for the next GraphQL requests
        self.rest_failures: list[int] = []
        self.graphql_max_repositories: int | None = None  # bigger queries time out with 502, always
        self.secondary_limit = 0  # next N requests: 403 with retry-after
        self.retry_after: str | None = "0"  # None: the secondary limit comes without Retry-After (as it often does)
        self.secondary_status = 403  # or 429: GitHub uses both for a secondary limit
        self.graphql_rate_limit_errors = 0  # next N GraphQL queries: 200 + an error of type RATE_LIMIT, remaining > 0
        self.graphql_outage: int | None = None  # every GraphQL request answered with this status and an HTML page
        self.graphql_remaining = 5000
        self.rest_remaining = 60
        self.rate_limited_status = 403  # how GraphQL says "budget exhausted": 403, or 200 + RATE_LIMITED
        self.malformed = 0  # next N answers: truncated JSON
        self.echo_authorization = False  # a careless server quoting the header back in errors
        self.latency = 0.0  # seconds before each answer
        # what happened
        self.requests: Counter[str] = Counter()  # endpoint -> requests received
        self.log: list[tuple[str, int]] = []  # (endpoint, status) in order
        self.graphql_batches: list[int] = []  # repository fields per (valid) GraphQL query
        self.invalid_queries: list[str] = []
        self.in_flight = self.max_in_flight = 0
        self.reset_at = int(time.time()) + 3600
        self.routes = Starlette(
            routes=[
                Route("/graphql", self._graphql, methods=["POST"]),
                Route("/rate_limit", self._rate_limit),
                Route("/repos/{owner}/{repo}", self._rest),
                Route("/repos/{owner}/{repo}/{rest:path}", self._rest),
                Route("/repositories/{id:int}", self._rest_by_id),
                Route("/repositories/{id:int}/{rest:path}", self._rest_by_id),
            ]
        )

    async def app(self, scope: Any, receive: Any, send: Any) -> None:
        """The ASGI app: the routes, with latency and a count of requests in flight."""
        if scope["type"] != "http":
            return await self.routes(scope, receive, send)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            await self.routes(scope, receive, send)
        finally:
            self.in_flight -= 1

    # configuration
    def add(self, owner: str, name: str, **facts: Any) -> FakeRepo:
        repo = FakeRepo(owner, name, **facts)
        self.repos[repo.full_name.casefold()] = repo
        return repo

    def move(self, repo: FakeRepo, new_full_name: str) -> None:
        """Rename or transfer: the old name keeps answering, under the new one."""
        del self.repos[repo.full_name.casefold()]
        self.former[repo.full_name.casefold()] = repo
        repo.owner, repo.name = new_full_name.split("/")
        self.repos[repo.full_name.casefold()] = repo

    def checker_settings(self, cache_dir: Path, token: str | None, **overrides: Any) -> Settings:
        """Checker settings that point at this fake, with quick retries (`overrides` win)."""
        values: dict[str, Any] = dict(
            github_api_url=self.url,
            github_graphql_url=f"{self.url}/graphql",
            github_token=token,
            cache_dir=cache_dir,
            timeout=5,
            backoff_base=0.01,
            retry_after_cap=5,
        )
        return Settings(**{**values, **overrides})

    def count(self, endpoint: str | None = None, status: int | None = None) -> int:
        return sum(1 for e, s in self.log if endpoint in (None, e) and status in (None, s))

    def _find(self, owner: str, name: str) -> tuple[FakeRepo | None, bool]:
        """(repo, moved)"""
        key = f"{owner}/{name}".casefold()
        if key in self.repos:
            return self.repos[key], False
        if key in self.former:
            return self.former[key], True
        return None, False

    # shared misbehaviour and headers
    def _rate_headers(self, resource: str) -> dict[str, str]:
        remaining = self.graphql_remaining if resource == "graphql" else self.rest_remaining
        limit = 5000 if resource == "graphql" else 60
        return {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(0, remaining)),
            "x-ratelimit-used": str(limit - max(0, remaining)),
            "x-ratelimit-reset": str(self.reset_at),
            "x-ratelimit-resource": resource,
        }

    def _reply(self, endpoint: str, status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
        self.log.append((endpoint, status))
        if status != 304 and self.malformed > 0 and status == 200:
            self.malformed -= 1
            return Response(
                json.dumps(body)[: max(1, len(json.dumps(body)) // 2)], status, headers, media_type="application/json"
            )
        if status == 304:
            return Response(status_code=304, headers=headers)
        return JSONResponse(body, status, headers)

    def _misbehave(self, endpoint: str, request: Request, resource: str) -> Response | None:
        self.requests[endpoint] += 1
        failures = self.graphql_failures if resource == "graphql" else self.rest_failures
        if resource == "graphql" and self.graphql_outage is not None:
            self.log.append((endpoint, self.graphql_outage))
            return Response(OUTAGE_PAGE, self.graphql_outage, media_type="text/html")
        if failures:
            status = failures.pop(0)
            return self._reply(endpoint, status, {"message": "Server Error"} if status != 502 else None)
        if self.secondary_limit > 0:
            self.secondary_limit -= 1
            retry_after = {} if self.retry_after is None else {"retry-after": self.retry_after}
            return self._reply(
                endpoint,
                self.secondary_status,
                {
                    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                    "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
                },
                {**self._rate_headers(resource), **retry_after},
            )
        return None

    # GraphQL
    async def _graphql(self, request: Request) -> Response:
        refused = self._misbehave("graphql", request, "graphql")
        if refused:
            return refused
        auth = request.headers.get("authorization", "")
        scheme, _, credential = auth.partition(" ")
        if not auth or scheme.lower() not in ("bearer", "token") or credential != self.token:
            message = "Bad credentials" + (f" ({auth})" if self.echo_authorization else "")
            return self._reply(
                "graphql", 401, {"message": message, "documentation_url": "https://docs.github.com/graphql"}
            )
        if self.graphql_remaining <= 0:
            return self._exhausted("graphql", "graphql")
        if self.graphql_rate_limit_errors > 0:
            # githubkit#271: 200, type RATE_LIMIT (not RATE_LIMITED), while x-ratelimit-remaining is not 0.
            self.graphql_rate_limit_errors -= 1
            error = {
                "type": "RATE_LIMIT",
                "code": "graphql_rate_limit",
                "message": "API rate limit already exceeded for user ID 1.",
            }
            return self._reply("graphql", 200, {"errors": [error]}, self._rate_headers("graphql"))
        raw = await request.body()
        if self.token and (self.token in str(request.url) or self.token.encode() in raw):
            self.invalid_queries.append("the token was sent outside the Authorization header")
        try:
            payload = json.loads(raw)
            source, variables = payload["query"], payload.get("variables") or {}
        except (ValueError, KeyError, TypeError):
            return self._reply(
                "graphql",
                400,
                {"message": "Problems parsing JSON", "documentation_url": "https://docs.github.com/graphql"},
            )
        try:
            document = parse(source)
        except GraphQLError as exc:
            return self._invalid([exc])
        errors = validate(github_schema(), document)
        if errors:
            return self._invalid(errors)
        repositories = sum(
            1
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
            for s in d.selection_set.selections
            if isinstance(s, FieldNode) and s.name.value == "repository"
        )
        if self.graphql_max_repositories is not None and repositories > self.graphql_max_repositories:
            return self._reply("graphql", 502, None)
        self.graphql_remaining -= 1
        self.graphql_batches.append(repositories)
        result = execute(github_schema(), document, root_value=_Root(self), variable_values=variables)
        assert isinstance(result, ExecutionResult)  # the resolvers are synchronous
        if result.data is None and result.errors:  # e.g. variables of the wrong type: GitHub rejects those too
            return self._invalid(result.errors)
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [_github_error(e) for e in result.errors]
        return self._reply("graphql", 200, body, self._rate_headers("graphql"))

    def _invalid(self, errors: list[GraphQLError]) -> Response:
        self.invalid_queries.extend(e.message for e in errors)
        return self._reply(
            "graphql", 200, {"errors": [_github_error(e) for e in errors]}, self._rate_headers("graphql")
        )

    def _exhausted(self, endpoint: str, resource: str) -> Response:
        message = (
            "API rate limit exceeded for user ID 1."
            if resource == "graphql"
            else "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)"
        )
        headers = self._rate_headers(resource)
        if resource == "graphql" and self.rate_limited_status == 200:
            return self._reply(endpoint, 200, {"errors": [{"type": "RATE_LIMITED", "message": message}]}, headers)
        return self._reply(
            endpoint,
            403,
            {"message": message, "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api"},
            headers,
        )

    # REST
    async def _rate_limit(self, request: Request) -> Response:
        self.requests["rate_limit"] += 1
        core = {"limit": 60, "remaining": self.rest_remaining, "reset": self.reset_at, "used": 60 - self.rest_remaining}
        resources = {"core": core, "search": {**core, "limit": 10}, "graphql": {**core, "limit": 5000}}
        body = complete("rate_limit", {"resources": resources, "rate": core})
        return self._reply("rate_limit", 200, body, self._rate_headers("core"))

    async def _rest(self, request: Request) -> Response:
        owner, name = request.path_params["owner"], request.path_params["repo"]
        rest = request.path_params.get("rest", "")
        endpoint = _endpoint(rest)
        refused = self._rest_gate(endpoint, request)
        if refused:
            return refused
        repo, moved = self._find(owner, name)
        if repo is None:
            return self._spend(
                endpoint,
                404,
                {"message": "Not Found", "documentation_url": f"{DOCS}/repos/repos#get-a-repository", "status": "404"},
            )
        if moved:
            target = f"{str(request.base_url).rstrip('/')}/repositories/{repo.id}" + (f"/{rest}" if rest else "")
            if request.url.query:
                target += f"?{request.url.query}"
            return self._spend(
                endpoint,
                301,
                {
                    "message": "Moved Permanently",
                    "url": target,
                    "documentation_url": f"{DOCS}/guides/best-practices-for-using-the-rest-api#follow-redirects",
                },
                {"location": target},
            )
        return self._serve_repo(endpoint, request, repo, rest)

    async def _rest_by_id(self, request: Request) -> Response:
        rest = request.path_params.get("rest", "")
        endpoint = "repository_by_id" if not rest else _endpoint(rest)
        refused = self._rest_gate(endpoint, request)
        if refused:
            return refused
        repo = next((r for r in self.repos.values() if r.id == request.path_params["id"]), None)
        if repo is None:
            return self._spend(endpoint, 404, {"message": "Not Found", "documentation_url": DOCS, "status": "404"})
        return self._serve_repo(endpoint, request, repo, rest)

    def _rest_gate(self, endpoint: str, request: Request) -> Response | None:
        refused = self._misbehave(endpoint, request, "core")
        if refused:
            return refused
        auth = request.headers.get("authorization")
        if auth and (self.token is None or auth.partition(" ")[2] != self.token):
            message = "Bad credentials" + (f" ({auth})" if self.echo_authorization else "")
            return self._reply(endpoint, 401, {"message": message, "documentation_url": DOCS, "status": "401"})
        if self.rest_remaining <= 0:
            return self._exhausted(endpoint, "core")
        return None

    def _spend(self, endpoint: str, status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
        self.rest_remaining -= 1
        return self._reply(endpoint, status, body, {**self._rate_headers("core"), **(headers or {})})

    def _serve_repo(self, endpoint: str, request: Request, repo: FakeRepo, rest: str) -> Response:
        base = str(request.base_url).rstrip("/")
        headers: dict[str, str] = {}
        if endpoint in ("repo", "repository_by_id"):
            body: Any = repo.rest(base)
        elif endpoint == "commits":
            branch = request.query_params.get("sha") or repo.default_branch
            heads = {repo.default_branch: repo.last_commit, **repo.other_branches}
            if repo.last_commit is None:
                return self._spend(
                    endpoint, 409, {"message": "Git Repository is empty.", "documentation_url": DOCS, "status": "409"}
                )
            if branch not in heads:
                return self._spend(
                    endpoint,
                    404,
                    {"message": f"No commit found for SHA: {branch}", "documentation_url": DOCS, "status": "404"},
                )
            per_page = int(request.query_params.get("per_page", "30"))
            body = [_commit(base, repo, heads[branch] or repo.last_commit)][:per_page]
            # history is not modelled: the head commit stands for the branch
        elif endpoint == "release":
            if repo.release is None:
                return self._spend(endpoint, 404, {"message": "Not Found", "documentation_url": DOCS, "status": "404"})
            tag, date = repo.release
            body = {
                "url": f"{base}/repos/{repo.full_name}/releases/1",
                "id": 1,
                "node_id": "RE_1",
                "tag_name": tag,
                "target_commitish": repo.default_branch,
                "name": tag,
                "draft": False,
                "prerelease": False,
                "created_at": date,
                "published_at": date,
                "assets": [],
                "html_url": f"https://github.com/{repo.full_name}/releases/tag/{tag}",
                "body": "Notes.",
            }
        elif endpoint == "contributors":
            if repo.contributors == 0:
                return self._spend(endpoint, 204, None)
            per_page = int(request.query_params.get("per_page", "30"))
            body = [
                {"login": f"dev{i}", "id": i, "type": "User", "contributions": 10}
                for i in range(min(per_page, repo.contributors))
            ]
            pages = -(-repo.contributors // per_page)
            if pages > 1:
                link = f"{base}/repositories/{repo.id}/contributors?per_page={per_page}&anon=1"
                headers["link"] = f'<{link}&page=2>; rel="next", <{link}&page={pages}>; rel="last"'
        else:
            return self._spend(endpoint, 404, {"message": "Not Found", "documentation_url": DOCS, "status": "404"})
        body = complete(endpoint, body)
        # ETags are tied to the credentials (GitHub varies on Authorization): the same body for
        # another token, or for none, has another ETag.
        auth = request.headers.get("authorization", "")
        content = json.dumps(body, sort_keys=True) + headers.get("link", "") + auth
        etag = 'W/"' + hashlib.sha256(content.encode()).hexdigest()[:32] + '"'
        headers["etag"] = etag
        headers["cache-control"] = "public, max-age=60, s-maxage=60"
        if request.headers.get("if-none-match") == etag:
            if not auth:  # GitHub: a 304 is free only for a request made with an Authorization header
                self.rest_remaining -= 1
            return self._reply(endpoint, 304, None, {**self._rate_headers("core"), **headers})
        return self._spend(endpoint, 200, body, headers)


def _endpoint(rest: str) -> str:
    return {"": "repo", "commits": "commits", "releases/latest": "release", "contributors": "contributors"}.get(
        rest, rest
    )


class _Root:
    """Query's fields, answered from the fake's repositories."""

    def __init__(self, fake: FakeGitHub) -> None:
        self.fake = fake

    def repository(self, info: Any, owner: str, name: str, followRenames: bool = True) -> dict[str, Any]:
        repo, moved = self.fake._find(owner, name)
        if repo is None or (moved and not followRenames):
            raise GraphQLError(
                f"Could not resolve to a Repository with the name '{owner}/{name}'.", extensions={"type": "NOT_FOUND"}
            )
        return repo.graphql()

    def rateLimit(self, info: Any, dryRun: bool = False) -> dict[str, Any]:
        remaining = self.fake.graphql_remaining
        reset = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.fake.reset_at))
        return {
            "cost": 1,
            "limit": 5000,
            "nodeCount": 50,
            "remaining": remaining,
            "resetAt": reset,
            "used": 5000 - remaining,
        }


def _github_error(error: GraphQLError) -> dict[str, Any]:
    """graphql-core's error in GitHub's shape: `type` at the top, not under `extensions`."""
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = formatted.pop("extensions", None) or {}
    if "type" in extensions:
        formatted = {"type": extensions["type"], **formatted}
    return formatted


TOKEN = "ghp_fake_token_do_not_print_0123456789"


@contextmanager
def running_github(token: str | None = TOKEN, host: str = "127.0.0.2") -> Iterator[FakeGitHub]:
    """A served FakeGitHub (`fake.url`) that fails the test if it received an invalid query."""
    fake = FakeGitHub(token=token)
    with serve_shared(fake.app, host=host) as url:
        fake.url = url
        yield fake
    if fake.invalid_queries:
        pytest.fail("GitHub would have rejected a GraphQL query: " + "; ".join(fake.invalid_queries))


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """Import into a test module to use; see `running_github`."""
    with running_github() as fake:
        yield fake
