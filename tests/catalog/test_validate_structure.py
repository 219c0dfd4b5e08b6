"""`awesome validate`: structure errors name the file and line, exit 1, and never show a traceback."""

from __future__ import annotations

import pytest

GOOD = """
    title: Web Frameworks
    description: Frameworks for web applications.
    entries:
      - name: Alpha
        url: https://github.com/example/alpha
        description: Small framework for routing requests.
        pypi: alpha
        docs: https://alpha.example.org/
        kind: library
        tags: [asgi, routing]
        added: 2026-11-21
      - name: beta
        url: https://github.com/example/beta
        description: Another framework, lowercase name sorted without case.
"""


def test_a_valid_catalog_passes(write_catalog, awesome):
    write_catalog({"web-frameworks.yml": GOOD})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 0
    assert result.out.strip() == "ok: 2 entries in 1 categories"
    assert result.err == ""


def test_yaml_syntax_error_names_the_line_and_where_the_quote_opened(write_catalog, awesome):
    write_catalog({"web.yml": 'title: Web\ndescription: "never closed\nentries: []\n'})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[0] == (
        "catalog/web.yml:2: YAML syntax error: the quote opened on line 2 is never closed (the parser says: "
        "found unexpected end of stream, while scanning a quoted scalar that starts on line 2)"
    )


