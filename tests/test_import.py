"""`awesome import README.md`: awesome lists in the styles found in the wild, and this project's own README."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tools.catalog import load_catalog
from tools.catalog.loader import load_file
from tools.paths import CATALOG_DIR, README_FILE

CLASSIC = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> A curated list of things.

## Contents

- [Web Frameworks](#web-frameworks)
- [Talks](#talks)

## Web Frameworks

*Frameworks for building web applications.*

* [Zeta](https://github.com/example/zeta) - Last in the alphabet, listed first.
* [alpha](https://github.com/example/alpha) – Lowercase name, en dash as separator.
* [![CI](https://img.shields.io/badge/ci-passing-green.svg)](https://ci.example.org) [Beta](https://github.com/example/beta) ![stars](https://img.shields.io/github/stars/example/beta.svg) - Badges around the link are ignored.
* [**Gamma**](https://github.com/example/gamma): Bold name and a colon, on [PyPI](https://pypi.org/project/gamma-web/).

## Talks
<!-- a comment between a heading and its blurb -->

_Recorded talks._

- [Async in depth](https://www.youtube.com/watch?v=abc123) - A talk on a video host.
- [Slides on loops](https://example.org/slides) - A talk away from video hosts, kind from the heading.

## Contributing

Read [the guide](CONTRIBUTING.md) first.

## License

[![CC0](https://licensebuttons.net/p/zero/1.0/88x31.png)](https://creativecommons.org/publicdomain/zero/1.0)
"""


