"""Where a retired entry's successor lives: another entry of the catalog, or an address."""

from __future__ import annotations

from dataclasses import dataclass

from tools.catalog import Catalog, Entry
from tools.site import links
from tools.site.links import Linker
from tools.site.render import safe_url


@dataclass(frozen=True)
class Successor:
    name: str
    href: str | None  # None: named, but neither in the catalog nor a web address (the validator reports it)


def successor(entry: Entry, catalog: Catalog, linker: Linker) -> Successor | None:
    """`entry`'s successor, linked to its anchor when it is a catalog entry (names compared without case)."""
    if entry.successor is None:
        return None
    wanted = entry.successor.strip()
    for other in catalog.entries:
        if other.name.casefold() == wanted.casefold():
            return Successor(other.name, linker.to(links.category_page(other.category), other.id))
    return Successor(wanted, safe_url(wanted))
