"""Progress counts entries: an entry is done once every part it needs (GitHub, PyPI, its links) has answered."""

from __future__ import annotations

import time

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


def test_each_answer_touches_only_the_entries_waiting_on_it() -> None:
    """20,000 entries, one link each: scanning every entry per answer took minutes; this takes well under one."""
    display = Display()
    urls = [f"https://host{i % 50}.example/page/{i}" for i in range(20_000)]
    progress = EntryProgress(display, {f"entry-{i}": {("url", url)} for i, url in enumerate(urls)})
    progress.start()
    started = time.process_time()
    for url in urls:
        progress.finished_link(url)
    assert display.done == 20_000
    assert time.process_time() - started < 2.0
