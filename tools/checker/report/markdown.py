"""The Markdown report: the body of the scheduled health issue (and the Actions job summary).

A summary table, then one section per flagged status in the order a maintainer should act on them,
links that are not ok and notes, and what changed since the previous run (from the previous
status.json). Entries whose site presents a bad certificate are `unknown`, but unlike other
unknowns they will not sort themselves out: they are listed apart, as certificate warnings,
before the folded unknowns (issue 9). Entries that share a reason are listed under it once, so a source being down makes
one line, not a hundred. The whole stays under `LIMIT` characters however large the catalog
(GitHub refuses issue bodies over 65,536): the summary and the changes are always there, and
what does not fit is counted and left to the JSON report.
"""

from __future__ import annotations

from collections.abc import Iterable

from tools.checker.certificates import CERTIFICATE_PROBLEM
from tools.escaping import md, md_code, md_link, md_url
from tools.results import EntryResult, RunReport, Status, StatusFile

LIMIT = 60_000  # characters: GitHub's 65,536 less room for the footer the health issue adds
GROUP_FROM = 3  # entries sharing a reason or a change are listed on one line from this many
GROUP_LIMIT = 8_000  # characters of names listed under one shared reason
CHANGES_SHARE = 4  # the changes since the last run may take at most a quarter of it
SOURCE_NAMES = {"github": "GitHub", "pypi": "PyPI", "web": "the web"}
# What to do with a section's entries, said once above them (a moved entry's own fix is its new URL).
FIXES = {
    Status.DEAD: "remove the entry, or point `url` at the project's new home.",
    Status.MOVED: "write the new address into the entry's `url`.",
    Status.ARCHIVED: "remove the entry, or say in its description that it is archived, unless it is still the best "
    "choice.",
    Status.STALE: "check whether it is still maintained; remove it if not.",
    Status.UNKNOWN: "nothing yet: these could not be checked this time and will be checked again on the next run "
    "(a link that stays unreachable on three runs spanning at least 14 days becomes dead).",
}
CERTIFICATE_FIX = (
    "the site presents a certificate that fails verification (browsers warn too): tell the project, or point "
    "`url` at an address that works."
)
# Sections folded away in the issue: long when a whole service was unreachable, and not actionable.
FOLDED = frozenset({Status.UNKNOWN})


