"""The generated pages' HTML reaches the site as Python-Markdown would have written it, without being parsed again,
and Material's search plugin indexes nothing while its search box stays."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import markdown
import pytest

from tests.site.sitekit import CONTRIBUTING, STATUS, build_site, write_catalog
from tools.site.rawhtml import END, START, GeneratedHtml

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]  # as mkdocs.yml has them

PAGE = f"""# Title

Some *Markdown* first.

{START}
<p class="aa-lead">Lead with &lt;b&gt; escaped text. <span>inline</span></p>

<div class="aa-list" data-aa-list>
<article id="alpha">
<h2 id="alpha-name"><a href="https://example.org/">Alpha</a></h2>
<ul class="aa-facts">
<li>library</li>

<li><a href="https://pypi.org/project/alpha/">PyPI</a></li>
</ul>
</article>
</div>
<table hidden><tbody><tr id="row-alpha"><td>*not emphasis*</td></tr></tbody></table>
{END}

## After

{START}
<ul>
<li><a href="#alpha">Alpha</a> <span>one</span></li>
</ul>
{END}

Closing paragraph.
"""


def test_stashed_html_comes_out_exactly_as_markdown_writes_raw_html() -> None:
    without_markers = "\n".join(line for line in PAGE.splitlines() if line not in (START, END)) + "\n"
    parsed = markdown.Markdown(extensions=EXTENSIONS).convert(without_markers)
    generated = GeneratedHtml()
    stashed = markdown.Markdown(extensions=[*EXTENSIONS, generated]).convert(PAGE)
    assert stashed == parsed
    assert "<td>*not emphasis*</td>" in stashed and "<em>Markdown</em>" in stashed
    assert START not in stashed and END not in stashed


def test_the_ids_of_stashed_html_are_the_pages_anchors() -> None:
    generated = GeneratedHtml()
    md = markdown.Markdown(extensions=[*EXTENSIONS, generated])
    md.convert(PAGE)
    assert generated.anchor_ids == {"alpha", "alpha-name", "row-alpha"}
    md.convert(f'{START}\n<p id="beta">b</p>\n{END}\n')
    assert generated.anchor_ids == {"beta"}, "each conversion starts afresh"


def test_a_marker_inside_catalog_text_stays_text() -> None:
    """Catalog text reaches the templates autoescaped, so it cannot open or close a stashed region."""
    from tools.site.templating import render

    html = render("tags.md", tags=[(START, [], 1)], linker=None)
    assert html.count(START) == 1 and "&lt;!--aa:html--&gt;" in html


def test_material_indexes_no_page_and_keeps_its_search_box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its lunr index is dropped after the build (the site searches search/entries.json), so building it is waste."""
    parser = importlib.import_module("material.plugins.search.plugin").Parser  # the page parser its index uses
    parsed: list[str] = []
    real_feed = parser.feed

    def feed(self: object, data: str) -> None:
        parsed.append(data)
        real_feed(self, data)

    monkeypatch.setattr(parser, "feed", feed)
    catalog = write_catalog(tmp_path / "catalog")
    (catalog / "status.json").write_text(json.dumps(STATUS), encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text(CONTRIBUTING, encoding="utf-8")
    out = build_site(tmp_path / "out", catalog, catalog / "status.json", tmp_path / "CONTRIBUTING.md")
    assert parsed == []
    assert not (out / "search" / "search_index.json").exists()
    page = (out / "categories" / "web" / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in page and "data-aa-search-input" in page
