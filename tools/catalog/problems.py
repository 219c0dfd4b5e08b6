"""A problem found in a catalog file, printed as `FILE:LINE: message` so editors can jump to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tools.errors import UserError

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


class CatalogError(UserError):
    """Raised by `load_catalog` when the catalog has errors; carries every problem found.

    A UserError: `awesome` prints the problems, then what to do, and exits 2 (tools/errors.py).
    `str()` is the problems, one a line.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "the catalog has errors: fix the lines above (`awesome validate` lists them) and run it again", problems
        )
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
