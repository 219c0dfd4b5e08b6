"""load_catalog's typed model, the real catalog, and the JSON Schema editors use."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tools.catalog import CatalogError, load_catalog
from tools.catalog.model import KINDS, category_json_schema
from tools.catalog.schema import schema_text
from tools.catalog.urls import normalize_url
from tools.paths import CATALOG_DIR, REPO_ROOT, SCHEMA_FILE

SCHEMA_COMMENT = "# yaml-language-server: $schema=../site/schema/category.schema.json"


def test_load_catalog_gives_typed_entries_with_their_origin(write_catalog):
    directory = write_catalog({
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
    })
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
    directory = write_catalog({
        "a.yml": "title: A\ndescription: A.\nentries:\n  - name: X\n",
        "b.yml": "",
    })
    with pytest.raises(CatalogError) as caught:
        load_catalog(directory)
    assert [str(p) for p in caught.value.problems] == [
        "catalog/a.yml:4: entry 'X': missing required key 'description'",
        "catalog/a.yml:4: entry 'X': missing required key 'url'",
        "catalog/b.yml:1: empty file: expected title, description and entries",
    ]
    assert str(caught.value).count("\n") == 2


def test_load_catalog_accepts_warnings(write_catalog):
    directory = write_catalog({"a.yml": "title: A\ndescription: A.\nentries:\n"
                                        "  - name: X\n    url: http://example.org\n    description: x\n"})
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


def _check_against_schema(document: dict, schema: dict) -> list[str]:
    """The schema's rules that matter to an editor (keys, required, types, patterns), applied by hand.

    jsonschema is not a dependency; this covers the keywords category_json_schema emits.
    """
    problems = []
    entry_schema = schema["properties"]["entries"]["items"]
    for where, value, rules in [("file", document, schema)] + [
        (f"entry {i}", item, entry_schema) for i, item in enumerate(document.get("entries", []))
    ]:
        props = rules["properties"]
        problems += [f"{where}: missing {k}" for k in rules.get("required", []) if k not in value]
        problems += [f"{where}: unknown {k}" for k in value if k not in props and not rules.get("additionalProperties", True)]
        for key, item in value.items():
            if value is document and key == "entries":
                continue  # each entry is checked against the entry schema
            prop = props.get(key, {})
            options = prop.get("anyOf", [prop])
            if not any(_matches(item, option) for option in options):
                problems.append(f"{where}: {key}={item!r} does not match {prop}")
    return problems


def _matches(value: object, rule: dict) -> bool:
    kind = rule.get("type")
    if kind == "null":
        return value is None
    if kind == "string":
        if rule.get("format") == "date":
            return isinstance(value, date) or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))
        return (isinstance(value, str) and len(value) >= rule.get("minLength", 0)
                and ("pattern" not in rule or re.search(rule["pattern"], value) is not None)
                and ("enum" not in rule or value in rule["enum"]))
    if kind == "array":
        return isinstance(value, list) and all(_matches(v, rule.get("items", {})) for v in value)
    if "enum" in rule:
        return value in rule["enum"]
    return kind is None


@pytest.mark.parametrize("name", ["web-frameworks.yml", "talks.yml"])
def test_schema_accepts_a_real_category_file(name):
    path = CATALOG_DIR / name
    if not path.exists():  # the catalog names may still change; any real file will do
        path = sorted(CATALOG_DIR.glob("*.yml"))[0]
    document = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert _check_against_schema(document, schema) == []


def test_schema_rejects_what_the_validator_rejects():
    schema = category_json_schema()
    bad = {"title": "T", "description": "D.", "colour": "blue",
           "entries": [{"name": "X", "url": "javascript:alert(1)", "description": "D.", "tags": ["Bad Tag"]}]}
    assert _check_against_schema(bad, schema) == [
        "file: unknown colour",
        f"entry 0: url='javascript:alert(1)' does not match {schema['properties']['entries']['items']['properties']['url']}",
        f"entry 0: tags=['Bad Tag'] does not match {schema['properties']['entries']['items']['properties']['tags']}",
    ]


def test_schema_is_offered_to_editors_as_a_relative_path():
    assert (Path(CATALOG_DIR) / "../site/schema/category.schema.json").resolve() == SCHEMA_FILE.resolve()


FACTS = REPO_ROOT.parent / "shared" / "catalog-facts" / "entries.yml"


@pytest.mark.skipif(not FACTS.is_file(), reason="the fact sheet lives in ../shared beside the repository")
def test_every_fact_sheet_entry_is_in_the_catalog_at_its_current_address():
    facts = YAML(typ="safe").load(FACTS.read_text(encoding="utf-8"))
    wanted = {normalize_url(e["url"]): (e["name"], e.get("kind", "library"))
              for category in facts["categories"] for e in category["entries"]}
    have = {normalize_url(e.url): e.kind for e in load_catalog(CATALOG_DIR).entries}
    missing = sorted(name for url, (name, _) in wanted.items() if url not in have)
    wrong_kind = sorted(name for url, (name, kind) in wanted.items() if url in have and have[url] != kind)
    assert (missing, wrong_kind) == ([], [])
