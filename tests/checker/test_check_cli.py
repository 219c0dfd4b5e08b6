"""`awesome check` as a user runs it: files written, exit codes, --fail-on, no traceback, no token."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.checker.checkkit import write_entries
from tests.checker.hosts import Host, echo, hang, redirect, reset, respond, sequence, threaded

REPO = Path(__file__).resolve().parents[2]
TOKEN = "ghp_SECRET_token_that_must_never_leak_4242"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    """Work from tmp_path with no real GitHub, PyPI or Actions settings leaking in from the machine."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_API_URL", "http://github-api.invalid")
    monkeypatch.setenv("GITHUB_GRAPHQL_URL", "http://github-api.invalid/graphql")
    monkeypatch.setenv("PYPI_URL", "http://pypi.invalid")
    monkeypatch.setenv("AWESOME_CACHE_DIR", str(tmp_path / "cache"))
    yield monkeypatch


def check_args(*extra: str) -> list[str]:
    return [
        "check",
        "--catalog",
        "catalog",
        "--json",
        "out/health.json",
        "--markdown",
        "out/health.md",
        "--status",
        "catalog/status.json",
        "--timeout",
        "0.5",
        *extra,
    ]


def read_json(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def test_writes_json_markdown_and_status_and_exits_0_with_findings(env, awesome: Callable) -> None:
    web = Host("127.0.0.61", routes={"/ok": respond(200), "/old": redirect(301, "/new"), "/new": respond(200)})
    with threaded(web):
        write_entries(
            Path("catalog"),
            [
                {"name": "Fine", "url": web.url("/ok")},
                {"name": "Gone", "url": web.url("/gone")},
                {"name": "Old | <Name>", "url": web.url("/old")},
            ],
        )
        result = awesome(*check_args())
    assert result.code == 0, result.err
    report = read_json("out/health.json")
    assert report["summary"] == {"ok": 1, "stale": 0, "archived": 0, "moved": 1, "dead": 1, "unknown": 0}
    assert read_json("catalog/status.json")["entries"]["gone"]["status"] == "dead"
    text = Path("out/health.md").read_text(encoding="utf-8")
    assert "## Dead (1)" in text and "## Moved (1)" in text
    assert f"`url: {web.url('/new')}` in `catalog/things.yml:" in text
    assert "Old \\| &lt;Name&gt;" in text  # catalog text is escaped
    assert "dead" in result.out and "Traceback" not in result.err
    assert not list(Path("out").glob(".*.tmp"))  # atomic writes leave no temporary files behind


def test_fail_on_a_status_that_occurred_exits_1(env, awesome: Callable) -> None:
    web = Host("127.0.0.62", routes={"/ok": respond(200)})
    with threaded(web):
        write_entries(
            Path("catalog"), [{"name": "Fine", "url": web.url("/ok")}, {"name": "Gone", "url": web.url("/x")}]
        )
        assert awesome(*check_args("--fail-on", "dead")).code == 1
        assert awesome(*check_args("--fail-on", "archived,stale")).code == 0


def test_unknown_fail_on_status_is_a_usage_error(env, awesome: Callable) -> None:
    write_entries(Path("catalog"), [{"name": "Fine", "url": "http://x.invalid/"}])
    with pytest.raises(SystemExit) as exit_info:
        awesome(*check_args("--fail-on", "broken"))
    assert exit_info.value.code == 2


def test_bad_catalog_prints_problems_and_exits_2(env, awesome: Callable) -> None:
    Path("catalog").mkdir()
    Path("catalog/things.yml").write_text("title: Things\nentries: [{name: x}]\n", encoding="utf-8")
    result = awesome(*check_args())
    assert result.code == 2
    assert "catalog/things.yml:" in result.err and "Traceback" not in result.err
    assert not Path("out/health.json").exists()


def test_unexpected_error_is_one_line_and_exit_2(env, awesome: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    write_entries(Path("catalog"), [{"name": "Fine", "url": "http://x.invalid/"}])
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)

    async def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"internal failure with {TOKEN}")

    monkeypatch.setattr("tools.checker.run.check_catalog", explode)
    result = awesome(*check_args())
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "unexpected error" in result.err
    assert TOKEN not in result.err and "Traceback" not in result.err


def test_unknown_only_id_exits_2(env, awesome: Callable) -> None:
    write_entries(Path("catalog"), [{"name": "Fine", "url": "http://x.invalid/"}])
    result = awesome(*check_args("--only", "nope"))
    assert result.code == 2 and "nope" in result.err


