"""check_catalog: the JSON contract, history across runs, deadlines and interruptions, status.json."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.checker.checkkit import catalog_of, github_stub, pypi_stub, settings
from tests.checker.hosts import Host, hang, respond
from tools.checker.facts import PypiFacts, RepoFacts
from tools.checker.run import Outcome, check_catalog
from tools.results import StatusFile
from tools.status import DEAD_AFTER_FAILED_RUNS, STATUSES

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ENTRY_KEYS = {
    "id",
    "name",
    "category",
    "url",
    "status",
    "reasons",
    "moved_to",
    "stars",
    "last_commit",
    "latest_release",
    "archived",
    "links",
}


async def run(
    catalog, previous: dict | None = None, github=None, pypi=None, now: datetime | None = None, **overrides
) -> Outcome:
    """One run; `previous` is the status.json a run before wrote (`outcome.status`)."""
    return await check_catalog(
        catalog,
        settings(**overrides),
        previous=None if previous is None else StatusFile.model_validate(previous),
        fetch_repositories=github or github_stub({}),
        fetch_projects=pypi or pypi_stub({}),
        now=now,
    )


async def test_report_follows_the_json_contract(tmp_path: Path) -> None:
    async with Host(routes={"/docs/": respond(200), "/site": respond(200)}) as web:
        catalog = catalog_of(
            tmp_path / "catalog",
            [
                {"name": "Lib", "url": "https://github.com/acme/lib", "pypi": "lib", "docs": web.url("/docs/")},
                {"name": "Site", "url": web.url("/site")},
            ],
        )
        github = github_stub({"acme/lib": {"stars": 7, "archived": False, "last_commit": NOW}})
        pypi = pypi_stub({"lib": {"latest_version": "2.0", "latest_release": NOW}})
        outcome = await run(catalog, github=github, pypi=pypi)
    report = outcome.report
    assert list(report)[:5] == ["checked_at", "complete", "summary", "requests", "entries"]
    assert report["complete"] is True
    assert report["summary"] == {"ok": 2, "stale": 0, "archived": 0, "moved": 0, "dead": 0, "unknown": 0}
    assert set(report["requests"]) == {"github_graphql", "github_rest", "pypi", "web"}
    assert report["requests"]["web"] == 2
    lib, site = report["entries"]
    assert ENTRY_KEYS <= set(lib)
    assert (lib["id"], lib["category"], lib["stars"], lib["archived"]) == ("lib", "things", 7, False)
    assert lib["last_commit"] == "2026-11-21T12:00:00Z"
    assert lib["links"] == [
        {"url": web.url("/docs/"), "status": "ok", "http_status": 200, "moved_to": None, "reason": None}
    ]
    assert site["stars"] is None and site["links"] == [] and site["status"] == "ok"


async def test_a_link_shared_by_two_entries_is_checked_once(tmp_path: Path) -> None:
    async with Host(routes={"/docs": respond(200), "/a": respond(200), "/b": respond(200)}) as web:
        catalog = catalog_of(
            tmp_path / "catalog",
            [
                {"name": "A", "url": web.url("/a"), "docs": web.url("/docs")},
                {"name": "B", "url": web.url("/b"), "docs": web.url("/docs")},
            ],
        )
        await run(catalog)
    assert web.hits("/docs") == 1


async def test_unreachable_link_is_dead_only_on_the_third_run_in_a_row(tmp_path: Path) -> None:
    async with Host("127.0.0.51", routes={"/": respond(200)}) as alive:
        gone = await Host("127.0.0.52").start()
        await gone.stop()  # connections to it are now refused
        catalog = catalog_of(
            tmp_path / "catalog", [{"name": "Alive", "url": alive.url("/")}, {"name": "Gone", "url": gone.url("/")}]
        )
        previous = None
        statuses = []
        for week in range(DEAD_AFTER_FAILED_RUNS):  # a week apart: the streak must also span 14 days
            outcome = await run(catalog, previous, now=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=7 * week))
            previous = outcome.status
            statuses.append(outcome.report["entries"][1]["status"])
    assert statuses == ["unknown", "unknown", "dead"]
    entry = outcome.report["entries"][1]
    assert entry["reasons"][0].startswith("unreachable on 3 runs in a row since")
    assert previous is not None
    assert previous["history"][gone.url("/")]["failures"] == 3
    assert previous["entries"]["gone"]["status"] == "dead"


async def test_a_success_resets_the_failure_count(tmp_path: Path) -> None:
    async with Host("127.0.0.53", routes={"/": respond(200)}) as alive, Host("127.0.0.54") as flaky:
        catalog = catalog_of(
            tmp_path / "catalog", [{"name": "Alive", "url": alive.url("/")}, {"name": "Flaky", "url": flaky.url("/x")}]
        )
        flaky.routes["/x"] = respond(503)
        first = await run(catalog)
        second = await run(catalog, first.status)
        flaky.routes["/x"] = respond(200)
        third = await run(catalog, second.status)
        flaky.routes["/x"] = respond(503)
        fourth = await run(catalog, third.status)
    assert second.status["history"][flaky.url("/x")]["failures"] == 2
    assert third.status["history"][flaky.url("/x")]["failures"] == 0
    assert third.status["history"][flaky.url("/x")]["last_ok"] is not None
    assert fourth.report["entries"][1]["status"] == "unknown"  # one failure again, not the third


async def test_a_404_is_dead_on_the_first_run(tmp_path: Path) -> None:
    async with Host(routes={}) as web:
        catalog = catalog_of(tmp_path / "catalog", [{"name": "Missing", "url": web.url("/missing")}])
        outcome = await run(catalog)
    assert outcome.report["entries"][0]["status"] == "dead"


async def test_a_run_that_reached_no_host_at_all_does_not_count(tmp_path: Path) -> None:
    catalog = catalog_of(
        tmp_path / "catalog",
        [{"name": "One", "url": "http://one.invalid/"}, {"name": "Two", "url": "http://two.invalid/"}],
    )
    previous = None
    for _ in range(DEAD_AFTER_FAILED_RUNS + 1):
        outcome = await run(catalog, previous)
        previous = outcome.status
    assert {e["status"] for e in outcome.report["entries"]} == {"unknown"}
    assert outcome.report["entries"][0]["reasons"] == ["name resolution failed"]
    assert previous is not None and previous["history"] == {}


async def test_github_unreachable_keeps_last_known_figures_in_status_but_not_in_the_report(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path / "catalog", [{"name": "Lib", "url": "https://github.com/acme/lib"}])
    first = await run(catalog, github=github_stub({"acme/lib": {"stars": 42, "last_commit": NOW}}))

    async def unreachable(repos, http, settings, into):
        from tools.checker.facts import RepoFacts

        return {(o.casefold(), n.casefold()): RepoFacts(o, n, error="GitHub unreachable: timed out") for o, n in repos}

    second = await run(catalog, first.status, github=unreachable)
    entry = second.report["entries"][0]
    assert (entry["status"], entry["stars"], entry["reasons"]) == ("unknown", None, ["GitHub unreachable: timed out"])
    record = second.status["entries"]["lib"]
    assert record["status"] == "unknown" and record["stars"] == 42
    assert record["checked_at"] == first.status["entries"]["lib"]["checked_at"]  # when 42 was learned


async def test_a_failing_source_does_not_end_the_run(tmp_path: Path) -> None:
    async def broken(repos, http, settings, into):
        raise ValueError("surprise")

    async with Host(routes={"/": respond(200)}) as web:
        catalog = catalog_of(
            tmp_path / "catalog",
            [{"name": "Lib", "url": "https://github.com/acme/lib"}, {"name": "Site", "url": web.url("/")}],
        )
        outcome = await run(catalog, github=broken)
    lib, site = outcome.report["entries"]
    assert lib["status"] == "unknown" and "GitHub check failed unexpectedly" in lib["reasons"][0]
    assert site["status"] == "ok"


async def test_deadline_ends_the_run_with_a_partial_report(tmp_path: Path) -> None:
    async with Host("127.0.0.55", routes={"/": respond(200)}) as fast, Host("127.0.0.56", default=hang) as slow:
        catalog = catalog_of(
            tmp_path / "catalog", [{"name": "Fast", "url": fast.url("/")}, {"name": "Slow", "url": slow.url("/")}]
        )
        first = await run(catalog, timeout=0.1)  # the slow one times out: unknown, one failure
        outcome = await run(catalog, first.status, deadline=0.2, timeout=5.0)
    report = outcome.report
    assert report["complete"] is False
    fast_entry, slow_entry = report["entries"]
    assert fast_entry["status"] == "ok"
    assert slow_entry["status"] == "unknown"
    assert slow_entry["reasons"] == ["not checked: the run's deadline (0.2 s) was reached"]
    # status.json keeps what the unfinished check knew before, and its history is untouched.
    assert outcome.status["entries"]["slow"] == first.status["entries"]["slow"]
    assert outcome.status["history"][slow.url("/")]["failures"] == 1


async def test_cancelling_the_run_returns_a_partial_report(tmp_path: Path) -> None:
    async with Host("127.0.0.57", routes={"/": respond(200)}) as fast, Host("127.0.0.58", default=hang) as slow:
        catalog = catalog_of(
            tmp_path / "catalog", [{"name": "Fast", "url": fast.url("/")}, {"name": "Slow", "url": slow.url("/")}]
        )
        task = asyncio.create_task(run(catalog, timeout=5.0))
        while not slow.requests or not fast.requests:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        task.cancel()
        outcome = await task
    assert outcome.interrupted and outcome.report["complete"] is False
    assert outcome.report["entries"][1]["reasons"] == ["not checked: the run was interrupted"]
    assert outcome.report["summary"]["unknown"] >= 1


async def test_only_checks_the_named_entries_and_keeps_the_others(tmp_path: Path) -> None:
    async with Host(routes={"/a": respond(200), "/b": respond(200)}) as web:
        catalog = catalog_of(
            tmp_path / "catalog", [{"name": "A", "url": web.url("/a")}, {"name": "B", "url": web.url("/b")}]
        )
        first = await run(catalog)
        outcome = await check_catalog(
            catalog,
            settings(),
            previous=first.status_file,
            only=["a"],
            fetch_repositories=github_stub({}),
            fetch_projects=pypi_stub({}),
        )
    assert [e["id"] for e in outcome.report["entries"]] == ["a"]
    assert web.hits("/b") == 1
    assert set(outcome.status["entries"]) == {"a", "b"}
    assert set(outcome.status["summary"]) == set(STATUSES)


async def test_a_deadline_keeps_what_github_and_pypi_had_already_told(tmp_path: Path) -> None:
    """Sources that answer some items and then hang: the answered ones are reported, not "not checked"."""

    async def github_half(repos, http, settings, into):
        into[("acme", "done")] = RepoFacts("acme", "done", found=True, full_name="acme/done", stars=7, archived=True)
        await asyncio.sleep(3600)

    async def pypi_half(names, http, settings, into):
        into["done"] = PypiFacts("done", found=True, latest_version="1.0")
        await asyncio.sleep(3600)

    catalog = catalog_of(
        tmp_path / "catalog",
        [
            {"name": "Done", "url": "https://github.com/acme/done", "pypi": "done"},
            {"name": "Pending", "url": "https://github.com/acme/pending", "pypi": "pending"},
        ],
    )
    outcome = await run(catalog, github=github_half, pypi=pypi_half, deadline=0.3)
    done, pending = outcome.report["entries"]
    assert outcome.report["complete"] is False
    assert (done["status"], done["stars"], done["latest_version"]) == ("archived", 7, "1.0")
    assert pending["status"] == "unknown" and "deadline" in pending["reasons"][0]
    assert outcome.status["entries"]["done"]["stars"] == 7


async def test_json_entries_carry_the_contract_and_no_renderer_only_keys(tmp_path: Path) -> None:
    """Issue 8: `file`, `line`, `notes` and the entry's own `http_status` are for the Markdown report only."""
    async with Host(routes={"/site": respond(200)}) as web:
        catalog = catalog_of(tmp_path / "catalog", [{"name": "Site", "url": web.url("/site")}])
        outcome = await run(catalog)
    (entry,) = outcome.report["entries"]
    figures = {"forks", "open_issues", "contributors", "license", "latest_version"}
    compatibility = {"frameworks", "python_versions", "requires_python"}
    assert set(entry) == ENTRY_KEYS | figures | compatibility
    record = outcome.status["entries"]["site"]
    assert set(record) == set(entry) | {"checked_at"}
    result = outcome.run.entries[0]  # the model keeps them for the Markdown report and annotations
    assert result.file.endswith("catalog/things.yml") and result.line == 4
