"""Issue 11's reader tools in the built pages: retired entries, compatibility, trends, recently added,
tags with counts, the 404 page, links to the repository, and controls that say why they are disabled.

Built from sitekit.FEATURES with a status.json in the shapes the checker writes (frameworks,
python_versions, requires_python per entry; weekly `trends`)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from tests.site.sitekit import FILLERS
from tools.catalog.model import Entry
from tools.paths import REPO_ROOT
from tools.results import TrendPoint
from tools.site.pages import recently_added
from tools.site.trends import stars_gained

ATOM = "{http://www.w3.org/2005/Atom}"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def block(text: str, entry_id: str) -> str:
    match = re.search(rf'<article[^>]*>\s*<h2 id="{entry_id}">.*?</article>', text, re.DOTALL)
    assert match, entry_id
    return match.group(0)


def test_retired_entries_follow_live_ones_in_a_closed_group_with_what_to_use_instead(feature_site: Path) -> None:
    text = page(feature_site, "categories/clients")
    group = text.index('<details class="aa-retired" data-aa-retired-group>')
    assert '<details class="aa-retired" data-aa-retired-group open' not in text  # closed
    assert text.index('id="aioredis"') > group and text.index('id="old-timer"') > group
    assert max(text.index(f'id="{n.lower().replace(" ", "-")}"') for n in ["Mystery", "Redis-py", *FILLERS]) < group
    assert '<strong>Retired:</strong> use <a href="#redis-py">Redis-py</a> instead.' in block(text, "aioredis")
    assert 'use <a href="https://newer.example.org/">its replacement at newer.example.org</a> instead' in block(
        text, "old-timer"
    )
    assert "data-aa-hideable" in block(text, "aioredis")  # the hide control hides retired entries too


def test_retired_entries_are_out_of_counts_recent_entries_and_the_feed(feature_site: Path) -> None:
    assert "21 entries, 2 retired." in page(feature_site, "categories/clients")
    home = page(feature_site, "")
    assert "<strong>22 entries</strong> in <strong>2 categories</strong>" in home
    assert '<span class="aa-count">21 entries</span>' in home
    assert "#aioredis" not in home[home.index("aa-recent") :]  # added last, but retired
    feed = ET.parse(feature_site / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert "Aioredis" not in titles
    entries = {e["id"]: e for e in json.loads((feature_site / "catalog.json").read_text(encoding="utf-8"))["entries"]}
    assert entries["aioredis"]["successor"] == "Redis-py" and entries["redis-py"]["successor"] is None


def test_recently_added_lists_whole_days_newest_first_and_the_feed_keeps_name_order_within_a_day(
    feature_site: Path,
) -> None:
    home = page(feature_site, "")
    recent = home[home.index('<ul class="aa-recent">') : home.index("</ul>", home.index("aa-recent"))]
    assert re.findall(r"#([a-z0-9-]+)\">", recent) == ["redis-py", "trio-thing", "mystery"]
    assert "filler" not in recent  # 18 entries share their day: listing some of them would mislead
    feed = ET.parse(feature_site / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[:5] == ["Redis-py", "Trio Thing", "Mystery", "Filler 01", "Filler 02"]


def _entry(name: str, added: str) -> Entry:
    return Entry(
        name.lower(), name, "https://example.org/", "D.", "c", Path("c.yml"), 1, added=date.fromisoformat(added)
    )


def test_recently_added_shows_nothing_when_every_entry_shares_one_date() -> None:
    same_day = [_entry(f"E{n}", "2026-11-21") for n in range(12)]
    assert recently_added(same_day) == []
    assert [e.name for e in recently_added([*same_day, _entry("New", "2026-11-22")])] == ["New"]


def test_compatibility_facts_are_shown_and_unknown_stays_unknown(feature_site: Path) -> None:
    text = page(feature_site, "categories/clients")
    redis = block(text, "redis-py")
    assert (
        '<li class="aa-frameworks">works with asyncio</li>' in redis
        and '<li class="aa-python">Python 3.10–3.14</li>' in redis
    )
    assert 'data-aa-frameworks="asyncio" data-aa-python="3.10 3.11 3.12 3.13 3.14"' in redis
    trio = block(text, "trio-thing")
    assert "works with AnyIO, Trio" in trio and "Python 3.12, 3.13" in trio
    mystery = block(text, "mystery")
    assert "works with" not in mystery and "Python" not in mystery and "data-aa-frameworks" not in mystery
    # Known to name no framework: filterable as "none of these", never shown as a guess.
    assert 'data-aa-frameworks=""' in block(page(feature_site, "categories/servers"), "rising-star")
    options = re.findall(r'<option value="([^"]*)"', text[text.index('id="aa-works"') : text.index('id="aa-python"')])
    assert options == ["", "anyio", "asyncio", "trio"]
    python = text[text.index('id="aa-python"') : text.index("</select>", text.index('id="aa-python"'))]
    assert re.findall(r'<option value="([^"]*)"', python) == ["", "3.14", "3.13", "3.12", "3.11", "3.10"]


def test_stars_gained_over_90_days_on_entries_and_the_trending_page(feature_site: Path) -> None:
    text = page(feature_site, "categories/clients")
    assert '<li class="aa-gain"' in block(text, "redis-py") and "+1,000 stars in 90 days" in block(text, "redis-py")
    assert 'data-aa-gained="1000"' in block(text, "redis-py")
    assert "aa-gain" not in block(text, "trio-thing")  # three weeks of figures: no trend yet
    trending = page(feature_site, "trending")
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>([^<]+)</td><td[^>]*>([^<]+)</td>', trending
    )
    assert rows == [
        ("../categories/servers/#rising-star", "Rising Star", "Servers", "+3,900 stars in 90 days"),
        ("../categories/clients/#redis-py", "Redis-py", "Clients", "+1,000 stars in 90 days"),
    ]


def test_stars_gained_needs_a_month_of_points_and_skips_unknown_stars() -> None:
    def points(*pairs: tuple[str, int | None]) -> list[TrendPoint]:
        return [TrendPoint.model_validate({"date": d, "stars": s}) for d, s in pairs]

    assert stars_gained(points(("2026-11-01", 10), ("2026-11-22", 50))) is None  # 21 days
    gain = stars_gained(points(("2026-10-01", 10), ("2026-10-08", None), ("2026-11-05", 50)))
    assert gain is not None and (gain.stars, gain.days, gain.label) == (40, 35, "+40 stars in 35 days")
    long = stars_gained(points(("2026-01-01", 5), ("2026-08-01", 100), ("2026-11-01", 160)))
    assert long is not None and (long.stars, long.days) == (60, 92)  # from the newest point 90+ days back
    assert stars_gained(points(("2026-11-01", None), ("2026-12-01", None))) is None  # stars never known


def test_unchecked_catalog_disables_figure_controls_and_says_why(unchecked_site: Path) -> None:
    text = page(unchecked_site, "categories/web")
    assert '<option value="stars" disabled>Stars</option>' in text
    assert '<option value="activity" disabled>Recent activity</option>' in text
    assert '<input type="checkbox" data-aa-hide disabled aria-describedby="aa-why">' in text
    assert '<p class="aa-why" id="aa-why">The checker has not run yet' in text


def test_checked_catalog_without_trends_or_compatibility_says_which_controls_wait(fixture_site: Path) -> None:
    text = page(fixture_site, "categories/web")
    assert '<option value="stars">Stars</option>' in text and '<option value="gained" disabled>' in text
    assert 'id="aa-works" data-aa-filter="frameworks" data-aa-param="works" disabled' in text
    why = re.search(r'<p class="aa-why" id="aa-why">([^<]+)</p>', text)
    assert why and "four weeks" in why.group(1) and "compatibility" in why.group(1)
    assert "has not run" not in why.group(1)


def test_tags_page_lists_each_tag_with_its_count(fixture_site: Path) -> None:
    tags = page(fixture_site, "tags")
    cloud = dict(re.findall(r'href="#tag:([a-z0-9-]+)">[a-z0-9-]+ <span class="aa-tag-count">(\d+)</span>', tags))
    assert cloud == {"asgi": "2", "http": "2", "omega": "1", "pytest": "1"}
    assert '<dt id="tag:asgi">asgi <span class="aa-muted">(2)</span></dt>' in tags


def test_header_links_the_repository_and_the_suggestion_form(feature_site: Path, fixture_site: Path) -> None:
    text = page(feature_site, "categories/clients")
    assert 'href="https://github.com/example/awesome-asyncio"' in text
    assert 'href="https://github.com/example/awesome-asyncio/issues/new?template=suggest-project.yml"' in text
    assert (REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-project.yml").is_file()
    assert "Suggest an entry" not in page(fixture_site, "")  # repository unknown: no dead links


def test_404_offers_search_and_every_category(feature_site: Path) -> None:
    text = (feature_site / "404.html").read_text(encoding="utf-8")
    assert "data-aa-open-search>Search the catalog</label>" in text
    assert re.findall(r'<li><a href="[^"]*categories/(\w+)/">', text) == ["clients", "servers"]


def test_a_successor_address_reads_as_a_name_not_a_url() -> None:
    from tools.site.retired import address_label

    assert address_label("https://github.com/metricq/aiocouch") == "aiocouch"
    assert address_label("https://www.gitlab.com/group/project.git") == "project"
    assert address_label("https://docs.python.org/3/library/asyncio-task.html#timeouts") == (
        "its replacement at docs.python.org"
    )
    assert address_label("https://github.com/") == "its replacement at github.com"
