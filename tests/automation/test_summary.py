"""The new-entries job summary: figures against the criteria, and nothing from the PR rendered raw."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tools.automation.summary import render_summary
from tools.cli import main as awesome
from tools.results import RunReport, StatusFile

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)


def change(entry_id: str, name: str, kind: str = "added", entry_kind: str = "library", **extra: object) -> dict:
    return {
        "id": entry_id,
        "name": name,
        "url": f"https://github.com/o/{entry_id}",
        "kind": kind,
        "category": "http",
        "file": "catalog/http.yml",
        "line": 5,
        "entry_kind": entry_kind,
        **extra,
    }


def record(entry_id: str, **figures: object) -> dict:
    base: dict[str, object] = {
        "id": entry_id,
        "name": entry_id.capitalize(),
        "status": "ok",
        "reasons": [],
        "moved_to": None,
        "stars": 1200,
        "last_commit": "2026-10-01T00:00:00Z",
        "latest_release": "2026-09-01T00:00:00Z",
        "archived": False,
        "contributors": 14,
        "license": "MIT",
    }
    return base | figures


def reported(*records: dict) -> RunReport:
    """The checker's report of these entries."""
    return RunReport.model_validate({"entries": list(records)})


def row(markdown: str, name: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| [{name}]"))


def test_a_healthy_project_meets_every_criterion() -> None:
    out = render_summary([change("fast", "Fast")], reported(record("fast")), now=NOW)
    line = row(out, "Fast")
    assert "| ok | 1,200 | 2026-10-01 | 2026-09-01 | ✅ 51 days ago | ✅ 14 | ✅ MIT | ✅ no |" in line
    assert "does not meet" not in out


def test_each_failed_criterion_is_marked_and_spelled_out_for_the_reviewer() -> None:
    stale = record(
        "old",
        last_commit="2024-01-01T00:00:00Z",
        latest_release=None,
        contributors=1,
        license=None,
        archived=True,
        status="archived",
    )
    out = render_summary([change("old", "Old")], reported(stale), now=NOW)
    line = row(out, "Old")
    assert "❌ 1055 days ago" in line and "❌ 1 |" in line and "❌ none found" in line and "❌ archived" in line
    assert "Old (catalog/http.yml:5) does not meet: activity within the last year" in out
    assert "more than one contributor" in out.split("does not meet:")[1]


def test_unknown_figures_are_shown_as_unknown_not_guessed() -> None:
    blank = record(
        "mystery",
        stars=None,
        last_commit=None,
        latest_release=None,
        contributors=None,
        license=None,
        archived=None,
        status="unknown",
        reasons=["GitHub rate limit reached"],
    )
    out = render_summary([change("mystery", "Mystery")], reported(blank), now=NOW)
    line = row(out, "Mystery")
    assert line.count("❓") == 4 and "❌" not in line and "| unknown |" in line
    assert "- Mystery: GitHub rate limit reached" in out


def test_contributors_and_licence_come_from_the_status_file_when_the_report_lacks_them() -> None:
    report = reported({k: v for k, v in record("x").items() if k not in ("contributors", "license")})
    status = StatusFile.model_validate(
        {"entries": {"x": {"id": "x", "name": "X", "status": "ok", "contributors": 7, "license": "Apache-2.0"}}}
    )
    line = row(render_summary([change("x", "X")], report, status, now=NOW), "X")
    assert "✅ 7" in line and "✅ Apache-2.0" in line


def test_pull_request_text_cannot_inject_markup() -> None:
    evil = change("evil", "<img src=x onerror=alert(1)> | `code` [link](javascript:alert(1))")
    out = render_summary([evil], reported(record("evil", reasons=["<script>alert(1)</script>"])), now=NOW)
    assert "<img" not in out and "<script>" not in out
    table_row = next(line for line in out.splitlines() if "onerror" in line)
    assert table_row.count(" | ") == 9  # the name's pipe did not add a column (10 cells)
    assert "\\[link\\]" in out


def test_a_moved_or_unreported_entry_is_called_out() -> None:
    moved = record("m", status="moved", moved_to="https://github.com/new/m")
    out = render_summary([change("m", "M"), change("gone", "Gone")], reported(moved), now=NOW)
    assert "M has moved to https://github.com/new/m" in out
    assert "not checked" in row(out, "Gone") and "Gone (catalog/http.yml:5): the checker did not report on it" in out


def test_talks_are_not_held_to_the_project_criteria() -> None:
    talk = record("t", stars=None, contributors=None, license=None, archived=None)
    out = render_summary([change("t", "T", entry_kind="talk")], reported(talk), now=NOW)
    assert "❌" not in row(out, "T") and "is a talk: the project criteria do not apply" in out


def test_renamed_entries_say_from_what() -> None:
    out = render_summary([change("new", "New", kind="renamed", previous_name="Old")], reported(record("new")), now=NOW)
    assert "| renamed from Old |" in row(out, "New")


def test_nothing_changed_says_so() -> None:
    assert "adds or changes no catalog entries" in render_summary([], None)


def test_command_without_a_report_marks_entries_not_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps([change("fast", "Fast")]))
    code = awesome(["pr-summary", "--changes", str(changes), "--report", str(tmp_path / "missing.json")])
    assert code == 0
    assert "| not checked |" in capsys.readouterr().out


def test_every_field_of_the_changes_file_is_escaped_and_odd_urls_do_not_crash() -> None:
    odd = change("odd", "Odd", kind="added | injected", url="https://[::1", line="7")
    out = render_summary([odd], reported(record("odd")), now=NOW)
    table_row = next(line for line in out.splitlines() if line.startswith("| Odd"))
    assert table_row.count(" | ") == 9 and "added \\| injected" in table_row


def test_unreadable_files_are_named_before_the_table() -> None:
    unreadable = [{"file": "catalog/http.yml", "line": 9, "message": "YAML syntax error: <b>bad</b>"}]
    out = render_summary([], None, unreadable=unreadable)
    assert "could not be read" in out and "catalog/http.yml:9: YAML syntax error: &lt;b&gt;bad&lt;/b&gt;" in out
    assert "adds or changes no catalog entries" not in out
