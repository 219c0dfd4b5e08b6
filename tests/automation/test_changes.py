"""Selecting the entries a pull request adds or changes, from a real git repository."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from tools.automation.changes import Change, GitError, diff_catalog
from tools.cli import main as awesome

HEADER = "# yaml-language-server: $schema=../site/schema/category.schema.json\n"


def category(title: str, *entries: tuple[str, str, str]) -> str:
    body = "".join(
        f"  - name: {name}\n    url: {url}\n    description: {description}\n    kind: library\n"
        for name, url, description in entries
    )
    return f"{HEADER}title: {title}\ndescription: What belongs here, in one sentence.\nentries:\n{body}"


AIOHTTP = ("aiohttp", "https://github.com/aio-libs/aiohttp", "Client and server for HTTP with WebSockets.")
HTTPX = ("HTTPX", "https://github.com/encode/httpx", "Client with sync and async APIs and HTTP/2.")
UVICORN = ("Uvicorn", "https://github.com/encode/uvicorn", "Lightning-fast server for ASGI applications.")


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.catalog = root / "catalog"
        self.catalog.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.org")
        self.git("config", "user.name", "Test")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True).stdout

    def write(self, name: str, text: str) -> None:
        (self.catalog / name).write_text(text, encoding="utf-8")

    def commit(self, message: str = "change") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)


def changed_entries(catalog_dir: Path, base: str, head: str = "HEAD") -> list[Change]:
    return diff_catalog(catalog_dir, base, head).changes


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.write("http.yml", category("HTTP", AIOHTTP, HTTPX))
    repo.write("servers.yml", category("Servers", UVICORN))
    repo.commit("base")
    repo.git("switch", "-q", "-c", "pr")
    return repo


def kinds(repo: Repo, base: str = "main") -> dict[str, str]:
    return {c.id: c.kind for c in changed_entries(repo.catalog, base)}


def test_added_and_changed_entries_are_found_and_untouched_ones_are_not(repo: Repo) -> None:
    changed_httpx = (HTTPX[0], HTTPX[1], "Client with sync and async APIs, HTTP/2 and a CLI.")
    hypercorn = ("Hypercorn", "https://github.com/pgjones/hypercorn", "Server for ASGI with HTTP/2 and HTTP/3.")
    repo.write("http.yml", category("HTTP", AIOHTTP, changed_httpx))
    repo.write("servers.yml", category("Servers", hypercorn, UVICORN))
    repo.commit()
    changes = changed_entries(repo.catalog, "main")
    assert {c.id: c.kind for c in changes} == {"httpx": "changed", "hypercorn": "added"}
    hyper = next(c for c in changes if c.id == "hypercorn")
    assert (hyper.file, hyper.line, hyper.category) == ("catalog/servers.yml", 5, "servers")


def test_a_renamed_entry_is_renamed_not_added(repo: Repo) -> None:
    repo.write("http.yml", category("HTTP", AIOHTTP, ("httpx2", HTTPX[1], HTTPX[2])))
    repo.commit()
    [change] = changed_entries(repo.catalog, "main")
    assert (change.id, change.kind, change.previous_name) == ("httpx2", "renamed", "HTTPX")


def test_a_new_category_file_adds_all_its_entries(repo: Repo) -> None:
    repo.write(
        "testing.yml",
        category(
            "Testing",
            ("pytest-asyncio", "https://github.com/pytest-dev/pytest-asyncio", "Runs coroutine tests under pytest."),
        ),
    )
    repo.commit()
    assert kinds(repo) == {"pytest-asyncio": "added"}


def test_an_entry_moved_to_another_category_counts_as_changed(repo: Repo) -> None:
    repo.write("http.yml", category("HTTP", AIOHTTP))
    repo.write("servers.yml", category("Servers", HTTPX, UVICORN))
    repo.commit()
    assert kinds(repo) == {"httpx": "changed"}


def test_removing_entries_or_files_selects_nothing(repo: Repo) -> None:
    repo.write("http.yml", category("HTTP", AIOHTTP))
    (repo.catalog / "servers.yml").unlink()
    repo.commit()
    assert kinds(repo) == {}


def test_comments_and_files_outside_the_catalog_select_nothing(repo: Repo) -> None:
    text = (repo.catalog / "http.yml").read_text()
    repo.write("http.yml", text.replace("entries:\n", "entries:\n  # kept in order of name\n"))
    (repo.root / "README.md").write_text("changed\n")
    repo.commit()
    assert kinds(repo) == {}


def test_a_renamed_category_file_marks_its_entries_changed(repo: Repo) -> None:
    repo.git("mv", "catalog/servers.yml", "catalog/asgi-servers.yml")
    repo.commit()
    assert kinds(repo) == {"uvicorn": "changed"}


def test_changes_on_the_base_branch_since_the_fork_are_not_the_pull_requests(repo: Repo) -> None:
    repo.write(
        "servers.yml",
        category(
            "Servers",
            ("Granian", "https://github.com/emmett-framework/granian", "Rust-powered server for ASGI and RSGI."),
            UVICORN,
        ),
    )
    repo.commit("the pull request")
    repo.git("switch", "-q", "main")
    repo.write(
        "http.yml",
        category(
            "HTTP",
            AIOHTTP,
            HTTPX,
            ("niquests", "https://github.com/jawah/niquests", "Drop-in successor with HTTP/2 and HTTP/3."),
        ),
    )
    repo.commit("someone else's merge")
    repo.git("switch", "-q", "pr")
    assert kinds(repo) == {"granian": "added"}


def test_an_unknown_base_says_to_fetch_history(repo: Repo) -> None:
    with pytest.raises(GitError, match="fetch-depth: 0"):
        changed_entries(repo.catalog, "0" * 40)


def test_command_prints_ids_and_writes_details(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write(
        "servers.yml",
        category(
            "Servers",
            ("Daphne", "https://github.com/django/daphne", "Server for ASGI and HTTP/2 from the Django project."),
            UVICORN,
        ),
    )
    repo.commit()
    monkeypatch.chdir(repo.root)
    out = repo.root / "reports" / "changes.json"
    assert awesome(["changed-entries", "--catalog", "catalog", "--base", "main", "--json", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "daphne\n"
    assert "added    catalog/servers.yml:5: 'Daphne'" in captured.err
    written = json.loads(out.read_text())
    assert written["unreadable"] == []
    [record] = written["changes"]
    assert record["id"] == "daphne" and record["kind"] == "added" and record["url"].endswith("/daphne")


def test_command_fails_clearly_outside_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "http.yml").write_text(textwrap.dedent(category("HTTP", AIOHTTP)))
    assert awesome(["changed-entries", "--catalog", str(catalog), "--base", "main"]) == 2
    assert "error: git rev-parse" in capsys.readouterr().err


def test_whitespace_and_quoting_only_changes_select_nothing(repo: Repo) -> None:
    text = (repo.catalog / "http.yml").read_text()
    reformatted = text.replace(f"description: {HTTPX[2]}", f'description: "{HTTPX[2]}"   ').replace("\n", "\n\n", 1)
    assert reformatted != text
    repo.write("http.yml", reformatted + "\n")
    repo.commit()
    assert kinds(repo) == {}


def test_a_yaml_error_in_the_pull_request_is_reported_not_taken_for_a_file_without_entries(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hypercorn = ("Hypercorn", "https://github.com/pgjones/hypercorn", "Server for ASGI with HTTP/2 and HTTP/3.")
    repo.write("servers.yml", category("Servers", hypercorn, UVICORN))
    broken = category("HTTP", AIOHTTP, HTTPX).replace("  - name: HTTPX", "  - name: [HTTPX")
    repo.write("http.yml", broken)
    repo.commit()
    found = diff_catalog(repo.catalog, "main")
    assert [c.id for c in found.changes] == ["hypercorn"]
    [problem] = found.unreadable
    assert problem.file == "catalog/http.yml" and problem.line > 1 and "YAML" in problem.message

    monkeypatch.chdir(repo.root)
    out = repo.root / "reports" / "changes.json"
    assert awesome(["changed-entries", "--catalog", "catalog", "--base", "main", "--json", str(out)]) == 0
    assert "unreadable catalog/http.yml:" in capsys.readouterr().err
    assert awesome(["pr-summary", "--changes", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "could not be read" in summary and "catalog/http.yml:" in summary
    assert "| [Hypercorn](https://github.com/pgjones/hypercorn) | added | not checked |" in summary


def test_names_and_urls_from_the_pull_request_cannot_break_the_selection_or_the_log(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name with a line break would otherwise start a workflow command (`::...`) in the job's log."""
    text = category("HTTP", AIOHTTP, HTTPX)
    text += '  - name: "Evil\\n::error::forged"\n    url: "https://[::1"\n    description: Anything at all here.\n'
    text += "  - name: Port\n    url: https://example.org:99999/x\n    description: Anything at all here.\n"
    repo.write("http.yml", text)
    repo.commit()
    monkeypatch.chdir(repo.root)
    assert awesome(["changed-entries", "--catalog", "catalog", "--base", "main"]) == 0
    captured = capsys.readouterr()
    assert captured.out.split() == ["evil-error-forged", "port"]
    assert not any(line.startswith("::") for line in (captured.out + captured.err).splitlines())


def test_a_file_that_is_not_utf8_is_reported_not_a_crash(repo: Repo) -> None:
    hypercorn = ("Hypercorn", "https://github.com/pgjones/hypercorn", "Server for ASGI with HTTP/2 and HTTP/3.")
    repo.write("servers.yml", category("Servers", hypercorn, UVICORN))
    (repo.catalog / "http.yml").write_bytes(category("HTTP", AIOHTTP, HTTPX).encode("utf-8") + b"# caf\xe9\n")
    repo.commit()
    found = diff_catalog(repo.catalog, "main")
    assert [c.id for c in found.changes] == ["hypercorn"]
    [problem] = found.unreadable
    assert problem.file == "catalog/http.yml" and "not UTF-8" in problem.message
