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
from typing import Any

from markupsafe import escape

from tools.catalog import Category
from tools.site import links
from tools.site.links import Linker
from tools.site.sources import HIDEABLE, SiteData
from tools.site.templating import render
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
            return str(escape(value))
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


def home_page(data: SiteData, directory_urls: bool = True) -> str:
    catalog = data.catalog
    dated = [e for e in catalog.entries if e.added]
    recent = sorted(dated, key=lambda e: (-e.added.toordinal(), e.name.casefold()))  # type: ignore[union-attr]
    return front_matter(title="Home", hide=["navigation", "toc"]) + render(
        "home.md",
        data=data,
        intro=INTRO,
        entries=catalog.entries,
        categories=catalog.categories,
        recent=recent[:RECENT_COUNT],
        title_of=_title_of(data),
        linker=Linker(links.HOME, directory_urls),
    )


def category_page(data: SiteData, category: Category, directory_urls: bool = True) -> str:
    tags = sorted({tag for entry in category.entries for tag in entry.tags})
    meta = front_matter(title=category.title, description=category.description, tags=tags or None, hide=["toc", "tags"])
    return meta + render(
        "category.md",
        data=data,
        category=category,
        count=len(category.entries),
        hideable=sum(1 for e in category.entries if data.figures(e).status in HIDEABLE),
        linker=Linker(links.category_page(category.slug), directory_urls),
    )


def health_page(data: SiteData, directory_urls: bool = True) -> str:
    entries = data.catalog.entries
    figures = {e.id: data.figures(e) for e in entries}
    counted = Counter(f.status if f.status in STATUSES else "unchecked" for f in figures.values())
    counts = [(s, counted[s]) for s in (*STATUSES, "unchecked") if counted[s] or s in STATUSES]
    flagged = [(s, group) for s in FLAGGED if (group := [e for e in entries if figures[e.id].status == s])]
    complete = data.status.get("complete")
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


# [text](target "title") not preceded by `!`, and reference definitions `[id]: target`.
INLINE_LINK = re.compile(r'(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]+)(?P<title>\s+"[^"\n]*")?\)')
REFERENCE = re.compile(r"^(?P<lead> {0,3}\[[^\]\n]+\]:[ \t]*)(?P<target>\S+)", re.MULTILINE)
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

    def inline(match: re.Match[str]) -> str:
        target = _repository_target(match["target"], repository)
        if target is None:
            return match["text"]
        return f"[{match['text']}]({target}{match['title'] or ''})"

    def reference(match: re.Match[str]) -> str:
        target = _repository_target(match["target"], repository)
        return f"{match['lead']}{target or '#'}"

    body = REFERENCE.sub(reference, INLINE_LINK.sub(inline, text))
    return front_matter(title="Contributing", hide=["navigation"]) + body
