"""The catalog-health issue: one open issue while something is flagged, none when all is well."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tools.automation.health import Action, decide, issue_body, title_for
from tools.cli import main as awesome
from tools.results import RunReport


def report_json(*statuses: str, complete: bool = True) -> dict:
    entries = [{"id": f"e{i}", "name": f"E{i}", "status": s} for i, s in enumerate(statuses)]
    return {"checked_at": "2026-11-21T12:00:00Z", "complete": complete, "entries": entries}


def report(*statuses: str, complete: bool = True) -> RunReport:
    return RunReport.model_validate(report_json(*statuses, complete=complete))


def issue(number: int, created: str) -> dict:
    return {"number": number, "title": "Catalog health", "createdAt": created}


def verbs(actions: list[Action]) -> list[tuple[str, int | None]]:
    return [(a.verb, a.number) for a in actions]


def test_flagged_and_no_issue_creates_one() -> None:
    assert verbs(decide(report("ok", "dead"), [])) == [("create", None)]


def test_flagged_and_an_open_issue_edits_it() -> None:
    assert verbs(decide(report("stale"), [issue(7, "2026-11-14T06:20:00Z")])) == [("edit", 7)]


def test_several_open_issues_keep_the_newest_and_close_the_rest() -> None:
    issues = [issue(3, "2026-10-01T06:00:00Z"), issue(12, "2026-11-14T06:00:00Z"), issue(9, "2026-11-01T06:00:00Z")]
    actions = decide(report("archived"), issues)
    assert verbs(actions) == [("edit", 12), ("close", 9), ("close", 3)]
    assert all(a.comment == "Superseded by #12." for a in actions[1:])


def test_nothing_flagged_closes_every_open_issue() -> None:
    actions = decide(report("ok", "ok"), [issue(4, "2026-11-01T00:00:00Z"), issue(5, "2026-11-02T00:00:00Z")])
    assert verbs(actions) == [("close", 5), ("close", 4)]
    assert "Nothing is flagged" in (actions[0].comment or "")


def test_nothing_flagged_and_no_issue_does_nothing() -> None:
    assert decide(report("ok"), []) == []


def test_an_incomplete_run_never_closes_and_never_creates_on_its_own() -> None:
    assert verbs(decide(report("ok", complete=False), [issue(8, "2026-11-14T00:00:00Z")])) == [("edit", 8)]
    assert decide(report("ok", complete=False), []) == []


def test_unknown_counts_as_flagged_and_summary_only_reports_are_read() -> None:
    assert verbs(decide(report("unknown"), [])) == [("create", None)]
    summary_only = RunReport.model_validate({"complete": True, "summary": {"ok": 10, "moved": 2}, "entries": []})
    assert verbs(decide(summary_only, [])) == [("create", None)]
    assert title_for(summary_only) == "Catalog health: 2 entries need attention"


def test_closed_issues_in_the_list_are_ignored() -> None:
    closed = {"number": 2, "createdAt": "2026-11-20T00:00:00Z", "state": "CLOSED"}
    assert verbs(decide(report("dead"), [closed])) == [("create", None)]


def test_the_body_links_the_run_and_fits_githubs_limit() -> None:
    body = issue_body("# Report\n\n" + "| row |\n" * 20_000, "https://github.com/o/r/actions/runs/1", limit=65_536)
    assert len(body) <= 65_536
    assert "longer than an issue can hold" in body and body.rstrip().endswith("attached to the run.")
    assert body.count("| row |") < 20_000
    short = issue_body("# Report\n", None)
    assert short == "# Report\n"


@pytest.fixture
def fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `gh` on PATH that records each call (one JSON line) and copies --body-file's content."""
    log = tmp_path / "gh.log"
    script = tmp_path / "bin" / "gh"
    script.parent.mkdir()
    script.write_text(
        "#!/usr/bin/env python3\n"
        "import json, sys\n"
        "args = sys.argv[1:]\n"
        "body = open(args[args.index('--body-file') + 1]).read() if '--body-file' in args else None\n"
        f"open({str(log)!r}, 'a').write(json.dumps({{'args': args, 'body': body}}) + '\\n')\n"
        "sys.exit(3 if 'fail' in ' '.join(args) else 0)\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    return log


def run_health(tmp_path: Path, rep: RunReport, issues: list[dict], *extra: str) -> int:
    (tmp_path / "report.json").write_text(json.dumps(rep.to_json()))
    (tmp_path / "report.md").write_text("# Catalog health\n\n2 dead links.\n")
    (tmp_path / "open.json").write_text(json.dumps(issues))
    return awesome(
        [
            "health-issue",
            "--report-json",
            str(tmp_path / "report.json"),
            "--markdown",
            str(tmp_path / "report.md"),
            "--open-issues",
            str(tmp_path / "open.json"),
            *extra,
        ]
    )


def calls(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_apply_creates_the_label_then_the_issue_with_the_report_as_body(tmp_path: Path, fake_gh: Path) -> None:
    assert run_health(tmp_path, report("dead", "dead"), [], "--apply") == 0
    label, create = calls(fake_gh)
    assert label["args"][:3] == ["label", "create", "catalog-health"]
    assert create["args"][:2] == ["issue", "create"]
    assert create["args"][create["args"].index("--title") + 1] == "Catalog health: 2 entries need attention"
    assert create["args"][create["args"].index("--label") + 1] == "catalog-health"
    assert create["body"].startswith("# Catalog health\n\n2 dead links.\n")
    assert "https://github.com/o/r/actions/runs/42" in create["body"]


def test_apply_edits_the_newest_and_closes_the_rest(tmp_path: Path, fake_gh: Path) -> None:
    issues = [issue(3, "2026-10-01T00:00:00Z"), issue(12, "2026-11-14T00:00:00Z")]
    assert run_health(tmp_path, report("stale"), issues, "--apply") == 0
    edit, close = calls(fake_gh)
    assert edit["args"][:3] == ["issue", "edit", "12"] and "2 dead links." in edit["body"]
    assert close["args"] == ["issue", "close", "3", "--comment", "Superseded by #12."]


def test_without_apply_it_only_prints_the_plan(
    tmp_path: Path, fake_gh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_health(tmp_path, report("ok"), [issue(5, "2026-11-14T00:00:00Z")]) == 0
    assert capsys.readouterr().out == "close 5\n"
    assert calls(fake_gh) == []


def test_a_failing_gh_fails_the_step(tmp_path: Path, fake_gh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tools.automation.health.LABEL_DESCRIPTION", "fail")
    assert run_health(tmp_path, report("dead"), [], "--apply") == 3
    assert len(calls(fake_gh)) == 1  # stopped before creating the issue


def test_a_missing_report_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["health-issue", "--report-json", str(tmp_path / "nope.json"), "--markdown", "x", "--open-issues", "y"]
    assert awesome(argv) == 2
    assert "no such file" in capsys.readouterr().err
