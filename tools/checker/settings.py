"""What a checker run is allowed to do, from the command line and the environment GitHub Actions sets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tools import config
from tools.paths import REPO_ROOT


@dataclass(frozen=True)
class Settings:
    github_api_url: str = config.DEFAULT_GITHUB_API_URL
    github_graphql_url: str = config.DEFAULT_GITHUB_GRAPHQL_URL
    pypi_url: str = config.DEFAULT_PYPI_URL
    youtube_oembed_url: str = config.DEFAULT_YOUTUBE_OEMBED_URL
    github_token: str | None = field(default=None, repr=False)  # never printed
    # Limits: 4 connections to one host is below what a browser opens (6) and far below what a
    # CDN-fronted docs host notices; 64 in flight overall keeps a run of the catalog's few hundred
    # links to seconds while staying a small, steady load for a CI runner. The benchmark's
    # ideal time for 2,000 links on 20 hosts at 100 ms is bound by these: 2000 x 0.1 / 64 = 3.1 s.
    concurrency: int = 64  # links in flight at once, across all hosts
    per_host: int = 4  # politeness towards any one host
    github_concurrency: int = 4  # GitHub asks integrators to avoid many concurrent requests
    timeout: float = 10.0  # seconds, per network operation of a request (a whole request: twice that)
    connect_timeout: float = 5.0  # seconds to establish a connection; a live host does it in well under 1 s
    skip_host_after: int = 3  # connections in a row that failed to a host before the rest fail at once
    deadline: float = 600.0  # seconds, for the whole run
    stale_after_days: int = 365
    dead_after_days: int = 14  # an unreachable link is dead only after failing on runs spanning this many days
    max_redirects: int = 10
    retries: int = 2  # extra attempts after the first, for transient failures
    retry_after_cap: float = 30.0  # longest Retry-After honoured; longer means give up for this run
    backoff_base: float = 0.5  # seconds before the first retry without Retry-After
    graphql_batch: int = 50  # repositories per GraphQL query
    cache_dir: Path = REPO_ROOT / ".cache" / "checker"
    user_agent: str = "awesome-asyncio-checker/0.1 (+https://github.com/awesome-asyncio)"

    @property
    def github_workers(self) -> int:
        """GitHub's API is one host: more workers than its per-host slots would only queue there,
        each holding a half-asked repository that a deadline would then lose."""
        return max(1, min(self.github_concurrency, self.per_host))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The defaults, then the addresses and token of the environment (tools/config.py), then
        `overrides` that are not None (the command line's options); an unknown name is a TypeError."""
        return cls.from_config(config.Config.from_env(env), **overrides)

    @classmethod
    def from_config(cls, environment: config.Config, **overrides: Any) -> Settings:
        settings = cls(
            github_api_url=environment.github_api_url,
            github_graphql_url=environment.github_graphql_url,
            pypi_url=environment.pypi_url,
            youtube_oembed_url=environment.youtube_oembed_url,
            github_token=environment.github_token,
            cache_dir=environment.cache_dir or cls.cache_dir,
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