def test_offline_catalog_ends_quickly_with_every_entry_unknown(env, awesome: Callable) -> None:
    write_entries(
        Path("catalog"),
        [
            {"name": "Lib", "url": "https://github.com/acme/lib", "pypi": "lib", "docs": "https://lib.invalid/docs/"},
            {"name": "Other", "url": "https://github.com/acme/other"},
            {"name": "Site", "url": "https://site.invalid/"},
            {"name": "Talk", "url": "https://www.youtube.com/watch?v=abc"},
        ],
    )
    env.setenv("YOUTUBE_OEMBED_URL", "http://youtube.invalid/oembed")
    result = awesome(*check_args())
    assert result.code == 0, result.err
    report = read_json("out/health.json")
    assert report["summary"]["unknown"] == 4 and report["complete"] is True
    for entry in report["entries"]:
        assert entry["reasons"] and all("name resolution failed" in r for r in entry["reasons"]), entry
    assert read_json("catalog/status.json")["history"] == {}  # an offline run builds no streaks


def test_token_never_appears_in_any_output(env, awesome: Callable, tmp_path: Path) -> None:
    env.setenv("GITHUB_TOKEN", TOKEN)
    env.setenv("GITHUB_ACTIONS", "true")
    env.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    everything_fails = sequence(echo(500), reset, echo(403), echo(401), echo(502), hang, echo(200))
    github = Host("127.0.0.63", default=everything_fails)
    pypi = Host("127.0.0.64", default=sequence(echo(500), echo(200), reset, echo(404)))
    web = Host("127.0.0.65", default=sequence(echo(500), reset, echo(302), echo(200)))
    with threaded(github, pypi, web):
        env.setenv("GITHUB_API_URL", github.url(""))
        env.setenv("GITHUB_GRAPHQL_URL", github.url("/graphql"))
        env.setenv("PYPI_URL", pypi.url(""))
        write_entries(
            Path("catalog"),
            [
                {
                    "name": f"Lib{i}",
                    "url": f"https://github.com/acme/lib{i}",
                    "pypi": f"lib{i}",
                    "docs": web.url(f"/{i}"),
                }
                for i in range(4)
            ],
        )
        first = awesome(*check_args("--timeout", "0.3"))
        env.delenv("GITHUB_TOKEN")
        env.setenv("GH_TOKEN", TOKEN)  # and through the REST path's other name
        second = awesome(*check_args("--timeout", "0.3"))
    assert github.requests, "the fake GitHub was never asked: the test proves nothing"
    assert any(TOKEN in str(r.headers) for r in github.requests)  # it was sent, and echoed back
    outputs = [first.out, first.err, second.out, second.err]
    outputs += [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()]
    leaks = [text[:200] for text in outputs if TOKEN in text]
    assert not leaks
    assert first.code == 0 and "::warning file=catalog/things.yml,line=" in first.out


# A loaded machine (a fresh clone's first run, several suites at once) can take many seconds to
# start Python and to unwind; the budgets are wall-clock and generous, and what is checked is not
# how fast it happens but that the process ends by itself with 130 and a partial report.
STARTUP_BUDGET = 60.0  # seconds until the checker is inside the hanging request
EXIT_BUDGET = 45.0  # seconds from Ctrl-C to exit; the hanging request alone would take 30


@pytest.mark.timeout(STARTUP_BUDGET + EXIT_BUDGET + 30)
def test_ctrl_c_writes_a_partial_report_and_exits_130(env, tmp_path: Path) -> None:
    web = Host("127.0.0.66", routes={"/ok": respond(200)}, default=hang)
    with threaded(web):
        write_entries(
            Path("catalog"), [{"name": "Fine", "url": web.url("/ok")}, {"name": "Slow", "url": web.url("/slow")}]
        )
        command = [sys.executable, "-m", "tools", *check_args("--timeout", "30")]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        started = time.monotonic()
        while web.hits("/slow") == 0 and process.poll() is None and time.monotonic() - started < STARTUP_BUDGET:
            time.sleep(0.05)
        if web.hits("/slow") == 0:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"the checker never reached the hanging link (exit {process.returncode}): {err[-2000:]}")
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=EXIT_BUDGET)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"still running {EXIT_BUDGET:g} s after Ctrl-C: {err[-2000:]}")
    assert process.returncode == 130, err
    assert "Traceback" not in err
    report = read_json("out/health.json")
    assert report["complete"] is False
    slow = next(e for e in report["entries"] if e["id"] == "slow")
    assert slow["reasons"] == ["not checked: the run was interrupted"]
