"""What the start of a page says: a bounded read, and pages that answer 200 but are gone.

A lapsed domain is often parked: every path answers 200 with a "this domain is for sale" page,
or redirects to a domain-sale service. Some sites answer a missing page with 200 and a "Page not
found" title (a "soft 404"). Neither shows in a status code, so an entry's home page is read, at
most `PAGE_LIMIT` bytes of it (parking and error pages say what they are in their first few
kilobytes), and recognised by:

- the host a redirect leads to: the common parking and domain-sale services, whether the server
  redirects or the page itself sends the browser on (a meta refresh, or a script setting
  `location`, as GoDaddy-parked pages do: bookmarks-organizer#130, linkinator#552);
- the title: a "not found" title, or parking wording;
- the visible text of a *short* page: parking wording. A long page that happens to mention that
  "this domain is for sale" (an article about domains, say) is a real page, so body wording
  only counts on pages with little text, which is what parking pages are.

The wording follows what parking pages of Sedo, Dan.com, Afternic, HugeDomains, GoDaddy and
Bodis say, as collected by detectors such as PyFunceble's (funilrys/PyFunceble#255).
"""

from __future__ import annotations

import asyncio
import re
import zlib
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx

PAGE_LIMIT = 64 * 1024  # bytes of a page ever kept; see read_start for what is read off the socket
SHORT_PAGE = 3000  # characters of visible text below which body wording may decide

# Services that parked or for-sale domains redirect to (a subdomain of one counts too).
PARKING_HOSTS = frozenset(
    {
        "sedo.com",
        "sedoparking.com",
        "dan.com",
        "afternic.com",
        "hugedomains.com",
        "buydomains.com",
        "parkingcrew.net",
        "bodis.com",
        "above.com",
        "undeveloped.com",
        "domainmarket.com",
        "parklogic.com",
        "parkingpage.namecheap.com",
    }
)

_SPACE = re.compile(r"\s+")
_PARKED = re.compile(
    r"\b(?:this|the)\s+(?:domain|website|site)(?:\s+name)?\s+(?:is|may\s+be|might\s+be|could\s+be)\s+for\s+sale\b"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\s+(?:is|may\s+be)\s+for\s+sale\b"
    r"|\bbuy\s+this\s+domain\b"
    r"|\b(?:this\s+)?domain\s+(?:is\s+|has\s+been\s+)?parked\b"
    r"|\bparked\s+free\b"
    r"|\b(?:this\s+)?domain\s+(?:name\s+)?has\s+expired\b"
    r"|\bdomain\s+(?:name\s+)?(?:is\s+)?available\s+for\s+(?:sale|purchase)\b",
    re.IGNORECASE,
)
_NOT_FOUND_PART = re.compile(
    r"(?:error\s*)?404(?:\s*error)?(?:\s*[-:]?\s*(?:page|file)?\s*not\s+found)?"
    r"|(?:page|file|document|resource)?\s*not\s+found"
    r"|(?:this\s+)?page\s+(?:does\s+not|doesn't|cannot\s+be\s+found|could\s+not\s+be\s+found)(?:\s+exist)?"
    r"|(?:oops!?\s*)?(?:that|this)\s+page\s+can(?:no|')t\s+be\s+found",
    re.IGNORECASE,
)
# Where a page sends the browser: `<meta http-equiv=refresh content="0; url=...">`, or a script's
# `location = "..."`, `location.href = "..."`, `location.replace("...")` with an absolute address.
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"\s]+)", re.IGNORECASE)
_SCRIPT_GOES_TO = re.compile(
    r"\blocation(?:\.href)?\s*=\s*['\"](https?://[^'\"\s]+)|\blocation\.(?:replace|assign)\(\s*['\"](https?://[^'\"\s]+)",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s[|\u00b7\u2022\u2013\u2014:-]\s|\s*[|\u00b7\u2022]\s*")


async def read_start(response: httpx.Response, seconds: float, limit: int = PAGE_LIMIT) -> bytes:
    """Up to `limit` bytes of a streamed response's body, within `seconds`, decoded if gzip/deflate.

    The rest is never read: httpcore reads the socket in chunks of at most 64 KiB, so at most one
    chunk beyond `limit` leaves the socket before reading stops, and a server dripping its page
    gets `seconds` in all. A body that was already closed gives b"". Compressed bodies are
    inflated with an output bound, never to more than `limit`.
    """
    raw = bytearray()
    try:
        async with asyncio.timeout(seconds):
            async for chunk in response.aiter_raw():
                raw += chunk
                if len(raw) >= limit:
                    break
    except (httpx.StreamError, httpx.TransportError, TimeoutError):
        pass  # what arrived is what there is to judge
    body = bytes(raw[:limit])
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        try:
            return zlib.decompressobj(wbits=47 if encoding != "deflate" else 15).decompress(bytes(raw), limit)
        except zlib.error:
            return b""
    return body if encoding in ("", "identity") else b""


class _Outline(HTMLParser):
    """The title, the visible text and where the page sends the browser, of (the start of) an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.text: list[str] = []
        self.goes_to: list[str] = []  # addresses of meta refreshes and script redirects
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = dict(attrs)
            if (found.get("http-equiv") or "").lower() == "refresh" and (
                match := _REFRESH_URL.match(found.get("content") or "")
            ):
                self.goes_to.append(match.group(1))
        if tag in ("title", "script", "style", "noscript", "template", "svg"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.goes_to += [a or b for a, b in _SCRIPT_GOES_TO.findall(data)]
        if "title" in self._in:
            self.title += data
        elif not self._in:
            self.text.append(data)


def outline(body: bytes, charset: str | None = None) -> tuple[str, str]:
    """(title, visible text) of an HTML page, whitespace squashed; undecodable bytes are replaced."""
    return _squashed(_parse(body, charset))


def _squashed(parser: _Outline) -> tuple[str, str]:
    squash = lambda s: _SPACE.sub(" ", s).strip()  # noqa: E731
    return squash(parser.title), squash(" ".join(parser.text))


def _parse(body: bytes, charset: str | None) -> _Outline:
    try:
        text = body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    parser = _Outline()
    parser.feed(text)
    parser.close()
    return parser


def parking_host(host: str) -> str | None:
    """The parking or domain-sale service `host` belongs to, if any."""
    host = host.lower().rstrip(".")
    return next((p for p in PARKING_HOSTS if host == p or host.endswith("." + p)), None)


def _host(address: str) -> str:
    try:
        return urlsplit(address).hostname or ""
    except ValueError:  # a malformed address in the page ("http://[oops")
        return ""


def gone_page(body: bytes, charset: str | None = None) -> str | None:
    """What shows that a page answered with 200 is not the project's page, or None."""
    parser = _parse(body, charset)
    for address in parser.goes_to:
        if service := parking_host(_host(address)):
            return f"the page sends the browser on to {service}, a domain parking or sale service"
    title, text = _squashed(parser)
    if title and any(_NOT_FOUND_PART.fullmatch(part.strip()) for part in _TITLE_SEPARATORS.split(title)):
        return f'the page answers 200 but its title says "{title[:80]}"'
    if title and _PARKED.search(title):
        return f'the domain looks parked or for sale (title: "{title[:80]}")'
    if len(text) <= SHORT_PAGE and (match := _PARKED.search(text)):
        return f'the domain looks parked or for sale (the page says "{match.group(0)}")'
    return None
