"""Every environment variable the project reads, in one place: what it is for and its default.

Code takes a `Config` (from `Config.from_env()`, or built by a test) instead of reading
`os.environ`. `mkdocs.yml` reads SITE_URL, AWESOME_REPOSITORY_URL and AWESOME_CATALOG_DIR itself
through `!ENV`; they are listed here so the list is whole. The browser tests' CHROMIUM is a test
setting (tests/site/test_browser.py), not the product's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# (name, what it is for): shown by `awesome check --help` and CONTRIBUTING.md.
CHECKER_VARIABLES: tuple[tuple[str, str], ...] = (
    ("GITHUB_TOKEN", "GitHub token: GraphQL in batches and a larger budget (GH_TOKEN is read too); never printed"),
    ("GITHUB_API_URL", "GitHub's REST API (default https://api.github.com)"),
    ("GITHUB_GRAPHQL_URL", "GitHub's GraphQL API (default https://api.github.com/graphql)"),
    ("PYPI_URL", "PyPI (default https://pypi.org; the JSON API is {PYPI_URL}/pypi/{name}/json)"),
    ("YOUTUBE_OEMBED_URL", "YouTube's oEmbed endpoint for talks (default https://www.youtube.com/oembed)"),
    ("AWESOME_CACHE_DIR", "where GitHub's ETags are kept between runs (default .cache/checker)"),
)
SITE_VARIABLES: tuple[tuple[str, str], ...] = (
    ("AWESOME_CATALOG_DIR", "the catalog a site build reads (default catalog/)"),
    ("AWESOME_STATUS_FILE", "the checker's figures a site build shows (default status.json in the catalog)"),
    ("AWESOME_CONTRIBUTING", "the file the Contributing page is made from (default CONTRIBUTING.md)"),
    ("SITE_URL", "the site's public address (mkdocs.yml: feed and catalog.json links; the README's link)"),
    ("AWESOME_REPOSITORY_URL", "the repository's address, for links to files (mkdocs.yml)"),
)
ACTIONS_VARIABLES: tuple[tuple[str, str], ...] = (
    ("GITHUB_ACTIONS", "set to true by GitHub Actions: annotations and the job summary"),
    ("GITHUB_STEP_SUMMARY", "the job summary file the Markdown report is appended to"),
    ("GITHUB_SERVER_URL", "https://github.com, for links to the repository and the run"),
    ("GITHUB_REPOSITORY", "owner/name of the repository"),
    ("GITHUB_RUN_ID", "the workflow run, linked from the health issue"),
    ("GITHUB_SHA", "the checked commit, for links to an entry's file and line in the reports"),
)
TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")

DEFAULT_GITHUB_API_URL = "https://api.github.com"
DEFAULT_GITHUB_GRAPHQL_URL = "https://api.github.com/graphql"
DEFAULT_PYPI_URL = "https://pypi.org"
DEFAULT_YOUTUBE_OEMBED_URL = "https://www.youtube.com/oembed"


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


@dataclass(frozen=True)
class Config:
    """The environment as the project understands it; an empty variable counts as unset."""

    github_token: str | None = field(default=None, repr=False)  # never printed
    github_api_url: str = DEFAULT_GITHUB_API_URL
    github_graphql_url: str = DEFAULT_GITHUB_GRAPHQL_URL
    pypi_url: str = DEFAULT_PYPI_URL
    youtube_oembed_url: str = DEFAULT_YOUTUBE_OEMBED_URL
    cache_dir: Path | None = None
    catalog_dir: Path | None = None
    status_file: Path | None = None
    contributing_file: Path | None = None
    site_url: str | None = None
    in_actions: bool = False
    step_summary: Path | None = None
    server_url: str = "https://github.com"
    repository: str | None = None
    run_id: str | None = None
    sha: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        """Read from `env` (default: this process's environment)."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            return env.get(name) or None

        return cls(
            github_token=get("GITHUB_TOKEN") or get("GH_TOKEN"),
            github_api_url=get("GITHUB_API_URL") or DEFAULT_GITHUB_API_URL,
            github_graphql_url=get("GITHUB_GRAPHQL_URL") or DEFAULT_GITHUB_GRAPHQL_URL,
            pypi_url=get("PYPI_URL") or DEFAULT_PYPI_URL,
            youtube_oembed_url=get("YOUTUBE_OEMBED_URL") or DEFAULT_YOUTUBE_OEMBED_URL,
            cache_dir=_path(get("AWESOME_CACHE_DIR")),
            catalog_dir=_path(get("AWESOME_CATALOG_DIR")),
            status_file=_path(get("AWESOME_STATUS_FILE")),
            contributing_file=_path(get("AWESOME_CONTRIBUTING")),
            site_url=get("SITE_URL"),
            in_actions=env.get("GITHUB_ACTIONS") == "true",
            step_summary=_path(get("GITHUB_STEP_SUMMARY")),
            server_url=(get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/"),
            repository=get("GITHUB_REPOSITORY"),
            run_id=get("GITHUB_RUN_ID"),
            sha=get("GITHUB_SHA"),
        )

    @property
    def repository_url(self) -> str | None:
        """The repository's web address under Actions, None elsewhere."""
        return f"{self.server_url}/{self.repository}" if self.repository else None

    @property
    def commit_url(self) -> str | None:
        """The checked commit's tree (`SERVER/OWNER/REPO/blob/SHA`) under Actions, None elsewhere."""
        return f"{self.repository_url}/blob/{self.sha}" if self.repository and self.sha else None

    @property
    def run_url(self) -> str | None:
        """The current workflow run's page, None outside a run."""
        return f"{self.repository_url}/actions/runs/{self.run_id}" if self.repository and self.run_id else None


def without_tokens(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment for a child process that needs no token (an npm tool, say)."""
    env = os.environ if env is None else env
    return {k: v for k, v in env.items() if k.upper() not in TOKEN_VARIABLES}


def describe(variables: tuple[tuple[str, str], ...]) -> str:
    """The variables as help text, one `NAME  what` a line."""
    width = max(len(name) for name, _ in variables)
    return "\n".join(f"  {name.ljust(width)}  {what}" for name, what in variables)
