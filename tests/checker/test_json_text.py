"""The report and status.json are written by pydantic's serializer: the same bytes as json.dumps(indent=2)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from tools.results import EntryResult, LinkCheck, RunReport, Status, StatusFile, TrendPoint
from tools.status import load_status, save_status

# Text a catalog may hold: accents, emoji, quotes, backslashes, control characters, a line separator.
AWKWARD = 'Ünïcode "quoted" \\ back\tslash\n</script> \x01 \x7f \u2028 😀'


def awkward_entry() -> EntryResult:
    return EntryResult(
        id="awkward",
        name=AWKWARD,
        category="web-frameworks",
        url="https://example.org/ü?q=1&r=2",
        status=Status.UNKNOWN,
        reasons=[AWKWARD, "HTTP 503: server error"],
        stars=10**17,
        last_commit=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        frameworks=["anyio", "asyncio"],
        links=[LinkCheck(url="https://docs.example.org/", status=Status.OK, http_status=200)],
        checked_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
        notes=["never in JSON"],
    )


def as_json_dumps_writes(data: object) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def test_report_text_is_what_json_dumps_wrote() -> None:
    report = RunReport(
        checked_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
        summary=RunReport.count([awkward_entry()]),
        requests={"web": 2},
        entries=[awkward_entry(), awkward_entry().model_copy(update={"id": "second", "links": []})],
    )
    text = report.to_json_bytes().decode("utf-8")
    assert text.encode("utf-8") == as_json_dumps_writes(report.to_json())
    assert "checked_at" not in json.loads(text)["entries"][0]  # status.json's alone
    assert "never in JSON" not in text


def test_status_file_is_what_json_dumps_wrote(tmp_path: Path) -> None:
    status = StatusFile(
        checked_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
        complete=True,
        entries={"awkward": awkward_entry()},
        history={"https://example.org/": {"failures": 2, "first_failure": "2026-11-14T12:00:00Z", "last_ok": None}},
        trends={"awkward": [TrendPoint(date=datetime(2026, 11, 16).date(), stars=5)]},
    )
    assert status.to_json_bytes() == as_json_dumps_writes(status.to_json())
    save_status(tmp_path / "status.json", status)
    assert (tmp_path / "status.json").read_bytes() == as_json_dumps_writes(status.to_json()) + b"\n"


def test_empty_files_keep_their_empty_brackets() -> None:
    assert StatusFile().to_json_bytes() == as_json_dumps_writes(StatusFile().to_json())
    assert RunReport().to_json_bytes() == as_json_dumps_writes(RunReport().to_json())


def test_files_of_many_entries_are_what_json_dumps_wrote(tmp_path: Path) -> None:
    """Long lists and dicts are written a batch at a time (tools.json_chunks): the bytes are the same."""
    many = [awkward_entry().model_copy(update={"id": f"e{n}", "stars": n}) for n in range(1234)]
    report = RunReport(checked_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC), entries=many, requests={"web": 1})
    assert report.to_json_bytes() == as_json_dumps_writes(report.to_json())
    status = StatusFile(
        checked_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
        entries={e.id: e for e in many},
        history={
            f"https://example.org/{n}": {"failures": n % 4, "first_failure": None, "last_ok": None} for n in range(777)
        },
        trends={e.id: [TrendPoint(date=datetime(2026, 11, 16).date(), stars=5)] for e in many[:501]},
    )
    save_status(tmp_path / "status.json", status)
    assert (tmp_path / "status.json").read_bytes() == as_json_dumps_writes(status.to_json()) + b"\n"


def test_a_status_file_reads_back_as_it_was_written_and_hand_edits_leniently(tmp_path: Path) -> None:
    status = StatusFile(
        checked_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
        complete=True,
        summary={Status.UNKNOWN: 1},
        entries={"awkward": awkward_entry()},
        history={"https://example.org/": {"failures": 2, "first_failure": "2026-11-14T12:00:00Z", "last_ok": None}},
        trends={"awkward": [TrendPoint(date=datetime(2026, 11, 16).date(), stars=5)]},
    )
    path = tmp_path / "status.json"
    save_status(path, status)
    loaded = load_status(path)
    assert loaded.to_json_bytes() == status.to_json_bytes() and loaded.entries["awkward"].name == AWKWARD
    # Values a person typed as text where a number belongs are still read, as before.
    edited = json.loads(path.read_text(encoding="utf-8"))
    edited["history"]["https://example.org/"]["failures"] = "3"
    edited["entries"]["awkward"]["links"][0]["http_status"] = "404"
    path.write_text(json.dumps(edited), encoding="utf-8")
    again = load_status(path)
    assert (
        again.history["https://example.org/"]["failures"] == 3 and again.entries["awkward"].links[0].http_status == 404
    )
