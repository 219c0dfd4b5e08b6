"""Run many small jobs under a global limit and a per-host limit, with a fixed number of workers.

Jobs wait in one queue per host; hosts with work and spare capacity take turns in a ready queue.
A worker takes the next job from the first ready host, so a slow host holds at most `per_host`
workers while the others keep serving every other host (no head-of-line blocking), and a run of
10,000 links has `concurrency` tasks, not 10,000 tasks waiting on semaphores.

Stopping (a deadline, Ctrl-C) is the caller's: cancel `run()` and the workers are cancelled with it.
"""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable

Job = Callable[[], Awaitable[None]]


class HostScheduler:
    def __init__(self, concurrency: int, per_host: int) -> None:
        if concurrency < 1 or per_host < 1:
            raise ValueError("limits must be 1 or more")
        self.concurrency = concurrency
        self.per_host = per_host
        self._queues: dict[str, deque[Job]] = {}
        self._ready: deque[str] = deque()  # hosts with queued jobs and fewer than per_host running
        self._active: Counter[str] = Counter()
        self._left = 0  # jobs queued or running
        self._changed = asyncio.Condition()

    async def run(self, jobs: Iterable[tuple[str, Job]]) -> None:
        """Run every (host, job) pair; returns when all have finished. A job must not raise."""
        for host, job in jobs:
            queue = self._queues.setdefault(host, deque())
            if not queue and self._active[host] < self.per_host:
                self._ready.append(host)
            queue.append(job)
            self._left += 1
        workers = min(self.concurrency, self._left)
        async with asyncio.TaskGroup() as group:
            for _ in range(workers):
                group.create_task(self._work())

    def _take(self) -> tuple[str, Job] | None:
        if not self._ready:
            return None
        host = self._ready.popleft()
        queue = self._queues[host]
        job = queue.popleft()
        self._active[host] += 1
        if queue and self._active[host] < self.per_host:
            self._ready.append(host)  # to the back: hosts take turns
        return host, job

    def _finish(self, host: str) -> None:
        self._active[host] -= 1
        self._left -= 1
        # At the limit the host was out of the ready queue; one slot free brings it back.
        if self._queues[host] and self._active[host] == self.per_host - 1:
            self._ready.append(host)

    async def _work(self) -> None:
        while True:
            taken = self._take()
            if taken is None:
                if self._left == 0:
                    return
                async with self._changed:
                    await self._changed.wait_for(lambda: bool(self._ready) or self._left == 0)
                continue
            host, job = taken
            try:
                await job()
            finally:
                self._finish(host)
                async with self._changed:
                    if self._left == 0:
                        self._changed.notify_all()
                    elif self._ready:
                        self._changed.notify()
