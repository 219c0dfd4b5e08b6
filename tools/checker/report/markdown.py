"""The Markdown report: the body of the scheduled health issue (and the Actions job summary).

A summary table, then one section per flagged status with each entry's reasons and a suggested
fix pointing at its catalog file and line, links that are not ok, notes, and what changed since
the previous run (from the previous status.json).
"""

from __future__ import annotations

from typing import Any

from tools.checker.report.escape import md, md_code, md_link
from tools.status import STATUSES, StatusFile

TITLES = {
    "dead": "Dead",
    "archived": "Archived",
    "stale": "Stale",
    "moved": "Moved",
    "unknown": "Unknown",
}
# Sections in the order a maintainer should act on them.
SECTION_ORDER = ("dead", "moved", "archived", "stale", "unknown")
# What to do with a section's entries, said once above them (a moved entry's own fix is its new URL).
FIXES = {
    "dead": "remove the entry, or point `url` at the project's new home.",
    "moved": "write the new address into the entry's `url`.",
    "archived": "remove the entry, or say in its description that it is archived, unless it is still the best choice.",
    "stale": "check whether it is still maintained; remove it if not.",
    "unknown": "nothing yet: these could not be checked this time and will be checked again on the next run "
    "(a link that stays unreachable for three runs becomes dead).",
}
# Sections folded away in the issue: long when a whole service was unreachable, and not actionable.
FOLDED = frozenset({"unknown"})


def render(report: dict[str, Any], previous: StatusFile | None = None, catalog_ids: set[str] | None = None) -> str:
    """`catalog_ids`, every id in the catalog: an entry left out by `--only` is not "removed"."""
    entries: list[dict[str, Any]] = report["entries"]
    lines = [f"# Catalog health, {report['checked_at'][:10]}", ""]
    lines.append(f"Checked {len(entries)} entries at {report['checked_at'].replace('T', ' ').replace('Z', ' UTC')}.")
    if not report.get("complete", True):
        lines.append("")
        lines.append(
            "**This run did not finish** (deadline or interruption): entries it could not check are listed as unknown."
        )
    lines += ["", "| Status | Entries |", "|---|---:|"]
    lines += [f"| {status} | {report['summary'].get(status, 0)} |" for status in STATUSES]
    for status in SECTION_ORDER:
        flagged = [e for e in entries if e["status"] == status]
        if not flagged:
            continue
        lines += ["", f"## {TITLES[status]} ({len(flagged)})", "", f"Suggested fix: {FIXES[status]}", ""]
        items = [_item(entry) for entry in flagged]
        if status in FOLDED:
            items = ["<details><summary>The entries and their reasons</summary>", "", *items, "", "</details>"]
        lines += items
    lines += _links_section(entries)
    known = catalog_ids if catalog_ids is not None else {entry["id"] for entry in entries}
    lines += _changes_section(entries, previous, known)
    return "\n".join(lines) + "\n"


def _where(entry: dict[str, Any]) -> str:
    return md_code(f"{entry.get('file', entry['category'])}:{entry.get('line', 1)}")


def _item(entry: dict[str, Any]) -> str:
    reasons = "; ".join(md(r) for r in entry["reasons"]) or "no reason recorded"
    item = f"- **{md_link(entry['name'], entry['url'])}** ({_where(entry)}): {reasons}."
    if entry.get("moved_to"):
        fix = md_code(f"url: {entry['moved_to']}")
        item += f" Suggested fix: {fix} in {_where(entry)}."
    return item


def _links_section(entries: list[dict[str, Any]]) -> list[str]:
    items = []
    for entry in entries:
        for link in entry.get("links", []):
            if link["status"] != "ok":
                detail = md(link.get("reason") or link["status"])
                fix = f" Suggested fix: {md_code('docs: ' + link['moved_to'])}." if link.get("moved_to") else ""
                items.append(
                    f"- **{md(entry['name'])}** ({_where(entry)}): {md_link(link['url'], link['url'])} is "
                    f"{link['status']}: {detail}.{fix}"
                )
        for note in entry.get("notes", []):
            items.append(f"- **{md(entry['name'])}** ({_where(entry)}): {md(note)}.")
    return ["", "## Other links and notes", "", *items] if items else []


def _changes_section(entries: list[dict[str, Any]], previous: StatusFile | None, known: set[str]) -> list[str]:
    if not previous or not previous.get("checked_at"):
        return ["", "## Changes since the last run", "", "This is the first run: nothing to compare with."]
    before = previous.get("entries", {})
    items = []
    for entry in entries:
        old = before.get(entry["id"])
        if old is None:
            items.append(f"- **{md(entry['name'])}**: new in the catalog, {entry['status']}.")
        elif old.get("status") != entry["status"]:
            # The previous status comes from a file in the repository: data, escaped like the catalog.
            items.append(f"- **{md(entry['name'])}**: {md(str(old.get('status')))} → {entry['status']}.")
    items += [
        f"- **{md(old.get('name', entry_id))}**: removed from the catalog."
        for entry_id, old in before.items()
        if entry_id not in known
    ]
    since = str(previous["checked_at"])[:10]
    return ["", f"## Changes since the last run ({since})", "", *(items or ["Nothing changed."])]
