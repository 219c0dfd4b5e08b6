"""Entries out of order, each told its final place at once (moving it there gives no second message).

The order is case-insensitive by name (DESIGN.md). The entries that can stay are a longest run already
in order; every other entry is out of place, and its final place is beside its neighbour in the sorted
list, so a contributor who moves each one as told ends with a sorted file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from tools.catalog.model import Entry
from tools.catalog.problems import Problem


def order_problems(entries: Sequence[Entry], file: str) -> list[Problem]:
    """The problems of one file's entries, reported in `file` (its display path)."""
    keys = [entry.name.casefold() for entry in entries]
    staying = _longest_sorted_run(keys)
    final = sorted(range(len(entries)), key=lambda i: keys[i])
    problems = []
    for place, index in enumerate(final):
        if index in staying:
            continue
        entry = entries[index]
        if place == 0:
            where = f"move it to the top, before {entries[final[1]].name!r}"
        else:
            where = f"move it after {entries[final[place - 1]].name!r}"
        message = f"{entry.name!r} is out of case-insensitive order of name: {where}"
        problems.append(Problem(file, entry.line, message))
    return problems


def _longest_sorted_run(keys: list[str]) -> set[int]:
    """Indices of a longest non-decreasing subsequence of `keys` (patience sorting, O(n log n))."""
    tails: list[str] = []  # smallest last key of a run of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(keys)
    for index, key in enumerate(keys):
        length = bisect_right(tails, key)
        if length == len(tails):
            tails.append(key)
            tail_index.append(index)
        else:
            tails[length], tail_index[length] = key, index
        previous[index] = tail_index[length - 1] if length else -1
    run, index = set(), tail_index[-1] if tail_index else -1
    while index >= 0:
        run.add(index)
        index = previous[index]
    return run
