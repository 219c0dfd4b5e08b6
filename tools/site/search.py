"""`search/entries.json`: what the site's search ranks (site/assets/js/search.js), one record per entry.

The ranking lives in the browser (exact name, then name prefix, then description, then tags); this
module only lists what it needs: names, one-line descriptions, tags, where each entry lives, and
whether it is retired (ranked after live entries). Category pages are listed too, so a query for
"databases" can offer the page. Written with `json`, so escaping is the serialiser's; the script
puts every value into the page as text, never as HTML.
"""

from __future__ import annotations

import json

from tools.site import links
from tools.site.sources import SiteData


def _one_line(text: str) -> str:
    return " ".join(text.split())


def search_entries(data: SiteData, directory_urls: bool = True) -> str:
    """The index as compact JSON: `{"entries": [{"name", "description", "tags", "category", "href", "retired"}],
    "categories": [{"title", "description", "href"}]}`; `href` is relative to the site's root."""
    titles = {c.slug: c.title for c in data.catalog.categories}
    document = {
        "entries": [
            {
                "name": entry.name,
                "description": _one_line(entry.description),
                "tags": list(entry.tags),
                "category": titles[entry.category],
                "href": links.page_url(links.category_page(entry.category), directory_urls) + f"#{entry.id}",
                "retired": data.is_retired(entry),
            }
            for entry in data.catalog.entries
        ],
        "categories": [
            {
                "title": category.title,
                "description": _one_line(category.description),
                "href": links.page_url(links.category_page(category.slug), directory_urls),
            }
            for category in data.catalog.categories
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
