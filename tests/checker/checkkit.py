"""Helpers for the checker's run-level tests: small catalogs on disk, and stand-in sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.catalog import Catalog, load_catalog
from tools.checker.facts import PypiFacts, RepoFacts
from tools.checker.http import HttpClient
from tools.checker.settings import Settings

FAST: dict[str, Any] = dict(timeout=0.5, backoff_base=0.01, retry_after_cap=0.5, retries=1, deadline=20.0)


def write_entries(directory: Path, entries: list[dict[str, str]], slug: str = "things") -> Path:
    """A one-category catalog; each entry needs name and url, the rest is filled in."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["title: Things", "description: Things for testing the checker.", "entries:"]
    for entry in sorted(entries, key=lambda e: e["name"].casefold()):
        lines.append(f"  - name: {entry['name']}")
        lines.append(f"    url: {entry['url']}")
        lines.append("    description: A thing that the checker looks at in a test.")
        for key in ("pypi", "docs"):
            if key in entry:
                lines.append(f"    {key}: {entry[key]}")
    (directory / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def catalog_of(directory: Path, entries: list[dict[str, str]]) -> Catalog:
    return load_catalog(write_entries(directory, entries))


def settings(**overrides: Any) -> Settings:
    return Settings(**{**FAST, **overrides})


def github_stub(facts: dict[str, dict[str, Any]]):
    """A fetch_repositories answering from {"owner/name": RepoFacts fields}; unlisted ones are not found."""

    async def fetch(
        repos: list[tuple[str, str]], http: HttpClient, settings: Settings, into: dict[tuple[str, str], RepoFacts]
    ) -> dict[tuple[str, str], RepoFacts]:
        answer = into
        for owner, name in repos:
            fields = facts.get(f"{owner}/{name}".casefold())
            if fields is None:
                answer[(owner.casefold(), name.casefold())] = RepoFacts(owner, name, found=False)
            else:
                answer[(owner.casefold(), name.casefold())] = RepoFacts(
                    owner, name, **{"found": True, "full_name": f"{owner}/{name}", **fields}
                )
        return answer

    return fetch


def pypi_stub(facts: dict[str, dict[str, Any]]):
    async def fetch(
        names: list[str], http: HttpClient, settings: Settings, into: dict[str, PypiFacts]
    ) -> dict[str, PypiFacts]:
        into.update(
            {n: PypiFacts(n, **({"found": True, **facts[n]} if n in facts else {"found": False})) for n in names}
        )
        return into

    return fetch
