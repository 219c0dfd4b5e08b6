"""URL helpers shared by the validator, the checker and the generators."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
_GITHUB_HOSTS = ("github.com", "www.github.com")
_GITHUB_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_SPACE = re.compile(r"\s")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


# Every helper here takes any text and never raises: catalog files, pull requests, GitHub and PyPI
# all hand us text that may not be a URL at all, and callers should not each have to guard.


# The common, plainly valid address (ASCII host, no user, at most a port): judged without urlsplit,
# which is a third of the catalog's loading time at 5,000 entries.
_PLAIN_WEB_URL = re.compile(r"(?i)https?://([a-z0-9.-]+)(?::([0-9]{1,5}))?(/[!-~]*)?")


def _plain_port_ok(port: str | None) -> bool:
    return port is None or 0 <= int(port) <= 65535


def web_url_problem(url: str) -> str | None:
    """Why `url` is not a usable public web address, or None."""
    plain = _PLAIN_WEB_URL.fullmatch(url)
    if plain and plain.group(1).strip(".") and _plain_port_ok(plain.group(2)):
        return None
    if not url:
        return "is empty"
    if not url.isprintable() or _SPACE.search(url):
        return "has spaces or control characters in it"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"is not a valid address ({exc})"
    if parts.scheme.lower() not in WEB_SCHEMES:
        scheme = f"{parts.scheme}:" if parts.scheme else url
        return f"must be a web address (https://...), not {scheme!r}"
    if not parts.hostname:
        return "must name a host, as in https://example.org/"
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password"
    return None


def is_web_url(url: str) -> bool:
    return web_url_problem(url) is None


def normalize_url(url: str) -> str:
    """The form two URLs are compared in for duplicates: no case, scheme, `www.`, trailing `/` or `.git`."""
    text = url.strip().lower()
    plain = _PLAIN_WEB_URL.fullmatch(text)
    if plain and _plain_port_ok(plain.group(2)) and "#" not in text and "?" not in text:
        host, port, path = plain.group(1).removeprefix("www."), plain.group(2), plain.group(3) or ""
        host = f"{host}:{int(port)}" if port and int(port) else host
        return host + path.rstrip("/").removesuffix(".git").rstrip("/")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # not a URL that can be taken apart (the validator says so): compare it as written
        return text
    host = (parts.hostname or "").removeprefix("www.")
    if port:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def hostname(url: str) -> str:
    """The address's host in lower case, as urlsplit reads it; "" when it has none or cannot be read.

    Asked of every link several times a run: the common plain address is read by one regex.
    """
    plain = _PLAIN_WEB_URL.fullmatch(url)
    if plain:
        return plain.group(1).lower()
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def github_repo(url: str) -> tuple[str, str] | None:
    """`(owner, repo)` for a repository's home on GitHub, else None (a GitHub page deeper than a repo is a plain link)."""
    text = url.strip()
    if web_url_problem(text) is not None or hostname(text) not in _GITHUB_HOSTS:
        return None
    segments = [s for s in urlsplit(text).path.split("/") if s]
    if len(segments) != 2:
        return None
    owner, repo = segments[0], segments[1].removesuffix(".git")
    if not (_GITHUB_NAME.match(owner) and _GITHUB_NAME.match(repo)):
        return None
    return owner, repo


def slugify(text: str, default: str = "entry") -> str:
    """An entry's id and anchor: lowercase ASCII letters and digits joined by single hyphens.

    Accents are taken off first (NFKD), so "Ünïcode" is "unicode" rather than "n-code"; text with
    no Latin letter or digit at all (a heading in Chinese) gets `default`.
    """
    folded = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", folded).strip("-") or default
