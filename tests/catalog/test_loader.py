"""The libyaml loader: YAML 1.2 typing, lines for every key, refusals at their line, and the pure-Python fallback."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.catalog.test_validate_files import HOSTILE
from tools.catalog import loader, validate_catalog
from tools.catalog.loader import load_bytes
from tools.paths import REPO_ROOT


def load(text: str):
    return load_bytes(text.encode("utf-8"), Path("web.yml"), "catalog/web.yml")


def test_plain_scalars_are_typed_as_yaml_1_2_does():
    loaded = load(
        "a: yes\nb: on\nc: 010\nd: true\ne: 12\nf: 1.5\ng: ~\nh:\ni: 2026-11-21\nj: '12'\nk: !!str 12\nl: 0x1F\n"
    )
    assert loaded.problems == []
    assert loaded.data == {
        "a": "yes",
        "b": "on",
        "c": 10,
        "d": True,
        "e": 12,
        "f": 1.5,
        "g": None,
        "h": None,
        "i": date(2026, 11, 21),
        "j": "12",
        "k": "12",
        "l": 31,
    }


def test_every_key_and_item_has_its_line():
    loaded = load(
        "title: Web\nentries:\n  - name: Alpha\n    # a comment\n    tags:\n      - one\n      - two\n  - name: Beta\n"
    )
    assert loaded.line(("title",)) == 1
    assert loaded.line(("entries", 0)) == 3
    assert loaded.line(("entries", 0, "tags")) == 5
    assert loaded.line(("entries", 0, "tags", 1)) == 7
    assert loaded.line(("entries", 1, "name")) == 8
    assert loaded.line(("entries", 1, "url")) == 8  # absent: the entry's line
    assert loaded.line(()) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: !foo Web\n", "catalog/web.yml:1: YAML tags such as '!foo' are not allowed; remove the tag"),
        (
            "title: Web\nentries: !!python/object/apply:os.system [ls]\n",
            "catalog/web.yml:2: YAML tags such as '!!python/object/apply:os.system' are not allowed; remove the tag",
        ),
        (
            "title: Web\n---\ntitle: Again\n",
            "catalog/web.yml:2: a category file holds one YAML document; remove the second one",
        ),
        ("? [a, b]\n: c\n", "catalog/web.yml:1: a key must be plain text, not a list or mapping"),
        (
            "title: Web\nadded: 2026-02-30\n",
            "catalog/web.yml:2: '2026-02-30' is not a real date (day is out of range for month); write dates as YYYY-MM-DD",
        ),
    ],
    ids=["tag", "python-tag-as-written", "two-documents", "complex-key", "impossible-date"],
)
def test_refusals_name_their_line(text, expected):
    assert [str(p) for p in load(text).problems] == [expected]


def test_the_pure_python_parser_gives_the_same_results_and_says_once_that_libyaml_is_missing(
    write_catalog, monkeypatch, capsys
):
    directory = write_catalog(
        {
            **HOSTILE,
            "colon.yml": "title: Web\ndescription: Fast: really.\nentries: []\n",
            "indent.yml": "title: Web\ndescription: Things.\nentries:\n  - name: A\n     url: https://a.example/\n",
        }
    )
    with_libyaml = [str(p) for p in validate_catalog(directory)[1]]
    assert capsys.readouterr().err == ""

    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    loader._parser_class.cache_clear()
    try:
        without = [str(p) for p in validate_catalog(directory)[1]]
        validate_catalog(directory)
    finally:
        loader._parser_class.cache_clear()

    note = capsys.readouterr().err.splitlines()
    assert note == [
        "note: PyYAML was installed without libyaml; reading the catalog with the slower pure-Python parser "
        "(reinstall PyYAML from a wheel to get it back)"
    ]
    # Same files, lines and hints; only the parser's own phrase differs where libyaml words it differently.
    assert [p.split(" (the parser says:")[0] for p in without] == [
        p.split(" (the parser says:")[0] for p in with_libyaml
    ]
    assert sum("(the parser says:" in p for p in without) == 3
    assert len(without) == len(HOSTILE) + 2


def test_reading_the_catalog_does_not_import_ruamel():
    code = "import sys; from tools.catalog import load_catalog; load_catalog('catalog'); print('ruamel' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
