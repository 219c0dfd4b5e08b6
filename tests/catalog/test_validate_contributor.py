"""`awesome validate` as a contributor meets it: YAML mistakes in plain words, dates, duplicates and order."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

ENTRY = "  - name: {name}\n    url: https://example.org/{slug}\n    description: Good description here.\n"


def category(*names: str, title: str = "Web") -> str:
    return f"title: {title}\ndescription: Things.\nentries:\n" + "".join(
        ENTRY.format(name=n, slug=n.lower()) for n in names
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            category("Alpha").replace("    url:", "     url:"),
            "catalog/web.yml:5: YAML syntax error: this line is indented more than the key above it; line its key up "
            "with the key above (the parser says: mapping values are not allowed in this context)",
        ),
        (
            category("Alpha").replace("    description:", "   description:"),
            "catalog/web.yml:6: YAML syntax error: this line is indented less than the key above it; line its key up "
            "with the key above (the parser says: did not find expected '-' indicator, while parsing a block "
            "collection that starts on line 4)",
        ),
        (
            category("Alpha").replace("    url:", "\turl:"),
            "catalog/web.yml:5: YAML syntax error: a tab is used for indentation; indent with spaces only (the parser "
            "says: found a tab character that violates indentation, while scanning a plain scalar that starts on "
            "line 4)",
        ),
        (
            category("Alpha").replace(
                "    url: https://example.org/alpha\n", "    url: https://example.org/alpha\n    oops\n"
            ),
            "catalog/web.yml:6: YAML syntax error: this line is neither `key: value` nor `- item`; add its key, or "
            "join it to the line above (the parser says: could not find expected ':', while scanning a simple key "
            "that starts on line 6)",
        ),
        (
            "title: Web\ndescription: Things.\nentries:\n  - name: Alpha\n    tags: [http, client\n",
            "catalog/web.yml:5: YAML syntax error: the [ opened on line 5 needs a comma between items and a ] at the "
            "end (the parser says: did not find expected ',' or ']', while parsing a flow sequence that starts on "
            "line 5)",
        ),
        (
            'title: Web\ndescription: "Things" and more.\nentries: []\n',
            "catalog/web.yml:2: YAML syntax error: text follows a closing quote; put the whole value inside the quotes "
            "(the parser says: did not find expected key, while parsing a block mapping that starts on line 1)",
        ),
    ],
    ids=["indented-more", "indented-less", "tab", "no-colon", "unclosed-list", "after-quote"],
)
def test_yaml_mistakes_are_named_in_plain_words_on_their_line(write_catalog, awesome, text, expected):
    write_catalog({"web.yml": text})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (1, [expected])


def with_added(value: str) -> str:
    return category("Alpha") + f"    added: {value}\n"


def test_added_in_the_future_is_an_error(write_catalog, awesome):
    later = date.today() + timedelta(days=3)
    write_catalog({"web.yml": with_added(later.isoformat())})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (
        1,
        [
            f"catalog/web.yml:7: entry 'Alpha': 'added' is {later.isoformat()}, in the future; write the day the "
            "entry joins (today at the latest)"
        ],
    )


def test_added_today_or_earlier_is_fine(write_catalog, awesome):
    write_catalog({"web.yml": with_added(date.today().isoformat())})
    assert awesome("validate", "--catalog", "catalog").code == 0


@pytest.mark.parametrize("value", ["21-11-2026", "2026/11/21", "'Nov 21, 2026'", "20261121x"])
def test_a_malformed_date_says_the_format(write_catalog, awesome, value):
    write_catalog({"web.yml": with_added(value)})
    result = awesome("validate", "--catalog", "catalog")
    shown = value.strip("'")
    assert (result.code, result.lines) == (
        1,
        [f"catalog/web.yml:7: entry 'Alpha': 'added' must be a date written YYYY-MM-DD, not {shown!r}"],
    )


def names_in(path: Path) -> list[str]:
    return [line.removeprefix("  - name: ") for line in path.read_text().splitlines() if line.startswith("  - name:")]


def test_an_entry_out_of_order_is_told_its_final_place_at_once(write_catalog, awesome):
    directory = write_catalog({"web.yml": category("Alpha", "Zeta", "Beta", "delta", "Gamma")})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (
        1,
        ["catalog/web.yml:7: 'Zeta' is out of case-insensitive order of name: move it after 'Gamma'"],
    )
    names = names_in(directory / "web.yml")
    names.remove("Zeta")
    names.insert(names.index("Gamma") + 1, "Zeta")  # exactly what the message says
    (directory / "web.yml").write_text(category(*names))
    assert awesome("validate", "--catalog", "catalog").code == 0


def test_several_entries_out_of_order_are_each_told_their_place(write_catalog, awesome):
    write_catalog({"web.yml": category("Omega", "Beta", "Gamma", "Delta", "Alpha")})
    result = awesome("validate", "--catalog", "catalog")
    assert result.lines == [
        "catalog/web.yml:4: 'Omega' is out of case-insensitive order of name: move it after 'Gamma'",
        "catalog/web.yml:10: 'Gamma' is out of case-insensitive order of name: move it after 'Delta'",
        "catalog/web.yml:16: 'Alpha' is out of case-insensitive order of name: move it to the top, before 'Beta'",
    ]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_a_duplicate_is_annotated_on_the_pull_requests_entry_naming_the_earlier_one(tmp_path, awesome, monkeypatch):
    root = tmp_path / "repo"
    (root / "catalog").mkdir(parents=True)
    monkeypatch.chdir(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    (root / "catalog/web.yml").write_text(category("Zeta", title="Web"))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "switch", "-q", "-c", "pr")
    # The contributor adds "zeta" to a file that sorts first: without the pull request's view, the
    # existing entry in web.yml (read later) would be blamed.
    (root / "catalog/async.yml").write_text(category("Alpha", "zeta", title="Async"))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "add zeta")

    plain = awesome("annotate-validate", "--catalog", "catalog")
    assert "::error file=catalog/web.yml,line=4," in plain.out

    result = awesome("annotate-validate", "--catalog", "catalog", "--base", "main")
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if line.startswith("::error")]
    assert len(errors) == 1
    assert errors[0].startswith("::error file=catalog/async.yml,line=7,")
    assert "'zeta' duplicates 'Zeta' at catalog/web.yml:4 (same name)" in errors[0]


def test_an_unknown_base_still_validates_and_says_why_duplicates_are_placed_by_file(tmp_path, awesome, monkeypatch):
    (tmp_path / "catalog").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalog/web.yml").write_text(category("Alpha"))
    git(tmp_path, "init", "-q", "-b", "main")
    result = awesome("annotate-validate", "--catalog", "catalog", "--base", "main")
    assert result.code == 0
    assert result.err.startswith("note: duplicates are reported at the later entry in the files")


def test_a_key_slipped_to_the_start_of_the_line_is_blamed_and_told_to_indent(write_catalog, awesome):
    indent = "this key starts the line, so it is read as a key of the file and ends the list of entries; indent it like the keys of the entry above"
    slipped_mid_entry = category("Alpha", "Beta").replace(
        "    url: https://example.org/alpha", "url: https://example.org/alpha"
    )
    slipped_between = category("Alpha", "Beta").replace("  - name: Beta", "pypi: alpha\n  - name: Beta")
    write_catalog({"mid.yml": slipped_mid_entry, "between.yml": slipped_between})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert [line.split(" (the parser says:")[0] for line in result.lines] == [
        f"catalog/between.yml:7: YAML syntax error: {indent}",
        f"catalog/mid.yml:5: YAML syntax error: {indent}",
    ]


def test_a_slipped_key_the_file_also_has_names_both_lines(write_catalog, awesome):
    write_catalog({"web.yml": category("Alpha").replace("    description:", "description:")})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (
        1,
        [
            'catalog/web.yml:6: YAML syntax error: found duplicate key "description", the file\'s own is on line 2; '
            "if this line belongs to the entry above, indent it like that entry's keys"
        ],
    )


def test_a_key_written_twice_in_an_entry_names_the_first(write_catalog, awesome):
    write_catalog({"web.yml": category("Alpha") + "    url: https://example.org/again\n"})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (
        1,
        ['catalog/web.yml:7: YAML syntax error: found duplicate key "url" (first on line 5); write each key once'],
    )


def test_a_slipped_key_after_the_last_entry_and_a_misspelt_key_get_their_fix(write_catalog, awesome):
    text = category("Alpha").replace("description: Good", "descripton: Good") + "    tgas: [http]\n    title: A\n"
    text += "tags: [http]\n"
    write_catalog({"web.yml": text})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (
        1,
        [
            "catalog/web.yml:4: entry 'Alpha': missing required key 'description'",
            "catalog/web.yml:6: entry 'Alpha': unknown key 'descripton' (did you mean 'description'?)",
            "catalog/web.yml:7: entry 'Alpha': unknown key 'tgas' (did you mean 'tags'?)",
            "catalog/web.yml:8: entry 'Alpha': unknown key 'title'",
            "catalog/web.yml:9: unknown key 'tags': it is an entry's key; indent it like the keys of the entry above",
        ],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            category("Alpha") + "\n    name: Beta\n    url: https://example.org/beta\n",
            'catalog/web.yml:8: YAML syntax error: a second "name" in the entry that starts on line 4; '
            "a new entry starts with `- name:`, so add the dash",
        ),
        (
            category("Alpha").replace("    url: https", "    url:https"),
            "catalog/web.yml:5: YAML syntax error: put a space after the colon of `url:`",
        ),
        (
            category("Alpha").replace("  - name:", "  -name:"),
            "catalog/web.yml:4: YAML syntax error: put a space after the dash that starts a list item: `- name:`",
        ),
        (
            "title: Web\ndescription: Things.\nentries:\n  name: Alpha\n",
            "catalog/web.yml:3: 'entries' must be a list: start each entry with `- name:`, not a mapping",
        ),
    ],
    ids=["missing-dash", "no-space-after-colon", "no-space-after-dash", "entries-not-a-list"],
)
def test_a_missing_dash_or_space_is_named_on_its_line(write_catalog, awesome, text, expected):
    write_catalog({"web.yml": text})
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, [line.split(" (the parser says:")[0] for line in result.lines]) == (1, [expected])


def test_a_description_cut_short_by_a_comment_says_to_quote_it(write_catalog, awesome):
    text = category("Alpha").replace("Good description here.", "Talks to servers #2 and #3 at once.")
    write_catalog({"web.yml": text, "fine.yml": category("Beta", title="Fine") + "    kind: library  # a comment\n"})
    result = awesome("validate", "--catalog", "catalog")
    assert [line for line in result.lines if line.startswith("catalog/")] == [
        "catalog/web.yml:6: warning: Alpha: description should end with a period",
        "catalog/web.yml:6: warning: Alpha: the text from ' #' on is a YAML comment, so the description stops "
        'before it; put the whole description in quotes ("...")',
    ]
