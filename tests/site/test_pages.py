"""The generated pages, read from a strict build of the fixture catalog (see sitekit.py)."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.site.sitekit import CATEGORIES, TRICKY_DESCRIPTION, TRICKY_NAME, TRICKY_TITLE, XSS
from tools.catalog import load_catalog
from tools.paths import CATALOG_DIR, REPO_ROOT


class Parsed(HTMLParser):
    """Every id and every element's attributes, to check anchors and links without a browser."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.alternates: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a.get("type", "")] = a.get("href", "")
        elif tag == "link" and a.get("href"):
            self.resources.append(a["href"])


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(site: Path, category: str, entry_id: str) -> str:
    text = page(site, f"categories/{category}")
    match = re.search(
        rf'<article[^>]*>(?:(?!</article>).)*?<h2 id="{re.escape(entry_id)}">.*?</article>', text, re.DOTALL
    )
    assert match, f"no entry {entry_id!r} on categories/{category}/"
    return match.group(0)


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_entry_has_an_anchor_and_its_linked_name(fixture_site: Path) -> None:
    for slug, category in CATEGORIES.items():
        parsed = Parsed(page(fixture_site, f"categories/{slug}"))
        for entry in category["entries"]:
            block = article(fixture_site, slug, re.sub(r"[^a-z0-9]+", "-", entry["name"].lower()).strip("-"))
            assert f'href="{html.escape(entry["url"])}">{html.escape(entry["name"])}</a>' in block
            assert html.escape(entry["description"]) in block
        assert len([i for i in parsed.ids if i]) >= len(category["entries"])


def test_known_figures_are_shown_with_dates_on_hover(fixture_site: Path) -> None:
    alpha = article(fixture_site, "web", "alpha")
    assert "1,234 stars" in alpha
    assert '<time datetime="2026-11-18T08:00:00Z" title="2026-11-18 08:00 UTC"' in alpha
    assert "release 2.1.0" in alpha
    assert "MIT licence" in alpha
    assert 'href="https://pypi.org/project/alpha/">PyPI</a>' in alpha
    assert 'href="https://alpha.example.org/">Docs</a>' in alpha
    assert ">library<" in alpha
    assert ">talk<" in article(fixture_site, "testing", "talk-about-tests")


def test_unknown_figures_are_left_out_not_zero(fixture_site: Path, unchecked_site: Path) -> None:
    never_checked = article(fixture_site, "testing", "talk-about-tests")
    dead = article(fixture_site, "web", "epsilon")
    for block in (never_checked, dead):
        assert "stars" not in block and "last commit" not in block and "licence" not in block and "release" not in block
    assert "0 stars" in article(fixture_site, "testing", "omega")  # a known zero is a figure
    for slug in CATEGORIES:
        text = page(unchecked_site, f"categories/{slug}")
        assert "aa-stars" not in text and "<time" not in text and "aa-flag" not in text
    assert "has not run yet" in page(unchecked_site, "")


@pytest.mark.parametrize(
    ("entry_id", "status", "reason"),
    [
        ("gamma", "stale", "no commit or release since 2024-05-01"),
        ("delta", "archived", "archived on GitHub"),
        ("epsilon", "dead", "404 Not Found"),
        ("zeta", "moved", "renamed on GitHub"),
    ],
)
def test_flagged_entries_carry_a_visible_mark_with_the_reason(
    fixture_site: Path, entry_id: str, status: str, reason: str
) -> None:
    block = article(fixture_site, "web", entry_id)
    assert f'<p class="aa-flag aa-flag--{status}"><strong>{status.capitalize()}:</strong> {reason}' in block


def test_moved_entries_link_to_the_new_address_and_healthy_ones_are_unmarked(fixture_site: Path) -> None:
    # The reason and the new address read as one sentence: "Moved: renamed on GitHub; now at <address>".
    assert '<strong>Moved:</strong> renamed on GitHub; now at <a href="https://github.com/neworg/zeta">' in article(
        fixture_site, "web", "zeta"
    )
    for entry_id in ("alpha", "beta", "pipe-star-bracket"):
        assert "aa-flag" not in article(fixture_site, "web", entry_id)


def test_catalog_text_is_escaped_everywhere(fixture_site: Path) -> None:
    for path in html_pages(fixture_site):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, path
        assert "<Frameworks>" not in text and "<b>markup</b>" not in text, path
    web = page(fixture_site, "categories/web")
    assert html.escape(XSS) in web
    assert f"<title>{html.escape(TRICKY_TITLE)} - Awesome Asyncio</title>" in web
    assert f'<meta name="description" content="{html.escape(TRICKY_DESCRIPTION)}">' in web


