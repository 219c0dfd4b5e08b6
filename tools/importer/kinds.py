"""What kind of entry an imported item is, from its section's heading and its address.

A video host means a talk wherever it is listed; otherwise the first word of the heading that names
a kind decides ("Talks and Podcasts" is talks). Anything else is a library, the catalog's default.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "pyvideo.org")
_HEADING_WORDS = {
    "talk": "talk",
    "video": "talk",
    "presentation": "talk",
    "screencast": "talk",
    "podcast": "podcast",
    "book": "book",
    "article": "article",
    "writing": "article",
    "blog": "article",
    "post": "article",
    "tutorial": "article",
    "reading": "article",
    "guide": "article",
    "documentation": "docs",
    "docs": "docs",
}
_WORD = re.compile(r"[a-z]+")


def guess_kind(heading: str, url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if any(host == video or host.endswith(f".{video}") for video in _VIDEO_HOSTS):
        return "talk"
    for word in _WORD.findall(heading.lower()):
        kind = _HEADING_WORDS.get(word) or _HEADING_WORDS.get(word.removesuffix("s"))
        if kind:
            return kind
    return "library"
