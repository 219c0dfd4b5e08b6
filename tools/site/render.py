"""Small helpers the page templates call: status labels, dates as readers judge them, safe links.

The HTML itself is in `tools/site/templates/` (rendered with autoescaping by `templating.py`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from tools.results import Status

STATUS_LABELS = {status.value: status.label for status in Status}


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links (the catalog validates its own; status.json's `moved_to` is checked here)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def iso_time(when: datetime) -> str:
    """A UTC timestamp as `2026-11-18T08:00:00Z`, the form `<time datetime>` and the script read."""
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def relative_time(when: datetime, now: datetime) -> str:
    """A coarse "3 months ago", the way readers judge activity; the exact date goes in a title."""
    days = int((now - when).total_seconds() // 86400)
    if days < 1:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 31:
        return f"{days} days ago"
    if days < 365:
        months = max(1, round(days / 30.44))
        return "1 month ago" if months == 1 else f"{months} months ago"
    years = days // 365
    return "1 year ago" if years == 1 else f"{years} years ago"


FRAMEWORK_LABELS = {"asyncio": "asyncio", "trio": "Trio", "anyio": "AnyIO"}


def framework_label(name: str) -> str:
    return FRAMEWORK_LABELS.get(name, name)


def version_key(version: str) -> tuple[int, ...]:
    """`"3.10"` -> (3, 10): Python versions in numeric order, 3.9 before 3.10."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def python_label(versions: tuple[str, ...] | None, requires_python: str | None = None) -> str | None:
    """`Python 3.10–3.13` for consecutive minor versions, else each named; `Python >=3.9` from
    `requires_python` when PyPI lists no versions; None when neither is known."""
    ordered = sorted(versions or (), key=version_key)
    if ordered:
        minors = [version_key(v) for v in ordered]
        consecutive = all(len(v) == 2 for v in minors) and all(
            b[0] == a[0] and b[1] == a[1] + 1 for a, b in zip(minors, minors[1:], strict=False)
        )
        if consecutive and len(ordered) > 2:
            return f"Python {ordered[0]}–{ordered[-1]}"
        return "Python " + ", ".join(ordered)
    if requires_python:
        return f"Python {requires_python}"
    return None


def pypi_url(name: str) -> str:
    return f"https://pypi.org/project/{quote(name, safe='')}/"
