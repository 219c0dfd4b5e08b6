"""HTML fragments for catalog text: every value from the catalog or status.json passes through `esc`.

Entries are written as raw HTML blocks inside the generated Markdown pages: Markdown would read a
name like `a|b [c]*` as table, link and emphasis syntax, and would pass `<script>` through.
"""

from __future__ import annotations

import html
from datetime import datetime
from urllib.parse import quote

from tools.catalog import Entry
from tools.results import Status
from tools.site.links import TAGS, Linker, tag_anchor
from tools.site.sources import HIDEABLE, MARKED, Figures

STATUS_LABELS = {status.value: status.label for status in Status}


def esc(text: object) -> str:
    """Text as HTML: `<`, `>`, `&` and both quotes escaped, so it is safe in content and attributes."""
    return html.escape(str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links (the catalog validates its own; status.json's `moved_to` is checked here)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def relative_time(when: datetime, now: datetime) -> str:
    """A coarse "3 months ago", the way readers judge activity; the exact date goes in a title."""
    days = int((now - when).total_seconds() // 86400)
    if days < 1:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 31:
        return f"{days} days ago"
    if days < 365:
        months = max(1, round(days / 30.44))
        return "1 month ago" if months == 1 else f"{months} months ago"
    years = days // 365
    return "1 year ago" if years == 1 else f"{years} years ago"


def time_tag(when: datetime, now: datetime) -> str:
    """`<time>` with the machine date and the full date on hover; the script refreshes the relative text."""
    iso = when.isoformat().replace("+00:00", "Z")
    return (
        f'<time datetime="{esc(iso)}" title="{esc(when.strftime("%Y-%m-%d %H:%M UTC"))}" data-aa-relative>'
        f"{esc(relative_time(when, now))}</time>"
    )


def pypi_url(name: str) -> str:
    return f"https://pypi.org/project/{quote(name, safe='')}/"


def _facts(entry: Entry, figures: Figures, now: datetime) -> list[str]:
    facts = [f'<li class="aa-kind">{esc(entry.kind)}</li>']
    if figures.stars is not None:
        noun = "star" if figures.stars == 1 else "stars"
        facts.append(f'<li class="aa-stars">{figures.stars:,} {noun}</li>')
    if figures.last_commit is not None:
        facts.append(f'<li class="aa-commit">last commit {time_tag(figures.last_commit, now)}</li>')
    if figures.latest_release is not None or figures.latest_version is not None:
        version = f" {esc(figures.latest_version)}" if figures.latest_version else ""
        when = f", {time_tag(figures.latest_release, now)}" if figures.latest_release else ""
        facts.append(f'<li class="aa-release">release{version}{when}</li>')
    if figures.license is not None:
        facts.append(f'<li class="aa-license">{esc(figures.license)} licence</li>')
    if entry.pypi:
        facts.append(f'<li><a class="aa-pypi" href="{esc(pypi_url(entry.pypi))}">PyPI</a></li>')
    if entry.docs and safe_url(entry.docs):
        facts.append(f'<li><a class="aa-docs" href="{esc(entry.docs)}">Docs</a></li>')
    return facts


def _flag(figures: Figures) -> str:
    if figures.status not in MARKED:
        return ""
    label = STATUS_LABELS[figures.status]
    details = [esc(reason) for reason in figures.reasons]
    moved = safe_url(figures.moved_to)
    if figures.status == "moved" and moved:
        details.append(f'now at <a href="{esc(moved)}">{esc(moved)}</a>')
    detail = f" {'; '.join(details)}" if details else ""
    return f'<p class="aa-flag aa-flag--{figures.status}"><strong>{label}:</strong>{detail}</p>'


def entry_block(entry: Entry, figures: Figures, index: int, now: datetime, linker: Linker) -> str:
    """One entry as an `<article>`, with data attributes the sorting script reads. One line, no blank lines."""
    data = [
        f'data-aa-index="{index}"',
        f'data-aa-name="{esc(entry.name.casefold())}"',
        f'data-aa-status="{esc(figures.status or "unchecked")}"',
    ]
    if figures.stars is not None:
        data.append(f'data-aa-stars="{figures.stars}"')
    if figures.last_activity is not None:
        data.append(f'data-aa-activity="{esc(figures.last_activity.isoformat())}"')
    classes = "aa-entry" + (f" aa-entry--{figures.status}" if figures.status in MARKED else "")
    if figures.status in HIDEABLE:
        data.append("data-aa-hideable")
    # Spaces between the tags keep them apart as words, in the search index as on the page.
    tags = " ".join(
        f'<a class="md-tag" href="{esc(linker.to(TAGS, tag_anchor(tag)))}">{esc(tag)}</a>' for tag in entry.tags
    )
    parts = [
        f'<article class="{classes}" {" ".join(data)}>',
        f'<h2 id="{esc(entry.id)}"><a href="{esc(entry.url)}">{esc(entry.name)}</a>'
        f'<a class="headerlink" href="#{esc(entry.id)}" aria-label="Link to {esc(entry.name)}">#</a></h2>',
        _flag(figures),
        f'<p class="aa-description">{esc(entry.description)}</p>',
        f'<ul class="aa-facts">{"".join(_facts(entry, figures, now))}</ul>',
        f'<p class="aa-tags">{tags}</p>' if tags else "",
        "</article>",
    ]
    return "".join(parts)