class _Budget:
    """Lines added while they fit in the characters left; the rest are counted."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.left_out = 0

    def add(self, lines: list[str], new: Iterable[str], reserve: int = 0) -> None:
        for line in new:
            if self.left_out or len(line) + 1 > self.room - reserve:
                self.left_out += 1
                continue
            lines.append(line)
            self.room -= len(line) + 1


def render(
    report: RunReport,
    previous: StatusFile | None = None,
    catalog_ids: set[str] | None = None,
    *,
    code_url: str | None = None,
    limit: int = LIMIT,
) -> str:
    """`catalog_ids`, every id in the catalog: an entry left out by `--only` is not "removed".

    `code_url` (`https://github.com/OWNER/REPO/blob/SHA`) makes each `file:line` a link to that line.
    """
    entries = report.entries
    checked_at = report.checked_at.strftime("%Y-%m-%d %H:%M UTC") if report.checked_at else "an unknown time"
    lines = [f"# Catalog health, {checked_at[:10]}", "", f"Checked {len(entries)} entries at {checked_at}."]
    if not report.complete:
        lines += [
            "",
            "**This run did not finish** (deadline or interruption): entries it could not check are listed as unknown.",
        ]
    unreachable = report.unreachable()
    if unreachable:
        said = "; ".join(f"{SOURCE_NAMES.get(name, name)} ({md(why)})" for name, why in unreachable.items())
        lines += [
            "",
            f"**This run could not reach {said}**: entries that depend on it are unknown this time, "
            "and status.json keeps their last known figures.",
        ]
    lines += ["", "| Status | Entries |", "|---|---:|"]
    lines += [f"| {status} | {report.summary.get(status, 0)} |" for status in Status]
    known = catalog_ids if catalog_ids is not None else {entry.id for entry in entries}
    changes = _changes_section(entries, previous, known, limit // CHANGES_SHARE)
    budget = _Budget(limit - sum(len(line) + 1 for line in lines + changes) - 200)

    by_status: dict[Status, list[EntryResult]] = {status: [] for status in Status}
    for entry in entries:
        by_status[entry.status].append(entry)
    certificates = [e for e in by_status[Status.UNKNOWN] if _certificate_problem(e)]
    apart = {e.id for e in certificates}
    for status in Status.in_report_order():
        flagged = [e for e in by_status[status] if e.id not in apart]
        if status is Status.UNKNOWN and certificates:
            heading = [
                "",
                f"## Certificate warnings ({len(certificates)})",
                "",
                f"Suggested fix: {CERTIFICATE_FIX}",
                "",
            ]
            budget.add(lines, heading)
            budget.add(lines, _grouped(certificates, code_url))
        if not flagged or status is Status.OK:
            continue
        heading = ["", f"## {status.label} ({len(flagged)})", "", f"Suggested fix: {FIXES[status]}", ""]
        folded = status in FOLDED
        closing = ["", "</details>"] if folded else []
        budget.add(
            lines, heading + (["<details><summary>The entries and their reasons</summary>", ""] if folded else [])
        )
        if budget.left_out:
            budget.left_out += len(flagged)
            break
        budget.add(lines, _grouped(flagged, code_url), reserve=sum(len(c) + 1 for c in closing))
        lines += closing
    links = _links_section(entries, code_url)
    if links:
        budget.add(lines, ["", "## Other links and notes", "", *links])
    if budget.left_out:
        lines += ["", f"*{budget.left_out} more lines do not fit in an issue: the JSON report has every entry.*"]
    lines += changes
    return "\n".join(lines) + "\n"


def _certificate_problem(entry: EntryResult) -> bool:
    return any(reason.startswith(CERTIFICATE_PROBLEM) for reason in entry.reasons)


def _where(entry: EntryResult, code_url: str | None) -> str:
    where = md_code(f"{entry.file or entry.category}:{entry.line}")
    if code_url and entry.file and not entry.file.startswith(("/", "..")):
        return f"[{where}]({md_url(f'{code_url}/{entry.file}')}#L{entry.line})"
    return where


def _reasons(entry: EntryResult) -> str:
    return "; ".join(md(r) for r in entry.reasons) or "no reason recorded"


def _grouped(entries: list[EntryResult], code_url: str | None) -> list[str]:
    """One line per entry, but entries sharing their reasons (and no fix of their own) share a line."""
    groups: dict[tuple[str, ...], list[EntryResult]] = {}
    for entry in entries:
        key = (entry.id,) if entry.moved_to else ("", *entry.reasons)
        groups.setdefault(key, []).append(entry)
    items = []
    for group in groups.values():
        if len(group) < GROUP_FROM:
            items += [_item(entry, code_url) for entry in group]
            continue
        names = [f"**{md_link(e.name, e.url)}** ({_where(e, code_url)})" for e in group]
        items.append(f"- {_reasons(group[0])}: {len(group)} entries: {_some(names, GROUP_LIMIT)}.")
    return items


def _some(names: list[str], room: int) -> str:
    """As many of the names as fit in `room` characters, and how many more there are."""
    listed: list[str] = []
    budget = _Budget(room)
    budget.add(listed, names)
    return ", ".join(listed) + (f", and {budget.left_out} more" if budget.left_out else "")


def _item(entry: EntryResult, code_url: str | None) -> str:
    item = f"- **{md_link(entry.name, entry.url)}** ({_where(entry, code_url)}): {_reasons(entry)}."
    if entry.moved_to:
        fix = md_code(f"url: {entry.moved_to}")
        item += f" Suggested fix: {fix} in {_where(entry, code_url)}."
    return item


def _links_section(entries: list[EntryResult], code_url: str | None) -> list[str]:
    items = []
    for entry in entries:
        for link in entry.links:
            if link.status is not Status.OK:
                detail = md(link.reason or link.status)
                fix = f" Suggested fix: {md_code('docs: ' + link.moved_to)}." if link.moved_to else ""
                items.append(
                    f"- **{md(entry.name)}** ({_where(entry, code_url)}): {md_link(link.url, link.url)} is "
                    f"{link.status}: {detail}.{fix}"
                )
        for note in entry.notes:
            items.append(f"- **{md(entry.name)}** ({_where(entry, code_url)}): {md(note)}.")
    return items


def _changes_section(entries: list[EntryResult], previous: StatusFile | None, known: set[str], room: int) -> list[str]:
    """What changed since the previous run; the same change of many entries is one line."""
    if not previous or not previous.checked_at:
        return ["", "## Changes since the last run", "", "This is the first run: nothing to compare with."]
    before = previous.entries
    changed: dict[str, list[str]] = {}
    for entry in entries:
        old = before.get(entry.id)
        if old is None:
            changed.setdefault(f"new in the catalog, {entry.status}", []).append(entry.name)
        elif old.status != entry.status:
            changed.setdefault(f"{old.status} → {entry.status}", []).append(entry.name)
    for entry_id, old in before.items():
        if entry_id not in known:
            changed.setdefault("removed from the catalog", []).append(old.name or entry_id)
    items = []
    for change, names in changed.items():
        if len(names) < GROUP_FROM:
            items += [f"- **{md(name)}**: {change}." for name in names]
        else:
            shown = _some([f"**{md(name)}**" for name in names], min(GROUP_LIMIT, room // 2))
            items.append(f"- {change} ({len(names)}): {shown}.")
    since = previous.checked_at.strftime("%Y-%m-%d")
    lines = ["", f"## Changes since the last run ({since})", ""]
    budget = _Budget(room - sum(len(line) + 1 for line in lines) - 100)
    budget.add(lines, items or ["Nothing changed."])
    if budget.left_out:
        lines.append(f"- and {budget.left_out} more changes: the JSON report has every entry's status.")
    return lines
