"""A small catalog and status.json in a temporary folder, and a strict build of the real mkdocs.yml from them."""

from __future__ import annotations

import json
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
                "description": "A talk on testing event loops.",
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


def build_site(
    out: Path, catalog_dir: Path, status_file: Path | None, contributing: Path, site_url: str | None = None
) -> Path:
    """Build with the repository's mkdocs.yml (strict) from the given sources into `out`."""
    values = {
        "AWESOME_CATALOG_DIR": str(catalog_dir),
        "AWESOME_STATUS_FILE": str(status_file) if status_file else str(catalog_dir / "missing-status.json"),
        "AWESOME_CONTRIBUTING": str(contributing),
        "SITE_URL": site_url,
        "GITHUB_SERVER_URL": None,
        "GITHUB_REPOSITORY": None,
        "NO_MKDOCS_2_WARNING": "1",
    }
    with pytest.MonkeyPatch.context() as patch:  # the build reads them; set for the build only
        for key, value in values.items():
            if value is None:
                patch.delenv(key, raising=False)
            else:
                patch.setenv(key, value)
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
