"""A small catalog and status.json in a temporary folder, and a strict build of the real mkdocs.yml from them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tools.paths import REPO_ROOT

XSS = "<script>alert(1)</script> & friends."
TRICKY_NAME = "Pipe|Star*[Bracket]`<&>"  # Markdown and HTML syntax, all to be read literally
TRICKY_TITLE = "Web <Frameworks> & Co | *Fast* [`ASGI`]"
TRICKY_DESCRIPTION = "Frameworks for the web, with <b>markup</b> | *stars* [links](x) `ticks` that must stay text."

CATEGORIES: dict[str, dict[str, Any]] = {
    "web": {
        "title": TRICKY_TITLE,
        "description": TRICKY_DESCRIPTION,
        "entries": [
            {
                "name": "Alpha",
                "url": "https://github.com/example/alpha",
                "description": "Serves requests quickly and well.",
                "pypi": "alpha",
                "docs": "https://alpha.example.org/",
                "tags": ["asgi", "http"],
                "added": "2026-11-01",
            },
            {
                "name": "Beta",
                "url": "https://github.com/example/beta",
                "description": XSS,
                "tags": ["asgi"],
                "added": "2026-11-20",
            },
            {
                "name": "Delta",
                "url": "https://github.com/example/delta",
                "description": "Archived but once loved by many.",
            },
            {"name": "Epsilon", "url": "https://epsilon.example.org/", "description": "A home page that went away."},
            {"name": "Gamma", "url": "https://github.com/example/gamma", "description": "Quiet for a long while now."},
            {
                "name": TRICKY_NAME,
                "url": "https://github.com/example/pipe",
                "description": "Has *stars* and | pipes | in text.",
                "tags": ["http"],
                "added": "2026-09-01",
            },
            {
                "name": "Zeta",
                "url": "https://github.com/example/zeta",
                "description": "Moved to a new organisation.",
                "tags": ["omega"],  # another entry's name: search must still rank that entry first
            },
        ],
    },
    "testing": {
        "title": "Testing and Mocking for Coroutines",  # long: its card's count must not break on a phone
        "description": "Tools to test asynchronous code.",
        "entries": [
            {
                "name": "Omega",
                "url": "https://github.com/example/omega",
                "description": "Runs coroutine tests in any loop.",
                "tags": ["pytest"],
                "added": "2026-10-05",
            },
            {
                "name": "Talk About Tests",
                "url": "https://talks.example.org/t",
                "description": "Alex Grönholm and Łukasz Langa on testing event loops.",  # letters readers type plain
                "kind": "talk",
            },
        ],
    },
}


def record(entry_id: str, status: str = "ok", **figures: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": entry_id,
        "status": status,
        "reasons": [],
        "moved_to": None,
        "stars": None,
        "forks": None,
        "open_issues": None,
        "contributors": None,
        "license": None,
        "last_commit": None,
        "latest_release": None,
        "latest_version": None,
        "archived": None,
        "checked_at": "2026-11-21T12:00:00Z",
        "links": [],
    }
    base.update(figures)
    return base


STATUS: dict[str, Any] = {
    "version": 1,
    "checked_at": "2026-11-21T12:00:00Z",
    "complete": True,
    "summary": {"ok": 3, "stale": 1, "archived": 1, "moved": 1, "dead": 1, "unknown": 1},
    "entries": {
        "alpha": record(
            "alpha",
            stars=1234,
            license="MIT",
            last_commit="2026-11-18T08:00:00Z",
            latest_release="2026-11-01T00:00:00Z",
            latest_version="2.1.0",
            contributors=12,
        ),
        "beta": record("beta", stars=50000, last_commit="2026-11-20T08:00:00Z"),
        "delta": record(
            "delta",
            "archived",
            reasons=["archived on GitHub"],
            stars=800,
            archived=True,
            last_commit="2023-01-02T00:00:00Z",
        ),
        "epsilon": record("epsilon", "dead", reasons=["404 Not Found"]),
        "gamma": record(
            "gamma",
            "stale",
            reasons=["no commit or release since 2024-05-01"],
            stars=90,
            last_commit="2024-05-01T00:00:00Z",
        ),
        "pipe-star-bracket": record("pipe-star-bracket", "unknown", reasons=["timed out"]),
        "zeta": record(
            "zeta",
            "moved",
            reasons=["renamed on GitHub"],
            moved_to="https://github.com/neworg/zeta",
            stars=5,
            last_commit="2026-06-01T00:00:00Z",
        ),
        "omega": record("omega", stars=0, last_commit="2026-09-01T00:00:00Z"),
        # "talk-about-tests" has no record: never checked.
    },
    "history": {},
}

CONTRIBUTING = """# Contributing

