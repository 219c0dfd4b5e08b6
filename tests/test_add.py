"""`awesome add`: the entry lands in its sorted place, nothing else in the file moves, and the catalog still validates."""

from __future__ import annotations

import difflib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.fakes.github import FakeGitHub
from tests.fakes.server import serve
from tools.catalog import validate_catalog

WEB = """\
# yaml-language-server: $schema=../site/schema/category.schema.json
title: Web Frameworks
description: Frameworks for building web applications on asyncio.
entries:
  - name: aiohttp
    url: https://github.com/aio-libs/aiohttp
    description: Client and server for HTTP, with WebSockets and middleware.
    pypi: aiohttp
    kind: library
    tags: [http, client, server]
    added: 2026-11-21
  # Keep the Django family together: its comment must survive an insertion.
  - name: Django
    url: https://github.com/django/django
    description: "Batteries-included framework with async views: served over ASGI."
    kind: library
    added: 2026-11-21
  - name: Starlette
    url: https://github.com/encode/starlette
    description: Lightweight toolkit for ASGI services, with routing and middleware.
    kind: library
"""

TALKS = """\
title: Talks
description: Conference talks on async Python.
entries:
  - name: Build Your Own Async
    url: https://www.youtube.com/watch?v=Y4Gt3Xjd7G8
    description: Workshop writing an event loop from scratch to show how it works.
    kind: talk
"""


