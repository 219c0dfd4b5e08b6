"""The `awesome` command. Argument parsing lives here; each command's work lives in its own module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.paths import CATALOG_DIR


def _validate(args: argparse.Namespace) -> int:
    """Diagnostics go to stderr, one `FILE:LINE: message` per line and nothing else; the verdict to stdout."""
    from tools.catalog import validate_catalog

    catalog, problems = validate_catalog(args.catalog)
    for problem in problems:
        print(problem, file=sys.stderr)
    warnings = sum(p.severity == "warning" for p in problems)
    if catalog is None or (args.strict and warnings):
        return 1
    count = f"ok: {len(catalog.entries)} entries in {len(catalog.categories)} categories"
    print(count + (f", {warnings} warning(s)" if warnings else ""))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from tools.catalog.schema import main

    return main(args)


def _check(args: argparse.Namespace) -> int:
    from tools.checker.command import main

    return main(args)


def _readme(args: argparse.Namespace) -> int:
    from tools.readme import main

    return main(args)


def _add(args: argparse.Namespace) -> int:
    from tools.add import main

    return main(args)


def _import(args: argparse.Namespace) -> int:
    from tools.importer import main

    return main(args)


def _statuses(text: str) -> list[str]:
    from tools.status import STATUSES

    values = [s.strip() for s in text.split(",") if s.strip()]
    bad = [v for v in values if v not in STATUSES]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown status {', '.join(bad)}; choose from {', '.join(STATUSES)}")
    return values


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def catalog_option(p: argparse.ArgumentParser) -> None:
    """`--catalog DIR`, the same on every command that reads the catalog."""
    p.add_argument(
        "--catalog",
        type=Path,
        default=CATALOG_DIR,
        metavar="DIR",
        help="the catalog folder (default: catalog/ of the repository)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="awesome", description="Keep the Awesome Asyncio catalog true.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("validate", help="check the catalog files; exit 1 on any error")
    catalog_option(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=_validate)

    p = commands.add_parser("check", help="check every entry's health against GitHub, PyPI and the web")
    catalog_option(p)
    p.add_argument("--json", type=Path, metavar="PATH", help="write the JSON report here")
    p.add_argument("--markdown", type=Path, metavar="PATH", help="write the Markdown report here")
    p.add_argument(
        "--status",
        type=Path,
        metavar="PATH",
        help="the status file with figures and history (default: status.json in the --catalog folder)",
    )
    p.add_argument("--concurrency", type=_positive_int, metavar="N", help="requests in flight at once")
    p.add_argument("--per-host", type=_positive_int, metavar="N", help="requests in flight to one host")
    p.add_argument("--timeout", type=_positive_float, metavar="SECONDS", help="per-request timeout")
    p.add_argument("--stale-after", type=_positive_int, metavar="DAYS", help="days without activity before stale")
    p.add_argument(
        "--fail-on",
        type=_statuses,
        default=[],
        metavar="STATUS,...",
        help="exit 1 when an entry has one of these statuses",
    )
    p.add_argument("--deadline", type=_positive_float, metavar="SECONDS", help="overall time limit for the run")
    p.add_argument("--only", action="append", default=[], metavar="ID", help="check only these entry ids (repeatable)")
    p.set_defaults(func=_check)

    p = commands.add_parser("readme", help="write README.md from the catalog")
    catalog_option(p)
    p.add_argument("--check", action="store_true", help="exit 1 if README.md differs from what would be written")
    p.add_argument("--output", type=Path, metavar="PATH", help="where to write (default: README.md)")
    p.set_defaults(func=_readme)

    p = commands.add_parser("add", help="add an entry to a category file in its sorted place")
    p.add_argument("url", help="the project's home")
    p.add_argument("--category", required=True, metavar="SLUG", help="category file slug, e.g. web-frameworks")
    p.add_argument("--name", metavar="N")
    p.add_argument("--description", metavar="D")
    p.add_argument("--pypi", metavar="P")
    p.add_argument("--offline", action="store_true", help="do not ask PyPI or GitHub for anything")
    catalog_option(p)
    p.set_defaults(func=_add)

    p = commands.add_parser("import", help="turn an awesome-list README into category files, one per section")
    p.add_argument("readme", type=Path, metavar="README.md", help="the awesome list to import")
    catalog_option(p)
    p.set_defaults(func=_import)

    p = commands.add_parser("schema", help="write the JSON Schema of a category file for editors")
    p.add_argument("--check", action="store_true", help="exit 1 if the published schema is out of date")
    p.set_defaults(func=_schema)

    # Automation commands used by the workflows are registered below this line.
    from tools.automation.commands import register as register_automation

    register_automation(commands, catalog_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
