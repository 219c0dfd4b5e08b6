"""What a checker run is allowed to do, from the command line and the environment GitHub Actions sets."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tools.paths import REPO_ROOT


@dataclass(frozen=True)
class Settings:
    github_api_url: str = "https://api.github.com"
    github_graphql_url: str = "https://api.github.com/graphql"
    pypi_url: str = "https://pypi.org"
    youtube_oembed_url: str = "https://www.youtube.com/oembed"
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
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "github_api_url": env.get("GITHUB_API_URL") or cls.github_api_url,
            "github_graphql_url": env.get("GITHUB_GRAPHQL_URL") or cls.github_graphql_url,
            "pypi_url": env.get("PYPI_URL") or cls.pypi_url,
            "youtube_oembed_url": env.get("YOUTUBE_OEMBED_URL") or cls.youtube_oembed_url,
            "github_token": env.get("GITHUB_TOKEN") or env.get("GH_TOKEN") or None,
        }
        if env.get("AWESOME_CACHE_DIR"):
            values["cache_dir"] = Path(env["AWESOME_CACHE_DIR"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
