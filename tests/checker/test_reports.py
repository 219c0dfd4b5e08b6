"""The Markdown health report, GitHub Actions output and the terminal's plain progress lines."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tools.checker.report import actions, markdown
from tools.checker.report.terminal import TerminalProgress, print_summary
from tools.escaping import md, md_code
from tools.results import EntryResult, RunReport, StatusFile
from tools.workflow_commands import escape_data as workflow_data
from tools.workflow_commands import escape_property as workflow_property


def entry(name: str, status: str, reasons: list[str], **extra: Any) -> EntryResult:
    fields = {
        "id": name.lower(),
        "name": name,
        "category": "web-frameworks",
        "url": f"https://example.org/{name}",
        "status": status,
        "reasons": reasons,
        "moved_to": None,
        "links": [],
        "notes": [],
        "file": "catalog/web-frameworks.yml",
        "line": 12,
        **extra,
    }
    return EntryResult.model_validate(fields)


def report(*entries: EntryResult, complete: bool = True) -> RunReport:
    return RunReport.model_validate(
        {
            "checked_at": "2026-11-21T12:00:00Z",
            "complete": complete,
            "summary": RunReport.count(entries),
            "requests": {"github_graphql": 1, "github_rest": 0, "pypi": 2, "web": 3},
            "entries": list(entries),
        }
    )


def previous_run(**records: dict[str, Any]) -> StatusFile:
    """A status file of a run on 2026-11-14 with these records (by id: name and status)."""
    entries = {key: {"id": key, **record} for key, record in records.items()}
    return StatusFile.model_validate({"checked_at": "2026-11-14T12:00:00Z", "entries": entries})


def test_markdown_has_a_summary_table_and_a_section_per_flagged_status() -> None:
    text = markdown.render(
        report(
            entry("Ok", "ok", []),
            entry("Lib", "moved", ["GitHub answers as new/name"], moved_to="https://github.com/new/name"),
            entry("Gone", "dead", ["HTTP 404 (not found)"]),
            entry("Old", "stale", ["no commit on the default branch for 412 days"]),
        )
    )
    assert "| dead | 1 |" in text and "| ok | 1 |" in text and "| archived | 0 |" in text
    assert text.index("## Dead (1)") < text.index("## Moved (1)") < text.index("## Stale (1)")
    assert "## Archived" not in text
    assert "Suggested fix: `url: https://github.com/new/name` in `catalog/web-frameworks.yml:12`." in text
    assert "no commit on the default branch for 412 days" in text
    assert "first run" in text


def test_markdown_escapes_catalog_text() -> None:
    text = markdown.render(report(entry("a|b <script>alert(1)</script> [x](y)", "dead", ["weird | reason *bold*"])))
    assert "<script>" not in text
    assert "a\\|b &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(y\\)" in text
    assert "weird \\| reason \\*bold\\*" in text


def test_markdown_lists_what_changed_since_the_last_run() -> None:
    # A hand-edited status.json with a word that is no status is refused when loaded
    # (tests/realworld/test_status_file.py); a removed entry's name from it is data, escaped.
    previous = previous_run(
        lib={"name": "Lib", "status": "ok"},
        same={"name": "Same", "status": "ok"},
        removed={"name": "Removed", "status": "ok"},
        edited={"name": "Edited", "status": "ok"},
        hand_edited={"name": "<img src=x onerror=alert(1)>", "status": "ok"},
    )
    text = markdown.render(
        report(
            entry("Lib", "dead", ["HTTP 410 (gone)"]),
            entry("Same", "ok", []),
            entry("New", "ok", []),
            entry("Edited", "ok", []),
        ),
        previous,
    )
    changes = text[text.index("## Changes since the last run (2026-11-14)") :]
    assert "**Lib**: ok → dead" in changes
    assert "**New**: new in the catalog, ok" in changes
    assert "**Removed**: removed from the catalog" in changes
    assert "Same" not in changes
    assert "<img" not in changes and "&lt;img" in changes  # a hand-edited status.json is data too


def test_each_section_says_its_fix_once_and_unknowns_are_folded() -> None:
    text = markdown.render(
        report(
            entry("A", "unknown", ["GitHub unreachable"]),
            entry("B", "unknown", ["GitHub unreachable"]),
            entry("C", "dead", ["HTTP 404 (not found)"]),
        )
    )
    unknown = text[text.index("## Unknown (2)") :]
    assert unknown.count("Suggested fix:") == 1
    assert unknown.index("<details>") < unknown.index("**[A]") < unknown.index("</details>")
    dead = text[text.index("## Dead (1)") : text.index("## Unknown")]
    assert "Suggested fix: remove the entry" in dead and "<details>" not in dead


def test_entries_left_out_by_only_are_not_reported_as_removed() -> None:
    previous = previous_run(lib={"name": "Lib", "status": "ok"}, other={"name": "Other", "status": "ok"})
    text = markdown.render(report(entry("Lib", "ok", [])), previous, catalog_ids={"lib", "other"})
    changes = text[text.index("## Changes since the last run") :]
    assert "Other" not in changes
    assert "Nothing changed." in changes


def test_markdown_reports_broken_docs_links_notes_and_incomplete_runs() -> None:
    link = {
        "url": "https://docs.example/",
        "status": "moved",
        "http_status": 200,
        "moved_to": "https://new-docs.example/",
        "reason": "moved permanently to https://new-docs.example/",
    }
    text = markdown.render(
        report(entry("Lib", "ok", [], links=[link], notes=["latest release 1.2.3 is yanked"]), complete=False)
    )
    assert "did not finish" in text
    assert "`docs: https://new-docs.example/`" in text
    assert "latest release 1\\.2\\.3 is yanked" in text


def test_actions_annotations_point_at_file_and_line_and_are_escaped(tmp_path: Path) -> None:
    flagged = entry("Odd, name: 100%", "dead", ["line one\nline two"])
    lines = actions.annotations(report(entry("Fine", "ok", []), flagged))
    assert lines == [
        "::warning file=catalog/web-frameworks.yml,line=12,title=Odd%2C name%3A 100%25 is dead"
        "::Odd, name: 100%25 is dead: line one%0Aline two"
    ]
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    out = io.StringIO()
    actions.publish(report(flagged), "# Catalog health", out, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8") == "earlier step\n# Catalog health\n"
    assert out.getvalue().startswith("::warning ")


def test_actions_annotations_put_what_to_act_on_first() -> None:
    """GitHub shows a step's first 10 warnings: a dead entry must not be the 13th, behind unknowns."""
    unknowns = [entry(f"Offline{i}", "unknown", ["name resolution failed"]) for i in range(12)]
    lines = actions.annotations(report(*unknowns, entry("Stale", "stale", ["old"]), entry("Gone", "dead", ["404"])))
    assert [line.split("title=")[1].split("::")[0] for line in lines[:3]] == [
        "Gone is dead",
        "Stale is stale",
        "Offline0 is unknown",
    ]
    assert len(lines) == 14


