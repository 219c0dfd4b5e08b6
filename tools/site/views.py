"""An entry as the pages show it: the catalog entry, its checker figures, its star trend and its successor."""

from __future__ import annotations

from dataclasses import dataclass

from tools.catalog import Entry
from tools.site.links import Linker
from tools.site.retired import Successor, successor
from tools.site.sources import HIDEABLE, Figures, SiteData
from tools.site.trends import StarGain, stars_gained


@dataclass(frozen=True)
class EntryView:
    entry: Entry
    figures: Figures
    index: int  # position in the catalog's order, which the sorting script falls back to
    gain: StarGain | None
    successor: Successor | None

    @property
    def retired(self) -> bool:
        return self.successor is not None

    @property
    def hideable(self) -> bool:
        """What "hide inactive" hides: stale, archived and dead entries, and retired ones."""
        return self.retired or self.figures.status in HIDEABLE


def entry_views(data: SiteData, entries: list[Entry] | tuple[Entry, ...], linker: Linker) -> list[EntryView]:
    return [
        EntryView(
            entry,
            data.figures(entry),
            index,
            stars_gained(data.trend(entry)),
            successor(entry, data.catalog, linker),
        )
        for index, entry in enumerate(entries)
    ]
