"""The new-entries review: each added or changed entry's figures against the inclusion criteria.

The workflow appends this Markdown to the job summary, so a maintainer judges an entry without
leaving the pull request. Figures come from the checker's JSON report (and the status file the same
run wrote, which also carries contributors and licence); a figure nobody could learn is shown as
unknown, never guessed. Everything from the pull request is escaped: it is untrusted text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tools.catalog.urls import is_web_url
from tools.escaping import md_inline as md
from tools.escaping import md_url
from tools.results import EntryResult, RunReport, Status, StatusFile

ACTIVE_WITHIN = timedelta(days=365)
YES, NO, UNSURE = "✅", "❌", "❓"

CRITERIA = (
    ("active", "activity within the last year (a commit on the default branch or a release)"),
    ("licence", "a licence"),
    ("people", "more than one contributor, or a clear reason in the pull request why not"),
    ("alive", "not archived, and its home answers"),
)


def _link(name: str, url: str) -> str:
    if not is_web_url(url):  # text from the pull request that is no web address is shown as text
        return md(name)
    return f"[{md(name)}]({md_url(url)})"


@dataclass(frozen=True)
class Verdict:
    mark: str
    text: str


def _date(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "unknown"


def judge(record: EntryResult, now: datetime) -> dict[str, Verdict]:
    """Each criterion's verdict for one entry's figures."""
    verdicts: dict[str, Verdict] = {}
    moments = [m for m in (record.last_commit, record.latest_release) if m]
    if moments:
        latest = max(moments)
        days = (now - latest).days
        verdicts["active"] = Verdict(YES if now - latest <= ACTIVE_WITHIN else NO, f"{days} days ago")
    else:
        verdicts["active"] = Verdict(UNSURE, "unknown")

    licence = record.license
    github_known = record.stars is not None  # the repository's figures were fetched
    if licence and licence.upper() not in ("NOASSERTION", "NONE", "OTHER"):
        verdicts["licence"] = Verdict(YES, md(licence))
    elif licence:
        verdicts["licence"] = Verdict(UNSURE, "not recognised; read it")
    else:
        verdicts["licence"] = Verdict(NO if github_known else UNSURE, "none found" if github_known else "unknown")

    people = record.contributors
    if people is not None:
        verdicts["people"] = Verdict(YES if people > 1 else NO, str(people))
    else:
        verdicts["people"] = Verdict(UNSURE, "unknown")

    archived, status = record.archived, record.status
    if archived is True or status is Status.ARCHIVED:
        verdicts["alive"] = Verdict(NO, "archived")
    elif status is Status.DEAD:
        verdicts["alive"] = Verdict(NO, "dead link")
    elif archived is False:
        verdicts["alive"] = Verdict(YES, "no")
    else:
        verdicts["alive"] = Verdict(UNSURE, "unknown")
    return verdicts


def _stars(value: int | None) -> str:
    return f"{value:,}" if value is not None else "unknown"


def _line(value: Any) -> int:
    return value if isinstance(value, int) else 0


def render_summary(
    changes: Sequence[Mapping[str, Any]],
    report: RunReport | None,
    status: StatusFile | None = None,
    now: datetime | None = None,
    unreadable: Sequence[Mapping[str, Any]] = (),
) -> str:
    """The job summary's Markdown for the changed entries (as `awesome changed-entries --json` wrote them).

    An entry's figures are the report's, with those it could not learn taken from the status file.
    """
    records = dict(status.entries) if status else {}
    for result in report.entries if report else []:
        records[result.id] = result.with_figures_of(records.get(result.id))
    when = now or (report.checked_at if report else None) or datetime.now(UTC)

    lines = ["## New and changed entries", ""]
    if unreadable:
        lines.append(
            f"{NO} These changed files could not be read, so their entries are neither listed nor checked; "
            "the CI run's validation annotates the error:"
        )
        lines.append("")
        lines += [f"- {md(u.get('file', ''))}:{_line(u.get('line'))}: {md(u.get('message', ''))}" for u in unreadable]
        lines.append("")
    if not changes:
        lines.append(
            "No other catalog entries are added or changed."
            if unreadable
            else "This pull request adds or changes no catalog entries."
        )
        return "\n".join(lines) + "\n"
    lines += [
        f"Checked {when.date().isoformat()}. {YES} meets the criterion, {NO} does not, "
        f"{UNSURE} could not tell: look yourself.",
        "",
        "| Entry | Change | Status | Stars | Last commit | Latest release | Active | Contributors | Licence | Archived |",
        "| --- | --- | --- | ---: | --- | --- | --- | ---: | --- | --- |",
    ]
    notes: list[str] = []
    for change in changes:
        entry_id = str(change.get("id"))
        name, url = str(change.get("name", entry_id)), str(change.get("url", ""))
        kind = md(change.get("kind", "added"))
        if change.get("previous_name"):
            kind = f"renamed from {md(change['previous_name'])}"
        where = f"{md(change.get('file', ''))}:{_line(change.get('line'))}"
        record = records.get(entry_id)
        if record is None:
            lines.append(f"| {_link(name, url)} | {kind} | not checked | | | | | | | |")
            notes.append(f"- {md(name)} ({where}): the checker did not report on it; see the job log.")
            continue
        status_text = md(record.status)
        if str(change.get("entry_kind", "library")) != "library":
            lines.append(f"| {_link(name, url)} | {kind} | {status_text} | | | | | | | |")
            notes.append(
                f"- {md(name)} ({where}) is a {md(change.get('entry_kind'))}: "
                "the project criteria do not apply; check that it is worth the reader's time."
            )
        else:
            v = judge(record, when)
            lines.append(
                f"| {_link(name, url)} | {kind} | {status_text} | {_stars(record.stars)} "
                f"| {_date(record.last_commit)} | {_date(record.latest_release)} "
                f"| {v['active'].mark} {v['active'].text} "
                f"| {v['people'].mark} {v['people'].text} | {v['licence'].mark} {v['licence'].text} "
                f"| {v['alive'].mark} {v['alive'].text} |"
            )
            failing = [text for key, text in CRITERIA if v[key].mark == NO]
            if failing:
                notes.append(f"- {md(name)} ({where}) does not meet: " + "; ".join(failing) + ".")
        for reason in record.reasons:
            notes.append(f"- {md(name)}: {md(reason)}")
        if record.moved_to:
            notes.append(f"- {md(name)} has moved to {md(record.moved_to)}: use the new address.")

    lines += ["", "### Inclusion criteria", ""]
    lines += [f"- {text}" for _key, text in CRITERIA]
    lines += ["", "See CONTRIBUTING.md for the full criteria and what does not belong."]
    if notes:
        lines += ["", "### For the reviewer", "", *notes]
    return "\n".join(lines) + "\n"
