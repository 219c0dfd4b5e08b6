"""The one error type for "the user must fix something", and the exit codes of every `awesome` command.

Commands raise `UserError` (or let the catalog loader's `CatalogError` through); `tools.cli.main`
is the only place that turns an outcome into an exit code, the way pip's `base_command` maps its
exceptions onto `status_codes`:

- 0 `OK`: the command did its job.
- 1 `FINDINGS`: it did its job and the answer is "no": the catalog is invalid (`validate`), a
  generated file is out of date (`--check`), a `--fail-on` status occurred.
- 2 `CANNOT_RUN`: it could not do its job: something to fix first (an argument, the catalog, a
  file; argparse's usage errors use 2 as well), or an unexpected failure, told in one line.
- 130 `INTERRUPTED`: Ctrl-C, after writing what was known.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    CANNOT_RUN = 2
    INTERRUPTED = 130


class UserError(Exception):
    """Something the user must fix before the command can do its job.

    `message` says what is wrong and what to do next; `details` are printed before it, one a line
    (the catalog's problems as `FILE:LINE: message`, say).
    """

    def __init__(self, message: str, details: Iterable[object] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = [str(detail) for detail in details]
