"""The one `catalog-health` issue: decide whether to create, edit or close it, and do it through `gh`.

The decision is a pure function of the checker's JSON report and the open issues (as
`gh issue list --json number,title,createdAt` prints them), so every branch is tested; `apply`
only turns the decision into `gh` commands (argument lists, never a shell).

- something flagged, no open issue: create one;
- something flagged, open issue(s): edit the newest, close the others as duplicates;
- nothing flagged on a complete run: close every open one;
- nothing flagged on an incomplete run: the catalog's health is not known, so an open issue is
  edited (its body says the run was incomplete) and none is created or closed;
- a run that could not reach a source at all (GitHub, PyPI or the web: an outage on the runner)
  learned nothing: it changes no issue, and the command fails so the workflow run turns red.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tools.config import Config
from tools.results import RunReport
from tools.timestamps import iso

LABEL = "catalog-health"
LABEL_COLOR = "d93f0b"
LABEL_DESCRIPTION = "The weekly report of dead, stale, archived or moved catalog entries"
BODY_LIMIT = 65_536  # GitHub refuses issue bodies longer than this many characters

Verb = Literal["create", "edit", "close"]


@dataclass(frozen=True)
class Action:
    verb: Verb
    number: int | None = None
    comment: str | None = None

    def __str__(self) -> str:
        return f"{self.verb} {self.number if self.number is not None else '-'}"


def title_for(report: RunReport) -> str:
    count = report.flagged()
    if count == 0:
        return "Catalog health: all entries ok" if report.complete else "Catalog health: incomplete run"
    return f"Catalog health: {count} {'entry needs' if count == 1 else 'entries need'} attention"


def refusal(report: RunReport) -> str | None:
    """Why this run must not change the health issue, or None when it may."""
    unreachable = report.unreachable()
    if not unreachable:
        return None
    why = "; ".join(f"{source}: {reason}" for source, reason in unreachable.items())
    return (
        f"the check could not reach {', '.join(unreachable)} ({why}), so it says nothing new about the "
        "catalog: the health issue is left as it is. Run the check again when the sources can be reached."
    )


def _newest_first(issues: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    usable = [i for i in issues if isinstance(i.get("number"), int) and str(i.get("state", "OPEN")).upper() == "OPEN"]
    return sorted(usable, key=lambda i: (str(i.get("createdAt") or ""), int(i["number"])), reverse=True)


def decide(report: RunReport, open_issues: Sequence[Mapping[str, Any]]) -> list[Action]:
    """The actions that leave exactly one open health issue when something is flagged, and none when not.

    A run that could not reach its sources gets none (see `refusal`).
    """
    if refusal(report) is not None:
        return []
    issues = _newest_first(open_issues)
    flagged = report.flagged()
    complete = report.complete
    if flagged == 0 and complete:
        when = iso(report.checked_at) or "the latest run"
        return [
            Action("close", int(i["number"]), f"Nothing is flagged on the check of {when}; closing.") for i in issues
        ]
    actions: list[Action] = []
    if issues:
        keep = int(issues[0]["number"])
        actions.append(Action("edit", keep))
        actions += [Action("close", int(i["number"]), f"Superseded by #{keep}.") for i in issues[1:]]
    elif flagged:
        actions.append(Action("create"))
    return actions


def run_url(env: Mapping[str, str] | None = None) -> str | None:
    return Config.from_env(env).run_url


def issue_body(markdown: str, url: str | None = None, limit: int = BODY_LIMIT) -> str:
    """The report as an issue body: with a link to the run, cut at a line when GitHub would refuse it."""
    footer = (
        f"\n\n---\nUpdated by [the health workflow]({url}); the full JSON report is attached to the run.\n"
        if url
        else ""
    )
    body = markdown.rstrip() + "\n"
    if len(body) + len(footer) <= limit:
        return body + footer
    note = "\n\n**The report is longer than an issue can hold; the rest is in the run's artifacts.**\n"
    room = limit - len(footer) - len(note)
    cut = body.rfind("\n", 0, room)
    return body[: cut if cut > 0 else room] + note + footer


def commands(actions: Sequence[Action], title: str, body_file: Path) -> list[list[str]]:
    """The `gh` invocations for the actions, in order (the label is ensured before an issue is created)."""
    out: list[list[str]] = []
    for action in actions:
        if action.verb == "create":
            out.append(
                ["gh", "label", "create", LABEL, "--color", LABEL_COLOR, "--description", LABEL_DESCRIPTION, "--force"]
            )
            out.append(["gh", "issue", "create", "--title", title, "--label", LABEL, "--body-file", str(body_file)])
        elif action.verb == "edit":
            out.append(["gh", "issue", "edit", str(action.number), "--title", title, "--body-file", str(body_file)])
        else:
            out.append(["gh", "issue", "close", str(action.number), "--comment", action.comment or "Closing."])
    return out


def apply(actions: Sequence[Action], title: str, body: str) -> int:
    """Runs the `gh` commands; stops at the first failure and returns its exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "body.md"
        body_file.write_text(body, encoding="utf-8")
        for argv in commands(actions, title, body_file):
            print("$", " ".join(argv[:4]), "...", flush=True)
            try:
                done = subprocess.run(argv, check=False)
            except FileNotFoundError:
                print("the GitHub CLI (gh) is not installed", flush=True)
                return 127
            if done.returncode != 0:
                return done.returncode
    return 0
