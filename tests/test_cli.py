"""The commands as a user runs them: console script, `python -m tools.lint_readme`, and its offline set-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import lint_readme
from tools.paths import REPO_ROOT

AWESOME = Path(sys.executable).parent / "awesome"


def run(*command: str | Path, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_console_script_validate_reports_and_exits_1_without_traceback(write_catalog, tmp_path):
    write_catalog(
        {
            "web.yml": "title: Web\ndescription: Things.\nentries:\n  - name: 12\n    url: data:text/html,hi\n",
            "bomb.yml": "a: &a [x, x]\nb: [*a, *a]\n",
        }
    )
    assert AWESOME.is_file(), "the console script is installed by `make install`"
    result = run(AWESOME, "validate", "--catalog", "catalog", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "catalog/bomb.yml:2: YAML aliases (*name) are not allowed; write the value out",
        "catalog/web.yml:4: entry 1: 'name' must be text, not a number",
        "catalog/web.yml:4: entry 1: missing required key 'description'",
        "catalog/web.yml:5: entry 1: 'url' must be a web address (https://...), not 'data:'",
    ]


def test_readme_check_through_the_console_script(write_catalog, tmp_path):
    catalog = write_catalog({"web.yml": "title: Web\ndescription: Things.\nentries: []\n"})
    (tmp_path / "README.md").write_text("# Hand-written\n", encoding="utf-8")
    stale = run(AWESOME, "readme", "--check", "--catalog", catalog, "--output", "README.md", cwd=tmp_path)
    assert (stale.returncode, stale.stderr.strip()) == (1, "README.md is out of date: run `awesome readme`")
    assert run(AWESOME, "readme", "--catalog", catalog, "--output", "README.md", cwd=tmp_path).returncode == 0
    fresh = run(AWESOME, "readme", "--check", "--catalog", catalog, "--output", "README.md", cwd=tmp_path)
    assert (fresh.returncode, fresh.stdout.strip()) == (0, "README.md is up to date")


def test_lint_module_passes_a_generated_readme_and_says_so(write_catalog, tmp_path):
    catalog = write_catalog(
        {
            "web.yml": (
                "title: Web\ndescription: Things.\nentries:\n"
                "  - name: Alpha\n    url: https://example.org/alpha\n    description: Good description here.\n"
            )
        }
    )
    assert run(AWESOME, "readme", "--catalog", catalog, "--output", "README.md", cwd=tmp_path).returncode == 0
    (tmp_path / "CONTRIBUTING.md").write_text("# Contributing\n\nOpen a pull request.\n", encoding="utf-8")
    result = run(sys.executable, "-m", "tools.lint_readme", tmp_path / "README.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("README.md passes")


def test_lint_module_prints_findings_and_exits_1(tmp_path):
    (tmp_path / "README.md").write_text("# awesome stuff\n\n- [a](https://example.org) - lowercase\n", encoding="utf-8")
    result = run(sys.executable, "-m", "tools.lint_readme", tmp_path / "README.md")
    assert result.returncode == 1
    assert "Missing Awesome badge" in result.stdout
    assert "Main heading must be in title case" in result.stdout
    assert result.stdout.strip().endswith("fails")


def test_lint_module_on_a_missing_file(tmp_path, capsys):
    assert lint_readme.main([str(tmp_path / "nope.md")]) == 2
    assert "nope.md: no such file" in capsys.readouterr().err


def test_lint_without_awesome_lint_installed_says_how_to_get_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(lint_readme, "AWESOME_LINT", tmp_path / "node_modules" / "awesome-lint" / "cli.js")
    (tmp_path / "README.md").write_text("# Awesome X\n", encoding="utf-8")
    assert lint_readme.main([str(tmp_path / "README.md")]) == 2
    assert "awesome-lint is not installed" in capsys.readouterr().err
    with pytest.raises(FileNotFoundError, match=r"run `make test` \(or `npm ci`\)"):
        lint_readme.run(tmp_path / "README.md")


def test_lint_copy_is_a_repository_whose_branch_tracks_a_github_remote(tmp_path):
    source = tmp_path / "source"
    (source / ".github").mkdir(parents=True)
    (source / "README.md").write_text("# Awesome X\n", encoding="utf-8")
    (source / "LICENSE").write_text("MIT License\n", encoding="utf-8")
    (source / ".github" / "CONTRIBUTING.md").write_text("# Contributing\n", encoding="utf-8")
    (source / "notes.txt").write_text("not copied\n", encoding="utf-8")
    copy = tmp_path / "copy"
    copy.mkdir()
    lint_readme.prepare(source / "README.md", copy)

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=copy, capture_output=True, text=True, check=True).stdout.strip()

    branch = git("branch", "--show-current")
    assert git("config", "--get", f"branch.{branch}.remote") == "origin"
    assert git("remote", "get-url", "--push", "origin") == lint_readme.DEFAULT_REMOTE
    assert sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if ".git" not in p.parts and p.is_file()) == [
        ".github/CONTRIBUTING.md",
        ".offline.mjs",
        "LICENSE",
        "README.md",
    ]
    assert not (source / ".git").exists()


def test_offline_preload_fails_fetch_at_once_instead_of_reaching_github(tmp_path):
    preload = tmp_path / "offline.mjs"
    preload.write_text(lint_readme.OFFLINE_FETCH, encoding="utf-8")
    probe = "fetch('https://api.github.com/repos/x/y').then(() => console.log('reached'), e => console.log(e.message))"
    result = subprocess.run(
        ["node", "--import", preload.as_uri(), "-e", probe], capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == "awesome-lint runs offline: no network requests"


def test_real_repository_git_config_is_untouched_by_a_lint_run():
    config = REPO_ROOT / ".git" / "config"
    before = config.read_bytes() if config.exists() else None
    lint_readme.run(REPO_ROOT / "README.md")
    assert (config.read_bytes() if config.exists() else None) == before


# One exit-code policy (tools/errors.py), applied by tools/cli.py to every command


def test_every_command_reports_a_broken_catalog_the_same_way(write_catalog, awesome) -> None:
    write_catalog({"web.yml": "title: Web\n"})
    for argv in (["check"], ["readme", "--output", "README.md"], ["add", "https://example.org/", "--category", "web"]):
        result = awesome(*argv, "--catalog", "catalog")
        assert result.code == 2, argv
        assert "catalog/web.yml:1: missing required key 'description'" in result.err, argv
        assert result.err.rstrip().splitlines()[-1].startswith("error: "), argv
        assert "Traceback" not in result.err


def test_an_unexpected_error_in_any_command_is_one_line_without_the_token(
    write_catalog, awesome, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalog({"web.yml": "title: Web\ndescription: Things.\nentries: []\n"})
    token = "ghp_secret0123456789"
    monkeypatch.setenv("GH_TOKEN", token)

    def explode(*args: object) -> None:
        raise RuntimeError(f"bad thing with {token}\nsecond line")

    monkeypatch.setattr("tools.readme.render", explode)
    result = awesome("readme", "--catalog", "catalog", "--output", "README.md")
    assert result.code == 2
    assert result.err.strip() == (
        "awesome readme: unexpected error (RuntimeError: bad thing with ***); "
        "run it again, and report the problem if it persists"
    )


def test_the_configuration_never_shows_the_token() -> None:
    from tools.checker.settings import Settings
    from tools.config import Config

    env = {"GH_TOKEN": "ghp_secret0123456789", "PYPI_URL": "http://127.0.0.1:9"}
    config = Config.from_env(env)
    settings = Settings.from_env(env, timeout=3.0, concurrency=None)
    assert config.github_token == settings.github_token == "ghp_secret0123456789"
    assert (settings.pypi_url, settings.timeout, settings.concurrency) == ("http://127.0.0.1:9", 3.0, 64)
    assert "ghp_secret" not in repr(config) + repr(settings)


# Commands as a contributor meets them: --version, help, --only, progress


def test_version_is_the_installed_packages() -> None:
    from importlib.metadata import version

    result = run(AWESOME, "--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"awesome {version('awesome-asyncio')}")


def test_help_lists_the_contributors_commands_apart_from_the_workflows() -> None:
    text = run(AWESOME, "--help").stdout
    contributors, workflows = text.split("commands the GitHub workflows call:")
    for command in ("validate", "add", "readme", "check", "import", "schema"):
        assert f"    {command} " in contributors and f"  {command} " not in workflows
    for command in ("annotate-validate", "changed-entries", "pr-summary", "health-issue", "issue-form"):
        assert command not in contributors and f"  {command} " in workflows


def test_check_help_shows_defaults_and_the_environment_it_reads() -> None:
    text = " ".join(run(AWESOME, "check", "--help").stdout.split())
    for default in ("(default: 64)", "(default: 4)", "(default: 10)", "(default: 365)", "(default: 600)"):
        assert default in text
    for variable in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL", "GITHUB_GRAPHQL_URL", "PYPI_URL"):
        assert variable in text
    assert "default https://api.github.com/graphql" in text


THINGS = """\
title: Things
description: Things for testing the command.
entries:
  - name: Alpha Lib
    url: https://github.com/acme/alpha
    description: A thing that the checker looks at in a test.
    pypi: alpha
    docs: http://shared.invalid/docs/
  - name: Beta
    url: http://beta.invalid/
    description: A thing that the checker looks at in a test.
    docs: http://shared.invalid/docs/
  - name: FastThing
    url: http://fast.invalid/
    description: A thing that the checker looks at in a test.