def test_actions_only_under_github_actions() -> None:
    assert actions.enabled({"GITHUB_ACTIONS": "true"}) and not actions.enabled({})


def test_escaping_helpers() -> None:
    assert md("a\nb") == "a b"
    assert md_code("plain") == "`plain`" and md_code("a`b") == "`` a`b ``"
    # A Location's query keeps backticks: two in a row must not close the span and let a link out.
    assert md_code("http://x/?q=``[click](http://evil)``") == "``` http://x/?q=``[click](http://evil)`` ```"
    assert workflow_data("50%\r\n") == "50%25%0D%0A"
    assert workflow_property("a:b,c") == "a%3Ab%2Cc"


def test_plain_progress_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, interval=0)
    progress.start(3)
    for _ in range(3):
        progress.advance()
    progress.stop()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "checked 0/3" and lines[-1] == "checked 3/3"
    assert "\x1b[" not in stream.getvalue()  # no bar, no escape codes in CI logs


def test_summary_table_lists_every_status() -> None:
    stream = io.StringIO()
    print_summary(report(entry("Gone", "dead", ["x"]), complete=False), stream)
    text = stream.getvalue()
    assert "incomplete" in text and all(s in text for s in ("ok", "stale", "archived", "moved", "dead", "unknown"))
    assert "web 3" in text
