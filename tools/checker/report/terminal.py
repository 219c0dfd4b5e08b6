"""What a person sees while `awesome check` runs: a progress bar on a terminal, plain lines elsewhere.

Progress goes to stderr so that stdout stays for the summary table. In CI logs (not a TTY) a line
is printed every `interval` seconds and at the end, instead of a bar that would be redrawn
thousands of times.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from rich.table import Table

from tools.results import RunReport, Status

if TYPE_CHECKING:
    from rich.progress import Progress


class TerminalProgress:
    """Counts finished checks; `start(total)`, `advance()`, `stop()`."""

    def __init__(self, stream: TextIO | None = None, *, interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.console = Console(file=self.stream)
        self.interval = interval
        self.total = 0
        self.done = 0
        self._bar: Progress | None = None
        self._task: Any = None
        self._last = 0.0

    def start(self, total: int) -> None:
        self.total = total
        if self.console.is_terminal:
            # Imported only for a bar: CI logs and scripts never draw one.
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("check", total=total)
        else:
            self._line()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.advance(self._task, count)
        elif time.monotonic() - self._last >= self.interval:
            self._line()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        else:
            self._line()

    def _line(self) -> None:
        self._last = time.monotonic()
        print(f"checked {self.done}/{self.total}", file=self.stream, flush=True)


def print_summary(report: RunReport, stream: TextIO | None = None) -> None:
    """A short table of the statuses, the requests made, and what the run could not reach."""
    # Text as it is: no markup, highlighting or :emoji: codes (whose table alone costs ~2.5 ms to load).
    console = Console(file=stream or sys.stdout, emoji=False)
    table = Table(title="Catalog health" + ("" if report.complete else " (incomplete run)"))
    table.add_column("status")
    table.add_column("entries", justify="right")
    for status in Status:
        table.add_row(status, str(report.summary.get(status, 0)))
    console.print(table)
    requests = ", ".join(f"{kind} {count}" for kind, count in report.requests.items())
    console.print(f"requests: {requests}", highlight=False, markup=False)
    for source, why in report.unreachable().items():
        console.print(f"could not reach {source}: {why}", highlight=False, markup=False)