"""


def test_only_takes_names_in_any_case_as_well_as_ids(write_catalog, awesome, services) -> None:
    write_catalog({"things.yml": THINGS})
    result = awesome(
        "check", "--catalog", "catalog", "--json", "out.json", "--only", "FASTTHING", "--only", "alpha-lib"
    )
    assert result.code == 0, result.err
    report = json.loads(Path("out.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in report["entries"]] == ["alpha-lib", "fastthing"]
    unknown = awesome("check", "--catalog", "catalog", "--only", "Gamma")
    assert unknown.code == 2 and "no entry with the id or name 'Gamma'" in unknown.err


def test_progress_counts_entries_not_requests(write_catalog, awesome, services) -> None:
    """Three entries ask GitHub, PyPI and three distinct links: five parts, but three entries."""
    write_catalog({"things.yml": THINGS})
    result = awesome("check", "--catalog", "catalog", "--timeout", "0.5")
    assert result.code == 0, result.err
    progress = [line for line in result.err.splitlines() if line.startswith("checked ")]
    assert progress[0] == "checked 0/3" and progress[-1] == "checked 3/3"


def test_the_status_file_defaults_to_the_checked_catalogs(write_catalog, awesome, services) -> None:
    """DESIGN.md: `--status` defaults to status.json inside the catalog folder it checks, not the repository's."""
    from tools.paths import STATUS_FILE

    before = STATUS_FILE.read_bytes() if STATUS_FILE.exists() else None
    catalog = write_catalog({"things.yml": THINGS})
    assert awesome("check", "--catalog", "catalog", "--only", "beta", "--timeout", "0.5").code == 0
    assert (catalog / "status.json").is_file()
    assert (STATUS_FILE.read_bytes() if STATUS_FILE.exists() else None) == before


def test_add_offers_exactly_the_catalogs_kinds() -> None:
    from tools.catalog import KINDS
    from tools.cli import KIND_CHOICES

    assert KIND_CHOICES == KINDS
