"""Checking one web link: HEAD, then GET when HEAD fails, redirects followed and judged one by one.

Redirects are followed here rather than by httpx so that each hop can be judged: the address a
maintainer should write is the one reached through the leading run of *permanent* redirects
(301, 308). A chain that starts with a temporary redirect (302, 303, 307) keeps the catalog's
address as the right one, so it is `ok`. A permanent redirect that only adds or drops a trailing
slash is not worth a report and is `ok` too.

Redirects are followed the way browsers do:
- each link check has its own cookie jar: a site that answers 302 to its own address with
  Set-Cookie and 200 once the cookie comes back is fine (linkchecker#419, httpx#821). A loop is
  an address asked for again with nothing new to send (the same cookies);
- a fragment is never sent, and a redirect whose Location names none keeps the original one
  (RFC 9110 section 10.2.2), so `/guide#install` moved to `/manual/` is moved to `/manual/#install`.

Verdicts: any answer but 404/410 proves a server is there. Bot walls (walls.py) and certificate
problems (certificates.py) are `unknown` on every run and never build a failure streak; only
connection failures and a plain 5xx do (history.py decides when a streak makes a link dead).

Bodies: a link is asked with HEAD and, where HEAD is refused, a streamed GET closed after its
headers. Two exceptions read a bounded start of the body (pages.read_start, at most 64 KiB):
an entry's home page (`home_page=True`, asked with GET at once), to recognise parked domains
and "not found" pages served with 200 (pages.py); and an answer that may be a bot wall's
challenge page (walls.WALL_STATUSES), to recognise it by its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from tools.catalog.urls import hostname
from tools.checker import pages, youtube
from tools.checker.facts import LinkResult
from tools.checker.http import FetchError, HttpClient
from tools.checker.settings import Settings
from tools.checker.walls import WALL_STATUSES, bot_wall

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
GONE = frozenset({404, 410})
# Asked as a browser asks: some sites negotiate and answer 404 to `Accept: */*` (httpx's default)
# but serve the page to a request that asks for HTML (rust-lang/crates.io#788, zola#384).
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass
class Answer:
    """One address's answer: status, headers and, where it was worth reading, the page's start."""

    status: int
    headers: httpx.Headers
    page: bytes | None = None
    charset: str | None = None  # the page's, from Content-Type

    @property
    def title(self) -> str:
        return pages.outline(self.page, self.charset)[0] if self.page else ""


def host_of(url: str, settings: Settings) -> str:
    """The host a link's requests go to, for the per-host limit (YouTube videos ask oEmbed)."""
    if youtube.video_url(url):
        url = settings.youtube_oembed_url
    return hostname(url)


async def check_link(url: str, http: HttpClient, settings: Settings, *, home_page: bool = False) -> LinkResult:
    """The link's verdict; never raises for anything the network or the server does.

    `home_page`: the link is an entry's own address off GitHub; its page is read (bounded) to
    recognise parked domains and "not found" pages that answer 200.
    """
    if youtube.video_url(url):
        return await youtube.check_video(url, http, settings)
    fragment = urlsplit(url).fragment
    jar = httpx.Cookies()
    asked: set[tuple[str, str]] = set()  # (address, cookies sent): asking again with the same is a loop
    current = _without_fragment(url)
    permanent_target: str | None = None
    only_permanent = True
    for _hop in range(settings.max_redirects + 1):
        cookie = _cookie_header(jar, current)
        if (current, cookie) in asked:
            return LinkResult(url, "unknown", reason="redirect loop")
        asked.add((current, cookie))
        try:
            answer, response = await _probe(current, http, cookie, home_page=home_page)
        except FetchError as exc:
            if exc.certificate:
                return LinkResult(url, "unknown", reason=exc.reason)
            # Every other transport failure (refused, DNS, reset, timeout) counts towards history.
            return LinkResult(url, "unknown", reason=exc.reason, connect_failure=True)
        if "set-cookie" in response.headers:  # the jar's urllib round trip costs ~0.1 ms: only when needed
            jar.extract_cookies(response)
        if answer.status not in REDIRECTS:
            return _final(url, answer, permanent_target, home_page=home_page)
        location = answer.headers.get("location")
        if not location:
            return LinkResult(url, "unknown", answer.status, reason=f"HTTP {answer.status} redirect without a Location")
        try:
            target = httpx.URL(current).join(location)
        except httpx.InvalidURL:
            return LinkResult(url, "unknown", answer.status, reason="redirect to an invalid address")
        if target.scheme not in ("http", "https"):
            return LinkResult(url, "unknown", answer.status, reason="redirect to a non-web address")
        if (service := pages.parking_host(target.host)) and not pages.parking_host(hostname(url)):
            return LinkResult(
                url, "dead", answer.status, reason=f"redirects to {service}, a domain parking or sale service"
            )
        fragment = target.fragment or fragment  # a Location with its own fragment replaces the original one
        current = _without_fragment(str(target))
        only_permanent = only_permanent and answer.status in PERMANENT
        if only_permanent:
            permanent_target = _with_fragment(current, fragment)
    return LinkResult(url, "unknown", reason=f"more than {settings.max_redirects} redirects")


