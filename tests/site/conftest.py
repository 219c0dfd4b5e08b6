"""Sites built once per session from the fixture catalog in sitekit.py (a strict build each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.sitekit import build_site, make_feature_site, make_fixture_site
from tools.paths import CATALOG_DIR, REPO_ROOT


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalog with a status.json: every kind of figure and status."""
    return make_fixture_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def unchecked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same catalog before the checker ever ran (no status.json), with an absolute site_url."""
    return make_fixture_site(
        tmp_path_factory.mktemp("unchecked"), with_status=False, site_url="https://aa.example.org/sub/"
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own catalog and CONTRIBUTING.md, before any check (no status.json)."""
    root = tmp_path_factory.mktemp("real")
    return build_site(root / "public", CATALOG_DIR, None, REPO_ROOT / "CONTRIBUTING.md")


@pytest.fixture(scope="session")
def feature_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Retired entries, compatibility facts, trends and a long category (sitekit.FEATURES), in a repository."""
    return make_feature_site(tmp_path_factory.mktemp("features"), repository="example/awesome-asyncio")
