"""The `awesome` command. Argument parsing lives here; each command's work lives in its own module."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from string import Template
from typing import Any

from tools.config import CHECKER_VARIABLES, Config, describe
from tools.errors import ExitCode, UserError
from tools.paths import CATALOG_DIR, display_path


def _validate(args: argparse.Namespace) -> int:
    """Diagnostics go to stderr, one `FILE:LINE: message` per line and nothing else; the verdict to stdout."""
    from tools.catalog import validate_catalog

    catalog, problems = validate_catalog(args.catalog)
    for problem in problems:
        print(problem, file=sys.stderr)
    warnings = sum(p.severity == "warning" for p in problems)
    if catalog is None or (args.strict and warnings):
        return ExitCode.FINDINGS
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
    from tools.add import AddRequest, add

    return add(
        AddRequest(
            url=args.url,
            category=args.category,
            catalog=args.catalog,
            name=args.name,
            description=args.description,
            pypi=args.pypi,
            docs=args.docs,
            kind=args.kind,
            tags=args.tags,
            offline=args.offline,
            command=_command_name(),
        )
    )


def _command_name() -> str:
    """`awesome` as the user runs it: `awesome` when that is on PATH, else its path (`.venv/bin/awesome`)."""
    script = Path(sys.argv[0])
    if script.name == "__main__.py" and script.parent.name == "tools":  # `python -m tools`
        return f"{display_path(Path(sys.executable))} -m tools"
    if script.name != "awesome":  # called in-process
        return "awesome"
    on_path = shutil.which("awesome")
    if on_path and Path(on_path).resolve() == script.resolve():
        return "awesome"
    return display_path(script)


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


class _VersionAction(argparse.Action):
    """`--version`, read from the installed package's metadata only when asked: importlib.metadata
    costs ~20 ms, and every command (`awesome check` included) builds this parser."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from importlib import metadata

        try:
            version = metadata.version("awesome-asyncio")
        except metadata.PackageNotFoundError:  # run from a checkout that was never installed
            version = "unknown (not installed: run `make install`)"
        print(f"{parser.prog} {version}")
        parser.exit()


