"""`awesome readme`: the awesome-list README generated from the catalog, and awesome-lint on it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tools import lint_readme
from tools.catalog import load_catalog
from tools.escaping import md_list_text as escape
from tools.paths import README_FILE, REPO_ROOT
from tools.readme import Slugger, render, site_url

NAMES_AND_DESCRIPTIONS = {
    "talks.yml": """
        title: Talks & Podcasts
        description: Recorded talks on async Python.
        entries:
          - name: Fear and Awaiting in Async
            url: https://www.youtube.com/watch?v=E-1Y4kSsAFc
            description: David Beazley's live-coded tour of generators, coroutines and what async really means.
            kind: talk
          - name: 'Python [async] | *Deep* Dive'
            url: https://www.youtube.com/watch?v=abc123
            description: 'Walks through __aenter__, __aexit__ and <b>async with</b> & friends in detail.'
            kind: talk
    """,
    "c.yml": """
        title: C
        description: Entries whose names need escaping.
        entries:
          - name: under_score_
            url: https://example.org/under
            description: Keeps snake_case names and _private_ words literal, and &amp; stays as typed.
    """,
    "cpp.yml": """
        title: C++
        description: A title whose anchor collides with the one above.
        entries:
          - name: Star*
            url: https://example.org/star
            description: >-
              Multiplies 2*3*4 without emphasis
              and keeps `ticks` as text.
    """,
    "web.yml": """
        title: Web Frameworks
        description: Frameworks for building web applications.
        entries:
          - name: Alpha
            url: https://github.com/example/alpha
            description: Small framework for routing requests.
          - name: beta
            url: https://example.org/wiki/Beta_(framework)
            description: Another framework, sorted without case.
    """,
}
CONTRIBUTING = "# Contributing\n\nOpen a pull request with one entry.\n"


@pytest.fixture
def fixture_catalog(write_catalog) -> Path:
    return write_catalog(NAMES_AND_DESCRIPTIONS)


@pytest.fixture
def readme(fixture_catalog: Path, tmp_path: Path) -> str:
    return render(load_catalog(fixture_catalog))


def parse_items(markdown: str) -> list[dict]:
    """Every list item as CommonMark (remark, GFM) reads it: link text, URL and the text after it."""
    script = """
        import fs from 'node:fs';
        import {remark} from 'remark';
        import remarkGfm from 'remark-gfm';
        import {toString} from 'mdast-util-to-string';
        import {visit} from 'unist-util-visit';
        const tree = remark().use(remarkGfm).parse(fs.readFileSync(0, 'utf8'));
        const items = [];
        visit(tree, 'listItem', item => {
            const [link, ...rest] = item.children[0].children;
            items.push({name: toString(link), url: link.url ?? null, rest: toString({type: 'root', children: rest}),
                        types: rest.map(node => node.type)});
        });
        console.log(JSON.stringify(items));
    """
    require_awesome_lint()
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=markdown,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def require_awesome_lint() -> None:
    """The README tests need Node and awesome-lint: missing, they fail with the fix, never skip."""
    if not lint_readme.AWESOME_LINT.is_file():
        pytest.fail(f"awesome-lint is missing ({lint_readme.AWESOME_LINT}): run `make test` or `npm ci`")


def run_lint(readme_path: Path) -> subprocess.CompletedProcess[str]:
    require_awesome_lint()
    return lint_readme.run(readme_path)


# Generation


def test_layout_title_badge_contents_sections_contributing(readme):
    headings = [line for line in readme.splitlines() if line.startswith("#")]
    assert headings == [
        "# Awesome Asyncio [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
        "## Contents",
        "## C",
        "## C++",
        "## Web Frameworks",
        "## Talks & Podcasts",  # talks and writings after the software
        "## Contributing",
    ]
    assert readme.endswith("\n") and not readme.endswith("\n\n")


def test_contents_links_match_headings_with_githubs_anchors(readme):
    contents = readme.split("## Contents\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert contents == [
        "- [C](#c)",
        "- [C++](#c-1)",  # github-slugger drops `+` and numbers the repeat
        "- [Web Frameworks](#web-frameworks)",
        "- [Talks & Podcasts](#talks--podcasts)",
    ]


def test_first_screen_tells_a_newcomer_what_where_how(readme):
    first_screen = readme.split("## Contents", 1)[0]
    assert "A curated list of asynchronous Python" in first_screen
    assert "`make serve`" in first_screen and "make serve  #" in first_screen
    assert "make test   #" in first_screen
    assert "awesome add URL --category SLUG" in first_screen
    assert "[Contributing](#contributing)" in first_screen
    assert len(first_screen.splitlines()) <= 25


def test_contributing_section_points_to_the_guide_and_names_both_licences(readme):
    section = readme.split("## Contributing\n", 1)[1]
    assert "[the contribution guide](CONTRIBUTING.md)" in section
    assert "[MIT License](LICENSE)" in section and "[CC0 1.0](LICENSE-CONTENT)" in section
    assert (REPO_ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "CC0 1.0 Universal" in (REPO_ROOT / "LICENSE-CONTENT").read_text()


def test_category_description_then_items_in_catalog_order(readme):
    section = readme.split("## Web Frameworks\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section.splitlines() == [
        "Frameworks for building web applications.",
        "",
        "- [Alpha](https://github.com/example/alpha) - Small framework for routing requests.",
        "- [beta](https://example.org/wiki/Beta_%28framework%29) - Another framework, sorted without case.",
    ]


def test_special_characters_are_escaped_in_the_source(readme):
    assert (
        r"- [Python \[async\] \| \*Deep\* Dive](https://www.youtube.com/watch?v=abc123) - "
        r"Walks through \_\_aenter\_\_, \_\_aexit\_\_ and \<b\>async with\</b\> & friends in detail."
    ) in readme.splitlines()
    assert (
        r"- [under_score\_](https://example.org/under) - Keeps snake_case names and \_private\_ words literal, "
        r"and \&amp; stays as typed." in readme.splitlines()
    )


def test_every_item_renders_as_the_catalogs_name_and_description(readme, fixture_catalog):
    catalog = load_catalog(fixture_catalog)
    items = [i for i in parse_items(readme) if i["url"] and not i["url"].startswith("#")]
    expected = [(e.name, " ".join(e.description.split())) for e in catalog.entries]
    assert [(i["name"], i["rest"].removeprefix(" - ")) for i in items] == expected
    assert all(i["types"] == ["text"] for i in items), "descriptions are plain text: no code, emphasis or HTML"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("a_b and _c_", r"a_b and \_c\_"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("<script>", r"\<script\>"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("back\\slash", "back\\\\slash"),
        ("one\n  line", "one line"),
    ],
)
def test_escape(text, escaped):
    assert escape(text) == escaped


def test_slugger_numbers_repeats_like_github():
    slugger = Slugger()
    assert [slugger.slug(t) for t in ["Testing", "Testing", "Testing-1", "Ünïcode & Co."]] == [
        "testing",
        "testing-1",
        "testing-1-1",
        "ünïcode--co",
    ]


def test_output_is_deterministic(fixture_catalog):
    first = render(load_catalog(fixture_catalog))
    assert render(load_catalog(fixture_catalog)) == first
    assert not re.search(r"20\d\d-\d\d-\d\d|\b\d+ entries\b", first), "no dates or counts that drift"


# The command


def test_readme_writes_then_check_passes_then_fails_when_edited(fixture_catalog, awesome, tmp_path):
    output = tmp_path / "README.md"
    written = awesome("readme", "--catalog", fixture_catalog, "--output", output)
    assert written.code == 0 and output.is_file()
    assert output.read_text(encoding="utf-8") == render(load_catalog(fixture_catalog))
    assert awesome("readme", "--check", "--catalog", fixture_catalog, "--output", output).code == 0

    output.write_text(output.read_text(encoding="utf-8").replace("Alpha", "Alfa"), encoding="utf-8")
    stale = awesome("readme", "--check", "--catalog", fixture_catalog, "--output", output)
    assert stale.code == 1
    assert stale.err.strip() == "README.md is out of date: run `awesome readme`"
    assert "Alfa" in output.read_text(encoding="utf-8"), "--check never writes"


def test_check_fails_when_the_readme_is_missing(fixture_catalog, awesome, tmp_path):
    result = awesome("readme", "--check", "--catalog", fixture_catalog, "--output", tmp_path / "README.md")
    assert result.code == 1
    assert "is out of date: run `awesome readme`" in result.err


def test_readme_refuses_a_broken_catalog_and_writes_nothing(write_catalog, awesome, tmp_path):
    catalog = write_catalog({"web.yml": "title: Web\n"})
    result = awesome("readme", "--catalog", catalog, "--output", tmp_path / "README.md")
    assert result.code == 2
    assert "catalog/web.yml:1: missing required key 'description'" in result.err
    assert not (tmp_path / "README.md").exists()


def test_the_real_readme_is_in_sync_with_the_catalog(awesome):
    result = awesome("readme", "--check")
    assert result.code == 0, "README.md is out of date: run `awesome readme`"
    assert result.out.strip() == "README.md is up to date"


# awesome-lint


def test_generated_readme_passes_awesome_lint(readme, tmp_path):
    folder = tmp_path / "site-copy"
    folder.mkdir()
    (folder / "README.md").write_text(readme, encoding="utf-8")
    (folder / "CONTRIBUTING.md").write_text(CONTRIBUTING, encoding="utf-8")
    result = run_lint(folder / "README.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "⚠" not in result.stdout, "no warnings either (spell-check)"
    assert not (folder / ".git").exists(), "the README's own folder is never turned into a repository"


@pytest.mark.parametrize(
    ("breakage", "finding"),
    [
        (
            lambda t: t.replace("routing requests.", "routing requests"),
            "List item description must end with proper punctuation",
        ),
        (
            lambda t: t.replace(" - Small framework", " - small framework"),
            "List item description must start with valid casing",
        ),
        (lambda t: t.replace("- [C++](#c-1)\n", ""), 'does not match corresponding heading "C++"'),
        (
            lambda t: t.replace(" [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)", ""),
            "Missing Awesome badge",
        ),
        (lambda t: t.replace("https://example.org/star", "https://github.com/example/alpha"), "Duplicate link"),
    ],
    ids=["no-period", "lowercase", "toc-mismatch", "no-badge", "double-link"],
)
def test_broken_readme_fails_awesome_lint(readme, tmp_path, breakage, finding):
    broken = breakage(readme)
    assert broken != readme
    (tmp_path / "README.md").write_text(broken, encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text(CONTRIBUTING, encoding="utf-8")
    result = run_lint(tmp_path / "README.md")
    assert result.returncode == 1
    assert finding in result.stdout


def test_awesome_lint_needs_a_contributing_file(readme, tmp_path):
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    result = run_lint(tmp_path / "README.md")
    assert result.returncode == 1
    assert "Missing file contributing.md" in result.stdout


def test_the_real_readme_passes_awesome_lint():
    result = run_lint(README_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_category_without_entries_keeps_its_heading_and_spacing(write_catalog):
    catalog = load_catalog(write_catalog({"empty.yml": "title: Coming Soon\ndescription: Nothing yet.\nentries: []\n"}))
    text = render(catalog)
    assert "## Coming Soon\n\nNothing yet.\n\n## Contributing" in text
    assert "\n\n\n" not in text


# Links to the website, and retired entries


def test_readme_links_the_website_at_site_url(fixture_catalog, awesome, tmp_path, monkeypatch):
    """The same SITE_URL the site build reads (mkdocs.yml: `site_url: !ENV [SITE_URL]`)."""
    output = tmp_path / "README.md"
    monkeypatch.setenv("SITE_URL", "https://aa.example.org/sub/")
    assert awesome("readme", "--catalog", fixture_catalog, "--output", output).code == 0
    assert "or [the website](https://aa.example.org/sub/), which adds search" in output.read_text(encoding="utf-8")
    monkeypatch.delenv("SITE_URL")
    assert awesome("readme", "--catalog", fixture_catalog, "--output", output).code == 0
    assert "the website built from the same catalog" in output.read_text(encoding="utf-8")
    assert site_url({"SITE_URL": "javascript:alert(1)"}) is None and site_url({"SITE_URL": " "}) is None


RETIRED = {
    "cache.yml": """
        title: Caching
        description: Caches for asynchronous code.
        entries:
          - name: aiocache
            url: https://github.com/aio-libs/aiocache
            description: Asyncio cache supporting multiple backends.
          - name: aioredis
            url: https://github.com/aio-libs/aioredis-py
            description: Asyncio Redis client, merged into redis-py.
            successor: redis-py
          - name: async-timeout
            url: https://github.com/aio-libs/async-timeout
            description: Timeout context manager for asyncio.
            successor: https://docs.python.org/3/library/asyncio-task.html#timeouts
          - name: redis-py
            url: https://github.com/redis/redis-py
            description: Redis client with asyncio support.
    """
}


def test_retired_entries_close_their_section_under_a_retired_heading(write_catalog, tmp_path, awesome):
    text = render(load_catalog(write_catalog(RETIRED)), "https://aa.example.org/")
    section = text[text.index("## Caching") : text.index("## Contributing")]
    live, retired = section.split("### Retired")
    assert "aiocache" in live and "redis-py" in live and "aioredis" not in live
    assert retired.strip().splitlines()[2:] == [
        "- [aioredis](https://github.com/aio-libs/aioredis-py) - Asyncio Redis client, merged into redis-py.",
        "- [async-timeout](https://github.com/aio-libs/async-timeout) - Timeout context manager for asyncio.",
    ]
    # `awesome import` reads the README back into the same entries (the heading is a subsection).
    (tmp_path / "round").mkdir()
    (tmp_path / "round" / "README.md").write_text(text, encoding="utf-8")
    assert awesome("import", tmp_path / "round" / "README.md", "--catalog", tmp_path / "round" / "out").code == 0
    assert {e.name for e in load_catalog(tmp_path / "round" / "out").entries} == {
        "aiocache",
        "aioredis",
        "async-timeout",
        "redis-py",
    }
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "README.md").write_text(text, encoding="utf-8")
    (tmp_path / "lint" / "CONTRIBUTING.md").write_text(CONTRIBUTING, encoding="utf-8")
    result = run_lint(tmp_path / "lint" / "README.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "⚠" not in result.stdout
