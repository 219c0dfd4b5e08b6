"""From what the sources learned to an entry's verdict: status, human-readable reasons, moved_to.

Every rule adds the status it supports and a reason; the entry's status is the worst of them
(dead > archived > stale > moved > unknown > ok, see tools.results.Status). A source that could
not answer never counts against a project: it adds `unknown`, and staleness is only judged when
every source that could show activity answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tools.checker.facts import LinkResult, PypiFacts, RepoFacts
from tools.results import Figures, Status
from tools.timestamps import aware


@dataclass
class Verdict:
    status: Status
    reasons: list[str] = field(default_factory=list)
    moved_to: str | None = None
    notes: list[str] = field(default_factory=list)  # worth a maintainer's look, but no status


def classify(
    *,
    repo: RepoFacts | None,
    pypi: PypiFacts | None,
    link: LinkResult | None,
    now: datetime,
    stale_after_days: int,
) -> Verdict:
    """`repo` when the entry's url is a GitHub repository, else `link` for its url; `pypi` when it has one."""
    found: list[tuple[Status, str]] = []  # (status, reason)
    moved_to: str | None = None
    notes: list[str] = []

    if repo is not None:
        _judge_repo(repo, found)
        if repo.found and not repo.error and repo.moved:
            moved_to = f"https://github.com/{repo.full_name}"
    if link is not None and link.status != "ok":
        found.append((Status(link.status), link.reason or ""))
        if link.status == Status.MOVED:
            moved_to = link.moved_to
    if pypi is not None:
        _judge_pypi(pypi, found, notes)
    stale = _stale_reason(repo, pypi, now, stale_after_days)
    if stale:
        found.append((Status.STALE, stale))
    if not found:
        return Verdict(Status.OK, [], moved_to, notes)

    status = Status.worst(s for s, _ in found)
    # Reasons in order of precedence, the one that decided the status first.
    reasons = [r for s, r in sorted(found, key=lambda f: f[0].precedence) if r]
    # moved_to is kept even when a worse status wins (archived and moved): it is still the fix.
    return Verdict(status, list(dict.fromkeys(reasons)), moved_to, notes)


def _judge_repo(repo: RepoFacts, found: list[tuple[Status, str]]) -> None:
    if repo.found is False:
        found.append((Status.DEAD, "GitHub cannot find the repository (deleted, or made private)"))
    elif repo.found is None or repo.error:
        error = repo.error or "no answer"
        found.append((Status.UNKNOWN, error if error.startswith("GitHub") else f"GitHub: {error}"))
    else:
        if repo.disabled:
            found.append((Status.DEAD, "disabled on GitHub"))
        if repo.archived:
            found.append((Status.ARCHIVED, "archived on GitHub"))
        if repo.moved:
            found.append((Status.MOVED, f"GitHub answers as {repo.full_name}"))


def _judge_pypi(pypi: PypiFacts, found: list[tuple[Status, str]], notes: list[str]) -> None:
    if pypi.error:
        found.append((Status.UNKNOWN, pypi.error if pypi.error.startswith("PyPI") else f"PyPI: {pypi.error}"))
        return
    if pypi.found is False:
        found.append((Status.UNKNOWN, f"PyPI has no project named {pypi.name!r}: fix or remove `pypi:`"))
        return
    if pypi.inactive:
        found.append((Status.STALE, "PyPI marks it Inactive"))
    if pypi.latest_yanked and pypi.latest_version:
        notes.append(f"latest release {pypi.latest_version} is yanked")


def _stale_reason(repo: RepoFacts | None, pypi: PypiFacts | None, now: datetime, days: int) -> str | None:
    """No commit on the default branch and no PyPI release within `days`; None when it cannot be told."""
    repo_known = repo is not None and repo.found is True and not repo.error
    pypi_known = pypi is not None and pypi.found is True and not pypi.error
    if (repo is not None and not repo_known) or (pypi is not None and not pypi_known) or not (repo_known or pypi_known):
        return None
    # Any upload is a release (a pre-release newer than the latest stable one included).
    releases = (pypi.latest_release, pypi.last_upload) if pypi else ()
    dates = [d for d in (repo.last_commit if repo else None, *releases) if d]
    if not dates:
        return None  # no dates at all is no evidence of inactivity
    idle = (now - max(aware(d) for d in dates)).days
    if idle <= days:
        return None
    what = "no commit on the default branch" if repo_known else "no release on PyPI"
    if repo_known and pypi_known:
        what += " and no PyPI release"
    return f"{what} for {idle} days"


def figures(repo: RepoFacts | None, pypi: PypiFacts | None) -> Figures:
    """The numbers shown for an entry; None wherever this run did not learn them."""
    return Figures.model_validate(known_figures(repo, pypi))


def known_figures(repo: RepoFacts | None, pypi: PypiFacts | None) -> dict[str, object]:
    """The figures this run learned, as the sources gave them (`figures` reads them into a Figures)."""
    repo = repo if repo is not None and repo.found and not repo.error else None
    pypi = pypi if pypi is not None and pypi.found and not pypi.error else None
    release = pypi.latest_release if pypi and pypi.latest_release else (repo.latest_release if repo else None)
    version = pypi.latest_version if pypi and pypi.latest_version else (repo.latest_release_tag if repo else None)
    known: dict[str, object] = {"latest_release": release, "latest_version": version}
    if repo is not None:
        known |= {
            "stars": repo.stars,
            "forks": repo.forks,
            "open_issues": repo.open_issues,
            "contributors": repo.contributors,
            "license": repo.license,
            "last_commit": repo.last_commit,
            "archived": repo.archived,
        }
    if pypi is not None:
        known |= {
            "frameworks": pypi.frameworks,
            "python_versions": pypi.python_versions,
            "requires_python": pypi.requires_python,
        }
    return known
