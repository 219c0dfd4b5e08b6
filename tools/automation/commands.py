"""Subcommands the workflows call; each parses files and hands them to a tested module.

What the user must fix is raised as UserError; tools/cli.py turns it into a message and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.errors import ExitCode, UserError


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such file ({what})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: cannot read {what}: {exc}") from None


def _annotate_validate(args: argparse.Namespace) -> int:
    from tools.automation.annotations import workflow_commands
    from tools.catalog import validate_catalog

    catalog, problems = validate_catalog(args.catalog, _changed_places(args.catalog, args.base))
    for line in workflow_commands(problems):
        print(line)
    # GitHub shows at most 10 error and 10 warning annotations per step: every problem is also
    # listed in the log as FILE:LINE, on one line (so no text from the catalog can start a command).
    for problem in problems:
        print(" ".join(str(problem).split()), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if catalog is None or (args.strict and warnings):
        print(f"{errors} error(s), {warnings} warning(s): see the annotations on the files", file=sys.stderr)
        return ExitCode.FINDINGS
    print(f"ok: {len(catalog.entries)} entries, {warnings} warning(s)")
    return 0


def _changed_places(catalog: Path, base: str | None) -> set[tuple[str, int]]:
    """(category, line) of the entries changed since `base`, so duplicates are annotated on the pull request's lines."""
    if not base:
        return set()
    from tools.automation.changes import GitError, diff_catalog

    try:
        return {(change.category, change.line) for change in diff_catalog(catalog, base).changes}
    except GitError as exc:
        print(
            f"note: duplicates are reported at the later entry in the files, not the pull request's: {exc}",
            file=sys.stderr,
        )
        return set()


def _changed_entries(args: argparse.Namespace) -> int:
    from tools.automation.changes import GitError, diff_catalog
    from tools.files import write_json_atomic

    try:
        found = diff_catalog(args.catalog, args.base, args.head)
    except GitError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        write_json_atomic(args.json, found.as_dict())
    for change in found.changes:
        print(change.id)
        print(f"{change.kind:8} {change.file}:{change.line}: {change.name!r}", file=sys.stderr)
    for problem in found.unreadable:
        print(f"unreadable {problem.file}:{problem.line}: {problem.message}", file=sys.stderr)
    if not found.changes:
        print("no added or changed entries", file=sys.stderr)
    return 0


def _pr_summary(args: argparse.Namespace) -> int:
    from tools.automation.summary import render_summary

    found = _read_json(args.changes, "the changed entries")
    if isinstance(found, list):  # the older form: the changes alone
        found = {"changes": found, "unreadable": []}
    if not isinstance(found, dict) or not isinstance(found.get("changes"), list):
        raise UserError(f"{args.changes}: not the output of `awesome changed-entries --json`")
    changes = [c for c in found["changes"] if isinstance(c, dict)]
    unreadable = [u for u in found.get("unreadable") or [] if isinstance(u, dict)]
    from tools.results import ReportError, parse_report
    from tools.status import StatusFileError, load_status

    try:
        report = None
        if args.report and args.report.exists():
            report = parse_report(_read_json(args.report, "the checker's report"), args.report)
        status = load_status(args.status) if args.status else None
    except (ReportError, StatusFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(render_summary(changes, report, status, unreadable=unreadable))
    return 0


def _health_issue(args: argparse.Namespace) -> int:
    from tools.automation import health
    from tools.results import ReportError, parse_report

    data = _read_json(args.report_json, "the checker's JSON report")
    issues = _read_json(args.open_issues, "the open issues (gh issue list --json number,title,createdAt)")
    if not isinstance(issues, list):
        raise UserError("expected a report object and a list of issues")
    try:
        report = parse_report(data, args.report_json)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    refused = health.refusal(report)
    if refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    try:
        markdown = Path(args.markdown).read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{args.markdown}: cannot read the Markdown report: {exc.strerror}") from None
    actions = health.decide(report, issues)
    title = health.title_for(report)
    for action in actions:
        print(action)
    if not actions:
        print("nothing to do")
    if args.apply and actions:
        return health.apply(actions, title, health.issue_body(markdown, health.run_url()))
    return 0


def _issue_form(args: argparse.Namespace) -> int:
    from tools.automation.contributing import ISSUE_FORM, FormError, category_titles, form_categories, sync_issue_form

    try:
        if args.check:
            if form_categories(ISSUE_FORM) != category_titles(args.catalog):
                print(
                    f"{ISSUE_FORM}: the category dropdown differs from the catalog's files; run `awesome issue-form`",
                    file=sys.stderr,
                )
                return ExitCode.FINDINGS
            print("the issue form's categories match the catalog")
            return 0
        changed = sync_issue_form(args.catalog, ISSUE_FORM)
    except FormError as exc:
        raise UserError(f"{ISSUE_FORM}: {exc}") from None
    print(f"{'updated' if changed else 'unchanged'}: {ISSUE_FORM}")
    return 0


def register(commands: Any, catalog_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Adds the automation subcommands to `awesome` (`commands` is argparse's subparsers action).

    They get a description but no `help`, so `awesome --help` lists them apart from the contributors' commands.
    """

    p = commands.add_parser(
        "annotate-validate",
        description="`awesome validate` with every problem as a GitHub annotation on its file and line",
    )
    catalog_option(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--base", metavar="REF", help="the branch a pull request goes into: duplicates are reported at its entries"
    )
    p.set_defaults(func=_annotate_validate)

    p = commands.add_parser(
        "changed-entries", description="print the ids of entries added or changed since the merge base with REF"
    )
    catalog_option(p)
    p.add_argument("--base", required=True, metavar="REF", help="the branch or commit the changes go into")
    p.add_argument("--head", default="HEAD", metavar="REF", help="the changed commit (default: HEAD)")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the changes, with files and lines, here")
    p.set_defaults(func=_changed_entries)

    p = commands.add_parser("pr-summary", description="Markdown table of changed entries' figures against the criteria")
    p.add_argument("--changes", type=Path, required=True, metavar="PATH", help="from `changed-entries --json`")
    p.add_argument("--report", type=Path, metavar="PATH", help="the checker's JSON report (missing: not checked)")
    p.add_argument("--status", type=Path, metavar="PATH", help="the status file the same check wrote")
    p.set_defaults(func=_pr_summary)

    p = commands.add_parser("health-issue", description="create, edit or close the one catalog-health issue")
    p.add_argument("--report-json", type=Path, required=True, metavar="PATH", help="the checker's JSON report")
    p.add_argument("--markdown", type=Path, required=True, metavar="PATH", help="the checker's Markdown report")
    p.add_argument(
        "--open-issues",
        type=Path,
        required=True,
        metavar="PATH",
        help="`gh issue list --label catalog-health --state open --json number,title,createdAt`",
    )
    p.add_argument("--apply", action="store_true", help="carry the actions out with gh (default: print them)")
    p.set_defaults(func=_health_issue)

    p = commands.add_parser(
        "issue-form", description="set the issue form's category dropdown to the catalog's categories"
    )
    catalog_option(p)
    p.add_argument("--check", action="store_true", help="exit 1 if the dropdown is out of date")
    p.set_defaults(func=_issue_form)
