"""The token is masked wherever a server's text put it: reasons, links, notes, addresses used as keys."""

from __future__ import annotations

from datetime import UTC, datetime

from tools.checker.scrub import MASK, scrub
from tools.results import EntryResult, LinkCheck, RunReport, Status, StatusFile

TOKEN = "ghp_SECRET_4242"


def result(entry_id: str, **fields: object) -> EntryResult:
    return EntryResult.model_validate({"id": entry_id, "name": entry_id.title(), "status": "ok", **fields})


def test_every_place_the_token_appears_is_masked_and_the_rest_is_kept() -> None:
    leaky = result(
        "leaky",
        status="unknown",
        reasons=[f"GitHub said: bad credentials {TOKEN}"],
        links=[LinkCheck(url="https://docs.example.org/", status=Status.DEAD, reason=f"echoed {TOKEN}!")],
        notes=[f"note {TOKEN}"],
        stars=12,
        checked_at=datetime(2026, 11, 21, 12, tzinfo=UTC),
    )
    clean = result("clean", reasons=["fine"])
    status = StatusFile(
        entries={"leaky": leaky, "clean": clean},
        history={f"https://example.org/?t={TOKEN}": {"failures": 1, "first_failure": None, "last_ok": None}},
    )
    scrubbed = scrub(status, TOKEN)

    assert TOKEN not in scrubbed.to_json_bytes().decode() and TOKEN not in str(scrubbed.entries["leaky"].notes)
    masked = scrubbed.entries["leaky"]
    assert masked.reasons == [f"GitHub said: bad credentials {MASK}"]
    assert masked.links[0].reason == f"echoed {MASK}!" and masked.links[0].url == "https://docs.example.org/"
    assert masked.notes == [f"note {MASK}"] and masked.stars == 12 and masked.status is Status.UNKNOWN
    assert list(scrubbed.history) == [f"https://example.org/?t={MASK}"]
    assert scrubbed.entries["clean"] == clean
    assert TOKEN in leaky.reasons[0]  # the original is left as it was


def test_a_report_without_the_token_comes_back_unchanged() -> None:
    report = RunReport(entries=[result("a", reasons=["HTTP 404"]), result("b")], requests={"web": 2})
    assert scrub(report, TOKEN).to_json_bytes() == report.to_json_bytes()
    assert scrub(report, None) is report and scrub("text", "") == "text"
