"""Under GitHub Actions: the Markdown report in the job summary, and an annotation per flagged entry.

Annotations point at the catalog file and line of the entry, so a pull request's diff shows them.
Their text is escaped by GitHub's rules for workflow commands (tools/workflow_commands.py). GitHub shows only
the first 10 warnings of a step, so they come in the report's order of action (dead, moved,
archived, stale, then unknown): a run with a hundred unreachable entries must not hide the one
dead entry behind them.
"""

from collections.abc import Mapping
from typing import TextIO

from tools.config import Config
from tools.results import RunReport
from tools.workflow_commands import annotation


def enabled(env: Mapping[str, str] | None = None) -> bool:
    return Config.from_env(env).in_actions


def annotations(report: RunReport) -> list[str]:
    lines = []
    flagged = [entry for entry in report.entries if entry.status.flagged]
    for entry in sorted(flagged, key=lambda e: e.status.report_order):
        message = f"{entry.name} is {entry.status}: " + ("; ".join(entry.reasons) or "no reason recorded")
        if entry.moved_to:
            message += f" (new address: {entry.moved_to})"
        title = f"{entry.name} is {entry.status}"
        lines.append(annotation("warning", message, file=entry.file, line=entry.line or 1, title=title))
    return lines


def publish(report: RunReport, markdown: str, stream: TextIO, env: Mapping[str, str] | None = None) -> None:
    summary = Config.from_env(env).step_summary
    if summary:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(markdown + "\n")
    for line in annotations(report):
        print(line, file=stream)
