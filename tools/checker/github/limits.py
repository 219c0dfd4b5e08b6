"""GitHub's secondary rate limit as GitHub sends it, and the one pause a run may make for it.

GitHub's docs (REST API, "rate limits", "exceeding the rate limit"): a secondary limit answers
403 or 429 with a message saying so, and `x-ratelimit-remaining` may be well above zero; with a
`retry-after` header, wait that long; without one, wait *at least a minute* (hub4j/github-api#1805,
octokit/plugin-throttling.js#566 show both shapes). So it is recognised by the message too, and a
run waits once, if its deadline leaves room, then tries again; hit again, or without the time,
it stops asking and the rest are `unknown` with the reason.

Every request waits while a pause is on, so the other workers do not spend their requests into
the same limit meanwhile. `sleep` is injectable so that tests need not wait a minute.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from tools.checker.settings import Settings

Sleep = Callable[[float], Awaitable[object]]
WAIT_WITHOUT_RETRY_AFTER = 60.0  # seconds: GitHub's "wait for at least one minute"


def is_secondary_limit(response: httpx.Response) -> bool:
    """A 403/429 that is GitHub's secondary limit, not the primary budget (remaining 0) or a permission."""
    if response.status_code not in (403, 429) or response.headers.get("x-ratelimit-remaining") == "0":
        return False
    if "retry-after" in response.headers:
        return True
    try:
        text = response.text.lower()
    except (httpx.ResponseNotRead, UnicodeDecodeError):
        return False
    return "secondary rate limit" in text or "abuse detection" in text


def requested_wait(response: httpx.Response) -> float:
    """Seconds to wait: Retry-After when GitHub sends one, else at least a minute."""
    try:
        return max(0.0, float(response.headers["retry-after"]))
    except (KeyError, ValueError):
        return WAIT_WITHOUT_RETRY_AFTER


class SecondaryLimitPause:
    """At most one pause per run, within the run's deadline (counted from when this is made)."""

    def __init__(self, settings: Settings, sleep: Sleep | None = None) -> None:
        self._sleep: Sleep = sleep or asyncio.sleep
        self._deadline_at = time.monotonic() + settings.deadline
        self._margin = settings.timeout * 2  # time left after the pause for the request that follows
        self._pause: asyncio.Task[object] | None = None

    async def hold(self) -> None:
        """Wait while a pause is on (before sending anything to GitHub)."""
        if self._pause is not None and not self._pause.done():
            await asyncio.shield(self._pause)

    async def wait_once(self, response: httpx.Response) -> bool:
        """True after waiting (the caller asks again, once); False when the run must stop asking."""
        if self._pause is not None:
            if self._pause.done():
                return False  # limited again after the one pause
            await asyncio.shield(self._pause)  # limited while another worker's pause was on
            return True
        wait = requested_wait(response)
        if time.monotonic() + wait + self._margin > self._deadline_at:
            return False
        self._pause = asyncio.ensure_future(self._sleep(wait))
        await asyncio.shield(self._pause)
        return True