class _CheckHelp(argparse.RawDescriptionHelpFormatter):
    """Fills in the checker's defaults ($name: a Settings field) only when the help is shown, so
    that building the parser (every command, and `awesome --help`) does not load the checker."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        from dataclasses import asdict

        from tools.checker.settings import Settings

        text = super()._get_help_string(action)
        values = {k: f"{v:g}" if isinstance(v, float) else v for k, v in asdict(Settings()).items()}
        return Template(text).safe_substitute(values) if text else text


def _add_check_parser(commands: Any) -> None:
    p = commands.add_parser(
        "check",
        help="check every entry's health against GitHub, PyPI and the web",
        description="Check every entry's health against GitHub, PyPI and the web, and write the reports. "
        "Exit 0 when it finished (findings are in the reports), 1 when a --fail-on status occurred, "
        "2 when it could not run, 130 when interrupted.",
        epilog="environment variables it reads:\n" + describe(CHECKER_VARIABLES),
        formatter_class=_CheckHelp,
    )
    catalog_option(p)
    p.add_argument("--json", type=Path, metavar="PATH", help="write the JSON report here (default: none)")
    p.add_argument("--markdown", type=Path, metavar="PATH", help="write the Markdown report here (default: none)")
    p.add_argument(
        "--status",
        type=Path,
        metavar="PATH",
        help="the status file with figures and history (default: status.json in the catalog folder)",
    )
    for flag, kind, metavar, what in (
        ("--concurrency", _positive_int, "N", "requests in flight at once (default: $concurrency)"),
        ("--per-host", _positive_int, "N", "requests in flight to one host (default: $per_host)"),
        ("--timeout", _positive_float, "SECONDS", "per network operation of a request (default: $timeout)"),
        (
            "--stale-after",
            _positive_int,
            "DAYS",
            "days without a commit or release before an entry is stale (default: $stale_after_days)",
        ),
    ):
        p.add_argument(flag, type=kind, metavar=metavar, help=what)
    p.add_argument(
        "--fail-on",
        type=_statuses,
        default=[],
        metavar="STATUS,...",
        help="exit 1 when an entry has one of these statuses (default: none)",
    )
    p.add_argument(
        "--deadline",
        type=_positive_float,
        metavar="SECONDS",
        help="overall time limit for the run (default: $deadline)",
    )
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="ENTRY",
        help="check only this entry, by id or name in any case, e.g. fastapi or FastAPI (repeatable; default: all)",
    )
    p.set_defaults(func=_check)


# The catalog's kinds (tools.catalog.model.KINDS), written out so that `awesome --help` loads no
# catalog model; tests/test_cli.py keeps the two equal.
KIND_CHOICES = ("library", "talk", "podcast", "article", "book", "docs")


def _add_add_parser(commands: Any) -> None:
    p = commands.add_parser(
        "add",
        help="add an entry to a category file in its sorted place",
        description="Add an entry to a category file in its sorted place, filled from GitHub and PyPI "
        "(name, description, PyPI name, docs) unless given or --offline.",
    )
    p.add_argument("url", help="the project's home, e.g. https://github.com/OWNER/REPO")
    p.add_argument(
        "--category",
        required=True,
        metavar="CATEGORY",
        help="the category's slug or title, e.g. web-frameworks or 'Web Frameworks' (quoted)",
    )
    p.add_argument("--name", metavar="NAME", help="the project's name as it writes it (default: from GitHub or PyPI)")
    p.add_argument(
        "--description",
        metavar="TEXT",
        help="one sentence in your own words, starting with a capital and ending with a period "
        "(default: GitHub's or PyPI's, as a draft to rewrite)",
    )
    p.add_argument(
        "--pypi", metavar="NAME", help="the distribution's name on PyPI (default: found through the repository)"
    )
    p.add_argument("--docs", metavar="URL", help="the documentation's address (default: from GitHub or PyPI)")
    p.add_argument(
        "--kind",
        choices=KIND_CHOICES,
        metavar="KIND",
        help=f"what the entry is: {', '.join(KIND_CHOICES)} (default: what the category mostly holds)",
    )
    p.add_argument("--tags", metavar="TAG,...", help="comma-separated lowercase words, e.g. asgi,http (default: none)")
    p.add_argument(
        "--offline", action="store_true", help="do not ask GitHub or PyPI for anything (needs --description)"
    )
    catalog_option(p)
    p.set_defaults(func=_add, usage_error=p.error)  # its hint comes with its own usage line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome",
        description="Keep the Awesome Asyncio catalog true.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="show the installed version and exit")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands for contributors"
    )

    p = commands.add_parser("validate", help="check the catalog files; exit 1 on any error")
    catalog_option(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=_validate)

    _add_add_parser(commands)

    p = commands.add_parser("readme", help="write README.md from the catalog")
    catalog_option(p)
    p.add_argument("--check", action="store_true", help="exit 1 if README.md differs from what would be written")
    p.add_argument("--output", type=Path, metavar="PATH", help="where to write (default: README.md)")
    p.set_defaults(func=_readme)

    _add_check_parser(commands)

    p = commands.add_parser("import", help="turn an awesome-list README into category files, one per section")
    p.add_argument("readme", type=Path, metavar="README.md", help="the awesome list to import")
    catalog_option(p)
    p.set_defaults(func=_import)

    p = commands.add_parser("schema", help="write the JSON Schema of a category file for editors")
    p.add_argument("--check", action="store_true", help="exit 1 if the published schema is out of date")
    p.set_defaults(func=_schema)

    # The workflows' commands: listed apart, below the contributors' (see `register`).
    from tools.automation.commands import register as register_automation

    contributors = set(commands.choices)
    register_automation(commands, catalog_option)
    workflow = [(name, sub.description or "") for name, sub in commands.choices.items() if name not in contributors]
    if workflow:
        width = max(len(name) for name, _ in workflow)
        parser.epilog = "commands the GitHub workflows call:\n" + "\n".join(
            f"  {name.ljust(width)}  {what}" for name, what in workflow
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; the only place an outcome becomes an exit code (see tools/errors.py)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        getattr(args, "usage_error", parser.error)(_unrecognized(args, extra))
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        _explain(exc.details, exc.message)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:  # `awesome ... | head`: the reader left, nothing to say
        pass
    except Exception as exc:
        # A bug or a surprise: one line without a traceback, and never the token.
        message = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        from tools.checker.scrub import scrub

        message = scrub(message, Config.from_env().github_token)
        print(
            f"awesome {args.command}: unexpected error ({message}); run it again, and report the problem if it persists",
            file=sys.stderr,
        )
    return ExitCode.CANNOT_RUN


def _unrecognized(args: argparse.Namespace, extra: list[str]) -> str:
    """argparse's complaint, or for `add --category Web Frameworks` unquoted, how to write it."""
    if args.command == "add" and not any(word.startswith("-") for word in extra):
        words = [args.category] + ([] if "://" in args.url else [args.url]) + [w for w in extra if "://" not in w]
        return (
            f"--category takes one argument: quote a title with spaces, --category {shlex.quote(' '.join(words))}, "
            "or give the category's slug"
        )
    return f"unrecognized arguments: {' '.join(extra)}"


def _explain(details: Sequence[object], message: str) -> None:
    for detail in details:
        print(detail, file=sys.stderr)
    print(f"error: {message}", file=sys.stderr)
