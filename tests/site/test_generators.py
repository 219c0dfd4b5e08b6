"""catalog.json, the Atom feed, the building blocks of entry pages, and what a broken input does to the build."""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import Abort

from tests.site.sitekit import CONTRIBUTING, STATUS, TRICKY_NAME, XSS, build_site, write_catalog
from tools.site.links import Linker, page_url
from tools.site.pages import contributing_page
from tools.site.render import relative_time, safe_url
from tools.site.sources import Figures

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(hours=3), "today"),
        (timedelta(days=1, hours=2), "yesterday"),
        (timedelta(days=12), "12 days ago"),
        (timedelta(days=45), "1 month ago"),
        (timedelta(days=200), "7 months ago"),
        (timedelta(days=400), "1 year ago"),
        (timedelta(days=1100), "3 years ago"),
    ],
)
def test_relative_time(ago: timedelta, text: str) -> None:
    assert relative_time(NOW - ago, NOW) == text


def test_only_web_addresses_become_links() -> None:
    assert safe_url("https://example.org/") == "https://example.org/"
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None and safe_url(None) is None


def test_malformed_figures_count_as_unknown() -> None:
    figures = Figures.from_record(
        {
            "status": "ok",
            "stars": True,
            "forks": -1,
            "license": "NOASSERTION",
            "last_commit": "last tuesday",
            "latest_release": "2026-01-02T00:00:00Z",
            "reasons": "not a list",
        }
    )
    assert (figures.stars, figures.forks, figures.license, figures.last_commit, figures.reasons) == (
        None,
        None,
        None,
        None,
        (),
    )
    assert figures.last_activity == datetime(2026, 1, 2, tzinfo=UTC)
    assert Figures.from_record(None) == Figures()


def test_links_between_pages() -> None:
    assert page_url("categories/http.md") == "categories/http/" and page_url("index.md") == ""
    assert Linker("categories/http.md").to("tags.md", "tag:asgi") == "../../tags/#tag:asgi"
    assert Linker("index.md").to("categories/http.md", "aiohttp") == "categories/http/#aiohttp"
    assert Linker("health.md").to("index.md") == "../"
    assert Linker("categories/http.md", directory_urls=False).to("tags.md") == "../tags.html"


