"""Global and per-host limits on every request, bounded workers, no head-of-line blocking: seen from the servers."""

from __future__ import annotations

import asyncio

from tests.checker.hosts import Connection, Handler, Host, Request, respond
from tools.checker.facts import LinkResult
from tools.checker.fanout import check_links
from tools.checker.http import HttpClient
from tools.checker.limits import HostScheduler, RequestLimits, run_workers
from tools.checker.settings import Settings


async def run_links(urls: list[str], **overrides: object) -> dict[str, LinkResult]:
    settings = Settings(**{"timeout": 5.0, "backoff_base": 0.01, **overrides})  # type: ignore[arg-type]
    results: dict[str, LinkResult] = {}
    async with HttpClient(settings) as http:
        await check_links(urls, http, settings, results)
    return results


class Gauge:
    """Requests in flight across every host."""

    def __init__(self) -> None:
        self.now = self.peak = 0

    def wrap(self, handler: Handler) -> Handler:
        async def handle(request: Request, conn: Connection) -> bool:
            self.now += 1
            self.peak = max(self.peak, self.now)
            try:
                return await handler(request, conn)
            finally:
                self.now -= 1

        return handle


async def test_per_host_limit_is_never_exceeded() -> None:
    async with (
        Host("127.0.0.21", default=respond(200, delay=0.02)) as a,
        Host("127.0.0.22", default=respond(200, delay=0.02)) as b,
    ):
        urls = [h.url(f"/{i}") for i in range(30) for h in (a, b)]
        results = await run_links(urls, concurrency=50, per_host=3)
    assert all(r.status == "ok" for r in results.values()) and len(results) == 60
    assert a.max_in_flight == 3 and b.max_in_flight == 3  # used fully, never more


async def test_global_limit_is_never_exceeded() -> None:
    gauge = Gauge()
    hosts = [Host(f"127.0.0.{30 + n}", default=gauge.wrap(respond(200, delay=0.02))) for n in range(6)]
    for host in hosts:
        await host.start()
    try:
        urls = [h.url(f"/{i}") for i in range(10) for h in hosts]
        results = await run_links(urls, concurrency=5, per_host=4)
    finally:
        for host in hosts:
            await host.stop()
    assert len(results) == 60 and all(r.status == "ok" for r in results.values())
    assert gauge.peak == 5


async def test_a_slow_host_does_not_hold_up_the_others() -> None:
    released = asyncio.Event()
    fast_count = 20

    async def slow(request: Request, conn: Connection) -> bool:
        await released.wait()  # answers only once the fast host has had every request
        return await respond(200)(request, conn)

    async def fast(request: Request, conn: Connection) -> bool:
        if len(fast_host.requests) >= fast_count:
            released.set()
        return await respond(200)(request, conn)

    async with Host("127.0.0.41", default=slow) as slow_host, Host("127.0.0.42", default=fast) as fast_host:
        # The slow host's links come first: a FIFO of workers would fill up with them.
        urls = [slow_host.url(f"/{i}") for i in range(20)] + [fast_host.url(f"/{i}") for i in range(fast_count)]
        results = await run_links(urls, concurrency=4, per_host=2, timeout=3.0)
    assert all(r.status == "ok" for r in results.values()), {r.reason for r in results.values()}
    assert slow_host.max_in_flight <= 2


async def test_head_requests_reuse_their_connections() -> None:
    """A HEAD is read to its (empty) end, so its connection serves the next request to that host."""
    peers: set[object] = set()

    async def answer(request: Request, conn: Connection) -> bool:
        peers.add(conn.writer.get_extra_info("peername"))
        return await respond(200, delay=0.01)(request, conn)

    async with Host("127.0.0.43", default=answer) as host:
        results = await run_links([host.url(f"/{i}") for i in range(40)], concurrency=10, per_host=3)
    assert [r.status for r in results.values()] == ["ok"] * 40
    assert len(host.requests) == 40 and all(r.method == "HEAD" for r in host.requests)
    assert len(peers) <= 3, f"{len(peers)} connections for 40 HEADs at 3 per host"


async def test_request_limits_hold_per_host_and_overall() -> None:
    limits = RequestLimits(concurrency=5, per_host=2)
    now: dict[str, int] = {}
    peak_host = peak_all = 0

    async def request(host: str) -> None:
        nonlocal peak_host, peak_all
        async with limits.slot(host):
            now[host] = now.get(host, 0) + 1
            peak_host, peak_all = max(peak_host, now[host]), max(peak_all, sum(now.values()))
            await asyncio.sleep(0.002)
            now[host] -= 1

    async with asyncio.TaskGroup() as group:
        for i in range(200):
            group.create_task(request("big" if i % 3 else f"small{i % 7}"))
    assert (peak_host, peak_all) == (2, 5)


async def test_workers_are_bounded_and_handle_every_item_once() -> None:
    done: list[int] = []
    busy = peak = 0

    async def handle(item: int) -> None:
        nonlocal busy, peak
        busy += 1
        peak = max(peak, busy)
        await asyncio.sleep(0.001 * (item % 3))
        busy -= 1
        done.append(item)

    await run_workers(range(200), 4, handle)
    assert sorted(done) == list(range(200))
    assert peak == 4


async def test_workers_are_bounded_not_one_task_per_job() -> None:
    peak_tasks = 0

    async def job() -> None:
        nonlocal peak_tasks
        peak_tasks = max(peak_tasks, len(asyncio.all_tasks()))
        await asyncio.sleep(0)

    await HostScheduler(concurrency=8, per_host=2).run((f"host{i % 50}", job) for i in range(2000))
    assert peak_tasks <= 8 + 1  # the workers and the test itself


async def test_every_job_runs_once_with_uneven_hosts() -> None:
    done: list[int] = []

    def make(i: int):
        async def job() -> None:
            await asyncio.sleep(0.001 * (i % 3))
            done.append(i)

        return job

    jobs = [("big" if i % 4 else f"small{i}", make(i)) for i in range(200)]
    await HostScheduler(concurrency=10, per_host=3).run(jobs)
    assert sorted(done) == list(range(200))


async def test_cancelling_the_run_stops_every_worker() -> None:
    started = asyncio.Event()

    async def forever() -> None:
        started.set()
        await asyncio.sleep(3600)

    run = asyncio.create_task(HostScheduler(4, 2).run((f"h{i}", forever) for i in range(10)))
    await started.wait()
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    assert run.cancelled()
    assert len(asyncio.all_tasks()) == 1
