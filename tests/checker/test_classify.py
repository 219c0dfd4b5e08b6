"""Every rule that turns facts into an entry's status, reasons and moved_to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from tools.checker.classify import Verdict, classify, figures, known_figures
from tools.checker.facts import LinkResult, PypiFacts, RepoFacts
from tools.results import Status, read_figures

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def repo(**facts: object) -> RepoFacts:
    base = dict(
        owner="acme",
        name="lib",
        found=True,
        full_name="acme/lib",
        archived=False,
        disabled=False,
        last_commit=NOW - timedelta(days=3),
        stars=10,
    )
    return RepoFacts(**{**base, **facts})  # type: ignore[arg-type]


def pypi(**facts: object) -> PypiFacts:
    base = dict(name="lib", found=True, latest_version="1.0", latest_release=NOW - timedelta(days=30))
    return PypiFacts(**{**base, **facts})  # type: ignore[arg-type]


def judge(
    repo: RepoFacts | None = None, pypi: PypiFacts | None = None, link: LinkResult | None = None, days: int = 365
) -> Verdict:
    return classify(repo=repo, pypi=pypi, link=link, now=NOW, stale_after_days=days)


def test_healthy_repository_is_ok_without_reasons() -> None:
    assert judge(repo(), pypi()) == Verdict(Status.OK, [], None, [])


def test_repository_github_cannot_find_is_dead() -> None:
    verdict = judge(repo(found=False, full_name=None))
    assert verdict.status == "dead" and "cannot find" in verdict.reasons[0]


def test_archived_repository() -> None:
    assert judge(repo(archived=True)) == Verdict(Status.ARCHIVED, ["archived on GitHub"], None, [])


def test_disabled_repository_is_dead() -> None:
    assert judge(repo(disabled=True)).status == "dead"


def test_renamed_repository_is_moved_with_its_new_address() -> None:
    verdict = judge(repo(full_name="new-owner/new-name"))
    assert (verdict.status, verdict.moved_to) == ("moved", "https://github.com/new-owner/new-name")
    assert verdict.reasons == ["GitHub answers as new-owner/new-name"]


def test_a_change_of_case_only_is_not_a_move() -> None:
    assert judge(repo(owner="Acme", name="Lib", full_name="acme/lib")).status == "ok"


def test_stale_when_neither_commit_nor_release_within_the_limit() -> None:
    verdict = judge(repo(last_commit=NOW - timedelta(days=412)), pypi(latest_release=NOW - timedelta(days=500)))
    assert verdict.status == "stale"
    assert verdict.reasons == ["no commit on the default branch and no PyPI release for 412 days"]


def test_a_recent_pypi_release_keeps_an_old_repository_fresh() -> None:
    assert (
        judge(repo(last_commit=NOW - timedelta(days=900)), pypi(latest_release=NOW - timedelta(days=10))).status == "ok"
    )


def test_a_recent_pre_release_is_a_pypi_release_too() -> None:
    """PyPI's `info.version` is the latest stable release; a beta uploaded last month is activity."""
    old = NOW - timedelta(days=900)
    beta = pypi(latest_release=old, last_upload=NOW - timedelta(days=20))
    assert judge(repo(last_commit=old), beta).status == "ok"
    assert judge(None, beta).status == "ok"  # a project whose home is not on GitHub
    assert judge(None, pypi(latest_release=old, last_upload=old)).status == "stale"


def test_stale_after_is_configurable() -> None:
    old = repo(last_commit=NOW - timedelta(days=40))
    assert judge(old, days=30).status == "stale" and judge(old, days=365).status == "ok"


def test_staleness_is_not_judged_when_a_source_could_not_answer() -> None:
    verdict = judge(repo(last_commit=NOW - timedelta(days=900)), pypi(error="PyPI unreachable: timed out"))
    assert verdict.status == "unknown" and verdict.reasons == ["PyPI unreachable: timed out"]


def test_no_dates_at_all_is_not_stale() -> None:
    assert judge(repo(last_commit=None)).status == "ok"


