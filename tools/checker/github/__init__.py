"""GitHub repository facts: GraphQL in batches with a token, conditional REST requests without."""

from __future__ import annotations

from tools.checker.facts import RepoFacts
from tools.checker.github._common import key_of
from tools.checker.github.graphql import fetch_graphql
from tools.checker.github.limits import Sleep
from tools.checker.github.rest import fetch_contributors, fetch_rest
from tools.checker.http import HttpClient
from tools.checker.settings import Settings

__all__ = ["fetch_repositories"]


async def fetch_repositories(
    repos: list[tuple[str, str]],
    http: HttpClient,
    settings: Settings,
    into: dict[tuple[str, str], RepoFacts] | None = None,
    *,
    sleep: Sleep | None = None,
) -> dict[tuple[str, str], RepoFacts]:
    """Facts for each (owner, repo), keyed by (owner.casefold(), repo.casefold()).

    `sleep` is what waits out a secondary rate limit (asyncio.sleep; tests pass a quick one).

    Every key asked for is answered: a repository GitHub could not tell about has `error` set.
    Facts land in `into` (returned) as each repository or batch is done, so that a run cut
    short by its deadline or Ctrl-C still reports what GitHub had already told.
    """
    results = {} if into is None else into
    unique: dict[tuple[str, str], tuple[str, str]] = {}
    for owner, name in repos:
        unique.setdefault(key_of(owner, name), (owner, name))
    if not unique:
        return results
    if not settings.github_token:
        return await fetch_rest(list(unique.values()), http, settings, results, sleep=sleep)
    await fetch_graphql(list(unique.values()), http, settings, results, sleep=sleep)
    await fetch_contributors(list(results.values()), http, settings, sleep=sleep)
    return results