def test_a_name_full_of_markup_reads_literally_everywhere(fixture_site: Path) -> None:
    """`Pipe|Star*[Bracket]`<&>` as a link's text on every page that names the entry, escaped once."""
    import json
    import xml.etree.ElementTree as ET

    link = f">{html.escape(TRICKY_NAME)}</a>"
    for where in ("categories/web", "", "tags", "health"):  # its page, recently added, its tag, flagged unknown
        assert link in page(fixture_site, where), where
    for path in html_pages(fixture_site):
        text = path.read_text(encoding="utf-8")
        assert "`<&>" not in text and "&amp;lt;" not in text and "&amp;amp;" not in text, path
        assert "<em>Fast</em>" not in text and "<code>ASGI</code>" not in text, path
    for where in ("tags", "health", ""):
        assert html.escape(TRICKY_TITLE) in page(fixture_site, where), where
    entries = json.loads((fixture_site / "catalog.json").read_text(encoding="utf-8"))["entries"]
    assert TRICKY_NAME in [e["name"] for e in entries]
    feed = ET.parse(fixture_site / "feed.xml").getroot()
    assert TRICKY_NAME in [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]


def test_markdown_syntax_in_names_and_descriptions_stays_literal(fixture_site: Path) -> None:
    block = article(fixture_site, "web", "pipe-star-bracket")
    assert f">{html.escape(TRICKY_NAME)}</a>" in block
    assert "Has *stars* and | pipes | in text." in block
    # The only table is the compact view's own: pipes in names and descriptions made none.
    assert set(re.findall(r"<table[^>]*>", page(fixture_site, "categories/web"))) == {
        '<table class="aa-table" data-aa-table hidden>'
    }
    assert "<em>" not in block


def test_entries_carry_data_for_sorting_and_hiding(fixture_site: Path) -> None:
    assert 'data-aa-stars="50000"' in article(fixture_site, "web", "beta")
    assert "data-aa-stars" not in article(fixture_site, "web", "epsilon")
    for entry_id in ("gamma", "delta", "epsilon"):
        assert "data-aa-hideable" in article(fixture_site, "web", entry_id)
    for entry_id in ("alpha", "zeta", "pipe-star-bracket"):
        assert "data-aa-hideable" not in article(fixture_site, "web", entry_id)
    # Controls are hidden until the script shows them: without JavaScript the plain list remains.
    assert '<div class="aa-controls" data-aa-controls hidden>' in page(fixture_site, "categories/web")


def test_internal_links_and_anchors_all_resolve(fixture_site: Path) -> None:
    checked = 0
    for path in html_pages(fixture_site):
        url = "http://site/" + path.relative_to(fixture_site).as_posix()
        for href in Parsed(path.read_text(encoding="utf-8")).links:
            target = urlsplit(urljoin(url, href))
            if target.netloc != "site" or href.startswith(("javascript:",)):
                continue
            file = fixture_site / target.path.lstrip("/")
            if target.path.endswith("/"):
                file = file / "index.html"
            assert file.is_file(), f"{path}: {href} -> missing {file}"
            if target.fragment and file.suffix == ".html":
                assert target.fragment in Parsed(file.read_text(encoding="utf-8")).ids, f"{path}: {href}: no anchor"
            checked += 1
    assert checked > 100


def test_tags_link_to_the_index_which_links_back_to_entries(fixture_site: Path) -> None:
    assert 'href="../../tags/#tag:asgi">asgi</a>' in article(fixture_site, "web", "alpha")
    tags = page(fixture_site, "tags")
    assert {"tag:asgi", "tag:http", "tag:pytest"} <= Parsed(tags).ids
    section = tags[tags.index('id="tag:http"') : tags.index('id="tag:pytest"')]
    assert 'href="../categories/web/#alpha"' in section and 'href="../categories/web/#pipe-star-bracket"' in section
    assert "#beta" not in section  # beta has no http tag


def test_home_has_counts_cards_and_recent_entries(fixture_site: Path) -> None:
    home = page(fixture_site, "")
    assert "<strong>9 entries</strong> in <strong>2 categories</strong>" in home
    assert 'datetime="2026-11-21T12:00:00Z"' in home  # last checked
    cards = home[home.index("grid cards") :]
    assert 'href="categories/testing/"' in cards and 'href="categories/web/"' in cards
    assert "7 entries" in cards and "2 entries" in cards
    recent = home[home.index("aa-recent") :]
    order = [
        recent.index(f'href="categories/{c}/#{i}"')
        for c, i in (("web", "beta"), ("web", "alpha"), ("testing", "omega"))
    ]
    assert order == sorted(order)
    assert "#gamma" not in recent  # no `added` date: not in the list


