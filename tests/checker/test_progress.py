"""Progress counts entries: an entry is done once every part it needs (GitHub, PyPI, its links) has answered."""

from __future__ import annotations

from collections.abc import Hashable

from tools.checker.progress import EntryProgress


class Display:
    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, count: int = 1) -> None:
        self.done += count

    def stop(self) -> None:
        pass


def test_an_entry_counts_once_every_part_it_needs_has_answered() -> None:
    display = Display()
    progress = EntryProgress(
        display,
        {
            "nothing": set(),
            "site": {("url", "https://a.example/"), ("url", "https://docs.example/")},
            "repo": {"GitHub", ("url", "https://docs.example/")},
            "package": {"GitHub", "PyPI"},
        },
    )
    progress.start()
    assert (display.total, display.done) == (4, 1)  # an entry that needs nothing is done at once
    progress.finished_link("https://docs.example/")  # shared by two entries: neither is complete yet
    assert display.done == 1
    progress.finished_link("https://a.example/")
    assert display.done == 2
    progress.finished(["GitHub"])
    assert display.done == 3
    progress.finished_link("https://a.example/")  # answered twice: still counted once
    progress.finished(["PyPI"])
    assert display.done == 4


class CountingSet(set[Hashable]):
    """A part set that counts how often an answer looks into it."""

    looks = 0

    def discard(self, part: Hashable) -> None:
        CountingSet.looks += 1
        super().discard(part)


def test_each_answer_touches_only_the_entries_waiting_on_it() -> None:
    """Scanning every entry on each answer was O(entries x links) on the event loop (minutes at 20,000)."""
    display = Display()
    urls = [f"https://host{i % 50}.example/page/{i}" for i in range(2_000)]
    progress = EntryProgress(display, {f"entry-{i}": {("url", url)} for i, url in enumerate(urls)})
    progress.waiting = {entry: CountingSet(parts) for entry, parts in progress.waiting.items()}
    progress.start()
    CountingSet.looks = 0
    for url in urls:
        progress.finished_link(url)
    assert display.done == 2_000
    assert CountingSet.looks == 2_000  # one entry per answer, not every entry
