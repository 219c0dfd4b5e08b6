"""Where each generated file lives and how pages link to each other.

Entry blocks are raw HTML (so catalog text never meets the Markdown parser), and MkDocs does not
rewrite links inside raw HTML; these helpers compute the same relative URLs it would.
"""

from __future__ import annotations

import posixpath

from mkdocs.utils import get_relative_url

HOME = "index.md"
TAGS = "tags.md"
HEALTH = "health.md"
TRENDING = "trending.md"
CONTRIBUTING = "contributing.md"
CATALOG_JSON = "catalog.json"
FEED = "feed.xml"
SEARCH_INDEX = "search/entries.json"


def category_page(slug: str) -> str:
    return f"categories/{slug}.md"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown page (`categories/http.md` -> `categories/http/`)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    name = posixpath.basename(stem)
    if name in ("index", "README"):
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def tag_anchor(tag: str) -> str:
    """The anchor Material's tags plugin gives a tag in the index (`tags_slugify_format: tag:{slug}`)."""
    return f"tag:{tag}"


class Linker:
    """Relative links from one page to other pages, as MkDocs would write them."""

    def __init__(self, from_src: str, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        self.from_url = page_url(from_src, directory_urls)

    def to(self, target_src: str, anchor: str | None = None) -> str:
        target = page_url(target_src, self.directory_urls)
        url = get_relative_url(target or ".", self.from_url or ".")
        if (not target or target.endswith("/")) and not url.endswith("/"):
            url += "/"
        if url == "./" and anchor:
            url = ""
        return f"{url}#{anchor}" if anchor else url
