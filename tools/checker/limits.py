"""How much a run asks at once: one limiter for every request, and bounded fan-out for multi-request work.

`RequestLimits` is the only thing that bounds requests. tools.checker.http takes a slot of it for
every attempt of every request, whichever source sends it (links, GitHub, PyPI, YouTube) and
wherever a redirect leads, so `--concurrency` (every host) and `--per-host` hold for the run as a
whole, as a server sees it. The host's slot is taken first, so a request queued behind a busy
host holds no global slot: a slow host cannot hold up the others.

`run_workers` bounds *work in progress*, not requests: GitHub's and PyPI's fetchers ask several
requests per item (a repository's REST calls, a project's spellings), and a few workers going
through the items one at a time leave each item either answered or not started when the run's
deadline strikes, instead of every item half-asked. Links need no such bound: a link is one
request per hop, so `check_links` gives each link a task and lets the limiter order them
(measured with `python -m benchmarks.links`: 10,000 links cost no more CPU or memory this way
than through the per-host work queues used before, and the queues held no limit of their own).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import TypeVar

T = TypeVar("T")


class RequestLimits:
    """At most `concurrency` requests in flight in all, and at most `per_host` to any one host."""

    def __init__(self, concurrency: int, per_host: int) -> None:
        if concurrency < 1 or per_host < 1:
            raise ValueError("limits must be 1 or more")
        self.per_host = per_host
        self._overall = asyncio.Semaphore(concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one request's place for `host` (lower-case name) until the block ends."""
        per_host = self._hosts.get(host)
        if per_host is None:
            per_host = self._hosts[host] = asyncio.Semaphore(self.per_host)
        async with per_host, self._overall:
            yield


async def run_workers(items: Iterable[T], workers: int, handle: Callable[[T], Awaitable[None]]) -> None:
    """At most `workers` coroutines pulling from one iterator: bounded, not a task per item."""
    iterator = iter(items)

    async def worker() -> None:
        for item in iterator:
            await handle(item)

    async with asyncio.TaskGroup() as group:
        for _ in range(max(1, workers)):
            group.create_task(worker())
