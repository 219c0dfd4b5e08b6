"""The last line of defence: no text a server sent back may carry the token into a report or log.

Only what holds the token is copied: anything else comes back as the very object given. A run's
report and status file share their entries, and copying every one (as this once did) cost ~0.5 s
and ~45 MB at 10,000 entries on every run with a token, to mask text that is almost never there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Any, TypeVar, cast

from pydantic import BaseModel

Scrubbed = TypeVar("Scrubbed")
MASK = "***"
_PLAIN = (type(None), bool, int, float, date)  # no text in them (a datetime is a date)


def scrub(value: Scrubbed, token: str | None) -> Scrubbed:
    """`value` (text, a model, or lists and dicts of them) with every occurrence of `token` masked."""
    if not token:
        return value
    return cast(Scrubbed, _scrub(value, token))


def _scrub(value: object, token: str) -> object:
    if isinstance(value, str):
        # An Enum is a status word, not text from a server.
        return value.replace(token, MASK) if token in value and not isinstance(value, Enum) else value
    if isinstance(value, BaseModel):
        changed = _changed(vars(value).items(), token)  # the model's fields
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, dict):
        if any(isinstance(key, str) and token in key for key in value):
            return {_scrub(k, token): _scrub(v, token) for k, v in value.items()}
        changed = _changed(value.items(), token)
        return {**value, **changed} if changed else value
    if isinstance(value, list):
        changed = _changed(enumerate(value), token)
        return [changed.get(index, item) for index, item in enumerate(value)] if changed else value
    return value


def _changed(pairs: Iterable[tuple[Any, object]], token: str) -> dict[Any, object]:
    """The scrubbed value of each pair whose value changes, by key (strings checked here: most values are)."""
    changed: dict[Any, object] = {}
    for key, old in pairs:
        if not old or isinstance(old, _PLAIN):
            continue
        if type(old) is str:
            if token in old:
                changed[key] = old.replace(token, MASK)
        elif (new := _scrub(old, token)) is not old:
            changed[key] = new
    return changed
