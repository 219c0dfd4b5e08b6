"""Validation problems as GitHub workflow commands, so a pull request shows them on the catalog's lines.

GitHub turns a line such as `::error file=catalog/http.yml,line=12::message` in a step's output into
an annotation on that file and line of the pull request's diff. The escaping follows the Actions
toolkit: `%`, CR and LF in the message; additionally `:` and `,` in property values.
"""

from __future__ import annotations

from collections.abc import Iterable

from tools.catalog.problems import Problem


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(problem: Problem, title: str = "awesome validate") -> str:
    """One `::error ...::` or `::warning ...::` line for a problem."""
    level = "warning" if problem.severity == "warning" else "error"
    props = [f"file={escape_property(problem.file)}"]
    if problem.line > 0:  # line 0 means "the folder", which has no line to point at
        props.append(f"line={problem.line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(problem.message)}"


def workflow_commands(problems: Iterable[Problem]) -> list[str]:
    return [workflow_command(p) for p in problems]