async def _probe(url: str, http: HttpClient, cookie: str, *, home_page: bool) -> tuple[Answer, httpx.Response]:
    """One address's answer: HEAD, or a streamed GET where HEAD is refused or broken (or for a home page)."""
    headers = {"Accept": ACCEPT, **({"Cookie": cookie} if cookie else {})}
    if not home_page:
        try:
            head = await http.send("HEAD", url, kind="web", headers=headers)
            if not _head_refused(head.status_code):
                return Answer(head.status_code, head.headers), head
        except FetchError as exc:
            if exc.unreachable or exc.certificate:
                raise  # no connection could be opened (or trusted): a GET would not fare better
    # Some servers refuse or break on HEAD but answer GET; one GET, since HEAD was already retried.
    response = await http.send(
        "GET",
        url,
        kind="web",
        headers={**headers, "Accept-Encoding": "identity"},
        stream=True,
        retry=home_page,
    )
    try:
        status = response.status_code
        worth_reading = _is_page(response) and ((home_page and 200 <= status < 300) or status in WALL_STATUSES)
        page = await pages.read_start(response, http.settings.timeout) if worth_reading else None
        return Answer(status, response.headers, page, response.charset_encoding), response
    finally:
        await response.aclose()


def _is_page(response: httpx.Response) -> bool:
    """HTML or text (or unsaid): what a parking, "not found" or challenge page is; a PDF is not read."""
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return not kind or kind.startswith("text/") or "html" in kind or "xml" in kind


def _head_refused(status: int) -> bool:
    """HEAD answers that GET must confirm: every 4xx but 429 (rate limits apply to GET too), and 5xx.

    405, 403 and 501 are servers refusing HEAD; 404 and 410 are confirmed too, because a few
    servers route GET alone and answer HEAD with 404, and `dead` must never come from HEAD only.
    """
    return 400 <= status < 600 and status != 429


def _final(url: str, answer: Answer, permanent_target: str | None, *, home_page: bool) -> LinkResult:
    status = answer.status
    if 200 <= status < 300:
        if home_page and answer.page and (gone := pages.gone_page(answer.page, answer.charset)):
            return LinkResult(url, "dead", status, reason=gone)
        if permanent_target and not _same_page(url, permanent_target):
            return LinkResult(
                url, "moved", status, moved_to=permanent_target, reason=f"moved permanently to {permanent_target}"
            )
        return LinkResult(url, "ok", status)
    if status in GONE:
        return LinkResult(url, "dead", status, reason=f"HTTP {status} ({'gone' if status == 410 else 'not found'})")
    if wall := bot_wall(status, answer.headers, answer.title):
        return LinkResult(url, "unknown", status, reason=wall)
    if 500 <= status < 600:
        return LinkResult(url, "unknown", status, reason=f"HTTP {status}: server error", connect_failure=True)
    return LinkResult(url, "unknown", status, reason=f"unexpected HTTP {status}")


def _same_page(a: str, b: str) -> bool:
    """Equal but for a trailing slash on the path (fragments aside: they are not part of what is asked)."""
    return _without_fragment(a).rstrip("/") == _without_fragment(b).rstrip("/")


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def _with_fragment(url: str, fragment: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=fragment)) if fragment else url


def _cookie_header(jar: httpx.Cookies, url: str) -> str:
    """The Cookie header a browser would send to `url` from this jar ("" for none)."""
    if not jar.jar:  # most links never set a cookie: skip building a request to ask the empty jar
        return ""
    request = httpx.Request("GET", url)
    jar.set_cookie_header(request)
    return request.headers.get("cookie", "")
