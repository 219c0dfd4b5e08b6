"""An on-disk ETag store for GitHub's REST API: a second run gets 304s instead of whole bodies.

Why not hishel 2.0: it caches at the transport, but the shared `HttpClient` owns its transport
and serves the web and PyPI too, where a cache is not wanted; hishel also turns a 304 back into
the cached 200, hiding what this module needs to see, and serves "fresh" entries without asking
at all. What GitHub needs is narrower: remember each URL's ETag and the few fields read from
its body, send If-None-Match, and reuse those fields on 304. That is one JSON file, loaded once
and written atomically at the end of a run; a corrupt or old-format file is simply ignored.

ETags are tied to the credentials that fetched them (GitHub varies its answers on
Authorization), and a 304 is free of the rate limit only for an authenticated request. So the
file records a fingerprint of the credential (a SHA-256 prefix of the token, never the token;
"anonymous" without one) and a store made for other credentials starts empty. Actions'
GITHUB_TOKEN changes on every run: keeping this file between scheduled runs gains nothing there.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 2  # bump when what is stored changes, so old files are ignored (2: the credential's fingerprint)


def fingerprint(token: str | None) -> str:
    """Which credentials the ETags belong to, without keeping anything that could be used as one."""
    return hashlib.sha256(token.encode()).hexdigest()[:16] if token else "anonymous"


class ETagStore:
    def __init__(self, path: Path, credential: str = "anonymous") -> None:
        self.path = path
        self.credential = credential
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False

    @classmethod
    def load(cls, path: Path, *, credential: str | None = None) -> ETagStore:
        """The store for `credential` (the token, or None): empty if the file was made for other ones."""
        store = cls(path, fingerprint(credential))
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return store
        if not isinstance(raw, dict) or raw.get("credential") != store.credential:
            return store
        if raw.get("format") == FORMAT and isinstance(raw.get("entries"), dict):
            store.entries = {k: v for k, v in raw["entries"].items() if isinstance(v, dict) and "etag" in v}
        return store

    def get(self, url: str) -> tuple[str, Any] | None:
        entry = self.entries.get(url)
        return (entry["etag"], entry.get("data")) if entry else None

    def put(self, url: str, etag: str, data: Any) -> None:
        self.entries[url] = {"etag": etag, "data": data}
        self.changed = True

    def save(self) -> None:
        """Temporary file and rename: a crash never leaves half a cache behind."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                document = {"format": FORMAT, "credential": self.credential, "entries": self.entries}
                json.dump(document, handle, separators=(",", ":"))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.changed = False
