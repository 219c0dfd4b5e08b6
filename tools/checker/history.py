"""status.json's memory across runs: failure streaks per URL, and the last known figures per entry.

Rules (the module docstring of tools.status has the file's shape):

- A link that could not be reached (refused, DNS, reset, timeout, a plain persistent 5xx) adds one
  to its URL's streak of failed runs. It is `dead` once the streak has at least
  DEAD_AFTER_FAILED_RUNS (3) runs *and* spans at least `dead_after_days` (14, a setting) from its
  first failure: a maintainer re-running the check during a short outage makes runs, not time.
  The reason says since when; a streak whose start cannot be read (a hand edit) starts its clock
  again. Anything the server answered (ok, moved, a bot wall, a certificate problem, 403, 429, ...)
  ends the streak; a 404/410 or GitHub's "not found" is dead at once and needs no streak. A URL
  appearing in several entries counts once per run.
- Only failures of the links themselves count. GitHub's or PyPI's API being unreachable says
  nothing about a project, so it never builds a streak.
- A run in which not a single link could be reached (and more than one host was tried) says the
  checker is offline, not that the web died: it leaves every streak as it was.
- URLs this run did not check (deadline, `--only`) keep their streaks; URLs no longer in the
  catalog are forgotten.
- Figures: when a source could not answer, status.json keeps the figures it last learned, with
  the `checked_at` of when they were learned; the run's own report shows null for them
  (unknown numbers are never guessed). The entry's status is still this run's (e.g. `unknown`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import cast

from tools.catalog.urls import hostname
from tools.checker.facts import LinkResult
from tools.results import EntryResult, LinkHistory
from tools.status import DEAD_AFTER_FAILED_RUNS
from tools.timestamps import aware, parse_time


def offline(results: dict[str, LinkResult]) -> bool:
    """True when no link of this run reached its host and links on more than one host were tried."""
    return all(r.connect_failure for r in results.values()) and several_hosts(results)


def several_hosts(urls: Iterable[str]) -> bool:
    """Whether the URLs are on more than one host; stops at the second host."""
    hosts = set()
    for url in urls:
        hosts.add(hostname(url))
        if len(hosts) > 1:
            return True
    return False


def update_history(
    previous: dict[str, LinkHistory],
    results: dict[str, LinkResult],
    keep: set[str],
    now: str,
) -> dict[str, LinkHistory]:
    """The new history: streaks advanced by this run's results, others kept if their URL is in `keep`."""
    history = {url: record.copy() for url, record in previous.items() if url in keep or url in results}
    if offline(results):
        return history
    for url, result in results.items():
        record = history.setdefault(url, LinkHistory(failures=0, first_failure=None, last_ok=None))
        if result.connect_failure:
            if not record.get("failures") or parse_time(record.get("first_failure")) is None:
                record["first_failure"] = now  # a new streak, or one whose start cannot be read (a hand edit)
            record["failures"] = int(record.get("failures") or 0) + 1
        else:
            record["failures"] = 0
            record["first_failure"] = None
            if result.status in ("ok", "moved"):
                record["last_ok"] = now
        history[url] = _in_file_order(record)
    # By address: status.json is committed, and answers arrive in a different order on every run.
    return dict(sorted(history.items()))


_FIELDS = tuple(LinkHistory.__annotations__)  # failures, first_failure, last_ok: the file's order


def _in_file_order(record: LinkHistory) -> LinkHistory:
    """The record's keys in status.json's order (its fields, then any others), as loading the file gives them.

    status.json is written without validating it again (tools.checker.assemble), so a record a
    person edited with keys missing or moved would otherwise be written in the order the keys were
    added here, and rewritten once more by the next run.
    """
    keys = cast(dict[str, object], record)
    ordered = {key: keys[key] for key in _FIELDS if key in keys}
    return cast(LinkHistory, {**ordered, **keys})


def escalate(result: LinkResult, record: LinkHistory | None, *, now: datetime, dead_after_days: int) -> LinkResult:
    """The link's verdict given its streak (this run included in `record`): dead after enough runs and days.

    `now` is this run's time; a streak without a readable start is never old enough.
    """
    failures = int((record or {}).get("failures") or 0)
    if not result.connect_failure or failures < DEAD_AFTER_FAILED_RUNS:
        return result
    first = parse_time((record or {}).get("first_failure"))
    if first is None or (aware(now) - aware(first)).total_seconds() < dead_after_days * 86400:
        return result
    since = first.strftime("%Y-%m-%d")
    return replace(
        result, status="dead", reason=f"unreachable on {failures} runs in a row since {since} ({result.reason})"
    )


def merge_figures(new: EntryResult, old: EntryResult | None, fetched: bool) -> EntryResult:
    """The record to store: this run's figures where it learned them, the last known ones elsewhere."""
    if old is None or fetched:
        return new
    return new.with_figures_of(old).model_copy(update={"checked_at": old.checked_at})