@pytest.fixture
def catalog(write_catalog) -> Path:
    return write_catalog({"web-frameworks.yml": WEB, "talks.yml": TALKS})


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if anything else changed."""
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {before.splitlines()[i1:i2]} -> {after.splitlines()[j1:j2]}"
        if tag == "insert":
            lines += after.splitlines(True)[j1:j2]
    return lines


def names(path: Path) -> list[str]:
    return [line.split(": ", 1)[1] for line in path.read_text().splitlines() if line.startswith("  - name: ")]


def test_offline_add_inserts_in_order_and_changes_nothing_else(catalog: Path, add) -> None:
    result = add(
        "https://github.com/emmett-framework/emmett",
        "--name",
        "Emmett",
        "--offline",
        "--description",
        "Full-stack framework with its own ORM, templates and WebSocket support.",
    )
    assert result.code == 0, result.err
    path = catalog / "web-frameworks.yml"
    after = path.read_text()
    assert added_lines(WEB, after) == [
        "  - name: Emmett\n",
        "    url: https://github.com/emmett-framework/emmett\n",
        "    description: Full-stack framework with its own ORM, templates and WebSocket support.\n",
        "    kind: library\n",
        f"    added: {date.today().isoformat()}\n",
    ]
    assert "  # Keep the Django family together: its comment must survive an insertion.\n" in after
    assert names(path) == ["aiohttp", "Django", "Emmett", "Starlette"]
    assert "added 'Emmett' to catalog/web-frameworks.yml:18:" in result.out
    assert "  - name: Emmett" in result.out and "awesome readme" in result.out
    valid, problems = validate_catalog(catalog)
    assert valid is not None and problems == []


@pytest.mark.parametrize(("name", "position"), [("Aardvark", 0), ("zebra", 3), ("django-ninja", 2)])
def test_case_insensitive_sorted_place_at_either_end_or_between(catalog: Path, add, name: str, position: int) -> None:
    result = add(
        f"https://github.com/x/{name}",
        "--name",
        name,
        "--offline",
        "--description",
        "Routes requests to handlers with very little code.",
    )
    assert result.code == 0, result.err
    assert names(catalog / "web-frameworks.yml").index(name) == position
    added_lines(WEB, (catalog / "web-frameworks.yml").read_text())
    assert validate_catalog(catalog)[0] is not None


def test_offline_needs_a_description(catalog: Path, add) -> None:
    result = add("https://github.com/x/y", "--offline")
    assert result.code == 2 and "--offline needs --description" in result.err
    assert (catalog / "web-frameworks.yml").read_text() == WEB


@pytest.mark.parametrize("url", ["https://www.GitHub.com/encode/Starlette/", "https://github.com/encode/starlette.git"])
def test_a_duplicate_url_is_refused_with_where_it_is(catalog: Path, add, url: str) -> None:
    result = add(url, "--offline", "--description", "Another sentence about it.", category="talks")
    assert result.code == 2
    assert "already in the catalog as 'Starlette' at catalog/web-frameworks.yml:18" in result.err
    assert (catalog / "talks.yml").read_text() == TALKS


def test_a_duplicate_name_is_refused_without_regard_to_case(catalog: Path, add) -> None:
    result = add(
        "https://example.org/django",
        "--name",
        "DJANGO",
        "--offline",
        "--description",
        "A different project with the same name.",
    )
    assert (
        result.code == 2 and "named 'Django' is already in the catalog at catalog/web-frameworks.yml:13" in result.err
    )


def test_an_unknown_category_lists_the_valid_ones(catalog: Path, add) -> None:
    result = add("https://github.com/x/y", "--offline", "--description", "Anything.", category="web")
    assert result.code == 2 and "no category 'web'; choose one of: talks, web-frameworks" in result.err


def test_a_non_web_url_is_refused(catalog: Path, add) -> None:
    result = add("javascript:alert(1)", "--offline", "--description", "Anything.", category="talks")
    assert result.code == 2 and "must be a web address" in result.err


def test_an_invalid_catalog_is_not_touched(write_catalog, add) -> None:
    broken = WEB.replace("    kind: library\n", "    kind: gadget\n", 1)
    catalog = write_catalog({"web-frameworks.yml": broken})
    result = add(
        "https://github.com/x/y", "--offline", "--description", "Routes requests to handlers with very little code."
    )
    assert result.code == 2 and "fix them before adding" in result.err and "catalog/web-frameworks.yml:9" in result.err
    assert (catalog / "web-frameworks.yml").read_text() == broken


def test_the_kind_follows_the_category(catalog: Path, add) -> None:
    result = add(
        "https://www.youtube.com/watch?v=abc",
        "--name",
        "Async in Depth",
        "--offline",
        "--description",
        "Walks through the event loop's scheduling one callback at a time.",
        category="talks",
    )
    assert result.code == 0, result.err
    assert "    kind: talk\n" in added_lines(TALKS, (catalog / "talks.yml").read_text())


def test_a_description_that_breaks_the_style_rules_is_written_with_what_to_fix(catalog: Path, add) -> None:
    result = add(
        "https://github.com/x/quart",
        "--name",
        "Quart",
        "--offline",
        "--description",
        "Quart is an async library for Flask users",
    )
    assert result.code == 0
    assert "Fix the description at catalog/web-frameworks.yml:" in result.out
    for rule in ("end with a period", "repeat the entry's name", "async library for"):
        assert rule in result.out, rule


# --- filling the entry from GitHub and PyPI (fakes on loopback) ---------------------------------


class GitHubRecords(dict[str, dict[str, Any]]):
    """`records["owner/repo"] = {"name", "html_url", "description", "homepage"}` as GitHub's REST API
    shows a repository, turned into a repository of the fake GitHub (moved when `html_url` says so)."""

    def __init__(self, fake: FakeGitHub) -> None:
        super().__init__()
        self.fake = fake

    def __setitem__(self, key: str, record: dict[str, Any]) -> None:
        super().__setitem__(key, record)
        owner = key.split("/")[0]
        repo = self.fake.add(owner, record["name"], description=record["description"], homepage=record.get("homepage"))
        lives_at = record["html_url"].removeprefix("https://github.com/")
        if lives_at.casefold() != repo.full_name.casefold():
            self.fake.move(repo, lives_at)


class Sources:
    """The fake GitHub (GraphQL checked against GitHub's schema) and a tiny PyPI JSON API;
    `repos` and `projects` are what they know, `auth` the Authorization sent with REST requests."""

    def __init__(self, github: FakeGitHub) -> None:
        self.github = github
        self.repos = GitHubRecords(github)
        self.projects: dict[str, dict[str, Any]] = {}
        self.auth: list[str | None] = []
        self.app = Starlette(routes=[Route("/pypi/{name}/json", self.pypi)])

    async def github_app(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/repos/"):
            self.auth.append(Request(scope).headers.get("authorization"))
        await self.github.app(scope, receive, send)

    async def pypi(self, request: Request) -> JSONResponse:
        data = self.projects.get(request.path_params["name"].lower())
        return JSONResponse({"info": data}) if data else JSONResponse({"message": "Not Found"}, status_code=404)


@pytest.fixture
def sources(services) -> Iterator[Sources]:
    fake = Sources(FakeGitHub(token="t0ken"))
    with serve(fake.github_app) as github, serve(fake.app) as pypi:
        fake.github.url = github
        services(github=github, pypi=pypi)
        yield fake
    assert not fake.github.invalid_queries, fake.github.invalid_queries


def test_fills_name_description_docs_and_pypi_from_the_sources(
    catalog: Path, add, sources: Sources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    sources.repos["pgjones/quart"] = {
        "name": "quart",
        "html_url": "https://github.com/pgjones/quart",
        "description": "an ASGI web framework with the Flask API",
        "homepage": None,
    }
    sources.projects["quart"] = {
        "name": "Quart",
        "summary": "A Python ASGI web framework with the same API as Flask",
        "project_urls": {
            "Source": "https://github.com/pgjones/quart",
            "Documentation": "https://quart.palletsprojects.com/",
        },
    }
    result = add("https://github.com/pgjones/quart")
    assert result.code == 0, result.err
    lines = added_lines(WEB, (catalog / "web-frameworks.yml").read_text())
    assert lines[:5] == [
        "  - name: quart\n",
        "    url: https://github.com/pgjones/quart\n",
        "    description: An ASGI web framework with the Flask API.\n",  # tidied: capital and period
        "    pypi: Quart\n",
        "    docs: https://quart.palletsprojects.com/\n",
    ]
    assert "The description is GitHub's" in result.out
    assert sources.auth == ["Bearer t0ken"]
    assert validate_catalog(catalog)[0] is not None


def test_a_same_named_pypi_project_that_does_not_link_back_is_not_taken(catalog: Path, add, sources: Sources) -> None:
    sources.repos["someone/blacksheep"] = {
        "name": "BlackSheep",
        "html_url": "https://github.com/someone/blacksheep",
        "description": "Fast framework inspired by ASP.NET Core.",
        "homepage": None,
    }
    sources.projects["blacksheep"] = {
        "name": "blacksheep",
        "summary": "Somebody else's project.",
        "project_urls": {"Source": "https://github.com/other/blacksheep"},
    }
    result = add("https://github.com/someone/blacksheep")
    assert result.code == 0, result.err
    text = "".join(added_lines(WEB, (catalog / "web-frameworks.yml").read_text()))
    assert "pypi:" not in text and "Somebody else's" not in text


def test_a_moved_repository_is_added_under_its_new_address(catalog: Path, add, sources: Sources) -> None:
    sources.repos["old/thing"] = {
        "name": "thing",
        "html_url": "https://github.com/new/thing",
        "description": "Serves websites over ASGI with very little code.",
        "homepage": None,
    }
    result = add("https://github.com/old/thing")
    assert result.code == 0, result.err
    assert "lives at https://github.com/new/thing" in result.out
    assert "    url: https://github.com/new/thing\n" in added_lines(WEB, (catalog / "web-frameworks.yml").read_text())


def test_a_repository_github_does_not_know_is_refused(catalog: Path, add, sources: Sources) -> None:
    result = add("https://github.com/nobody/nothing")
    assert result.code == 2 and "GitHub has no repository nobody/nothing" in result.err


def test_an_unknown_pypi_name_is_refused(catalog: Path, add, sources: Sources) -> None:
    sources.repos["a/b"] = {"name": "b", "html_url": "https://github.com/a/b", "description": "Does b things well."}
    result = add("https://github.com/a/b", "--pypi", "no-such")
    assert result.code == 2 and "PyPI has no project 'no-such'" in result.err


def test_unreachable_sources_suggest_offline(catalog: Path, add, services) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    services(github=f"http://127.0.0.1:{port}")
    result = add("https://github.com/a/b")
    assert result.code == 2
    assert "cannot reach GitHub" in result.err and "--offline --description" in result.err
    assert (catalog / "web-frameworks.yml").read_text() == WEB


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://[::1", "not a valid address"),
        ("https://example.org:99999/x", "not a valid address"),
        ("https://exa mple.org/x", "spaces or control characters"),
        ("https://example.org/x\x07", "spaces or control characters"),
        ("", "no URL given"),
        ("   ", "no URL given"),
        ("ftp://example.org/x", "must be a web address"),
        ("//example.org/x", "must be a web address"),
        ("https://user:secret@github.com/a/b", "user name or password"),
    ],
)
def test_a_bad_url_is_refused_with_a_message_not_a_traceback(catalog: Path, add, url: str, says: str) -> None:
    result = add(url, "--offline", "--name", "N", "--description", "A sentence.", category="talks")
    assert result.code == 2 and says in result.err and "Traceback" not in result.err
    assert (catalog / "talks.yml").read_text() == TALKS


@pytest.mark.parametrize("description", ["", "   ", "\n"])
def test_a_blank_description_is_refused_before_anything_is_written(catalog: Path, add, description: str) -> None:
    result = add("https://example.org/x", "--name", "X", "--offline", "--description", description, category="talks")
    assert result.code == 2 and "--description" in result.err and "string should have" not in result.err
    assert (catalog / "talks.yml").read_text() == TALKS


def test_what_github_and_pypi_send_is_not_trusted_to_be_well_formed(catalog: Path, add, sources: Sources) -> None:
    sources.repos["a/odd"] = {
        "name": "odd",
        "html_url": "https://github.com/a/odd",
        "description": "Handles odd answers from both sources gracefully.",
        "homepage": "https://[::1",
    }
    sources.projects["odd"] = {
        "name": "odd",
        "summary": "x",
        "home_page": "https://example.org:99999/",
        "project_urls": {"Documentation": "http://exa mple.org/", "Source": "https://github.com/a/odd"},
    }
    result = add("https://github.com/a/odd")
    assert result.code == 0, result.err
    lines = "".join(added_lines(WEB, (catalog / "web-frameworks.yml").read_text()))
    assert "pypi: odd" in lines and "docs:" not in lines


def test_a_pypi_answer_that_is_not_json_is_skipped_when_pypi_was_not_named(
    catalog: Path, add, fake_github, fake_pypi, services
) -> None:
    fake_github.add("example", "widget")
    fake_pypi.add("widget")
    fake_pypi.malformed = 1
    services(fake_github.url, fake_pypi.url)
    result = add("https://github.com/example/widget")
    assert result.code == 0, result.err
    assert "skipped PyPI" in result.out and "malformed JSON" in result.out  # the checker's words for it


def test_fills_the_entry_from_the_shared_fakes_and_follows_a_moved_repository(
    catalog: Path, add, fake_github, fake_pypi, services
) -> None:
    """The fakes answer like GitHub (a 301 to /repositories/ID for a renamed repository) and PyPI."""
    repo = fake_github.add("example", "widget")
    fake_github.move(repo, "example/Widget-ng")
    fake_pypi.add("Widget-ng")  # its Source link is https://github.com/example/Widget-ng
    services(fake_github.url, fake_pypi.url)
    result = add("https://github.com/example/widget", "--pypi", "Widget-ng")
    assert result.code == 0, result.err
    lines = added_lines(WEB, (catalog / "web-frameworks.yml").read_text())
    assert lines[:4] == [
        "  - name: Widget-ng\n",
        "    url: https://github.com/example/Widget-ng\n",
        "    description: A fake repository.\n",
        "    pypi: Widget-ng\n",
    ]
    assert validate_catalog(catalog)[0] is not None


def test_add_asks_through_the_checkers_client_with_names_quoted_and_canonical(
    catalog: Path, add, fake_github, fake_pypi, services
) -> None:
    fake_github.add("example", "zope.widget")
    fake_pypi.add("Zope.Widget")
    services(fake_github.url, fake_pypi.url)
    result = add("https://github.com/example/zope.widget", "--pypi", "Zope.Widget")
    assert result.code == 0, result.err
    assert fake_pypi.requests == {"zope-widget": 1}  # PyPI's canonical spelling: no redirect to follow
    assert "    pypi: Zope.Widget\n" in added_lines(WEB, (catalog / "web-frameworks.yml").read_text())


# --tags, --docs, --kind; categories by slug or title; hints


def offline_add(add, *extra: str, category: str = "web-frameworks"):
    description = "Serves websites over ASGI with very little code."
    return add(
        "https://example.org/hypha",
        "--name",
        "Hypha",
        "--offline",
        "--description",
        description,
        *extra,
        category=category,
    )


def test_tags_docs_and_kind_are_written_in_the_catalogs_order(catalog: Path, add) -> None:
    result = offline_add(add, "--tags", "asgi, http,asgi", "--docs", "https://hypha.example/docs/", "--kind", "docs")
    assert result.code == 0, result.err
    lines = added_lines(WEB, (catalog / "web-frameworks.yml").read_text())
    assert lines[3:6] == [
        "    docs: https://hypha.example/docs/\n",
        "    kind: docs\n",
        "    tags: [asgi, http]\n",
    ]
    assert validate_catalog(catalog)[0] is not None


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--tags", "Asgi,web framework", "'Asgi', 'web framework' not a lowercase word"),
        ("--docs", "javascript:alert(1)", "--docs 'javascript:alert(1)'"),
        ("--kind", "video", "invalid choice: 'video'"),
    ],
)
def test_bad_tags_docs_or_kind_are_refused(
    catalog: Path, add, capsys: pytest.CaptureFixture[str], option: str, value: str, says: str
) -> None:
    try:
        result = offline_add(add, option, value)
        code, err = result.code, result.err
    except SystemExit as exc:  # argparse refuses a --kind outside the choices
        code, err = int(exc.code or 0), capsys.readouterr().err
    assert code == 2 and says in err
    assert (catalog / "web-frameworks.yml").read_text() == WEB


def test_a_category_is_taken_by_title_and_a_near_miss_gets_the_closest(catalog: Path, add) -> None:
    near = offline_add(add, category="web-framework")
    assert near.code == 2 and "no category 'web-framework'; did you mean web-frameworks?" in near.err
    result = offline_add(add, category="web FRAMEWORKS")
    assert result.code == 0, result.err
    assert "  - name: Hypha\n" in added_lines(WEB, (catalog / "web-frameworks.yml").read_text())


def test_an_unquoted_title_gets_a_hint_not_unrecognized_arguments(
    catalog: Path, add, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        offline_add(add, "Frameworks", category="Web")
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "unrecognized arguments" not in err
    assert "--category 'Web Frameworks'" in err


def test_the_closing_tip_names_the_command_as_it_was_run(catalog: Path, tmp_path: Path) -> None:
    venv_awesome = Path(sys.executable).parent / "awesome"
    (tmp_path / ".venv").symlink_to(venv_awesome.parent.parent)
    done = subprocess.run(
        [".venv/bin/awesome", "add", "https://example.org/hypha", "--category", "web-frameworks", "--offline",
         "--name", "Hypha", "--description", "Serves websites over ASGI with very little code.",
         "--catalog", "catalog"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, env={**os.environ, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Next: `.venv/bin/awesome readme` to regenerate README.md" in done.stdout
