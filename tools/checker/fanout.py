"""Checking many web links at once, under the global and per-host limits (the benchmark times this)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tools.checker.facts import LinkResult
from tools.checker.http import HttpClient
from tools.checker.limits import HostScheduler
from tools.checker.links import check_link, host_of
from tools.checker.settings import Settings


async def check_links(
    urls: list[str],
    http: HttpClient,
    settings: Settings,
    results: dict[str, LinkResult],
    on_done: Callable[[str], None] = lambda url: None,
    home_pages: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Check each link under the global and per-host limits, filling `results` as each one finishes.

    Results land in the caller's dict so that a run cut short keeps what it learned. `home_pages`
    are entries' own addresses: the start of their page is read (see links.check_link).
    """

    def job(url: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            try:
                results[url] = await check_link(url, http, settings, home_page=url in home_pages)
            except Exception as exc:
                results[url] = LinkResult(url, "unknown", reason=f"checker error ({type(exc).__name__})")
            on_done(url)

        return run

    scheduler = HostScheduler(settings.concurrency, settings.per_host)
    await scheduler.run((host_of(url, settings), job(url)) for url in urls)
