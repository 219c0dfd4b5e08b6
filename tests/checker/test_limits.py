"""`--concurrency` and `--per-host` as a server sees them: for the whole run, whichever source sends.

The link scheduler alone bounds only the links; GitHub's and PyPI's fetchers run beside it and a
redirect can lead many links to one host. These tests count requests in flight at the servers.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.checker.checkkit import catalog_of, settings
from tests.checker.hosts import Connection, Handler, Host, Request, redirect
from tools.checker.run import check_catalog


class InFlight:
    """Requests in flight across every host that uses `slow()`, and the most seen at once."""

    def __init__(self) -> None:
        self.now = self.most = 0

    def slow(self, status: int, delay: float = 0.05) -> Handler:
        async def handle(request: Request, conn: Connection) -> bool:
            self.now += 1
            self.most = max(self.most, self.now)
            try:
                await asyncio.sleep(delay)
                await conn.send(status, head=request.method == "HEAD")
            finally:
                self.now -= 1
            return True

        return handle


async def test_limits_hold_across_github_pypi_and_links(tmp_path: Path) -> None:
    counter = InFlight()
    github = Host("127.0.0.111", default=counter.slow(404))
    pypi = Host("127.0.0.112", default=counter.slow(404))
    webs = [Host(f"127.0.0.{113 + i}", default=counter.slow(200)) for i in range(2)]
    hosts = [github, pypi, *webs]
    for host in hosts:
        await host.start()
    try:
        entries = [
            {"name": f"Repo{i}", "url": f"https://github.com/acme/lib{i}", "pypi": f"lib{i}"} for i in range(8)
        ] + [{"name": f"Page{i}", "url": webs[i % 2].url(f"/{i}")} for i in range(16)]
        outcome = await check_catalog(
            catalog_of(tmp_path / "catalog", entries),
            settings(
                github_api_url=github.url(""),
                pypi_url=pypi.url(""),
                cache_dir=tmp_path / "cache",
                concurrency=3,
                per_host=2,
            ),
        )
    finally:
        for host in hosts:
            await host.stop()
    assert all(host.requests for host in hosts), "every source sent something"
    assert counter.most <= 3, f"{counter.most} requests in flight with --concurrency 3"
    assert [host.max_in_flight for host in hosts if host.max_in_flight > 2] == []
    assert outcome.report["summary"]["ok"] == 16 and outcome.report["summary"]["dead"] == 8


async def test_per_host_limit_holds_where_redirects_lead(tmp_path: Path) -> None:
    """Links on many hosts that all redirect to one: that one still sees at most per_host at once."""
    counter = InFlight()
    target = Host("127.0.0.120", default=counter.slow(200))
    await target.start()
    sources = [Host(f"127.0.0.{121 + i}", default=redirect(302, target.url("/landing"))) for i in range(4)]
    for host in sources:
        await host.start()
    try:
        entries = [{"name": f"Page{i}", "url": sources[i % 4].url(f"/{i}")} for i in range(12)]
        outcome = await check_catalog(
            catalog_of(tmp_path / "catalog", entries), settings(concurrency=8, per_host=2, deadline=60)
        )
    finally:
        for host in [target, *sources]:
            await host.stop()
    assert outcome.report["summary"]["ok"] == 12
    assert target.max_in_flight <= 2
