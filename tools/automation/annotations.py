"""Validation problems as GitHub workflow commands, so a pull request shows them on the catalog's lines.

GitHub turns each into an annotation on that file and line of the pull request's diff (escaping
and format: tools/workflow_commands.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from tools.catalog.problems import Problem
from tools.workflow_commands import annotation


def workflow_command(problem: Problem, title: str = "awesome validate") -> str:
    """One `::error ...::` or `::warning ...::` line for a problem (line 0 is the folder: no line)."""
    level = "warning" if problem.severity == "warning" else "error"
    return annotation(level, problem.message, file=problem.file, line=problem.line, title=title)


def workflow_commands(problems: Iterable[Problem]) -> list[str]:
    return [workflow_command(p) for p in problems]
