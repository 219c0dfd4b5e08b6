"""Machine-readable outputs: `catalog.json` (a small public API) and an Atom feed of newly added entries.

Both are written with serialisers (json, ElementTree) rather than templates, so escaping is theirs.
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from typing import Any

from tools.catalog import Entry
from tools.site import links
from tools.site.sources import Figures, SiteData

CATALOG_JSON_VERSION = 1
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("6f1c2a4e-9a53-4d1e-8e0a-5b0d3c7a1f21")  # fixed, so entry ids never change


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z") if when else None


def _site_path(src_uri: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    return links.page_url(src_uri, directory_urls) + (f"#{anchor}" if anchor else "")


def _absolute(site_url: str | None, path: str) -> str:
    # Without a site URL, links are relative to the feed at the site's root; "" would be the feed itself.
    return (site_url.rstrip("/") + "/" + path) if site_url else (path or "./")


def entry_record(entry: Entry, figures: Figures, site_url: str | None, directory_urls: bool = True) -> dict[str, Any]:
    """An entry with its figures; unknown figures are null, never guessed."""
    return {
        "id": entry.id,
        "name": entry.name,
        "url": entry.url,
        "description": entry.description,
        "category": entry.category,
        "kind": entry.kind,
        "tags": list(entry.tags),
        "pypi": entry.pypi,
        "docs": entry.docs,
        "added": entry.added.isoformat() if entry.added else None,
        "page": _absolute(site_url, _site_path(links.category_page(entry.category), entry.id, directory_urls)),
        "status": figures.status,
        "reasons": list(figures.reasons),
        "moved_to": figures.moved_to,
        "stars": figures.stars,
        "forks": figures.forks,
        "open_issues": figures.open_issues,
        "contributors": figures.contributors,
        "license": figures.license,
        "last_commit": _iso(figures.last_commit),
        "latest_release": _iso(figures.latest_release),
        "latest_version": figures.latest_version,
        "archived": figures.archived,
        "checked_at": _iso(figures.checked_at),
        "successor": entry.successor,
        "frameworks": list(figures.frameworks) if figures.frameworks is not None else None,
        "python_versions": list(figures.python_versions) if figures.python_versions is not None else None,
        "requires_python": figures.requires_python,
    }


def catalog_json(data: SiteData, site_url: str | None = None, directory_urls: bool = True) -> str:
    document = {
        "version": CATALOG_JSON_VERSION,
        "generated_at": _iso(data.now),
        "checked_at": _iso(data.checked_at),
        "categories": [
            {
                "slug": c.slug,
                "title": c.title,
                "description": c.description,
                "page": _absolute(site_url, _site_path(links.category_page(c.slug), None, directory_urls)),
                "entries": len(c.entries),
            }
            for c in data.catalog.categories
        ],
        "entries": [entry_record(e, data.figures(e), site_url, directory_urls) for e in data.catalog.entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), UTC)


def atom_feed(
    data: SiteData, site_url: str | None = None, directory_urls: bool = True, site_name: str = "Awesome Asyncio"
) -> str:
    """The newest entries by `added`; relative links resolve against the feed's own URL (the site root)."""
    ET.register_namespace("", ATOM)
    # Newest first; entries of one day in name order (not reversed with the dates); retired ones are not news.
    dated = sorted(
        ((e.added, e) for e in data.catalog.entries if e.added is not None and not data.is_retired(e)),
        key=lambda pair: (-pair[0].toordinal(), pair[1].name.casefold()),
    )
    newest = dated[:FEED_SIZE]
    updated = _iso(_midnight(newest[0][0])) if newest else _iso(data.now)

    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed')}")
    _sub(feed, "title", f"{site_name}: new entries")
    _sub(feed, "subtitle", "Entries newly added to the catalog.")
    _sub(feed, "updated", updated)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_absolute(site_url, links.FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=_absolute(site_url, ""))
    author = _sub(feed, "author")
    _sub(author, "name", f"{site_name} maintainers")
    categories = {c.slug: c for c in data.catalog.categories}
    for added, entry in newest:
        item = _sub(feed, "entry")
        _sub(item, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'entry:' + entry.id)}")
        _sub(item, "title", entry.name)
        when = _iso(_midnight(added))
        _sub(item, "updated", when)
        _sub(item, "published", when)
        page = _site_path(links.category_page(entry.category), entry.id, directory_urls)
        _sub(item, "link", rel="alternate", type="text/html", href=_absolute(site_url, page))
        _sub(item, "link", rel="related", href=entry.url)
        _sub(item, "category", term=entry.category, label=categories[entry.category].title)
        _sub(item, "summary", entry.description)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
