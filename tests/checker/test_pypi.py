"""PyPI facts from the fake JSON API."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.fakes.pypi import FakePyPI
from tools.checker.facts import PypiFacts
from tools.checker.http import HttpClient
from tools.checker.pypi import INACTIVE, fetch_projects
from tools.checker.settings import Settings


async def check(fake: FakePyPI, names: list[str], **overrides: object) -> tuple[dict[str, PypiFacts], HttpClient]:
    settings = Settings(pypi_url=fake.url, timeout=5, backoff_base=0.01, **overrides)  # type: ignore[arg-type]
    async with HttpClient(settings) as http:
        return await fetch_projects(names, http, settings), http


async def test_latest_version_and_its_first_upload(fake_pypi: FakePyPI) -> None:
    project = fake_pypi.add("aiohttp")
    project.release("3.8.0", "2022-01-01T00:00:00Z").release("3.9.0", "2024-05-06T07:08:09Z")
    results, http = await check(fake_pypi, ["aiohttp"])
    facts = results["aiohttp"]
    assert (facts.found, facts.latest_version, facts.error) == (True, "3.9.0", None)
    assert facts.latest_release == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)  # the wheel came a minute later
    assert facts.yanked == [] and not facts.latest_yanked and not facts.inactive
    assert http.counts["pypi"] == 1


async def test_yanked_releases_are_listed(fake_pypi: FakePyPI) -> None:
    project = fake_pypi.add("wobbly")
    project.release("1.0", "2023-01-01T00:00:00Z").release("1.1", "2023-06-01T00:00:00Z", yanked=True)
    results, _ = await check(fake_pypi, ["wobbly"])
    facts = results["wobbly"]
    assert facts.yanked == ["1.1"]
    assert facts.latest_version == "1.0" and not facts.latest_yanked  # PyPI's info.version skips yanked ones
    assert facts.last_upload == datetime(2023, 1, 1, tzinfo=UTC)


async def test_only_yanked_releases_make_the_latest_yanked(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("broken").release("0.1", "2021-01-01T00:00:00Z", yanked=True)
    results, _ = await check(fake_pypi, ["broken"])
    assert results["broken"].latest_yanked is True and results["broken"].yanked == ["0.1"]


async def test_prerelease_newer_than_latest_counts_as_an_upload(fake_pypi: FakePyPI) -> None:
    project = fake_pypi.add("slowpoke")
    project.release("1.0", "2020-01-01T00:00:00Z").release("2.0b1", "2026-09-01T00:00:00Z")
    project_versions = list(project.releases)
    assert project_versions == ["1.0", "2.0b1"]
    results, _ = await check(fake_pypi, ["slowpoke"])
    assert results["slowpoke"].last_upload == datetime(2026, 9, 1, tzinfo=UTC)


async def test_inactive_classifier(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("retired", classifiers=[INACTIVE, "Framework :: AsyncIO"]).release("1.0", "2019-01-01T00:00:00Z")
    results, _ = await check(fake_pypi, ["retired"])
    assert results["retired"].inactive is True


async def test_unknown_project_is_not_found(fake_pypi: FakePyPI) -> None:
    results, _ = await check(fake_pypi, ["no-such-project"])
    assert results["no-such-project"].found is False and results["no-such-project"].error is None


async def test_names_are_kept_as_given_and_asked_by_their_pep503_name(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("zope.interface").release("6.0", "2023-03-01T00:00:00Z")
    results, _ = await check(fake_pypi, ["Zope_Interface", "zope.interface"])
    assert results["Zope_Interface"].latest_version == "6.0" and results["Zope_Interface"].name == "Zope_Interface"
    assert results["zope.interface"].latest_version == "6.0"
    assert fake_pypi.requests == {"zope-interface": 1}


async def test_malformed_json_is_an_error_not_a_crash(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("a").release("1.0", "2023-01-01T00:00:00Z")
    fake_pypi.add("b").release("1.0", "2023-01-01T00:00:00Z")
    fake_pypi.malformed = 1
    results, _ = await check(fake_pypi, ["a", "b"], per_host=1)
    assert results["a"].error == "PyPI answered malformed JSON" and results["a"].found is None
    assert results["b"].found is True


async def test_server_errors_leave_the_project_unknown(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("a").release("1.0", "2023-01-01T00:00:00Z")
    fake_pypi.failures = [503, 503]
    results, _ = await check(fake_pypi, ["a"], retries=1)
    assert (results["a"].found, results["a"].error) == (None, "PyPI answered HTTP 503")


async def test_unreachable_pypi_is_an_error(fake_pypi: FakePyPI) -> None:
    settings = Settings(pypi_url="http://127.0.0.1:9", timeout=2, retries=0)
    async with HttpClient(settings) as http:
        results = await fetch_projects(["a"], http, settings)
    assert results["a"].found is None and (results["a"].error or "").startswith("PyPI unreachable")


async def test_many_projects_with_bounded_workers(fake_pypi: FakePyPI) -> None:
    names = [f"pkg{i}" for i in range(40)]
    for name in names:
        fake_pypi.add(name).release("1.0", "2023-01-01T00:00:00Z")
    results, http = await check(fake_pypi, names + ["pkg0"], per_host=3)
    assert set(results) == set(names) and all(f.found for f in results.values())
    assert http.counts["pypi"] == 40


async def test_the_projects_own_name_summary_links_and_documentation(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("Zope.Widget").release("1.0", "2023-01-01T00:00:00Z")
    results, _ = await check(fake_pypi, ["zope-widget"])
    facts = results["zope-widget"]
    assert (facts.name, facts.project_name, facts.summary) == ("zope-widget", "Zope.Widget", "A fake project.")
    assert facts.links == ["https://github.com/example/Zope.Widget"]  # home_page is null: not a link
    assert facts.documentation is None  # no project_urls entry labelled Documentation
