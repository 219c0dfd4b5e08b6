"""Issue 9, item 6: a run that learned nothing is not news.

Every service the checker asks is down (refused connections, names that do not resolve), as on a
runner with a broken network. Each case cites where the behaviour comes from.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.automation import test_health
from tests.automation.test_health import calls
from tests.checker.checkkit import write_entries
from tests.checker.hosts import Host, respond, threaded
from tools.automation.health import issue_body
from tools.checker.report.markdown import render
from tools.results import EntryResult, RunReport, StatusFile

fake_gh = test_health.fake_gh  # the fixture: a `gh` on PATH that logs its calls
ISSUE_BODY_LIMIT = 65_536  # GitHub refuses longer issue bodies ("body is too long (maximum is 65536 characters)")


def closed_port(host: str) -> str:
    """`http://HOST:PORT` where nothing listens: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port = sock.getsockname()[1]
    return f"http://{host}:{port}"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Work from tmp_path with GitHub, PyPI and every web host of the catalog unreachable."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    github = closed_port("127.0.0.171")
    monkeypatch.setenv("GITHUB_API_URL", github)
    monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"{github}/graphql")
    monkeypatch.setenv("PYPI_URL", closed_port("127.0.0.172"))
    monkeypatch.setenv("YOUTUBE_OEMBED_URL", "http://youtube.invalid/oembed")
    monkeypatch.setenv("AWESOME_CACHE_DIR", str(tmp_path / "cache"))
    entries = [{"name": f"Lib{i}", "url": f"https://github.com/acme/lib{i}", "pypi": f"lib{i}"} for i in range(6)]
    entries += [{"name": f"Site{i}", "url": closed_port(f"127.0.0.{173 + i}") + "/"} for i in range(3)]
    entries += [{"name": "Docs", "url": "https://github.com/acme/docs", "docs": "https://docs.invalid/"}]
    write_entries(tmp_path / "catalog", entries)
    return tmp_path


def check(awesome: Callable, run: int) -> dict:
    result = awesome(
        "check", "--catalog", "catalog", "--json", f"run{run}.json", "--markdown", f"run{run}.md", "--timeout", "0.5"
    )
    assert result.code == 0, result.err
    return json.loads(Path(f"run{run}.json").read_text(encoding="utf-8"))


def health(tmp_path: Path, run: int, awesome: Callable, issues: list[dict]) -> tuple[int, str]:
    (tmp_path / "open.json").write_text(json.dumps(issues), encoding="utf-8")
    result = awesome(
        "health-issue",
        "--report-json",
        f"run{run}.json",
        "--markdown",
        f"run{run}.md",
        "--open-issues",
        "open.json",
        "--apply",
    )
    return result.code, result.err


def test_four_runs_within_minutes_against_an_unreachable_world_call_nothing_dead_and_touch_no_issue(
    offline: Path, awesome: Callable, fake_gh: Path
) -> None:
    """Issue 9: a runner outage made 162 entries `unknown` and `health-issue` create an issue about all of them."""
    for run in range(1, 5):
        report = check(awesome, run)
        assert report["summary"]["dead"] == 0 and report["summary"]["unknown"] == 10
        code, err = health(offline, run, awesome, [])
        assert code == 1 and "could not reach github, pypi, web" in err
        code, err = health(offline, run, awesome, [{"number": 7, "createdAt": "2026-11-14T00:00:00Z"}])
        assert code == 1 and "health issue is left as it is" in err
    assert calls(fake_gh) == []  # no issue created, edited or closed
    status = json.loads((offline / "catalog" / "status.json").read_text(encoding="utf-8"))
    assert {e["status"] for e in status["entries"].values()} == {"unknown"}