def test_catalog_json_has_every_entry_with_its_figures(fixture_site: Path) -> None:
    data = json.loads((fixture_site / "catalog.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["checked_at"] == "2026-11-21T12:00:00Z"
    assert [c["slug"] for c in data["categories"]] == ["testing", "web"]
    entries = {e["id"]: e for e in data["entries"]}
    assert len(entries) == 9
    alpha = entries["alpha"]
    assert (alpha["stars"], alpha["license"], alpha["latest_version"], alpha["contributors"]) == (
        1234,
        "MIT",
        "2.1.0",
        12,
    )
    assert (
        alpha["page"] == "categories/web/#alpha"
        and alpha["tags"] == ["asgi", "http"]
        and alpha["added"] == "2026-11-01"
    )
    assert entries["beta"]["description"] == XSS
    talk = entries["talk-about-tests"]
    assert talk["status"] is None and talk["stars"] is None and talk["last_commit"] is None and talk["kind"] == "talk"
    assert entries["zeta"]["moved_to"] == "https://github.com/neworg/zeta"
    assert set(alpha) == set(talk)


def test_catalog_json_before_any_check_uses_absolute_pages(unchecked_site: Path) -> None:
    data = json.loads((unchecked_site / "catalog.json").read_text(encoding="utf-8"))
    assert data["checked_at"] is None
    assert all(e["status"] is None and e["stars"] is None for e in data["entries"])
    assert data["entries"][0]["page"].startswith("https://aa.example.org/sub/categories/")


def test_feed_is_valid_atom_of_added_entries_newest_first(fixture_site: Path) -> None:
    root = ET.parse(fixture_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    # Without a site URL the links are relative to the feed, which sits at the site's root.
    home = root.find(f"{ATOM}link[@rel='alternate']")
    assert home is not None and urljoin("http://site/feed.xml", home.get("href", "-")) == "http://site/"
    assert root.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Beta", "Alpha", "Omega", TRICKY_NAME]
    assert entries[0].findtext(f"{ATOM}summary") == XSS  # escaped in the XML, intact once parsed
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 4 and all(i and i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}")
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None
        target = urljoin("http://site/feed.xml", link.get("href", ""))
        page, _, anchor = target.partition("#")
        assert (fixture_site / page.removeprefix("http://site/") / "index.html").is_file() and anchor


def test_feed_links_are_absolute_with_a_site_url(unchecked_site: Path) -> None:
    root = ET.parse(unchecked_site / "feed.xml").getroot()
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "https://aa.example.org/sub/feed.xml"
    home = root.find(f"{ATOM}link[@rel='alternate']")
    assert home is not None and home.get("href") == "https://aa.example.org/sub/"
    first = root.find(f"{ATOM}entry/{ATOM}link[@rel='alternate']")
    assert first is not None and first.get("href") == "https://aa.example.org/sub/categories/web/#beta"


def test_contributing_links_to_repository_files_when_the_repository_is_known() -> None:
    text = contributing_page(CONTRIBUTING + "\n[schema]: site/schema/category.schema.json\n", "https://github.com/o/r")
    assert "[the catalog](https://github.com/o/r/blob/HEAD/catalog/web.yml)" in text
    assert "[README](index.md)" in text and "[inclusion criteria](#inclusion-criteria)" in text
    assert "[schema]: schema/category.schema.json" in text  # published on the site itself
    assert "[tools](https://github.com/o/r/blob/HEAD/tools)" in contributing_page(
        "[tools](tools/)", "https://github.com/o/r"
    )


def _sources(tmp_path: Path, contributing: str | None = CONTRIBUTING) -> tuple[Path, Path, Path]:
    catalog = write_catalog(tmp_path / "catalog")
    status = catalog / "status.json"
    status.write_text(json.dumps(STATUS), encoding="utf-8")
    contributing_file = tmp_path / "CONTRIBUTING.md"
    if contributing is not None:
        contributing_file.write_text(contributing, encoding="utf-8")
    return catalog, status, contributing_file


def _errors(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_a_catalog_error_stops_the_build_naming_file_and_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    catalog, status, contributing = _sources(tmp_path)
    with (catalog / "web.yml").open("a", encoding="utf-8") as handle:
        handle.write('  - name: "Zzz"\n    description: "No address at all here."\n')
    with pytest.raises(Abort):
        build_site(tmp_path / "out", catalog, status, contributing)
    assert "the catalog has errors" in _errors(caplog)
    assert "web.yml:" in _errors(caplog) and "url" in _errors(caplog)


def test_a_missing_contributing_file_stops_the_build_clearly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    catalog, status, contributing = _sources(tmp_path, contributing=None)
    with pytest.raises(Abort):
        build_site(tmp_path / "out", catalog, status, contributing)
    assert "CONTRIBUTING.md not found" in _errors(caplog)


def test_the_build_is_strict_a_broken_anchor_fails_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    catalog, status, contributing = _sources(tmp_path, CONTRIBUTING + "\nSee [nowhere](#no-such-heading).\n")
    with pytest.raises(Abort):
        build_site(tmp_path / "out", catalog, status, contributing)
    assert "no-such-heading" in _errors(caplog)


def test_a_broken_status_file_stops_the_build_with_advice(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    catalog, status, contributing = _sources(tmp_path)
    status.write_text("{not json", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(tmp_path / "out", catalog, status, contributing)
    assert "awesome check" in _errors(caplog)


def test_no_site_module_builds_html_from_f_strings() -> None:
    """Pages come from autoescaping templates (tools/site/templates), where nothing can be left unescaped."""
    import ast

    from tools.paths import REPO_ROOT

    tags = re.compile(r"<(a|p|li|ul|div|span|time|article|h\d|table|tr|td|strong)[\s>]")
    offenders = []
    for module in sorted((REPO_ROOT / "tools" / "site").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and any(
                isinstance(part, ast.Constant) and tags.search(str(part.value)) for part in node.values
            ):
                offenders.append(f"{module.name}:{node.lineno}")
    assert offenders == []