Read the [inclusion criteria](#inclusion-criteria) first, then edit a file in [the catalog](catalog/web.yml).
The [README](README.md) is generated.

## Inclusion criteria

A project must be alive.

```yaml
# an entry (comments and variables in code must stay legible)
  - name: Alpha
    tags: [asgi, http]
```
"""


def _yaml_value(value: Any) -> str:
    # JSON is YAML: quoting every value keeps names like `a|b [c]*` intact.
    return json.dumps(value, ensure_ascii=False)


def write_catalog(folder: Path, categories: dict[str, dict[str, Any]] = CATEGORIES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for slug, category in categories.items():
        lines = [f"title: {_yaml_value(category['title'])}", f"description: {_yaml_value(category['description'])}"]
        lines.append("entries:" if category["entries"] else "entries: []")
        for entry in category["entries"]:
            first = True
            for key, value in entry.items():
                text = value if key == "added" else _yaml_value(value)
                lines.append(f"  {'- ' if first else '  '}{key}: {text}")
                first = False
        (folder / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """The variables set (None: unset) for the block only, the way monkeypatch does it in a test."""
    with pytest.MonkeyPatch.context() as patch:
        for key, value in values.items():
            if value is None:
                patch.delenv(key, raising=False)
            else:
                patch.setenv(key, value)
        yield


def build_site(
    out: Path,
    catalog_dir: Path,
    status_file: Path | None,
    contributing: Path,
    site_url: str | None = None,
    repository: str | None = None,
) -> Path:
    """Build with the repository's mkdocs.yml (strict) from the given sources into `out`.

    `repository` is `owner/name` on github.com, as GitHub Actions names it (GITHUB_REPOSITORY)."""
    with environment(
        AWESOME_CATALOG_DIR=str(catalog_dir),
        AWESOME_STATUS_FILE=str(status_file) if status_file else str(catalog_dir / "missing-status.json"),
        AWESOME_CONTRIBUTING=str(contributing),
        SITE_URL=site_url,
        GITHUB_SERVER_URL="https://github.com" if repository else None,
        GITHUB_REPOSITORY=repository,
        AWESOME_REPOSITORY_URL=None,
        NO_MKDOCS_2_WARNING="1",
    ):
        config = load_config(config_file=str(REPO_ROOT / "mkdocs.yml"), site_dir=str(out))
        build(config)
    return out


def make_fixture_site(root: Path, *, with_status: bool = True, site_url: str | None = None) -> Path:
    catalog = write_catalog(root / "catalog")
    status_file = None
    if with_status:
        status_file = catalog / "status.json"
        status_file.write_text(json.dumps(STATUS), encoding="utf-8")
    contributing = root / "CONTRIBUTING.md"
    contributing.write_text(CONTRIBUTING, encoding="utf-8")
    return build_site(root / "public", catalog, status_file, contributing, site_url)


# A second catalog for the reader's tools of issue 11: retired entries, compatibility facts, trends,
# a category long enough for the compact view, and `added` dates that tie.
FILLERS = [f"Filler {n:02}" for n in range(1, 19)]
FEATURES: dict[str, dict[str, Any]] = {
    "clients": {
        "title": "Clients",
        "description": "Clients for asynchronous services.",
        "entries": sorted(
            [
                {
                    "name": "Aioredis",
                    "url": "https://github.com/example/aioredis",
                    "description": "Redis client, merged into Redis-py.",
                    "successor": "Redis-py",
                    "added": "2026-11-28",
                },
                {
                    "name": "Mystery",
                    "url": "https://github.com/example/mystery",
                    "description": "Nobody knows what it supports.",
                    "added": "2026-11-20",
                },
                {
                    "name": "Old Timer",
                    "url": "https://github.com/example/old-timer",
                    "description": "Replaced by something outside the catalog.",
                    "successor": "https://newer.example.org/",
                },
                {
                    "name": "Redis-py",
                    "url": "https://github.com/example/redis-py",
                    "description": "Redis client with asyncio support.",
                    "added": "2026-11-25",
                },
                {
                    "name": "Trio Thing",
                    "url": "https://github.com/example/trio-thing",
                    "description": "Works under Trio and AnyIO.",
                    "added": "2026-11-25",
                },
                *[
                    {
                        "name": name,
                        "url": f"https://github.com/example/{name.lower().replace(' ', '-')}",
                        "description": f"{name} fills the list so the compact view has rows to show at once.",
                        "added": "2026-01-01",  # imported on one day: more than "Recently added" can show
                    }
                    for name in FILLERS
                ],
            ],
            key=lambda e: str(e["name"]).casefold(),
        ),
    },
    "servers": {
        "title": "Servers",
        "description": "Servers for asynchronous applications.",
        "entries": [
            {
                "name": "Rising Star",
                "url": "https://github.com/example/rising-star",
                "description": "Gains stars fast.",
            },
        ],
    },
}


def weekly(entry_id: str, stars: Sequence[int | None], last: str = "2026-11-23") -> list[dict[str, Any]]:
    """Trend points one week apart, oldest first, ending on `last` (status.json's `trends` shape)."""
    from datetime import date, timedelta

    end = date.fromisoformat(last)
    count = len(stars)
    return [
        {"date": (end - timedelta(weeks=count - 1 - i)).isoformat(), "stars": s, "latest_release": None}
        for i, s in enumerate(stars)
    ]


FEATURE_STATUS: dict[str, Any] = {
    "version": 2,
    "checked_at": "2026-11-23T12:00:00Z",
    "complete": True,
    "summary": {},
    "entries": {
        "aioredis": record("aioredis", "archived", stars=2000, archived=True, last_commit="2022-01-01T00:00:00Z"),
        "mystery": record("mystery", stars=10, last_commit="2026-11-01T00:00:00Z"),  # compatibility unknown
        "old-timer": record("old-timer", "stale", stars=3, last_commit="2023-01-01T00:00:00Z"),
        "redis-py": record(
            "redis-py",
            stars=12000,
            last_commit="2026-11-22T00:00:00Z",
            frameworks=["asyncio"],
            python_versions=["3.10", "3.11", "3.12", "3.13", "3.14"],
            requires_python=">=3.10",
        ),
        "trio-thing": record(
            "trio-thing",
            stars=400,
            last_commit="2026-10-01T00:00:00Z",
            frameworks=["anyio", "trio"],
            python_versions=["3.12", "3.13"],
        ),
        "rising-star": record("rising-star", stars=5000, last_commit="2026-11-20T00:00:00Z", frameworks=[]),
        **{
            name.lower().replace(" ", "-"): record(name.lower().replace(" ", "-"), stars=100 + n)
            for n, name in enumerate(FILLERS)
        },
    },
    "history": {},
    "trends": {
        # 20 weeks: the gain counts from the point 13 weeks (91 days) before the latest.
        "redis-py": weekly("redis-py", [11000] * 7 + [11500 + 40 * i for i in range(12)] + [12000]),
        "rising-star": weekly("rising-star", [1000] * 6 + [1000 + 300 * i for i in range(14)]),
        "trio-thing": weekly("trio-thing", [None, 380, 390, 400]),  # three weeks: too short for a trend
    },
}


def make_feature_site(root: Path, repository: str | None = None) -> Path:
    catalog = write_catalog(root / "catalog", FEATURES)
    status_file = catalog / "status.json"
    status_file.write_text(json.dumps(FEATURE_STATUS), encoding="utf-8")
    contributing = root / "CONTRIBUTING.md"
    contributing.write_text(CONTRIBUTING, encoding="utf-8")
    return build_site(root / "public", catalog, status_file, contributing, repository=repository)