def test_health_page_counts_each_status_and_lists_flagged_entries(fixture_site: Path, unchecked_site: Path) -> None:
    health = page(fixture_site, "health")
    counts = dict(re.findall(r'aa-status--(\w+)">[^<]*</span></td><td class="aa-num">(\d+)</td>', health))
    assert counts == {
        "ok": "3",
        "stale": "1",
        "archived": "1",
        "moved": "1",
        "dead": "1",
        "unknown": "1",
        "unchecked": "1",
    }
    assert 'href="../categories/web/#gamma">Gamma</a>' in health
    assert "no commit or release since 2024-05-01" in health and "timed out" in health
    assert "#alpha" not in health
    assert "Nothing is flagged" in page(unchecked_site, "health")


def test_contributing_page_comes_from_contributing_md(fixture_site: Path) -> None:
    text = page(fixture_site, "contributing")
    assert '<h1 id="contributing">Contributing<a class="headerlink"' in text
    assert 'href="#inclusion-criteria"' in text and 'id="inclusion-criteria"' in text
    assert "the catalog" in text and "catalog/web.yml" not in text  # a repository file without a known repository: text
    assert '<a href="../">README</a>' in text


def test_every_page_announces_the_feed_and_catalog_json(fixture_site: Path) -> None:
    for path in [*html_pages(fixture_site), fixture_site / "404.html"]:
        alternates = Parsed(path.read_text(encoding="utf-8")).alternates
        base = "http://site/" + path.relative_to(fixture_site).as_posix()
        assert urljoin(base, alternates["application/atom+xml"]) in ("http://site/feed.xml",), path
        assert urljoin(base, alternates["application/json"]) == "http://site/catalog.json", path


def test_nothing_is_loaded_from_third_parties(fixture_site: Path) -> None:
    for path in html_pages(fixture_site):
        text = path.read_text(encoding="utf-8")
        resources = Parsed(text).resources
        assert resources and all(not urlsplit(r).netloc for r in resources), (path, resources)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text and "api.github.com" not in text


def test_search_index_lists_every_entry_with_its_own_tags(fixture_site: Path) -> None:
    """search/entries.json, which the site's search ranks: one record per entry, its own tags, nothing else."""
    import json

    index = json.loads((fixture_site / "search" / "entries.json").read_text(encoding="utf-8"))
    records = {r["href"]: r for r in index["entries"]}
    assert len(records) == sum(len(c["entries"]) for c in CATEGORIES.values())
    for slug, category in CATEGORIES.items():
        for entry in category["entries"]:
            record = records[f"categories/{slug}/#{re.sub(r'[^a-z0-9]+', '-', entry['name'].lower()).strip('-')}"]
            assert (record["name"], record["description"], record["tags"]) == (
                entry["name"],
                entry["description"],
                entry.get("tags", []),
            )
    assert {c["href"] for c in index["categories"]} == {"categories/web/", "categories/testing/"}
    # Material's own lunr index is not shipped: nothing reads it.
    assert not (fixture_site / "search" / "search_index.json").exists()


def test_every_page_names_the_search_dialog(fixture_site: Path) -> None:
    """axe's aria-dialog-name, on the pages MkDocs renders from templates (404.html) as on the others."""
    for path in [*html_pages(fixture_site), fixture_site / "404.html"]:
        assert '<div class="md-search" role="dialog" aria-label="Search" data-aa-search>' in path.read_text(
            encoding="utf-8"
        ), path


def test_generated_pages_are_not_in_the_tree() -> None:
    site = REPO_ROOT / "site"
    for name in ("index.md", "health.md", "contributing.md", "catalog.json", "feed.xml", "categories"):
        assert not (site / name).exists(), f"site/{name} is generated at build time and must not be committed"


def test_the_real_catalog_builds_strictly_with_every_entry_on_its_page(tmp_path: Path) -> None:
    """What `make site` does, as a separate process: any MkDocs warning fails a strict build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AWESOME_STATUS_FILE": str(tmp_path / "no-status.json")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "public")],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    catalog = load_catalog(CATALOG_DIR)
    for category in catalog.categories:
        page = (tmp_path / "public" / "categories" / category.slug / "index.html").read_text(encoding="utf-8")
        missing = [e.id for e in category.entries if f'id="{e.id}"' not in page]
        assert missing == [], f"{category.slug}: no anchor for {missing}"
