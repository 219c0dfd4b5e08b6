"""status.json's trends: a point per ISO week of stars and latest release, two years at most."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.checker.checkkit import catalog_of, github_stub, pypi_stub, settings
from tools.checker.facts import RepoFacts
from tools.checker.run import Outcome, check_catalog
from tools.checker.trends import update_trends
from tools.results import EntryResult, StatusFile, TrendPoint

MONDAY = date(2026, 11, 23)


def learned(stars: int | None, release: str | None = None) -> EntryResult:
    return EntryResult(id="lib", name="Lib", status="ok", stars=stars, latest_release=release)


def test_a_later_run_in_the_same_week_replaces_its_point_and_a_new_week_adds_one() -> None:
    trends = update_trends({}, {"lib": learned(10)}, {"lib"}, MONDAY)
    trends = update_trends(trends, {"lib": learned(12)}, {"lib"}, MONDAY + timedelta(days=6))  # Sunday
    assert [(p.date, p.stars) for p in trends["lib"]] == [(MONDAY + timedelta(days=6), 12)]
    trends = update_trends(trends, {"lib": learned(15)}, {"lib"}, MONDAY + timedelta(days=7))
    assert [p.stars for p in trends["lib"]] == [12, 15]


def test_points_older_than_two_years_and_removed_entries_are_dropped() -> None:
    old = [
        TrendPoint(date=MONDAY - timedelta(days=731), stars=1),
        TrendPoint(date=MONDAY - timedelta(days=700), stars=2),
    ]
    trends = update_trends({"lib": old, "gone": old}, {"lib": learned(3)}, {"lib"}, MONDAY)
    assert [p.stars for p in trends["lib"]] == [2, 3] and "gone" not in trends


def test_entries_not_learned_this_run_keep_their_points_and_get_none() -> None:
    kept = [TrendPoint(date=MONDAY - timedelta(days=7), stars=5)]
    trends = update_trends({"lib": kept}, {}, {"lib", "talk"}, MONDAY)
    assert trends == {"lib": kept}
    nothing = update_trends({}, {"talk": learned(None)}, {"talk"}, MONDAY)  # no stars, no release
    assert nothing == {}


async def run(catalog, previous: StatusFile | None, github, when: datetime) -> Outcome:
    return await check_catalog(
        catalog, settings(), previous=previous, fetch_repositories=github, fetch_projects=pypi_stub({}), now=when
    )


async def test_status_json_carries_the_trends_of_each_checked_entry(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path / "catalog", [{"name": "Lib", "url": "https://github.com/acme/lib"}])
    release = datetime(2026, 11, 1, tzinfo=UTC)
    week1 = datetime(2026, 11, 23, 12, tzinfo=UTC)
    first = await run(catalog, None, github_stub({"acme/lib": {"stars": 100, "latest_release": release}}), week1)
    assert first.status["trends"] == {
        "lib": [{"date": "2026-11-23", "stars": 100, "latest_release": "2026-11-01T00:00:00Z"}]
    }

    async def unreachable(repos, http, config, into):
        into.update({(o.casefold(), n.casefold()): RepoFacts(o, n, error="GitHub unreachable") for o, n in repos})
        return into

    week2 = week1 + timedelta(days=7)
    second = await run(catalog, first.status_file, unreachable, week2)
    assert second.status["trends"] == first.status["trends"]  # nothing learned, nothing added
    third = await run(catalog, second.status_file, github_stub({"acme/lib": {"stars": 130}}), week2)
    assert [p["stars"] for p in third.status["trends"]["lib"]] == [100, 130]
