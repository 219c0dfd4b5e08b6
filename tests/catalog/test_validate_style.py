"""Description style: warnings a contributor sees (exit 0), which `--strict` turns into a failure."""

from __future__ import annotations

import pytest

from tools.catalog import validate_catalog

TEMPLATE = "title: Web\ndescription: Things.\nentries:\n  - name: {name}\n    url: https://example.org/x\n    description: '{description}'\n"


@pytest.mark.parametrize(
    ("name", "description", "warning"),
    [
        ("Alpha", "Too short.", "description should be 15 to 200 characters (has 10)"),
        ("Alpha", "A" + "n" * 199 + ".", "description should be 15 to 200 characters (has 201)"),
        ("Alpha", "lowercase start of a sentence.", "description should start with a capital letter"),
        ("Alpha", "Sentence that never ends", "description should end with a period"),
        ("Alpha", "Fast framework; Alpha is the best.", "description should not repeat the entry's name"),
        (
            "Alpha",
            "Async library for parsing things.",
            "description should not say 'async library for': the whole catalog is async",
        ),
        (
            "Alpha",
            "An asyncio library for parsing things.",
            "description should not say 'async library for': the whole catalog is async",
        ),
    ],
    ids=["too-short", "too-long", "capital", "period", "repeats-name", "async-library-for", "asyncio-library-for"],
)
def test_style_warning(write_catalog, awesome, name, description, warning):
    write_catalog({"web.yml": TEMPLATE.format(name=name, description=description)})
    relaxed = awesome("validate", "--catalog", "catalog")
    assert relaxed.code == 0
    assert relaxed.err.splitlines() == [f"catalog/web.yml:6: warning: {name}: {warning}"]  # the description: line
    assert awesome("validate", "--strict", "--catalog", "catalog").code == 1


@pytest.mark.parametrize(
    "description",
    [
        "HTTP client and server with WebSockets, middleware and plugins.",
        "3 lines of code to serve a site, with an alphabet of helpers.",  # a digit may start it
        "Works with Alphabetical ordering but never says the bare name.",  # the name inside a word is fine
    ],
)
def test_good_descriptions_have_no_warnings(write_catalog, awesome, description):
    write_catalog({"web.yml": TEMPLATE.format(name="Alpha", description=description)})
    result = awesome("validate", "--strict", "--catalog", "catalog")
    assert result.code == 0
    assert result.out.strip() == "ok: 1 entries in 1 categories"


def test_warnings_of_several_kinds_are_all_listed(write_catalog, awesome):
    write_catalog({"web.yml": TEMPLATE.format(name="Alpha", description="alpha")})
    result = awesome("validate", "--catalog", "catalog")
    assert result.err.splitlines() == [
        "catalog/web.yml:6: warning: Alpha: description should be 15 to 200 characters (has 5)",
        "catalog/web.yml:6: warning: Alpha: description should end with a period",
        "catalog/web.yml:6: warning: Alpha: description should not repeat the entry's name",
        "catalog/web.yml:6: warning: Alpha: description should start with a capital letter",
    ]


def test_keys_out_of_the_documented_order_get_the_order_to_write(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": "title: Web\ndescription: Things.\nentries:\n  - name: Alpha\n    tags: [http]\n"
            "    description: Good description here.\n    url: https://example.org/x\n"
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 0
    assert result.err.splitlines() == [
        "catalog/web.yml:5: warning: Alpha: keys should be in the order name, url, description, tags; move 'tags' there"
    ]


def test_leaving_warnings_out_changes_neither_the_catalog_nor_the_errors(write_catalog):
    """`load_catalog` skips the style checks (nobody sees them there): the same catalog, the same errors."""
    warned = TEMPLATE.format(name="Alpha", description="alpha") + "    docs: http://example.org/docs\n"
    directory = write_catalog({"web.yml": warned})
    with_warnings, problems = validate_catalog(directory)
    without, errors = validate_catalog(directory, warnings=False)
    assert problems and all(p.severity == "warning" for p in problems)
    assert without is not None and (without, errors) == (with_warnings, [])
    assert [e.key_lines for e in without.entries] == [{"name": 4, "url": 5, "description": 6, "docs": 7}]

    write_catalog({"db.yml": warned.replace("title: Web", "title: Databases")})  # the same entry again: an error
    assert validate_catalog(directory)[0] is None
    assert validate_catalog(directory, warnings=False)[1] == [
        p for p in validate_catalog(directory)[1] if p.severity == "error"
    ]
