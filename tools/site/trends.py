"""Stars gained lately, from status.json's weekly `trends` points (tools.results.TrendPoint)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tools.results import TrendPoint

WINDOW_DAYS = 90
# A shorter history still says something once it spans a month; under that it is noise, not a trend.
SHORTEST_SPAN_DAYS = 28


@dataclass(frozen=True)
class StarGain:
    """`stars` gained (negative: lost) between two points `days` apart, ending on `until`."""

    stars: int
    days: int
    until: date

    @property
    def label(self) -> str:
        sign = "+" if self.stars >= 0 else "−"
        noun = "star" if abs(self.stars) == 1 else "stars"
        span = f"{WINDOW_DAYS} days" if self.days >= WINDOW_DAYS else f"{self.days} days"
        return f"{sign}{abs(self.stars):,} {noun} in {span}"


def stars_gained(points: Sequence[TrendPoint]) -> StarGain | None:
    """The gain over the last 90 days of history: from the newest point at least 90 days before the latest
    (or, with a shorter history, from the oldest one if it spans 28 days); None when that is not known."""
    known = sorted((point.date, point.stars) for point in points if point.stars is not None)
    if len(known) < 2:
        return None
    until, latest = known[-1]
    before = [(when, stars) for when, stars in known if when <= until - timedelta(days=WINDOW_DAYS)]
    since, base = before[-1] if before else known[0]
    days = (until - since).days
    if days < SHORTEST_SPAN_DAYS:
        return None
    return StarGain(latest - base, days, until)
