"""status.json's short history of each entry's stars and releases, for "gained in 90 days" and "Trending".

One point per ISO week (a later run in the same week replaces that week's point), oldest first,
at most two years kept (issue 11; shapes agreed in the project's shared notes). A point is
added only for an entry whose figures this run learned: figures kept from an earlier run are not
a new observation, and an entry with neither stars nor a release has nothing to trend.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from tools.results import EntryResult, TrendPoint

KEPT_FOR = timedelta(days=730)  # two years


def update_trends(
    previous: Mapping[str, list[TrendPoint]], learned: Mapping[str, EntryResult], catalog_ids: set[str], today: date
) -> dict[str, list[TrendPoint]]:
    """The new trends: `learned` (by id) adds today's point; ids not in `catalog_ids` are dropped."""
    trends: dict[str, list[TrendPoint]] = {}
    for entry_id in sorted(catalog_ids):
        points = [p for p in previous.get(entry_id, []) if today - KEPT_FOR <= p.date <= today]
        result = learned.get(entry_id)
        if result is not None and (result.stars is not None or result.latest_release is not None):
            point = TrendPoint(date=today, stars=result.stars, latest_release=result.latest_release)
            if points and points[-1].date.isocalendar()[:2] == today.isocalendar()[:2]:
                points[-1] = point
            else:
                points.append(point)
        if points:
            trends[entry_id] = points
    return trends
