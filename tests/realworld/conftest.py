"""Fixtures the real-world tests share."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Work from tmp_path, with no GitHub, PyPI or Actions settings of the machine leaking in."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYPI_URL", "http://pypi.invalid")
    monkeypatch.setenv("AWESOME_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path
