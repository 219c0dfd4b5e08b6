"""Issue 9, kind 2: a streak needs time, not just runs. Runs are made with a controlled `now`.

Dead from connection failures (or a plain persistent 5xx) only after failing on at least three
runs that span at least `dead_after_days` (14 by default); the reason says since when.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.checker.checkkit import catalog_of
from tests.checker.hosts import Host, respond
from tests.realworld.kit import runs
from tools.checker.run import Outcome

START = datetime(2026, 11, 1, 6, tzinfo=UTC)
assert START is not None


def status_of(outcome: Outcome, entry_id: str) -> str:
    return next(e["status"] for e in outcome.report["entries"] if e["id"] == entry_id)


async def refused_host(address: str) -> Host:
    host = await Host(address).start()
    await host.stop()  # connections are refused from now on
    return host


async def test_four_runs_within_minutes_call_nothing_dead(tmp_path: Path) -> None:
    # The issue: a maintainer re-running the check during a short outage (three runs in three minutes).
    async with Host("127.0.0.71", routes={"/": respond(200)}) as alive:
        gone = await refused_host("127.0.0.72")
        catalog = catalog_of(
            tmp_path / "c", [{"name": "Alive", "url": alive.url("/")}, {"name": "Gone", "url": gone.url("/")}]
        )
        outcomes = await runs(catalog, [START + timedelta(minutes=m) for m in range(4)])
    assert [status_of(o, "gone") for o in outcomes] == ["unknown"] * 4
    assert outcomes[-1].status["history"][gone.url("/")]["failures"] == 4


async def test_dead_once_three_failed_runs_span_fourteen_days(tmp_path: Path) -> None:
    # lychee/markdown-link-check users ignoring hosts after one-day outages (Akuli/jou#913): time, not runs.
    async with Host("127.0.0.73", routes={"/": respond(200)}) as alive:
        gone = await refused_host("127.0.0.74")
        catalog = catalog_of(
            tmp_path / "c", [{"name": "Alive", "url": alive.url("/")}, {"name": "Gone", "url": gone.url("/")}]
        )
        days = [0, 1, 13, 14]
        outcomes = await runs(catalog, [START + timedelta(days=d) for d in days])
    assert [status_of(o, "gone") for o in outcomes] == ["unknown", "unknown", "unknown", "dead"]
    reason = next(e for e in outcomes[-1].report["entries"] if e["id"] == "gone")["reasons"][0]
    assert reason.startswith("unreachable on 4 runs in a row since 2026-11-01 (could not connect")


async def test_fourteen_days_with_only_two_runs_is_not_enough(tmp_path: Path) -> None:
    async with Host("127.0.0.75", routes={"/": respond(200)}) as alive:
        gone = await refused_host("127.0.0.76")
        catalog = catalog_of(
            tmp_path / "c", [{"name": "Alive", "url": alive.url("/")}, {"name": "Gone", "url": gone.url("/")}]
        )
        outcomes = await runs(catalog, [START, START + timedelta(days=30)])
    assert [status_of(o, "gone") for o in outcomes] == ["unknown", "unknown"]


async def test_a_plain_persistent_5xx_becomes_dead_with_time_and_an_answer_ends_the_streak(tmp_path: Path) -> None:
    # awesome_bot/markdown-link-check reports of hosts answering 500 for weeks: an outage that stays.
    async with (
        Host("127.0.0.77", routes={"/": respond(500)}) as broken,
        Host("127.0.0.78", routes={"/": respond(200)}) as alive,
    ):
        catalog = catalog_of(
            tmp_path / "c", [{"name": "Alive", "url": alive.url("/")}, {"name": "Broken", "url": broken.url("/")}]
        )
        outcomes = await runs(catalog, [START + timedelta(days=d) for d in (0, 7, 15)])
        broken.routes["/"] = respond(200)
        (healed,) = await runs(catalog, [START + timedelta(days=16)], previous=outcomes[-1])
    assert [status_of(o, "broken") for o in outcomes] == ["unknown", "unknown", "dead"]
    reason = next(e for e in outcomes[-1].report["entries"] if e["id"] == "broken")["reasons"][0]
    assert reason == "unreachable on 3 runs in a row since 2026-11-01 (HTTP 500: server error)"
    assert status_of(healed, "broken") == "ok"
    assert healed.status["history"][broken.url("/")]["failures"] == 0


async def test_the_span_is_a_setting(tmp_path: Path) -> None:
    async with Host("127.0.0.79", routes={"/": respond(200)}) as alive:
        gone = await refused_host("127.0.0.80")
        catalog = catalog_of(
            tmp_path / "c", [{"name": "Alive", "url": alive.url("/")}, {"name": "Gone", "url": gone.url("/")}]
        )
        moments = [START + timedelta(days=d) for d in (0, 1, 2)]
        quick = await runs(catalog, moments, dead_after_days=2)
        default = await runs(catalog, moments)
    assert status_of(quick[-1], "gone") == "dead"
    assert status_of(default[-1], "gone") == "unknown"


async def test_a_streak_whose_start_was_hand_edited_into_junk_starts_its_clock_again(tmp_path: Path) -> None:
    # status.json is committed and hand-edited (issue 9, kind 7); an unreadable start must not keep a link alive forever.
    async with Host("127.0.0.81", routes={"/": respond(200)}) as alive:
        gone = await refused_host("127.0.0.82")
        catalog = catalog_of(
            tmp_path / "c", [{"name": "Alive", "url": alive.url("/")}, {"name": "Gone", "url": gone.url("/")}]
        )
        (first,) = await runs(catalog, [START])
        first.status_file.history[gone.url("/")]["first_failure"] = "last tuesday"
        later = await runs(catalog, [START + timedelta(days=d) for d in (1, 8, 15)], previous=first)
    assert [status_of(o, "gone") for o in later] == ["unknown", "unknown", "dead"]
    reason = next(e for e in later[-1].report["entries"] if e["id"] == "gone")["reasons"][0]
    assert reason.startswith("unreachable on 4 runs in a row since 2026-11-02")
