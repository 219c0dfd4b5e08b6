"""`awesome validate` on hostile or broken files: encodings, aliases, duplicates, emptiness, nesting."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc

import pytest

from tools.catalog import validate_catalog
from tools.paths import REPO_ROOT

ENTRY = "  - name: {name}\n    url: {url}\n    description: Good description here.\n"


def category(*entries: tuple[str, str], title: str = "Web") -> str:
    body = "".join(ENTRY.format(name=n, url=u) for n, u in entries)
    return f"title: {title}\ndescription: Things.\nentries:\n{body}"


def test_empty_file(write_catalog, awesome):
    write_catalog({"web.yml": ""})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (
        1,
        "catalog/web.yml:1: empty file: expected title, description and entries",
    )


def test_file_with_only_comments_is_empty(write_catalog, awesome):
    write_catalog({"web.yml": "# yaml-language-server: $schema=../site/schema/category.schema.json\n\n# todo\n"})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (
        1,
        "catalog/web.yml:1: empty file: expected title, description and entries",
    )


@pytest.mark.parametrize("text", ["- title: Web\n- description: Things.\n", "just a sentence\n", "42\n"])
def test_top_level_must_be_a_mapping(write_catalog, awesome, text):
    write_catalog({"web.yml": text})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (
        1,
        "catalog/web.yml:1: the file must be a mapping with title, description and entries",
    )


def test_bytes_that_are_not_utf8_name_the_line_and_byte(write_catalog, awesome):
    write_catalog({"web.yml": "title: Web\ndescription: Caf\xe9 things.\n".encode("latin-1")})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (1, "catalog/web.yml:2: not UTF-8: byte 0xe9; save the file as UTF-8")


def test_binary_junk_is_a_message(write_catalog, awesome):
    write_catalog({"web.yml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (1, "catalog/web.yml:1: not UTF-8: byte 0x89; save the file as UTF-8")


def test_utf8_with_bom_and_non_ascii_text_is_fine(write_catalog, awesome):
    text = "title: Web\ndescription: Łukasz's picks, naïve café.\nentries:\n" + ENTRY.format(
        name="Ünïcode", url="https://example.org/u"
    )
    write_catalog({"web.yml": b"\xef\xbb\xbf" + text.encode("utf-8")})
    assert awesome("validate", "--catalog", "catalog").code == 0


BILLION_LAUGHS = "\n".join(
    ["title: Laughs", "description: Nine levels.", 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    + ["entries: *l8", ""]
)


def test_alias_bomb_is_rejected_at_the_first_alias_without_expanding(write_catalog, awesome):
    write_catalog({"web.yml": BILLION_LAUGHS})
    tracemalloc.start()
    result = awesome("validate", "--catalog", "catalog")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.code == 1
    assert result.lines[0] == "catalog/web.yml:4: YAML aliases (*name) are not allowed; write the value out"
    # Expanded, nine levels of nine make 387 million strings; refused, the run stays small.
    assert peak < 20_000_000


def test_merge_keys_are_aliases_too(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Things.
        base: &base {kind: library}
        entries:
          - <<: *base
            name: Alpha
            url: https://example.org/alpha
            description: Good description here.
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (
        1,
        "catalog/web.yml:5: YAML aliases (*name) are not allowed; write the value out",
    )


def test_deep_nesting_is_refused_before_it_overflows_the_stack(write_catalog, awesome):
    write_catalog({"web.yml": "title: Web\ndescription: Things.\nentries: " + "[" * 5000 + "]" * 5000 + "\n"})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines[0]) == (
        1,
        "catalog/web.yml:3: YAML nested more than 20 levels deep; a category file needs four",
    )


def test_python_tags_are_never_constructed(write_catalog, awesome):
    write_catalog(
        {"web.yml": "title: Web\ndescription: !!python/object/apply:os.system ['echo hacked']\nentries: []\n"}
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert "hacked" not in result.out
    assert result.lines[0].startswith("catalog/web.yml:2: ")


def test_duplicate_keys_in_a_mapping(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Things.
        entries:
          - name: Alpha
            url: https://example.org/alpha
            url: https://example.org/other
            description: Good description here.
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[0].startswith('catalog/web.yml:6: YAML syntax error: found duplicate key "url"')


@pytest.mark.parametrize(
    "spelling",
    [
        "https://GitHub.com/Example/Alpha",
        "https://www.github.com/example/alpha",
        "https://github.com/example/alpha/",
        "https://github.com/example/alpha.git",
        "http://github.com/example/alpha",
        "HTTP://WWW.GITHUB.COM/example/alpha.git/",
    ],
    ids=["case", "www", "trailing-slash", "dot-git", "http", "all-at-once"],
)
def test_duplicate_urls_spelled_differently_across_files(write_catalog, awesome, spelling):
    write_catalog(
        {
            "a.yml": category(("Alpha", "https://github.com/example/alpha"), title="A"),
            "b.yml": category(("Another", spelling), title="B"),
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.err.splitlines()[0] == "catalog/b.yml:4: 'Another' duplicates 'Alpha' at catalog/a.yml:4 (same URL)"


def test_different_paths_on_one_host_are_not_duplicates(write_catalog, awesome):
    write_catalog(
        {
            "a.yml": category(
                ("Alpha", "https://www.youtube.com/watch?v=one"), ("Beta", "https://www.youtube.com/watch?v=two")
            )
        }
    )
    assert awesome("validate", "--catalog", "catalog").code == 0


def test_names_differing_only_by_case_are_duplicates(write_catalog, awesome):
    write_catalog(
        {
            "a.yml": category(("aiohttp", "https://github.com/aio-libs/aiohttp"), title="A"),
            "b.yml": category(("AIOHTTP", "https://example.org/elsewhere"), title="B"),
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert (
        result.err.splitlines()[0] == "catalog/b.yml:4: 'AIOHTTP' duplicates 'aiohttp' at catalog/a.yml:4 (same name)"
    )


def test_names_with_the_same_anchor_are_duplicates(write_catalog, awesome):
    write_catalog({"a.yml": category(("aio-libs", "https://example.org/a"), ("aio.libs", "https://example.org/b"))})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert (
        result.err.splitlines()[0]
        == "catalog/a.yml:7: 'aio.libs' duplicates 'aio-libs' at catalog/a.yml:4 (same anchor)"
    )


HOSTILE = {
    "aliases.yml": BILLION_LAUGHS,
    "binary.yml": b"\xff\xfe\x00junk",
    "empty.yml": "",
    "list.yml": "- a\n- b\n",
    "syntax.yml": "title: [Web\n",
    "deep.yml": "title: " + "{a: " * 3000 + "}" * 3000 + "\n",
    "date.yml": "title: Web\ndescription: Things.\nentries: []\nadded: 2026-02-30\n",
}


def test_hostile_catalog_through_the_real_command_exits_1_without_traceback(write_catalog, tmp_path):
    write_catalog(HOSTILE)
    awesome = [sys.executable, "-m", "tools", "validate", "--catalog", "catalog"]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(awesome, cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    named = {line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("catalog/")}
    assert named == {f"catalog/{name}" for name in HOSTILE}


def test_validate_catalog_returns_every_problem_without_a_catalog(write_catalog):
    directory = write_catalog({"a.yml": "title: A\n", "b.yml": "title: B\ndescription: B.\nentries: {}\n"})
    catalog, problems = validate_catalog(directory)
    assert catalog is None
    assert [str(p) for p in problems] == [
        "catalog/a.yml:1: missing required key 'description'",
        "catalog/a.yml:1: missing required key 'entries'",
        "catalog/b.yml:3: 'entries' must be a list: start each entry with `- name:`, not a mapping",
    ]
