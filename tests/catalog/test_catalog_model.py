"""load_catalog's typed model, the real catalog, and the JSON Schema editors use."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from tools.catalog import CatalogError, load_catalog
from tools.catalog.model import KINDS, category_json_schema
from tools.catalog.schema import schema_text
from tools.catalog.urls import normalize_url
from tools.paths import CATALOG_DIR, REPO_ROOT, SCHEMA_FILE

SCHEMA_COMMENT = "# yaml-language-server: $schema=../site/schema/category.schema.json"


def test_load_catalog_gives_typed_entries_with_their_origin(write_catalog):
    directory = write_catalog(
        {
            "web.yml": """
            title: Web
            description: Things for the web.
            entries:
              - name: Alpha Beta
                url: https://github.com/example/alpha
                description: Good description here.
                tags: [asgi, http]
                added: 2026-11-21
        """,
            "async-io.yml": "title: Async IO\ndescription: Loops.\nentries: []\n",
        }
    )
    catalog = load_catalog(directory)
    assert [c.slug for c in catalog.categories] == ["async-io", "web"]  # ordered by title
    entry = catalog.entry("alpha-beta")
    assert (entry.name, entry.category, entry.line, entry.kind) == ("Alpha Beta", "web", 4, "library")
    assert entry.tags == ("asgi", "http")
    assert entry.added == date(2026, 11, 21)
    assert entry.file == directory / "web.yml"
    assert catalog.category("web").entries == (entry,)
    with pytest.raises(KeyError):
        catalog.entry("missing")


def test_load_catalog_raises_catalog_error_with_every_problem(write_catalog):
    directory = write_catalog(
        {
            "a.yml": "title: A\ndescription: A.\nentries:\n  - name: X\n",
            "b.yml": "",
        }
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(directory)
    assert [str(p) for p in caught.value.problems] == [
        "catalog/a.yml:4: entry 'X': missing required key 'description'",
        "catalog/a.yml:4: entry 'X': missing required key 'url'",
        "catalog/b.yml:1: empty file: expected title, description and entries",
    ]
    assert str(caught.value).count("\n") == 2


def test_load_catalog_accepts_warnings(write_catalog):
    directory = write_catalog(
        {"a.yml": "title: A\ndescription: A.\nentries:\n  - name: X\n    url: http://example.org\n    description: x\n"}
    )
    assert [e.name for e in load_catalog(directory).entries] == ["X"]


# The real catalog: complete once issue 2's catalog lands; then it must stay clean.


def test_the_real_catalog_validates_strictly(awesome):
    result = awesome("validate", "--strict", "--catalog", CATALOG_DIR)
    assert result.code == 0, result.out + result.err
    assert "warning" not in result.out


def test_the_real_catalog_is_complete():
    catalog = load_catalog(CATALOG_DIR)
    assert len(catalog.categories) >= 15
    assert len(catalog.entries) >= 100
    assert all(category.entries for category in catalog.categories), "every category has entries"
    assert {e.kind for e in catalog.entries} <= set(KINDS)


def test_every_category_file_points_editors_at_the_schema():
    files = sorted(CATALOG_DIR.glob("*.yml"))
    assert files
    missing = [f.name for f in files if f.read_text(encoding="utf-8").splitlines()[0] != SCHEMA_COMMENT]
    assert missing == []


def test_published_schema_is_in_sync(awesome):
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    result = awesome("schema", "--check")
    assert (result.code, result.out.strip()) == (0, "schema is up to date")


def _schema_errors(document: object, schema: dict) -> list[str]:
    """What an editor using the published schema would flag, as `path: message` lines."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted(
        f"{'/'.join(map(str, e.absolute_path)) or 'file'}: {e.message}" for e in validator.iter_errors(document)
    )


def _as_json(document: object) -> object:
    """YAML dates as the strings an editor's JSON view of the file holds."""
    if isinstance(document, dict):
        return {k: _as_json(v) for k, v in document.items()}
    if isinstance(document, list):
        return [_as_json(v) for v in document]
    return document.isoformat() if isinstance(document, date) else document


@pytest.mark.parametrize("name", ["web-frameworks.yml", "talks.yml"])
def test_schema_accepts_a_real_category_file(name):
    path = CATALOG_DIR / name
    if not path.exists():  # the catalog names may still change; any real file will do
        path = sorted(CATALOG_DIR.glob("*.yml"))[0]
    document = _as_json(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert _schema_errors(document, schema) == []


def test_schema_rejects_what_the_validator_rejects():
    schema = category_json_schema()
    bad = {
        "title": "T",
        "description": "D.",
        "colour": "blue",
        "entries": [{"name": "X", "url": "javascript:alert(1)", "description": "D.", "tags": ["Bad Tag"]}],
    }
    errors = _schema_errors(bad, schema)
    assert len(errors) == 3, errors
    assert errors[0].startswith("entries/0/tags/0: 'Bad Tag' does not match")
    assert errors[1].startswith("entries/0/url: 'javascript:alert(1)' does not match")
    assert errors[2].startswith("file: Additional properties are not allowed ('colour' was unexpected)")


def test_schema_is_offered_to_editors_as_a_relative_path():
    assert (Path(CATALOG_DIR) / "../site/schema/category.schema.json").resolve() == SCHEMA_FILE.resolve()


FACTS = REPO_ROOT.parent / "shared" / "catalog-facts" / "entries.yml"


@pytest.mark.skipif(not FACTS.is_file(), reason="the fact sheet lives in ../shared beside the repository")
def test_every_fact_sheet_entry_is_in_the_catalog_at_its_current_address():
    facts = YAML(typ="safe").load(FACTS.read_text(encoding="utf-8"))
    wanted = {
        normalize_url(e["url"]): (e["name"], e.get("kind", "library"))
        for category in facts["categories"]
        for e in category["entries"]
    }
    have = {normalize_url(e.url): e.kind for e in load_catalog(CATALOG_DIR).entries}
    missing = sorted(name for url, (name, _) in wanted.items() if url not in have)
    wrong_kind = sorted(name for url, (name, kind) in wanted.items() if url in have and have[url] != kind)
    assert (missing, wrong_kind) == ([], [])


def test_talks_and_writings_come_after_the_software(write_catalog) -> None:
    entry = "  - name: {name}\n    url: https://example.org/{slug}\n    description: Something worth reading here.\n    kind: {kind}\n"
    write_catalog(
        {
            "articles.yml": "title: Articles\ndescription: Reading.\nentries:\n"
            + entry.format(name="A", slug="a", kind="article"),
            "web.yml": "title: Web\ndescription: Frameworks.\nentries:\n"
            + entry.format(name="W", slug="w", kind="library"),
            "caching.yml": "title: Caching\ndescription: Caches.\nentries:\n"
            + entry.format(name="C", slug="c", kind="library"),
        }
    )
    assert [c.title for c in load_catalog(Path("catalog")).categories] == ["Caching", "Web", "Articles"]
