"""Checking one web link: HEAD, then GET when HEAD fails, redirects followed and classified by hand.

Redirects are followed here rather than by httpx so that each hop can be judged: the address a
maintainer should write is the one reached through the leading run of *permanent* redirects
(301, 308). A chain that starts with a temporary redirect (302, 303, 307) keeps the catalog's
address as the right one, so it is `ok`. A permanent redirect that only adds or drops a trailing
slash is not worth a report and is `ok` too.

A GET is streamed and closed as soon as its status line and headers arrive: bodies are never read.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from tools.checker import youtube
from tools.checker.facts import LinkResult
from tools.checker.http import FetchError, HttpClient
from tools.checker.settings import Settings

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
GONE = frozenset({404, 410})


def host_of(url: str, settings: Settings) -> str:
    """The host a link's requests go to, for the per-host limit (YouTube videos ask oEmbed)."""
    if youtube.video_url(url):
        url = settings.youtube_oembed_url
    return (urlsplit(url).hostname or "").lower()


async def check_link(url: str, http: HttpClient, settings: Settings) -> LinkResult:
    """The link's verdict; never raises for anything the network or the server does."""
    if youtube.video_url(url):
        return await youtube.check_video(url, http, settings)
    seen = {url}
    current = url
    permanent_target: str | None = None
    only_permanent = True
    for _hop in range(settings.max_redirects + 1):
        try:
            response_status, location = await _probe(current, http)
        except FetchError as exc:
            # Every transport failure (refused, DNS, reset, timeout) counts towards history.
            return LinkResult(url, "unknown", reason=exc.reason, connect_failure=True)
        if response_status not in REDIRECTS:
            return _final(url, response_status, permanent_target)
        if not location:
            return LinkResult(
                url, "unknown", response_status, reason=f"HTTP {response_status} redirect without a Location"
            )
        try:
            target = str(httpx.URL(current).join(location))
        except httpx.InvalidURL:
            return LinkResult(url, "unknown", response_status, reason="redirect to an invalid address")
        if urlsplit(target).scheme not in ("http", "https"):
            return LinkResult(url, "unknown", response_status, reason="redirect to a non-web address")
        if target in seen:
            return LinkResult(url, "unknown", response_status, reason="redirect loop")
        seen.add(target)
        only_permanent = only_permanent and response_status in PERMANENT
        if only_permanent:
            permanent_target = target
        current = target
    return LinkResult(url, "unknown", reason=f"more than {settings.max_redirects} redirects")


async def _probe(url: str, http: HttpClient) -> tuple[int, str | None]:
    """Status and Location of one address: HEAD, or a streamed GET where HEAD is refused or broken."""
    try:
        head = await http.send("HEAD", url, kind="web")
        status, location = head.status_code, head.headers.get("location")
        if not _head_refused(status):
            return status, location
    except FetchError as exc:
        if exc.unreachable:
            raise  # no connection could be opened: a GET would not fare better
    # Some servers refuse or break on HEAD but answer GET; one GET, since HEAD was already retried.
    response = await http.send("GET", url, kind="web", stream=True, retry=False)
    try:
        return response.status_code, response.headers.get("location")
    finally:
        await response.aclose()


def _head_refused(status: int) -> bool:
    """HEAD answers that GET must confirm: every 4xx but 429 (rate limits apply to GET too), and 5xx.

    405, 403 and 501 are servers refusing HEAD; 404 and 410 are confirmed too, because a few
    servers route GET alone and answer HEAD with 404, and `dead` must never come from HEAD only.
    """
    return 400 <= status < 600 and status != 429


def _final(url: str, status: int, permanent_target: str | None) -> LinkResult:
    if 200 <= status < 300:
        if permanent_target and not _same_page(url, permanent_target):
            return LinkResult(
                url, "moved", status, moved_to=permanent_target, reason=f"moved permanently to {permanent_target}"
            )
        return LinkResult(url, "ok", status)
    if status in GONE:
        return LinkResult(url, "dead", status, reason=f"HTTP {status} ({'gone' if status == 410 else 'not found'})")
    if status == 429:
        return LinkResult(url, "unknown", status, reason="HTTP 429: rate limited, try again later")
    if status >= 500:
        return LinkResult(url, "unknown", status, reason=f"HTTP {status}: server error", connect_failure=True)
    if status in (401, 403):
        return LinkResult(url, "unknown", status, reason=f"HTTP {status}: the site refuses automated checks")
    return LinkResult(url, "unknown", status, reason=f"unexpected HTTP {status}")


def _same_page(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")