def test_the_report_says_which_source_could_not_be_reached_and_why(offline: Path, awesome: Callable) -> None:
    """DESIGN.md: the report says, per source (GitHub, PyPI, the web), whether it could be reached and why not."""
    sources = check(awesome, 1)["sources"]
    assert set(sources) == {"github", "pypi", "web"}
    assert all(s["reachable"] is False for s in sources.values())
    assert (sources["github"]["asked"], sources["pypi"]["asked"], sources["web"]["asked"]) == (7, 6, 4)
    assert all("could not connect" in sources[name]["reason"] for name in ("github", "pypi"))
    markdown = Path("run1.md").read_text(encoding="utf-8")
    assert "**This run could not reach GitHub" in markdown


def test_a_world_that_answers_is_reachable_and_its_issue_is_updated(
    offline: Path, awesome: Callable, fake_gh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal is for outages only: one site down among answering ones is news (a dead link)."""
    web = Host("127.0.0.181", routes={"/": respond(200)})
    with threaded(web):
        write_entries(
            offline / "catalog",
            [{"name": "Up", "url": web.url("/")}, {"name": "Gone", "url": web.url("/gone")}],
        )
        report = check(awesome, 1)
    assert report["sources"]["web"] == {"asked": 2, "reachable": True, "reason": None}
    assert report["sources"]["github"] == {"asked": 0, "reachable": None, "reason": None}
    code, _err = health(offline, 1, awesome, [])
    assert code == 0 and [c["args"][:2] for c in calls(fake_gh)] == [["label", "create"], ["issue", "create"]]


def unknown_entry(i: int, reason: str) -> EntryResult:
    return EntryResult(
        id=f"entry-{i}",
        name=f"Entry number {i} with a long name",
        category="libraries",
        url=f"https://example.org/projects/{i}/",
        status="unknown",
        reasons=[reason],
        file="catalog/libraries.yml",
        line=10 + 7 * i,
    )


def test_a_shared_reason_is_one_line() -> None:
    """Issue 9: 162 entries each repeating "GitHub unreachable" made a 73,801-character report."""
    entries = [unknown_entry(i, "GitHub unreachable: connection refused") for i in range(162)]
    text = render(RunReport(checked_at="2026-11-21T12:00:00Z", summary=RunReport.count(entries), entries=entries))
    assert text.count("GitHub unreachable: connection refused") == 1
    assert "162 entries: **[Entry number 0" in text
    assert len(text) < 30_000


@pytest.mark.parametrize("size", [200, 5_000])
def test_the_report_fits_an_issue_however_large_the_catalog(size: int) -> None:
    """GitHub refuses issue bodies over 65,536 characters; the summary and the changes must survive."""
    entries = [unknown_entry(i, f"HTTP 503 from mirror {i}: server error") for i in range(size)]
    entries += [
        unknown_entry(size + i, "moved").model_copy(update={"moved_to": f"https://n.example/{i}"}) for i in range(size)
    ]
    previous = StatusFile.model_validate(
        {
            "checked_at": "2026-11-14T12:00:00Z",
            "entries": {e.id: {"id": e.id, "name": e.name, "status": "ok"} for e in entries},
        }
    )
    report = RunReport(checked_at="2026-11-21T12:00:00Z", summary=RunReport.count(entries), entries=entries)
    text = render(report, previous)
    body = issue_body(text, "https://github.com/o/r/actions/runs/1")
    assert len(body) <= ISSUE_BODY_LIMIT
    assert "longer than an issue can hold" not in body  # the report fitted by itself, nothing was cut
    assert f"| unknown | {2 * size} |" in text
    assert "## Changes since the last run (2026-11-14)" in text and "ok → unknown" in text
    if size > 1000:
        assert "the JSON report has every entry" in text


def test_file_and_line_link_to_the_checked_commit_under_actions(
    offline: Path, awesome: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub Actions sets GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA; blob URLs take #L<line>."""
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/awesome")
    monkeypatch.setenv("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
    check(awesome, 1)
    markdown = Path("run1.md").read_text(encoding="utf-8")
    link = "(https://github.com/acme/awesome/blob/0123456789abcdef0123456789abcdef01234567/catalog/things.yml#L"
    assert f"[`catalog/things.yml:4`]{link}4)" in markdown
