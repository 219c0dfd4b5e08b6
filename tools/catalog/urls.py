"""URL helpers shared by the validator, the checker and the generators."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
_GITHUB_HOSTS = ("github.com", "www.github.com")
_GITHUB_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def normalize_url(url: str) -> str:
    """The form two URLs are compared in for duplicates: no case, scheme, `www.`, trailing `/` or `.git`."""
    parts = urlsplit(url.strip().lower())
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def github_repo(url: str) -> tuple[str, str] | None:
    """`(owner, repo)` for a repository's home on GitHub, else None (a GitHub page deeper than a repo is a plain link)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in WEB_SCHEMES or (parts.hostname or "").lower() not in _GITHUB_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) != 2:
        return None
    owner, repo = segments[0], segments[1].removesuffix(".git")
    if not (_GITHUB_NAME.match(owner) and _GITHUB_NAME.match(repo)):
        return None
    return owner, repo


def slugify(text: str) -> str:
    """An entry's id and anchor: lowercase ASCII letters and digits joined by single hyphens.

    Accents are taken off first (NFKD), so "Ünïcode" is "unicode" rather than "n-code".
    """
    folded = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "entry"
