"""From what the sources learned to the run's results: each entry judged, the report, the next status.json.

Entries the run did not get to are `unknown` with the reason it stopped; status.json keeps their
last record. A source that could not answer leaves the last known figures in status.json, while
the report shows this run's (null where it learned nothing).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from tools.catalog import Catalog, Entry
from tools.catalog.urls import github_repo
from tools.checker import history
from tools.checker.classify import classify, known_figures
from tools.checker.collect import Findings
from tools.checker.facts import LinkResult, PypiFacts, RepoFacts
from tools.checker.github._common import key_of
from tools.checker.settings import Settings
from tools.checker.trends import update_trends
from tools.paths import display_path
from tools.results import (
    EntryResult,
    LinkCheck,
    LinkHistory,
    RunReport,
    SourceReach,
    Status,
    StatusFile,
    read_figures,
    read_timestamp,
)


@dataclass
class Judged:
    result: EntryResult
    fetched: bool  # every source that was asked about the entry answered
    checked: bool  # the run got to every question about the entry


def assemble(
    catalog: Catalog,
    entries: list[Entry],
    found: Findings,
    previous: StatusFile,
    settings: Settings,
    now: datetime,
    *,
    partial_selection: bool,
) -> tuple[RunReport, StatusFile]:
    """The run's report (of `entries`) and the next status file (of the whole catalog)."""
    in_catalog = {u for e in catalog.entries for u in (e.url, e.docs) if u}
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    link_history = history.update_history(previous.history, found.links, in_catalog, stamp)
    checked_at = read_timestamp(now)
    files = {path: display_path(path) for path in {e.file for e in entries}}  # a few files, many entries

    results: list[EntryResult] = []
    records: dict[str, EntryResult] = {}
    learned: dict[str, EntryResult] = {}
    for entry in entries:
        judged = judge(entry, files[entry.file], found, link_history, settings, now, checked_at)
        results.append(judged.result)
        if judged.checked and judged.fetched:
            learned[entry.id] = judged.result
        old = previous.entries.get(entry.id)
        if not judged.checked and old is not None:
            records[entry.id] = old  # not checked this run: keep what was known
        else:
            # The report's entry is the record itself (its JSON leaves `checked_at` out): one model
            # per entry rather than two, ~2 KB each at 10,000 entries.
            records[entry.id] = history.merge_figures(judged.result, old, judged.fetched)

    # Built without a validation pass: every value above is already of its field's type.
    report = RunReport.model_construct(
        checked_at=checked_at,
        complete=found.stopped is None,
        summary=RunReport.count(results),
        requests=found.requests,
        entries=results,
        sources=reachability(found),
    )
    # status.json covers the whole catalog: entries not checked this time keep their last record.
    kept_records = {
        e.id: record for e in catalog.entries if (record := records.get(e.id) or previous.entries.get(e.id)) is not None
    }
    status = StatusFile.model_construct(
        checked_at=checked_at,
        complete=found.stopped is None and not partial_selection,
        summary=RunReport.count(kept_records.values()),
        entries=kept_records,
        history=link_history,
        trends=update_trends(previous.trends, learned, {e.id for e in catalog.entries}, now.date()),
    )
    return report, status


def judge(
    entry: Entry,
    file: str,
    found: Findings,
    link_history: dict[str, LinkHistory],
    settings: Settings,
    now: datetime,
    checked_at: datetime | None,
) -> Judged:
    """The entry's result, whether every source answered it, and whether it was checked at all.

    `file` is the entry's file as the user types it; `checked_at` is `now` as a Timestamp.
    """
    checked = True
    missing = found.stopped or "not checked"
    repo = pypi = link = None
    # Parsed once, when the run decided what to ask (an entry left out by --only is parsed here).
    gh = found.asked.on_github[entry.url] if entry.url in found.asked.on_github else github_repo(entry.url)
    if gh is not None:
        repo = found.repos.get(key_of(*gh))
        if repo is None:
            checked = False
            repo = RepoFacts(gh[0], gh[1], error=found.source_errors.get("GitHub") or missing)
    if entry.pypi:
        pypi = found.projects.get(entry.pypi)
        if pypi is None:
            checked = False
            pypi = PypiFacts(entry.pypi, error=found.source_errors.get("PyPI") or missing)

    def link_of(url: str) -> LinkResult:
        nonlocal checked
        if url not in found.links:
            checked = False
            return LinkResult(url, "unknown", reason=missing)
        return history.escalate(
            found.links[url], link_history.get(url), now=now, dead_after_days=settings.dead_after_days
        )

    if gh is None:
        link = link_of(entry.url)
    docs = link_of(entry.docs) if entry.docs else None
    verdict = classify(repo=repo, pypi=pypi, link=link, now=now, stale_after_days=settings.stale_after_days)
    result = EntryResult.of(
        id=entry.id,
        name=entry.name,
        category=entry.category,
        url=entry.url,
        status=verdict.status,
        reasons=verdict.reasons,
        moved_to=verdict.moved_to or None,
        **read_figures(known_figures(repo, pypi)),
        links=[_link_check(docs)] if docs else [],
        checked_at=checked_at,  # status.json's record of when these figures were learned
        http_status=link.http_status if link else None,
        notes=verdict.notes,
        file=file,
        line=entry.line,
    )
    fetched = not (repo and repo.error) and not (pypi and pypi.error)
    return Judged(result, fetched, checked)


def _link_check(result: LinkResult) -> LinkCheck:
    return LinkCheck(
        url=result.url,
        status=Status(result.status),
        http_status=result.http_status,
        moved_to=result.moved_to,
        reason=result.reason,
    )


def reachability(found: Findings) -> dict[str, SourceReach]:
    """Per source: could the run reach it at all? A source that answered nothing it was asked could not.

    The web counts as unreachable only when links on more than one host were tried and none
    answered over HTTP: one host down is that host's problem, not the runner's.
    """
    repos = [found.repos[key] for key in found.asked.repos if key in found.repos]
    projects = [found.projects[name] for name in found.asked.projects if name in found.projects]
    links = [found.links[url] for url in found.asked.urls if url in found.links]
    web_errors = [None if link.http_status is not None else (link.reason or "no answer") for link in links]
    # Hosts are counted only when they matter, when nothing answered: that parses every URL.
    answered = None in web_errors
    return {
        "github": _reach(
            len(found.asked.repos),
            [r.error for r in repos],
            found.source_errors.get("GitHub") or found.stopped,
        ),
        "pypi": _reach(
            len(found.asked.projects),
            [p.error for p in projects],
            found.source_errors.get("PyPI") or found.stopped,
        ),
        "web": _reach(
            len(found.asked.urls),
            web_errors,
            found.stopped,
            judged=answered or not links or history.several_hosts(link.url for link in links),
        ),
    }


def _reach(asked: int, errors: list[str | None], stopped: str | None, *, judged: bool = True) -> SourceReach:
    """`errors`: per answer received, None when it was a real answer."""
    if not asked:
        return SourceReach()
    if any(error is None for error in errors):
        return SourceReach(asked=asked, reachable=True)
    common = Counter(e for e in errors if e).most_common(1)
    reason = common[0][0] if common else stopped or "no answer"
    if not judged:
        return SourceReach(asked=asked, reason=f"cannot tell: every link is on one host, which failed ({reason})")
    return SourceReach(asked=asked, reachable=False, reason=reason)
