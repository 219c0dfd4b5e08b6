"""The generated Markdown pages: home, one per category, health, contributing.

Pages are rendered from the templates in `tools/site/templates/` (autoescaped: see `templating.py`);
catalog text only ever appears inside their raw HTML, or in front matter (`front_matter`), never as
Markdown source.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from datetime import date
from typing import Any

from tools.catalog import Category, Entry
from tools.escaping import html
from tools.site import links
from tools.site.links import Linker
from tools.site.markdown_links import rewrite_links
from tools.site.render import version_key
from tools.site.sources import SiteData
from tools.site.templating import render
from tools.site.trends import WINDOW_DAYS
from tools.site.views import EntryView, entry_views
from tools.status import FLAGGED, STATUSES

RECENT_COUNT = 10
INTRO = (
    "A curated catalog of asynchronous Python: libraries, frameworks, talks and writings worth your time. "
    "Every entry is checked regularly, and one that goes dead, stale, archived or moved is marked as such."
)


def front_matter(**meta: Any) -> str:
    """YAML front matter for the theme, whose templates print meta values as they are (no autoescape).

    So every string is HTML-escaped here, once, and written as JSON (a subset of YAML): no catalog
    text can break out of the front matter or into the page's markup.
    """

    def theme_value(value: Any) -> Any:
        if isinstance(value, str):
            return html(value)
        if isinstance(value, list):
            return [theme_value(item) for item in value]
        return value

    lines = [
        f"{key}: {json.dumps(theme_value(value), ensure_ascii=False)}"
        for key, value in meta.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _title_of(data: SiteData) -> Any:
    return lambda slug: data.catalog.category(slug).title


def recently_added(entries: list[Entry], count: int = RECENT_COUNT) -> list[Entry]:
    """The newest live entries by `added`, whole days at a time, at most `count`.

    A day's entries all go in or none do: when more entries share a date than fit (an import, or the
    day the catalog started), listing some of them alphabetically would pass the cut for "newest".
    """
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        if entry.added is not None and entry.successor is None:
            by_day.setdefault(entry.added, []).append(entry)
    recent: list[Entry] = []
    for day in sorted(by_day, reverse=True):
        if len(recent) + len(by_day[day]) > count:
            break
        recent += sorted(by_day[day], key=lambda e: e.name.casefold())
    return recent


def _tied_sentence(entries: list[Entry], recent: list[Entry]) -> str | None:
    """Why "Recently added" lists nothing although entries have dates (they all share the newest days)."""
    dated = [e.added for e in entries if e.added is not None and e.successor is None]
    if recent or not dated:
        return None
    newest = max(dated)
    same = sum(1 for d in dated if d == newest)
    return f"{same} entries were added on {newest.isoformat()}, the newest date in the catalog; none is newer than the others."


def home_page(data: SiteData, directory_urls: bool = True) -> str:
    catalog = data.catalog
    live = [e for e in catalog.entries if not data.is_retired(e)]
    recent = recently_added(catalog.entries)
    return front_matter(title="Home", hide=["navigation", "toc"]) + render(
        "home.md",
        data=data,
        intro=INTRO,
        live_count=len(live),
        live_in={c.slug: sum(1 for e in c.entries if not data.is_retired(e)) for c in catalog.categories},
        categories=catalog.categories,
        recent=recent,
        tied=_tied_sentence(catalog.entries, recent),
        title_of=_title_of(data),
        linker=Linker(links.HOME, directory_urls),
    )


NO_FIGURES = "The checker has not run yet, so sorting by stars or recent activity waits for its first run."
NOTHING_TO_HIDE = "Nothing here is marked stale, archived, dead or retired, so there is nothing to hide."
NO_TRENDS = "Stars gained needs at least four weeks of weekly figures; sorting by it is disabled until then."
NO_COMPATIBILITY = "No compatibility facts are known from PyPI for these entries yet, so those filters are disabled."


def _why_disabled(data: SiteData, views: list[EntryView]) -> dict[str, Any]:
    """Which controls are disabled, and one sentence for each reason (shown beside them)."""
    no_figures = data.checked_at is None or all(v.figures.status is None for v in views)
    no_trends = not any(v.gain for v in views)
    no_compat = not any(v.figures.frameworks or v.figures.python_versions for v in views)
    nothing_to_hide = not any(v.hideable for v in views)
    reasons = [NO_FIGURES] if no_figures else []
    if no_trends and not no_figures:
        reasons.append(NO_TRENDS)
    if nothing_to_hide and views:
        reasons.append(NOTHING_TO_HIDE)
    if no_compat and views:
        reasons.append(NO_COMPATIBILITY)
    return {"sort": no_figures, "gained": no_trends, "hide": nothing_to_hide, "text": " ".join(reasons)}


def category_page(data: SiteData, category: Category, directory_urls: bool = True) -> str:
    linker = Linker(links.category_page(category.slug), directory_urls)
    views = entry_views(data, category.entries, linker)
    live = [v for v in views if not v.retired]
    frameworks = sorted({f for v in views for f in v.figures.frameworks or ()})
    pythons = sorted({p for v in views for p in v.figures.python_versions or ()}, key=version_key, reverse=True)
    meta = front_matter(title=category.title, description=category.description, hide=["toc"])
    return meta + render(
        "category.md",
        data=data,
        category=category,
        live=live,
        retired=[v for v in views if v.retired],
        inactive=sum(1 for v in live if v.hideable),
        frameworks=frameworks,
        pythons=pythons,
        why=_why_disabled(data, views),
        linker=linker,
    )


def tags_page(data: SiteData, directory_urls: bool = True) -> str:
    """Every tag with its count and its entries grouped by category, most used first in the cloud's order."""
    by_tag: dict[str, list[tuple[Category, list[Entry]]]] = {}
    for category in data.catalog.categories:
        for tag in sorted({t for e in category.entries for t in e.tags}):
            by_tag.setdefault(tag, []).append((category, [e for e in category.entries if tag in e.tags]))
    tags = [(tag, groups, sum(len(entries) for _, entries in groups)) for tag, groups in sorted(by_tag.items())]
    return front_matter(title="Tags", hide=["navigation", "toc"]) + render(
        "tags.md", tags=tags, linker=Linker(links.TAGS, directory_urls)
    )


