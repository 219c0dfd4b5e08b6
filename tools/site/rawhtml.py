"""A Markdown extension that hands the generated pages' HTML blocks to Python-Markdown already stashed.

Why: a category page of a 5,000-entry catalog is megabytes of raw HTML, and Python-Markdown parses
all of it twice with the standard library's HTMLParser (MkDocs's anchor collector, then `md_in_html`'s
block finder) only to store it unchanged: that was most of a large build. The templates already
produce finished, escaped HTML, so the lines between `START` and `END` go straight into
Markdown's own HTML stash, the place its block parser would have put them, and come out of its
`RawHtmlPostprocessor` exactly as written.

A region between the markers is stashed whole, blank lines included, so the page's HTML is what
Python-Markdown made of the same blocks before (it keeps raw HTML as written). The marker lines
themselves are dropped; a region must hold HTML blocks only (no Markdown), which the templates keep.
Catalog text can never forge a marker: it reaches templates autoescaped, so `<` is `&lt;`.

MkDocs learns a page's anchors (for its strict check of links to `page.md#anchor`) from the raw
HTML it parses; the ids of stashed blocks are collected here instead (`anchor_ids`, the ids of the
page converted last) and added to the page by `tools/site/hooks.py`.
"""

from __future__ import annotations

import html
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!--aa:html-->"
END = "<!--/aa:html-->"
# `id="..."` inside a start tag; the templates quote every attribute with double quotes.
ANCHOR_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]*)"')
# After `normalize_whitespace` (30), before fenced code (25: nothing generated is a fence), MkDocs's anchor
# collector (21) and the HTML block parser (20).
PRIORITY = 29


class _StashGeneratedHtml(Preprocessor):
    def __init__(self, md: Markdown, extension: GeneratedHtml) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.anchor_ids = set()
        out: list[str] = []
        block: list[str] | None = None  # the region being collected, None outside one
        for line in lines:
            marker = line.strip()
            if block is None:
                if marker == START:
                    block = []
                else:
                    out.append(line)
            elif marker == END:
                self._stash(block, out)
                block = None
            else:
                block.append(line)
        if block is not None:  # an unclosed region ends with the page
            self._stash(block, out)
        return out

    def _stash(self, block: list[str], out: list[str]) -> None:
        text = "\n".join(block).strip("\n")
        if text:
            self.extension.anchor_ids.update(html.unescape(i) for i in ANCHOR_ID.findall(text))
            # Ending in a newline, as Python-Markdown's own block parser stores a raw HTML block.
            out.extend(["", self.md.htmlStash.store(text + "\n"), ""])


class GeneratedHtml(Extension):
    """Stashes the HTML between `START` and `END` lines unparsed; `anchor_ids` are the ids found in it."""

    def __init__(self) -> None:
        super().__init__()
        self.anchor_ids: set[str] = set()

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StashGeneratedHtml(md, self), "aa_generated_html", PRIORITY)
