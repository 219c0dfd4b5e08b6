"""What each source learns, before any verdict: the checker's sources fill these, `classify` judges them.

A figure that is not known is None, never a guess. `error` says why a source could not tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class RepoFacts:
    """A GitHub repository, as asked for (`owner/name`) and as GitHub answered."""

    owner: str
    name: str
    found: bool | None = None  # False: GitHub says it does not exist (dead); None: could not tell
    full_name: str | None = None  # where GitHub says it lives now, "Owner/Name"
    html_url: str | None = None
    description: str | None = None  # the owner's one-line description, as typed: untrusted text
    homepage: str | None = None  # the repository's website field, as typed: not checked to be a URL
    stars: int | None = None
    forks: int | None = None
    open_issues: int | None = None
    contributors: int | None = None
    license: str | None = None  # SPDX id where GitHub knows one
    archived: bool | None = None
    disabled: bool | None = None
    default_branch: str | None = None
    last_commit: datetime | None = None  # last commit on the default branch
    latest_release: datetime | None = None
    latest_release_tag: str | None = None
    error: str | None = None  # why the facts are unknown (rate limit, network, ...)

    @property
    def moved(self) -> bool:
        if not self.full_name:
            return False
        return self.full_name.casefold() != f"{self.owner}/{self.name}".casefold()


@dataclass
class PypiFacts:
    name: str
    found: bool | None = None  # False: PyPI has no such project (404)
    project_name: str | None = None  # `info.name`: the project's own spelling, not the one asked for
    summary: str | None = None  # `info.summary`, as typed: untrusted text
    links: list[str] = field(default_factory=list)  # home_page, project_url, project_urls' values, as typed
    documentation: str | None = None  # the project_urls entry labelled Documentation or Docs, as typed
    latest_version: str | None = None
    latest_release: datetime | None = None
    last_upload: datetime | None = None  # newest file of any release, pre-releases included: activity
    yanked: list[str] = field(default_factory=list)  # yanked versions
    latest_yanked: bool = False
    inactive: bool = False  # "Development Status :: 7 - Inactive"
    frameworks: list[str] | None = None  # "asyncio", "trio", "anyio" from `Framework ::` classifiers
    python_versions: list[str] | None = None  # "3.X" from `Programming Language :: Python :: 3.X`
    requires_python: str | None = None  # `info.requires_python`, as PyPI has it
    error: str | None = None


@dataclass
class LinkResult:
    """One web link after HEAD/GET, redirects and retries."""

    url: str
    status: str  # ok, moved, dead or unknown
    http_status: int | None = None
    moved_to: str | None = None
    reason: str | None = None
    connect_failure: bool = False  # could not reach the host at all: counts towards history
