"""Issue 11's compatibility facts: from PyPI's classifiers and `requires_python` to the report,
status.json and catalog.json; unknown stays null, never guessed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.checker.checkkit import catalog_of, github_stub, pypi_stub, settings
from tests.checker.hosts import Host, respond
from tests.fakes.pypi import FakePyPI
from tools.checker.http import HttpClient
from tools.checker.pypi import fetch_projects
from tools.checker.run import check_catalog
from tools.checker.settings import Settings
from tools.paths import REPO_ROOT
from tools.site.feeds import catalog_json
from tools.site.sources import SiteData

RECORDED = REPO_ROOT.parent / "shared" / "recorded-api" / "responses.json"  # real PyPI documents, with sources


async def facts_from(pypi_url: str, names: list[str]):
    config = Settings(pypi_url=pypi_url, timeout=5, retries=0)
    async with HttpClient(config) as http:
        return await fetch_projects(names, http, config)


async def test_frameworks_versions_and_requires_python_from_the_classifiers(fake_pypi: FakePyPI) -> None:
    classifiers = [
        "Framework :: Trio",
        "Framework :: AsyncIO",
        "Framework :: AnyIO",
        "Framework :: Django",  # a framework, but not an async library's
        "Programming Language :: Python :: 3.13",
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: Implementation :: PyPy",
    ]
    fake_pypi.add("anything", classifiers=classifiers).release("1.0", "2026-01-01T00:00:00Z")
    facts = (await facts_from(fake_pypi.url, ["anything"]))["anything"]
    assert facts.frameworks == ["anyio", "asyncio", "trio"]
    assert facts.python_versions == ["3.9", "3.10", "3.13"]  # in version order, not string order
    assert facts.requires_python == ">=3.9"


async def test_no_classifiers_is_an_empty_list_and_no_answer_is_null(fake_pypi: FakePyPI) -> None:
    fake_pypi.add("plain", classifiers=[]).release("1.0", "2026-01-01T00:00:00Z")
    facts = await facts_from(fake_pypi.url, ["plain", "missing"])
    assert (facts["plain"].frameworks, facts["plain"].python_versions) == ([], [])
    assert (facts["missing"].frameworks, facts["missing"].python_versions, facts["missing"].requires_python) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("name", "frameworks", "versions", "requires"),
    [
        # dependabot-core's recording of luigi: no requires_python at all.
        ("luigi", [], ["3.7", "3.8", "3.9", "3.10", "3.11", "3.12"], None),
        # poetry's recording of black 21.11b0: "3 :: Only" is no version.
        ("black", [], ["3.6", "3.7", "3.8", "3.9", "3.10"], ">=3.6.2"),
        # poetry's recording of ipython 4.1.0rc1: an empty requires_python, and IPython is no async framework.
        ("ipython", [], [], None),
        # dependabot-core's recording (celery): a specifier PyPI kept with its trailing comma.
        ("celery", [], ["3.5", "3.6", "3.7", "3.8"], ">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*,"),
    ],
)
async def test_real_pypi_documents(name: str, frameworks: list[str], versions: list[str], requires: str | None) -> None:
    """The JSON PyPI really sent (recorded by other projects' suites, ../shared/recorded-api), served on loopback."""
    if not RECORDED.is_file():
        pytest.fail(f"{RECORDED} is missing: the project's shared/ folder must sit beside the repository")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))["pypi"][name]
    body = recorded["body"].encode() if isinstance(recorded["body"], str) else json.dumps(recorded["body"]).encode()
    async with Host(
        "127.0.0.141", routes={f"/pypi/{name}/json": respond(200, {"Content-Type": "application/json"}, body)}
    ) as pypi:
        facts = (await facts_from(pypi.url(""), [name]))[name]
    assert facts.error is None, facts.error
    assert (facts.frameworks, facts.python_versions, facts.requires_python) == (frameworks, versions, requires)


async def test_the_facts_reach_the_report_status_json_and_catalog_json(tmp_path: Path) -> None:
    catalog = catalog_of(
        tmp_path / "catalog",
        [
            {"name": "Lib", "url": "https://github.com/acme/lib", "pypi": "lib"},
            {"name": "Bare", "url": "https://github.com/acme/bare"},
        ],
    )
    compat = {"frameworks": ["anyio", "trio"], "python_versions": ["3.12", "3.13"], "requires_python": ">=3.12"}
    outcome = await check_catalog(
        catalog,
        settings(),
        fetch_repositories=github_stub({"acme/lib": {"stars": 1}, "acme/bare": {"stars": 2}}),
        fetch_projects=pypi_stub({"lib": compat}),
    )
    bare, lib = outcome.report["entries"]  # in catalog order
    assert {key: lib[key] for key in compat} == compat
    assert (bare["frameworks"], bare["python_versions"], bare["requires_python"]) == (None, None, None)
    assert {key: outcome.status["entries"]["lib"][key] for key in compat} == compat
    data = SiteData(catalog, outcome.status_file, datetime(2026, 11, 30, tzinfo=UTC))
    published = {e["id"]: e for e in json.loads(catalog_json(data))["entries"]}
    assert {key: published["lib"][key] for key in compat} == compat
    assert published["bare"]["frameworks"] is None and published["bare"]["python_versions"] is None
