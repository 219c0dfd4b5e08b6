"""Retired entries: a `successor:` must name another entry of the catalog or be a web address.

The site and the README link "use X instead" from it, so a successor that names nothing (a typo, an
entry removed since) would be a dead end for the reader; the check runs over the whole catalog
because the successor usually lives in another category file.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches

from tools.catalog.model import Entry
from tools.catalog.problems import Problem
from tools.catalog.urls import normalize_url, web_url_problem
from tools.paths import display_path


def is_address(successor: str) -> bool:
    """Whether a successor is meant as an address rather than an entry's name."""
    return "://" in successor or successor.lower().startswith(("http:", "https:", "www."))


def successor_problems(entries: Sequence[Entry]) -> list[Problem]:
    """Errors at each `successor:` line that names no other entry (names compared without case) or no web address."""
    names = {entry.name.casefold(): entry for entry in entries}
    problems = []
    for entry in entries:
        if entry.successor is None:
            continue
        why = _why_not(entry, entry.successor.strip(), names)
        if why:
            problems.append(
                Problem(display_path(entry.file), entry.line_of("successor"), f"entry {entry.name!r}: {why}")
            )
    return problems


def _why_not(entry: Entry, successor: str, names: dict[str, Entry]) -> str | None:
    if is_address(successor):
        problem = web_url_problem(successor)
        if problem:
            return f"'successor' {problem}"
        if normalize_url(successor) == normalize_url(entry.url):
            return "'successor' is the entry's own address; name the project that replaces it"
        return None
    found = names.get(successor.casefold())
    if found is None:
        close = get_close_matches(successor.casefold(), list(names), n=1, cutoff=0.75)
        hint = f" (did you mean {names[close[0]].name!r}?)" if close else ""
        return (
            f"successor {successor!r} is not an entry of the catalog{hint}; "
            "write the name of the entry that replaces it, or its https:// address"
        )
    if found.name.casefold() == entry.name.casefold():
        return "an entry cannot be its own successor; name the project that replaces it"
    return None
