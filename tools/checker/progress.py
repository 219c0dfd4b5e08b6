"""Progress in entries, the unit a maintainer counts: an entry is checked once every source it needs has answered.

An entry needs up to three things: its GitHub repository, its PyPI project and its web links (the
home page off GitHub, the docs). GitHub and PyPI count as answered when their source finishes;
a link when its check does. Several entries may share a link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

from tools.catalog import Entry

if TYPE_CHECKING:
    from tools.checker.collect import Progress


class EntryProgress:
    """Tells `display` how many entries are done as the parts they wait for answer.

    `needs` maps an entry id to its parts: "GitHub", "PyPI", ("url", URL). Each part knows the
    entries waiting on it, so an answer touches only those: scanning every entry on each link's
    answer cost O(entries x links): 0.3 to 0.5 s of the event loop's time at 2,000 links, ~17 s
    at 10,000 (issue 10).
    """

    def __init__(self, display: Progress, needs: dict[str, set[Hashable]]) -> None:
        self.display = display
        self.waiting = {entry: set(parts) for entry, parts in needs.items()}
        self.counted: set[str] = set()
        self._waiting_on: defaultdict[Hashable, list[str]] = defaultdict(list)
        for entry, parts in self.waiting.items():
            for part in parts:
                self._waiting_on[part].append(entry)

    def start(self) -> None:
        self.display.start(len(self.waiting))
        self._count([entry for entry, waiting in self.waiting.items() if not waiting])  # needs nothing: done

    def finished(self, parts: Iterable[Hashable]) -> None:
        """`parts` have answered; advances the display by the entries now complete."""
        newly = []
        for part in set(parts):
            for entry in self._waiting_on.pop(part, ()):
                waiting = self.waiting[entry]
                waiting.discard(part)
                if not waiting and entry not in self.counted:
                    newly.append(entry)
        self._count(newly)

    def _count(self, newly: list[str]) -> None:
        self.counted.update(newly)
        if newly:
            self.display.advance(len(newly))

    def finished_link(self, url: str) -> None:
        self.finished([("url", url)])

    def stop(self) -> None:
        self.display.stop()


def needs(entry: Entry, *, on_github: bool) -> set[Hashable]:
    """What must answer before the entry counts as checked; `on_github`: its address is a GitHub repository."""
    parts: set[Hashable] = {("url", u) for u in ([entry.docs] if on_github else [entry.url, entry.docs]) if u}
    if on_github:
        parts.add("GitHub")
    if entry.pypi:
        parts.add("PyPI")
    return parts
