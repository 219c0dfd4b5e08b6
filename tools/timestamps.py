"""The one timestamp format of the project: ISO 8601 in UTC, as GitHub, PyPI and status.json write it."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: object) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string; None when absent or malformed (never a guess)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return aware(parsed).astimezone(UTC)


def aware(moment: datetime) -> datetime:
    """A naive datetime is taken as UTC: the sources all speak UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso(moment: datetime | None) -> str | None:
    """`2026-11-21T12:00:00Z`, the form reports and status.json use."""
    return None if moment is None else aware(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
