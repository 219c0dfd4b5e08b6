"""YouTube answers 200 for a watch page whose video is gone, so videos are asked about through oEmbed.

`{youtube_oembed_url}?url=<video>&format=json`: 200 means the video exists; 404 means it was
removed (dead). 401 and 403 mean it exists but is private or may not be embedded: oEmbed cannot
tell which, and a private video is as good as gone to a reader while an unembeddable one is fine,
so that is `unknown` with the reason, for a maintainer to look at, never `dead`. oEmbed's answer
is a few hundred bytes of JSON, read whole so that the connection can be kept alive.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from tools.checker.facts import LinkResult
from tools.checker.http import FetchError, HttpClient
from tools.checker.settings import Settings

_WATCH_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})


def video_url(url: str) -> bool:
    """True for a single video's address: youtube.com/watch?v=ID or youtu.be/ID."""
    if "youtu" not in url.lower():  # every link is asked this twice: skip parsing the rest
        return False
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _WATCH_HOSTS:
        return parts.path.rstrip("/") == "/watch" and bool(parse_qs(parts.query).get("v"))
    return host == "youtu.be" and len(parts.path.strip("/")) > 0


async def check_video(url: str, http: HttpClient, settings: Settings) -> LinkResult:
    query = urlencode({"url": url, "format": "json"})
    try:
        response = await http.send("GET", f"{settings.youtube_oembed_url}?{query}", kind="web")
    except FetchError as exc:
        # A certificate problem is the oEmbed host answering badly, not the video being unreachable.
        return LinkResult(url, "unknown", reason=f"YouTube oEmbed: {exc.reason}", connect_failure=not exc.certificate)
    status = response.status_code
    if status == 200:
        return LinkResult(url, "ok", status)
    if status == 404:
        return LinkResult(url, "dead", status, reason="YouTube says the video does not exist (removed)")
    if status in (401, 403):
        return LinkResult(
            url, "unknown", status, reason="YouTube will not describe the video: private, or not embeddable"
        )
    return LinkResult(
        url, "unknown", status, reason=f"YouTube oEmbed answered HTTP {status}", connect_failure=status >= 500
    )
