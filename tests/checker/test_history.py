"""status.json's memory: failure streaks per URL and the last known figures."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from tools.checker.facts import LinkResult
from tools.checker.history import escalate as escalate_at
from tools.checker.history import merge_figures, offline, update_history
from tools.results import EntryResult, LinkHistory, StatusFile

A, B = "https://a.example/", "https://b.example/"
# Fifteen days after the streaks below began: past the 14-day span (tests/realworld has the span's own tests).
escalate = partial(escalate_at, now=datetime(2026, 11, 16, tzinfo=UTC), dead_after_days=14)


def refused(url: str) -> LinkResult:
    return LinkResult(url, "unknown", reason="could not connect: refused", connect_failure=True)


def test_streak_grows_on_each_failed_run_and_records_its_start() -> None:
    ok_b = {B: LinkResult(B, "ok", 200)}
    first = update_history({}, {A: refused(A), **ok_b}, {A, B}, "2026-11-01T00:00:00Z")
    second = update_history(first, {A: refused(A), **ok_b}, {A, B}, "2026-11-08T00:00:00Z")
    assert second[A] == {"failures": 2, "first_failure": "2026-11-01T00:00:00Z", "last_ok": None}
    assert second[B]["failures"] == 0 and second[B]["last_ok"] == "2026-11-08T00:00:00Z"


def test_escalates_to_dead_only_at_three() -> None:
    assert escalate(refused(A), {"failures": 2}).status == "unknown"
    dead = escalate(refused(A), {"failures": 3, "first_failure": "2026-11-01T00:00:00Z"})
    assert dead.status == "dead"
    assert dead.reason == "unreachable on 3 runs in a row since 2026-11-01 (could not connect: refused)"


def test_an_answer_that_is_not_ok_still_ends_the_streak() -> None:
    forbidden = LinkResult(A, "unknown", 403, reason="HTTP 403")
    history = update_history(
        {A: {"failures": 2, "first_failure": "x", "last_ok": None}},
        {A: forbidden, B: LinkResult(B, "ok", 200)},
        {A, B},
        "now",
    )
    assert history[A]["failures"] == 0
    assert escalate(forbidden, {"failures": 5}).status == "unknown"  # only unreachable links escalate


def test_unchecked_urls_keep_their_streak_and_removed_ones_are_forgotten() -> None:
    previous: dict[str, LinkHistory] = {
        A: {"failures": 2, "first_failure": "x", "last_ok": None},
        "https://removed.example/": {"failures": 1, "first_failure": "y", "last_ok": None},
    }
    history = update_history(previous, {B: LinkResult(B, "ok", 200)}, {A, B}, "now")
    assert history[A]["failures"] == 2 and "https://removed.example/" not in history


def test_a_run_where_nothing_connected_is_offline() -> None:
    assert offline({A: refused(A), B: refused(B)})
    assert not offline({A: refused(A), B: LinkResult(B, "ok", 200)})
    assert not offline({A: refused(A)})  # one host down is that host's problem
    history = update_history({A: {"failures": 2}}, {A: refused(A), B: refused(B)}, {A, B}, "now")
    assert history[A]["failures"] == 2 and B not in history


def record(**fields: object) -> EntryResult:
    return EntryResult.model_validate({"id": "lib", "name": "Lib", **fields})


def test_figures_kept_from_last_time_when_a_source_failed() -> None:
    old = record(stars=42, license="MIT", checked_at="2026-11-01T00:00:00Z", status="ok")
    new = record(stars=None, license=None, checked_at="2026-11-21T00:00:00Z", status="unknown")
    merged = merge_figures(new, old, fetched=False)
    assert merged == record(stars=42, license="MIT", checked_at="2026-11-01T00:00:00Z", status="unknown")
    assert merge_figures(new, old, fetched=True) == new  # a fetched null is a real null


def test_the_history_is_kept_in_address_order_whatever_order_the_answers_came_in() -> None:
    # status.json is committed: two runs with the same findings must write the same bytes.
    C = "https://c.example/"
    first = update_history({}, {C: refused(C), A: LinkResult(A, "ok", 200)}, {A, B, C}, "2026-11-01T00:00:00Z")
    second = update_history(first, {B: LinkResult(B, "ok", 200), C: refused(C)}, {A, B, C}, "2026-11-02T00:00:00Z")
    assert list(first) == [A, C]
    assert list(second) == [A, B, C]


def test_a_hand_edited_record_advanced_by_a_run_keeps_the_files_key_order() -> None:
    # assemble builds status.json without validating: a record missing keys (a hand edit) that this
    # run advanced must come out in the order loading the file gives, as the old code wrote it, or the
    # next run rewrites the record's lines for nothing.
    hand: dict[str, LinkHistory] = {
        A: {"last_ok": "2026-01-01T00:00:00Z", "note": "moved servers"},  # type: ignore[typeddict-unknown-key]
        B: {"last_ok": "2026-01-01T00:00:00Z", "failures": 1},
    }
    history = update_history(hand, {A: refused(A), B: LinkResult(B, "ok", 200)}, {A, B}, "2026-11-01T00:00:00Z")
    read_back = StatusFile.model_validate({"history": history}).history
    assert [list(record) for record in history.values()] == [list(record) for record in read_back.values()]
    assert list(history[A]) == ["failures", "first_failure", "last_ok", "note"]