def test_colon_inside_an_unquoted_description_is_a_syntax_error_on_its_line(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        entries:
          - name: Alpha
            url: https://example.org/alpha
            description: Fast: really fast.
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines == [
        "catalog/web.yml:6: YAML syntax error: a colon followed by a space inside a value starts a new key; "
        'put the whole value in quotes ("...") (the parser says: mapping values are not allowed in this context)'
    ]


def test_missing_required_keys_are_each_reported_at_the_entry(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        entries:
          - name: Alpha
            description: Has no address at all.
          - url: https://example.org/nameless
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[:4] == [
        "catalog/web.yml:1: missing required key 'description'",
        "catalog/web.yml:3: entry 'Alpha': missing required key 'url'",
        "catalog/web.yml:5: entry 2: missing required key 'description'",
        "catalog/web.yml:5: entry 2: missing required key 'name'",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("name: 12", "catalog/web.yml:4: entry 1: 'name' must be text, not a number"),
        ("tags: asgi", "catalog/web.yml:4: entry 'Alpha': 'tags' must be a list such as [a, b], not text"),
        ("description: [fast, small]", "catalog/web.yml:4: entry 'Alpha': 'description' must be text, not a list"),
        ("url: true", "catalog/web.yml:4: entry 'Alpha': 'url' must be text, not true/false"),
        (
            "added: soon",
            "catalog/web.yml:4: entry 'Alpha': 'added' must be a date written YYYY-MM-DD, not 'soon'",
        ),
    ],
    ids=["name-number", "tags-string", "description-list", "url-bool", "added-not-a-date"],
)
def test_wrongly_typed_fields(write_catalog, awesome, line, expected):
    key = line.split(":")[0]
    fields = {"name": "Alpha", "url": "https://example.org/alpha", "description": "Good description here."}
    body = "".join(f"    {k}: {v}\n" for k, v in fields.items() if k != key)
    write_catalog({"web.yml": f"title: Web\ndescription: Frameworks.\nentries:\n  - {line}\n{body}"})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[0] == expected


def test_impossible_date_is_a_message_not_a_traceback(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        entries:
          - name: Alpha
            url: https://example.org/alpha
            description: Good description here.
            added: 2026-13-01
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert (
        result.lines[0]
        == "catalog/web.yml:7: '2026-13-01' is not a real date (month must be in 1..12); write dates as YYYY-MM-DD"
    )


def test_unknown_keys_at_entry_and_top_level(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        maintainer: someone
        entries:
          - name: Alpha
            url: https://example.org/alpha
            description: Good description here.
            homepage: https://example.org/
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[:2] == [
        "catalog/web.yml:3: unknown key 'maintainer'",
        "catalog/web.yml:8: entry 'Alpha': unknown key 'homepage'",
    ]


def test_bad_kind_lists_the_allowed_ones(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        entries:
          - name: Alpha
            url: https://example.org/alpha
            description: Good description here.
            kind: video
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[0] == (
        "catalog/web.yml:7: entry 'Alpha': 'kind' must be 'library', 'talk', 'podcast', 'article', 'book' or 'docs'"
    )


@pytest.mark.parametrize("tag", ["ASGI", "web_sockets", "two words", "-leading", "trailing-"])
def test_bad_tag(write_catalog, awesome, tag):
    write_catalog(
        {
            "web.yml": f"""
        title: Web
        description: Frameworks.
        entries:
          - name: Alpha
            url: https://example.org/alpha
            description: Good description here.
            tags: [ok, "{tag}"]
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[0] == (
        f"catalog/web.yml:7: entry 'Alpha': tag '{tag}' must be a lowercase word (letters, digits, hyphens)"
    )


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript:"),
        ("data:text/html,<script>alert(1)</script>", "data:"),
        ("ftp://example.org/pub", "ftp:"),
        ("mailto:someone@example.org", "mailto:"),
        ("/relative/path", "/relative/path"),
        ("example.org", "example.org"),
    ],
)
@pytest.mark.parametrize("key", ["url", "docs"])
def test_non_web_schemes_are_errors(write_catalog, awesome, key, url, scheme):
    docs = f"\n    docs: '{url}'" if key == "docs" else ""
    home = "https://example.org/alpha" if key == "docs" else url
    write_catalog(
        {
            "web.yml": (
                "title: Web\ndescription: Frameworks.\nentries:\n  - name: Alpha\n"
                f"    url: '{home}'\n    description: Good description here.{docs}\n"
            )
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    line = 5 if key == "url" else 7
    assert result.code == 1
    assert (
        result.lines[0]
        == f"catalog/web.yml:{line}: entry 'Alpha': '{key}' must be a web address (https://...), not '{scheme}'"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org:99999/x", "is not a valid address (Port out of range 0-65535)"),
        ("https://[::1", "is not a valid address (Invalid IPv6 URL)"),
        ("https://exa mple.org/x", "has spaces or control characters in it"),
        ("https://user:secret@example.org/", "must not carry a user name or password"),
        ("https:///no-host", "must name a host, as in https://example.org/"),
    ],
)
def test_malformed_web_addresses_are_errors_not_tracebacks(write_catalog, awesome, url, problem):
    write_catalog(
        {
            "web.yml": (
                "title: Web\ndescription: Frameworks.\nentries:\n  - name: Alpha\n"
                f"    url: '{url}'\n    description: Good description here.\n"
            )
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert (result.code, result.lines) == (1, [f"catalog/web.yml:5: entry 'Alpha': 'url' {problem}"])


def test_plain_http_is_a_warning_that_strict_turns_into_failure(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        entries:
          - name: Alpha
            url: http://example.org/alpha
            description: Good description here.
            docs: http://docs.example.org/
    """
        }
    )
    relaxed = awesome("validate", "--catalog", "catalog")
    assert relaxed.code == 0
    warnings = [
        "catalog/web.yml:5: warning: Alpha: 'url' uses plain http://; use https:// if the site supports it",
        "catalog/web.yml:7: warning: Alpha: 'docs' uses plain http://; use https:// if the site supports it",
    ]
    assert relaxed.err.splitlines() == warnings
    assert relaxed.out.splitlines() == ["ok: 1 entries in 1 categories, 2 warning(s)"]
    strict = awesome("validate", "--strict", "--catalog", "catalog")
    assert strict.code == 1
    assert (strict.err.splitlines(), strict.out) == (warnings, "")


def test_entries_out_of_order_name_the_misplaced_one(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        entries:
          - name: beta
            url: https://example.org/beta
            description: Good description here.
          - name: Alpha
            url: https://example.org/alpha
            description: Good description here.
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines == ["catalog/web.yml:4: 'beta' is out of case-insensitive order of name: move it after 'Alpha'"]


def test_a_file_with_five_problems_gets_five_lines(write_catalog, awesome):
    write_catalog(
        {
            "web.yml": """
        title: Web
        description: Frameworks.
        colour: blue
        entries:
          - name: Alpha
            url: javascript:alert(1)
            description: Good description here.
          - name: Beta
            url: https://example.org/beta
            description: Good description here.
            kind: movie
          - name: Gamma
            url: https://example.org/gamma
            description: Good description here.
            tags: [Bad Tag]
          - name: Delta
            url: https://example.org/delta
    """
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.err.splitlines() == [
        "catalog/web.yml:3: unknown key 'colour'",
        "catalog/web.yml:6: entry 'Alpha': 'url' must be a web address (https://...), not 'javascript:'",
        "catalog/web.yml:11: entry 'Beta': 'kind' must be 'library', 'talk', 'podcast', 'article', 'book' or 'docs'",
        "catalog/web.yml:15: entry 'Gamma': tag 'Bad Tag' must be a lowercase word (letters, digits, hyphens)",
        "catalog/web.yml:16: entry 'Delta': missing required key 'description'",
    ]


def test_problems_in_several_files_are_reported_in_one_run(write_catalog, awesome):
    write_catalog(
        {
            "a.yml": "title: A\ndescription: A.\nentries: []\nextra: 1\n",
            "b.yml": "- just\n- a list\n",
            "c.yml": "",
            "d.yml": GOOD,
        }
    )
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.err.splitlines()[:3] == [
        "catalog/a.yml:4: unknown key 'extra'",
        "catalog/b.yml:1: the file must be a mapping with title, description and entries",
        "catalog/c.yml:1: empty file: expected title, description and entries",
    ]


def test_entry_that_is_not_a_mapping(write_catalog, awesome):
    write_catalog({"web.yml": "title: Web\ndescription: Frameworks.\nentries:\n  - https://example.org/alpha\n"})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.lines[0] == "catalog/web.yml:4: entry 1: must be a mapping of keys such as name, url, description"


def test_file_names_must_be_slugs_ending_in_yml(write_catalog, awesome):
    write_catalog({"Web Frameworks.yml": GOOD, "web.yaml": GOOD})
    result = awesome("validate", "--catalog", "catalog")
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "catalog/Web Frameworks.yml:1: file name 'Web Frameworks.yml' must be a lowercase slug such as web-frameworks.yml",
        "catalog/web.yaml:1: category files end in .yml; rename this file",
    ]


def test_missing_or_empty_catalog_folder(write_catalog, awesome, tmp_path):
    write_catalog({"notes.txt": "not a category"})
    empty = awesome("validate", "--catalog", "catalog")
    assert (empty.code, empty.lines[0]) == (1, "catalog:0: no category files (*.yml) in this folder")
    missing = awesome("validate", "--catalog", "nowhere")
    assert (missing.code, missing.lines[0]) == (1, "nowhere:0: no such catalog folder")
