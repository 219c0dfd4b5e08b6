"""Where a retired entry's successor lives: another entry of the catalog, or an address."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

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
    address = safe_url(wanted)
    return Successor(address_label(address), address) if address else Successor(wanted, None)


CODE_HOSTS = ("github.com", "gitlab.com", "codeberg.org")


def address_label(address: str) -> str:
    """What a successor given as an address reads as: the repository's name on a code host
    (`https://github.com/metricq/aiocouch` -> `aiocouch`), else where it leads
    (`its replacement at docs.python.org`), never a long URL."""
    parts = urlsplit(address)
    host = (parts.hostname or "").removeprefix("www.")
    path = [piece for piece in parts.path.split("/") if piece]
    if host in CODE_HOSTS and len(path) >= 2:
        return path[1].removesuffix(".git")
    return f"its replacement at {host or address}"
