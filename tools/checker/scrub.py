"""The last line of defence: no text a server sent back may carry the token into a report or log."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar, cast

from pydantic import BaseModel

Scrubbed = TypeVar("Scrubbed")
MASK = "***"


def scrub(value: Scrubbed, token: str | None) -> Scrubbed:
    """`value` (text, a model, or lists and dicts of them) with every occurrence of `token` masked."""
    if not token:
        return value
    return cast(Scrubbed, _scrub(value, token))


def _scrub(value: object, token: str) -> object:
    if isinstance(value, Enum):
        return value  # a status word, not text from a server
    if isinstance(value, str):
        return value.replace(token, MASK)
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _scrub(getattr(value, name), token) for name in type(value).model_fields})
    if isinstance(value, dict):
        return {_scrub(k, token): _scrub(v, token) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, token) for v in value]
    return value
