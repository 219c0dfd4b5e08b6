"""`awesome check`: load the catalog and status file, run the checker, write the reports, pick the exit code.

Exit codes: 0 finished (findings are in the reports), 1 a `--fail-on` status occurred, 2 could
not run (the message says what to fix), 130 interrupted (the partial reports are written first).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from tools.catalog import CatalogError, load_catalog
from tools.checker import run
from tools.checker.report import actions, markdown
from tools.checker.report.terminal import TerminalProgress, print_summary
from tools.checker.scrub import scrub
from tools.checker.settings import Settings
from tools.files import write_bytes_atomic, write_text_atomic
from tools.status import StatusFileError, load_status, save_status


def main(args: argparse.Namespace) -> int:
    """The command; never a traceback, and never the token in a message."""
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    try:
        return _main(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = scrub(f"{type(exc).__name__}: {exc}".splitlines()[0][:200], token)
        print(
            f"awesome check: unexpected error ({message}); run it again, and report the problem if it persists",
            file=sys.stderr,
        )
        return 2


def status_path(args: argparse.Namespace) -> Path:
    """`--status`, or `status.json` inside the catalog folder checked (so another catalog never
    overwrites this repository's history)."""
    given: Path | None = getattr(args, "status", None)
    return Path(given) if given is not None else Path(args.catalog) / "status.json"


def _main(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.catalog)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("the catalog has errors: fix the lines above (see `awesome validate`) and check again", file=sys.stderr)
        return 2
    only = list(getattr(args, "only", None) or [])
    unknown_ids = sorted(set(only) - {e.id for e in catalog.entries})
    if unknown_ids:
        print(f"--only: no entry with id {', '.join(unknown_ids)}", file=sys.stderr)
        return 2
    status_file = status_path(args)
    try:
        previous = load_status(status_file)
    except StatusFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = Settings.from_env(
        concurrency=args.concurrency,
        per_host=args.per_host,
        timeout=args.timeout,
        stale_after_days=args.stale_after,
        deadline=getattr(args, "deadline", None),
    )
    progress = TerminalProgress(sys.stderr)
    outcome = asyncio.run(run.check_catalog(catalog, settings, previous=previous, only=only, progress=progress))
    report = outcome.run
    text = markdown.render(report, previous, {entry.id for entry in catalog.entries}, code_url=commit_url())
    if args.json:
        write_bytes_atomic(args.json, outcome.run.to_json_bytes(), b"\n")
    if args.markdown:
        write_text_atomic(args.markdown, text)
    save_status(status_file, outcome.status_file)
    print_summary(report, sys.stdout)
    if actions.enabled():
        actions.publish(report, text, sys.stdout)
    if outcome.interrupted:
        print('interrupted: the reports above are partial ("complete": false)', file=sys.stderr)
        return 130
    occurred = [s for s in args.fail_on if report.summary.get(s)]
    if occurred:
        found = ", ".join(f"{report.summary[s]} {s}" for s in occurred)
        print(f"failing because of --fail-on: {found}", file=sys.stderr)
        return 1
    return 0


def commit_url(env: Mapping[str, str] | None = None) -> str | None:
    """Under GitHub Actions, the checked commit's tree (`SERVER/OWNER/REPO/blob/SHA`), for file:line links."""
    env = os.environ if env is None else env
    server, repository, sha = (env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        return None
    return f"{server.rstrip('/')}/{repository}/blob/{sha}"
