"""`awesome check --only`: the entries a contributor names, by id or by name, without regard to case."""

from __future__ import annotations

from collections.abc import Iterable

from tools.catalog import Catalog
from tools.errors import UserError


def selected_ids(catalog: Catalog, wanted: Iterable[str]) -> list[str]:
    """The ids of the entries `wanted` names (`fastapi`, `FastAPI`, `fastAPI` all name FastAPI).

    Raises UserError naming every word that matches no entry.
    """
    by_word: dict[str, str] = {}
    for entry in catalog.entries:
        by_word.setdefault(entry.name.casefold(), entry.id)
        by_word[entry.id.casefold()] = entry.id
    ids, unknown = [], []
    for word in wanted:
        found = by_word.get(word.strip().casefold())
        if found is None:
            unknown.append(word)
        elif found not in ids:
            ids.append(found)
    if unknown:
        raise UserError(
            f"--only: no entry with the id or name {', '.join(repr(w) for w in unknown)}; "
            "an entry's id is its name in lowercase with hyphens (FastAPI: fastapi)"
        )
    return ids