def readme(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "README.md"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_classic_awesome_list_becomes_sorted_category_files_with_the_schema(in_tmp, awesome):
    readme(in_tmp, CLASSIC)
    result = awesome("import", "README.md", "--catalog", "out")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == "imported 6 entries into 2 category files in out"
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["talks.yml", "web-frameworks.yml"]

    text = (in_tmp / "out/web-frameworks.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert (in_tmp / "out" / text.splitlines()[0].split("=", 1)[1]).resolve().name == "category.schema.json"
    web = load_file(in_tmp / "out/web-frameworks.yml").data
    assert web["title"] == "Web Frameworks"
    assert web["description"] == "Frameworks for building web applications."
    assert web["entries"] == [
        {
            "name": "alpha",
            "url": "https://github.com/example/alpha",
            "description": "Lowercase name, en dash as separator.",
        },
        {
            "name": "Beta",
            "url": "https://github.com/example/beta",
            "description": "Badges around the link are ignored.",
        },
        {
            "name": "Gamma",
            "url": "https://github.com/example/gamma",
            "description": "Bold name and a colon, on PyPI.",
            "pypi": "gamma-web",
        },
        {
            "name": "Zeta",
            "url": "https://github.com/example/zeta",
            "description": "Last in the alphabet, listed first.",
        },
    ]
    talks = load_file(in_tmp / "out/talks.yml").data
    assert talks["description"] == "Recorded talks."
    assert [e["kind"] for e in talks["entries"]] == ["talk", "talk"]
    assert awesome("validate", "--catalog", "out", "--strict").code == 0


def test_duplicate_links_and_items_without_description_are_reported_and_the_exit_code_says_so(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Clients

        - [httpx](https://github.com/encode/httpx) - Client with sync and async APIs.
        - [HTTPX again](https://GitHub.com/encode/httpx/) - The same project linked twice.
        - [aiohttp](https://github.com/aio-libs/aiohttp)
        - Just a sentence with no link at all.
        - [niquests](https://github.com/jawah/niquests) - Drop-in client with HTTP/2 and HTTP/3.

        ## Servers

        - [httpx](https://example.org/another-httpx) - Same name as an entry above.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines() == [
        "README.md:1: note: no text under 'Clients'; its description is its title",
        "README.md:4: 'HTTPX again' duplicates 'httpx' on line 3 (same URL)",
        "README.md:5: 'aiohttp' has no description; write one after ` - ` and import again",
        "README.md:6: no link with a name in this item",
        "README.md:9: section 'Servers' has no entries to import; no file written",
        "README.md:11: 'httpx' duplicates 'httpx' on line 3 (same name)",
    ]
    assert (
        result.out.splitlines()[0] == "imported 2 entries into 1 category file in out; skipped 5 line(s), listed above"
    )
    assert [e["name"] for e in load_file(in_tmp / "out/clients.yml").data["entries"]] == ["httpx", "niquests"]


def test_parentheses_in_addresses_survive(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Reading

        - [Coroutine](https://en.wikipedia.org/wiki/Coroutine_(computer_science)) - The idea behind async and await.
        - [Futures](<https://example.org/a (draft)/futures>) - A link in angle brackets with a space.
        """,
    )
    assert awesome("import", "README.md", "--catalog", "out").code == 0
    entries = load_file(in_tmp / "out/reading.yml").data["entries"]
    assert [e["url"] for e in entries] == [
        "https://en.wikipedia.org/wiki/Coroutine_(computer_science)",
        "https://example.org/a%20(draft)/futures",
    ]
    assert [e["kind"] for e in entries] == ["article", "article"]


def test_non_english_lists_keep_their_text_and_get_usable_file_names(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        # 异步 Python 资源大全

        ## 网络框架

        *用于构建网络应用的框架。*

        - [Sanic](https://github.com/sanic-org/sanic) - 快速的异步网络服务器和框架，支持流式响应与 WebSocket。
        - [Ünïcorn](https://example.org/unicorn) - Сервер для приложений ASGI.

        ## Базы данных

        - [asyncpg](https://github.com/MagicStack/asyncpg) - Быстрый драйвер PostgreSQL.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert (result.code, result.err) == (
        0,
        "README.md:10: note: no text under 'Базы данных'; its description is its title\n",
    )
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["section-1.yml", "section-2.yml"]
    first = load_file(in_tmp / "out/section-1.yml").data
    assert first["title"] == "网络框架"
    assert first["description"] == "用于构建网络应用的框架。"
    assert [e["description"] for e in first["entries"]] == [
        "快速的异步网络服务器和框架，支持流式响应与 WebSocket。",
        "Сервер для приложений ASGI.",
    ]
    assert load_file(in_tmp / "out/section-2.yml").data["title"] == "Базы данных"
    checked = awesome("validate", "--catalog", "out", "--strict")
    assert (checked.code, checked.err) == (0, "")


def test_nested_items_and_subsections_are_entries_tagged_with_their_subsection(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Web

        ### Frameworks

        _Subsection blurbs have no place in the catalog and are not reported._

        - [Starlette](https://github.com/encode/starlette) - Lightweight ASGI toolkit.
            - [starlette-context](https://github.com/tomwojcik/starlette-context) - Request context for Starlette apps.
        - [Quart](https://github.com/pallets/quart) - Flask's API on asyncio.

        ### Servers

        1. [Uvicorn](https://github.com/encode/uvicorn) - ASGI server on uvloop and httptools.
        2. Process managers
            - [Gunicorn](https://github.com/benoitc/gunicorn) - Pre-fork server that runs Uvicorn workers.

        ---

        **[⬆ back to top](#web)**
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert (result.code, result.err) == (0, "README.md:1: note: no text under 'Web'; its description is its title\n")
    entries = load_file(in_tmp / "out/web.yml").data["entries"]
    assert [(e["name"], e.get("tags")) for e in entries] == [
        ("Gunicorn", ["servers"]),  # under a label without a link, which is only a grouping
        ("Quart", ["frameworks"]),
        ("Starlette", ["frameworks"]),
        ("starlette-context", ["frameworks"]),
        ("Uvicorn", ["servers"]),
    ]
    assert awesome("validate", "--catalog", "out").code == 0


def test_content_in_a_section_that_is_not_a_list_is_reported(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Tools

        Tools we like.

        - [aiofiles](https://github.com/Tinche/aiofiles) - File I/O on a thread pool.

        | Name | Link |
        | --- | --- |
        | x | y |

        ```sh
        pip install aiofiles
        ```
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines() == [
        "README.md:7: a table in section 'Tools' is not a list item",
        "README.md:11: a code block in section 'Tools' is not a list item",
    ]
    assert load_file(in_tmp / "out/tools.yml").data["description"] == "Tools we like."


def test_existing_category_files_are_never_overwritten(in_tmp, awesome):
    readme(in_tmp, CLASSIC)
    (in_tmp / "out").mkdir()
    (in_tmp / "out/talks.yml").write_text("title: Mine\n", encoding="utf-8")
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines() == ["README.md:19: section 'Talks': out/talks.yml exists; not overwritten"]
    assert (in_tmp / "out/talks.yml").read_text(encoding="utf-8") == "title: Mine\n"
    assert (in_tmp / "out/web-frameworks.yml").exists()


def test_a_missing_readme_is_a_message(in_tmp, awesome):
    result = awesome("import", "NOPE.md", "--catalog", "out")
    assert (result.code, result.err.strip()) == (1, "NOPE.md: cannot read: No such file or directory")


def test_importing_the_projects_own_readme_reproduces_the_catalogs_required_fields(tmp_path, awesome):
    result = awesome("import", str(README_FILE), "--catalog", str(tmp_path / "out"))
    assert (result.code, result.err) == (0, "")

    def required(directory: Path) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
        catalog = load_catalog(directory)
        return {
            c.title: (c.description, sorted((e.name, e.url, e.description) for e in c.entries))
            for c in catalog.categories
        }

    assert required(tmp_path / "out") == required(CATALOG_DIR)


def test_furniture_headings_with_emoji_are_not_sections(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        # Awesome Things

        ## 📖 Table of Contents

        - [Clients](#-clients)

        ## 🌐 Clients

        - [httpx](https://github.com/encode/httpx) - Client with sync and async APIs.

        ## Contributing 🤝

        Pull requests welcome; read the guide first.

        ## ⚖️ License:

        CC0.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert (result.code, result.err) == (
        0,
        "README.md:7: note: no text under '🌐 Clients'; its description is its title\n",
    )
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["clients.yml"]


def test_struck_through_items_are_reported_not_imported_as_live_projects(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Clients

        - [httpx](https://github.com/encode/httpx) - Client with sync and async APIs.
        - ~~[aiohttp-retired](https://github.com/example/retired) - No longer maintained.~~
        - [old-client](https://github.com/example/old) - ~~Deprecated~~, use httpx.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        "README.md:4: 'aiohttp-retired' is struck through: the list marks it retired; "
        "add it by hand with `successor:` if it belongs",
    ]
    names = [e["name"] for e in load_file(in_tmp / "out/clients.yml").data["entries"]]
    assert names == ["httpx", "old-client"]


def test_an_address_without_a_name_is_reported_with_how_to_write_it(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Clients

        - [httpx](https://github.com/encode/httpx) - Client with sync and async APIs.
        - <https://github.com/example/autolink> - An autolink.
        - https://github.com/example/bare - A bare address.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        "README.md:4: the link's text is its address; write it as [Name](https://github.com/example/autolink) "
        "- Description.",
        "README.md:5: an address that is not a link; write it as [Name](https://...) - Description.",
    ]
    assert [e["name"] for e in load_file(in_tmp / "out/clients.yml").data["entries"]] == ["httpx"]


def test_lists_nested_deeper_than_the_parser_reads_are_reported_not_dropped(in_tmp, awesome):
    nested = "".join(
        f"{'  ' * depth}- [n{depth}](https://example.org/{depth}) - Level {depth}.\n" for depth in range(12)
    )
    (in_tmp / "README.md").write_text(
        f"## Deep\n\n{nested}\n## After\n\n- [x](https://example.org/x) - After the list.\n", encoding="utf-8"
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        "README.md:12: lists nested this deep are more than the Markdown parser reads; "
        "nothing from here to line 18 was imported: flatten the list",
    ]


def test_links_inside_html_blocks_are_reported_and_comments_stay_quiet(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Clients

        - [httpx](https://github.com/encode/httpx) - Client with sync and async APIs.

        <details>
        <summary>Older clients</summary>
        - [aiohttp](https://github.com/aio-libs/aiohttp) - Client and server.
        </details>

        <ul><li><a href="https://github.com/example/html">html</a> - An item written in HTML.</li></ul>

        <!-- - [hidden](https://github.com/example/hidden) - Commented out on purpose. -->
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    why = "links inside an HTML block in section 'Clients' are not read; write them as Markdown list items"
    assert result.err.splitlines()[1:] == [
        f"README.md:5: {why} (leave a blank line after <summary>)",
        f"README.md:10: {why}",
    ]


def test_extra_links_between_the_name_and_the_description_stay_out_of_the_description(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Talks

        * [Topics of Interest](https://youtu.be/ZzfHjytDceU) | [screencast](https://youtu.be/lYe8W04ERnY) | [slides](https://speakerdeck.com/dabeaz/topics) - PyCon Brasil 2015 keynote (David Beazley).
        * [Walkthrough](https://www.youtube.com/playlist?list=PL1), [blog post](https://pgbovine.net/walkthrough.htm) - 8-part code walkthrough (Philip Guo).
        * [Only links](https://youtu.be/abc) | [slides](https://example.org/slides)
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.err.splitlines()[1:] == [
        "README.md:5: 'Only links' has no description; write one after ` - ` and import again"
    ]
    entries = load_file(in_tmp / "out/talks.yml").data["entries"]
    assert [(e["name"], e["url"], e["description"]) for e in entries] == [
        ("Topics of Interest", "https://youtu.be/ZzfHjytDceU", "PyCon Brasil 2015 keynote (David Beazley)."),
        ("Walkthrough", "https://www.youtube.com/playlist?list=PL1", "8-part code walkthrough (Philip Guo)."),
    ]


def test_entries_already_in_the_target_catalog_are_reported_not_written_twice(in_tmp, awesome):
    (in_tmp / "out").mkdir()
    (in_tmp / "out/http.yml").write_text(
        "title: HTTP\ndescription: Clients.\nentries:\n"
        "  - name: HTTPX\n    url: https://github.com/encode/httpx\n    description: Client with sync and async APIs.\n",
        encoding="utf-8",
    )
    readme(
        in_tmp,
        """\
        ## Clients

        - [httpx](https://github.com/encode/httpx/) - The same project, linked again.
        - [niquests](https://github.com/jawah/niquests) - Drop-in client with HTTP/2 and HTTP/3.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert result.code == 1
    assert result.err.splitlines()[1:] == ["README.md:3: 'httpx' is already in out/http.yml as 'HTTPX' (same name)"]
    assert [e["name"] for e in load_file(in_tmp / "out/clients.yml").data["entries"]] == ["niquests"]
    assert awesome("validate", "--catalog", "out").code == 0


def test_a_catalog_folder_that_cannot_be_made_is_a_message_not_a_traceback(in_tmp, awesome):
    readme(in_tmp, CLASSIC)
    (in_tmp / "out").write_text("a file where the folder should be\n", encoding="utf-8")
    result = awesome("import", "README.md", "--catalog", "out")
    assert (result.code, result.out) == (1, "")
    assert (
        result.err.strip()
        == "out: cannot write category files there: File exists; give --catalog a folder you can write to"
    )


def test_sponsors_credits_and_related_lists_are_furniture_not_categories(in_tmp, awesome):
    readme(
        in_tmp,
        """\
        ## Clients

        *HTTP clients.*

        - [httpx](https://github.com/encode/httpx) - Client with sync and async APIs.

        ## Sponsors

        - [Acme](https://acme.example.org) - Pays for the hosting.

        ## Related Lists

        - [awesome-python](https://github.com/vinta/awesome-python) - Python in general.

        ## Acknowledgements

        Thanks to everyone who sent a pull request.
        """,
    )
    result = awesome("import", "README.md", "--catalog", "out")
    assert (result.code, result.err) == (0, "")
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["clients.yml"]
