"""Progress in entries, the unit a maintainer counts: an entry is checked once every source it needs has answered.

An entry needs up to three things: its GitHub repository, its PyPI project and its web links (the
home page off GitHub, the docs). GitHub and PyPI count as answered when their source finishes;
a link when its check does. Several entries may share a link.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Protocol


class Display(Protocol):
    """A progress display: `tools.checker.report.terminal.TerminalProgress`, or nothing."""

    def start(self, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def stop(self) -> None: ...


class EntryProgress:
    """Tells `display` how many entries are done as the parts they wait for answer.

    `needs` maps an entry id to its parts: "GitHub", "PyPI", ("url", URL).
    """

    def __init__(self, display: Display, needs: dict[str, set[Hashable]]) -> None:
        self.display = display
        self.waiting = {entry: set(parts) for entry, parts in needs.items()}
        self.counted: set[str] = set()

    def start(self) -> None:
        self.display.start(len(self.waiting))
        self.finished([])  # an entry that needs nothing is done at once

    def finished(self, parts: Iterable[Hashable]) -> None:
        """`parts` have answered; advances the display by the entries now complete."""
        answered = set(parts)
        newly = []
        for entry, waiting in self.waiting.items():
            waiting.difference_update(answered)
            if not waiting and entry not in self.counted:
                newly.append(entry)
        self.counted.update(newly)
        if newly:
            self.display.advance(len(newly))

    def finished_link(self, url: str) -> None:
        self.finished([("url", url)])

    def stop(self) -> None:
        self.display.stop()