def test_pypi_inactive_classifier_is_stale() -> None:
    verdict = judge(repo(), pypi(inactive=True))
    assert verdict.status == "stale" and verdict.reasons == ["PyPI marks it Inactive"]


def test_yanked_latest_release_is_a_note_not_a_status() -> None:
    verdict = judge(repo(), pypi(latest_version="1.2.3", latest_yanked=True, yanked=["1.2.3"]))
    assert verdict.status == "ok" and verdict.notes == ["latest release 1.2.3 is yanked"]


def test_missing_pypi_project_is_flagged_unknown_with_the_fix() -> None:
    verdict = judge(repo(), pypi(found=False, latest_version=None, latest_release=None))
    assert verdict.status == "unknown" and "fix or remove `pypi:`" in verdict.reasons[0]


def test_github_unreachable_is_unknown_never_dead() -> None:
    verdict = judge(RepoFacts("acme", "lib", error="GitHub unreachable: timed out"))
    assert verdict == Verdict(Status.UNKNOWN, ["GitHub unreachable: timed out"], None, [])


def test_precedence_dead_beats_archived_beats_stale_beats_moved() -> None:
    everything = repo(disabled=True, archived=True, full_name="x/y", last_commit=NOW - timedelta(days=999))
    assert judge(everything).status == "dead"
    assert judge(repo(archived=True, full_name="x/y", last_commit=NOW - timedelta(days=999))).status == "archived"
    verdict = judge(repo(full_name="x/y", last_commit=NOW - timedelta(days=999)))
    assert verdict.status == "stale" and verdict.moved_to == "https://github.com/x/y"
    assert verdict.reasons[0].startswith("no commit")  # the deciding reason first


def test_moved_beats_unknown() -> None:
    assert judge(repo(full_name="x/y"), pypi(error="PyPI answered HTTP 500")).status == "moved"


def test_web_link_verdicts_carry_over() -> None:
    moved = LinkResult("https://a.example/", "moved", 200, moved_to="https://b.example/", reason="moved permanently")
    assert judge(link=moved) == Verdict(Status.MOVED, ["moved permanently"], "https://b.example/", [])
    dead = LinkResult("https://a.example/", "dead", 404, reason="HTTP 404 (not found)")
    assert judge(link=dead).status == "dead"
    assert judge(link=LinkResult("https://a.example/", "ok", 200)).status == "ok"


def test_figures_are_null_when_unknown_and_prefer_pypi_releases() -> None:
    numbers = figures(RepoFacts("a", "b", error="boom"), None).model_dump(mode="json")
    assert set(numbers.values()) == {None}
    numbers = figures(repo(latest_release=NOW - timedelta(days=99), latest_release_tag="v0.9"), pypi()).model_dump(
        mode="json"
    )
    assert numbers["stars"] == 10 and numbers["latest_version"] == "1.0"
    assert numbers["latest_release"] == "2026-10-22T12:00:00Z"
    assert numbers["last_commit"] == "2026-11-18T12:00:00Z" and numbers["archived"] is False


def test_odd_figures_from_a_source_read_as_status_json_would_read_them() -> None:
    """The run builds its results without validating each (EntryResult.of): the same rules still apply."""
    odd = repo(
        stars=-5, forks=True, license="", last_commit=datetime(2026, 11, 20, 14, tzinfo=timezone(timedelta(hours=2)))
    )
    odd_pypi = pypi(
        frameworks=["trio", "gevent", "asyncio", "trio"], python_versions=["3.12", "2.7", "3.9"], latest_version=""
    )
    for facts in [(odd, odd_pypi), (odd, None), (None, odd_pypi), (None, None)]:
        read = read_figures(known_figures(*facts))
        assert read == dict(figures(*facts))
    assert read_figures(known_figures(odd, odd_pypi))["frameworks"] == ["asyncio", "trio"]
    assert read_figures(known_figures(odd, None))["last_commit"] == datetime(2026, 11, 20, 12, tzinfo=UTC)