TRENDING_COUNT = 25


def trending_page(data: SiteData, directory_urls: bool = True) -> str:
    """The fastest risers across categories: most stars gained in the trend window, live entries only."""
    linker = Linker(links.TRENDING, directory_urls)
    risers = sorted(
        (
            (v.gain.stars, v)
            for v in entry_views(data, data.catalog.entries, linker)
            if v.gain and v.gain.stars > 0 and not v.retired
        ),
        key=lambda pair: (-pair[0], pair[1].entry.name.casefold()),
    )
    return front_matter(title="Trending", hide=["navigation", "toc"]) + render(
        "trending.md",
        rising=[view for _, view in risers[:TRENDING_COUNT]],
        window=WINDOW_DAYS,
        title_of=_title_of(data),
        linker=linker,
    )


def health_page(data: SiteData, directory_urls: bool = True) -> str:
    entries = data.catalog.entries
    figures = {e.id: data.figures(e) for e in entries}
    counted = Counter(f.status if f.status in STATUSES else "unchecked" for f in figures.values())
    counts = [(s, counted[s]) for s in (*STATUSES, "unchecked") if counted[s] or s in STATUSES]
    flagged = [(s, group) for s in FLAGGED if (group := [e for e in entries if figures[e.id].status == s])]
    complete = data.status.complete
    note = "" if data.checked_at is None or complete else " The last run did not finish; some figures are older."
    return front_matter(title="Health", hide=["navigation"]) + render(
        "health.md",
        data=data,
        counts=counts,
        flagged=flagged,
        figures=figures,
        note=note,
        title_of=_title_of(data),
        linker=Linker(links.HEALTH, directory_urls),
    )


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
