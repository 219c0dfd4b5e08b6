"""The generated Markdown pages: home, one per category, health, contributing.

Catalog text only ever appears inside raw HTML (escaped by `render.esc`) or in front matter written
as JSON strings of escaped text, never as Markdown source.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from typing import Any

from tools.catalog import Category, Entry
from tools.site import links
from tools.site.links import Linker
from tools.site.markdown_links import rewrite_links
from tools.site.render import STATUS_LABELS, entry_block, esc, time_tag
from tools.site.sources import HIDEABLE, SiteData
from tools.status import FLAGGED, STATUSES

RECENT_COUNT = 10
INTRO = (
    "A curated catalog of asynchronous Python: libraries, frameworks, talks and writings worth your time. "
    "Every entry is checked regularly, and one that goes dead, stale, archived or moved is marked as such."
)


def front_matter(**meta: Any) -> str:
    """YAML front matter; values are JSON (a subset of YAML), so no catalog text can break out of it."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _entry_link(entry: Entry, linker: Linker) -> str:
    href = linker.to(links.category_page(entry.category), entry.id)
    return f'<a href="{esc(href)}">{esc(entry.name)}</a>'


def _checked_sentence(data: SiteData) -> str:
    if data.checked_at is None:
        return "The checker has not run yet, so no figures are shown."
    return f"Last checked {time_tag(data.checked_at, data.now)}."


def home_page(data: SiteData, directory_urls: bool = True) -> str:
    linker = Linker(links.HOME, directory_urls)
    catalog = data.catalog
    entries = catalog.entries
    cards = "".join(
        f'<li><p><a href="{esc(linker.to(links.category_page(c.slug)))}"><strong>{esc(c.title)}</strong></a>'
        f' <span class="aa-count">{len(c.entries)} {"entry" if len(c.entries) == 1 else "entries"}</span></p>'
        f"<p>{esc(c.description)}</p></li>"
        for c in catalog.categories
    )
    recent = sorted((e for e in entries if e.added), key=lambda e: (-e.added.toordinal(), e.name.casefold()))  # type: ignore[union-attr]
    recent_items = "".join(
        f'<li>{_entry_link(e, linker)} <span class="aa-muted">in {esc(catalog.category(e.category).title)},'
        f' added <time datetime="{e.added.isoformat()}">{e.added.isoformat()}</time></span></li>'  # type: ignore[union-attr]
        for e in recent[:RECENT_COUNT]
    )
    parts = [
        front_matter(title="Home", hide=["navigation", "toc"]),
        "# Awesome Asyncio\n\n",
        f"{INTRO}\n\n",
        f'<p class="aa-stats"><strong>{len(entries)} entries</strong> in <strong>{len(catalog.categories)} categories</strong>. '
        f"{_checked_sentence(data)} Press <kbd>/</kbd> or use the search box to find an entry by name.</p>\n\n",
        "## Categories\n\n",
        f'<div class="grid cards aa-cards"><ul>{cards}</ul></div>\n\n',
    ]
    if recent_items:
        parts += ["## Recently added\n\n", f'<ul class="aa-recent">{recent_items}</ul>\n\n']
    feed, api = linker.to(links.FEED), linker.to(links.CATALOG_JSON)
    parts.append(
        f'<p class="aa-muted">Follow new entries with the <a href="{feed}">Atom feed</a>; '
        f'tools can read every entry and its figures from <a href="{api}">catalog.json</a>.</p>\n'
    )
    return "".join(parts)


CONTROLS = (
    '<div class="aa-controls" data-aa-controls hidden>'
    '<label for="aa-sort">Sort by</label> '
    '<select id="aa-sort" data-aa-sort>'
    '<option value="name">Name</option>'
    '<option value="stars">Stars</option>'
    '<option value="activity">Recent activity</option>'
    "</select> "
    '<label class="aa-hide"><input type="checkbox" data-aa-hide> Hide stale, archived and dead</label>'
    '<p class="aa-summary" data-aa-summary role="status" aria-live="polite"></p>'
    "</div>"
)


def category_page(data: SiteData, category: Category, directory_urls: bool = True) -> str:
    linker = Linker(links.category_page(category.slug), directory_urls)
    tags = sorted({tag for entry in category.entries for tag in entry.tags})
    blocks = "\n".join(
        entry_block(entry, data.figures(entry), index, data.now, linker) for index, entry in enumerate(category.entries)
    )
    hideable = sum(1 for e in category.entries if data.figures(e).status in HIDEABLE)
    count = len(category.entries)
    lead = (
        f'<p class="aa-lead">{esc(category.description)} '
        f'<span class="aa-muted">{count} {"entry" if count == 1 else "entries"}'
        f"{f', {hideable} inactive' if hideable else ''}.</span></p>"
    )
    body = f'<div class="aa-list" data-aa-list>\n{blocks}\n</div>' if blocks else "<p>No entries yet.</p>"
    return (
        front_matter(
            title=esc(category.title), description=esc(category.description), tags=tags or None, hide=["toc", "tags"]
        )
        + f"{lead}\n\n{CONTROLS}\n\n{body}\n"
    )


def health_page(data: SiteData, directory_urls: bool = True) -> str:
    linker = Linker(links.HEALTH, directory_urls)
    entries = data.catalog.entries
    figures = {e.id: data.figures(e) for e in entries}
    counts = Counter(f.status if f.status in STATUSES else "unchecked" for f in figures.values())
    rows = "".join(
        f'<tr><td><span class="aa-status aa-status--{s}">{STATUS_LABELS.get(s, "Not checked yet")}</span></td>'
        f'<td class="aa-num">{counts[s]}</td></tr>'
        for s in (*STATUSES, "unchecked")
        if counts[s] or s in STATUSES
    )
    complete = data.status.complete
    note = "" if data.checked_at is None or complete else " The last run did not finish; some figures are older."
    parts = [
        front_matter(title="Health", hide=["navigation"]),
        "# Health\n\n",
        f"<p>{_checked_sentence(data)}{note} The checker reads GitHub, PyPI and every link; "
        "an entry is <em>stale</em> after a year without a commit or a release.</p>\n\n",
        f'<table class="aa-health"><thead><tr><th scope="col">Status</th><th scope="col">Entries</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>\n\n",
        "## Flagged entries\n\n",
    ]
    flagged = [(s, [e for e in entries if figures[e.id].status == s]) for s in FLAGGED]
    if not any(group for _, group in flagged):
        parts.append("<p>Nothing is flagged.</p>\n")
    for status, group in flagged:
        if not group:
            continue
        items = "".join(
            f'<li>{_entry_link(e, linker)} <span class="aa-muted">({esc(data.catalog.category(e.category).title)})</span>'
            f"{': ' + esc('; '.join(figures[e.id].reasons)) if figures[e.id].reasons else ''}</li>"
            for e in group
        )
        parts.append(f"### {STATUS_LABELS[status]} ({len(group)})\n\n<ul>{items}</ul>\n\n")
    return "".join(parts)


SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _repository_target(target: str, repository: str | None) -> str | None:
    """Where a link of CONTRIBUTING.md points once the page lives on the site instead of the repository."""
    if SCHEME.match(target) or target.startswith(("#", "/")):
        return target
    path, _, anchor = target.partition("#")
    path = posixpath.normpath(path)
    # Markdown links to pages are resolved (and checked) by MkDocs: the README's content is the home page.
    if path in ("README.md", "."):
        return links.HOME + (f"#{anchor}" if anchor else "")
    if path == "CONTRIBUTING.md":
        return links.CONTRIBUTING + (f"#{anchor}" if anchor else "")
    if path.startswith("site/"):  # docs_dir: the file is published beside the page
        return path.removeprefix("site/") + (f"#{anchor}" if anchor else "")
    if repository:
        return f"{repository.rstrip('/')}/blob/HEAD/{path}" + (f"#{anchor}" if anchor else "")
    return None


def contributing_page(text: str, repository: str | None = None) -> str:
    """CONTRIBUTING.md as a page; links to repository files point at the repository (or become text)."""
    body = rewrite_links(text, lambda target: _repository_target(target, repository))
    return front_matter(title="Contributing", hide=["navigation"]) + body
