"""Issue 9, item 7: never touch the wrong files.

`awesome check --catalog DIR` keeps its memory in DIR/status.json, and a status file the program
cannot understand is refused with advice instead of being overwritten. Each case cites its source.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checker.checkkit import write_entries
from tests.checker.hosts import Host, respond, threaded
from tools.paths import STATUS_FILE
from tools.results import STATUS_VERSION
from tools.status import StatusFileError, load_status, save_status


def fingerprint(path: Path) -> tuple[bool, bytes]:
    return path.exists(), path.read_bytes() if path.exists() else b""


def test_another_catalog_keeps_its_history_in_its_own_folder(elsewhere: Path, awesome: Callable) -> None:
    """Issue 9: `check --catalog DIR` rewrote the repository's catalog/status.json with another catalog's entries."""
    repository_status = fingerprint(STATUS_FILE)
    up = Host("127.0.0.191", routes={"/": respond(200)})
    with threaded(up):
        down = Host("127.0.0.192")  # never started: refused
        write_entries(elsewhere / "other", [{"name": "Up", "url": up.url("/")}, {"name": "Down", "url": down.url("/")}])
        for _ in range(2):
            result = awesome("check", "--catalog", "other", "--timeout", "0.5")
            assert result.code == 0, result.err
    status = json.loads((elsewhere / "other" / "status.json").read_text(encoding="utf-8"))
    assert set(status["entries"]) == {"up", "down"}
    assert status["history"][down.url("/")]["failures"] == 2  # the second run read what the first wrote
    assert fingerprint(STATUS_FILE) == repository_status


def test_a_status_file_from_a_newer_version_is_refused_not_overwritten(elsewhere: Path, awesome: Callable) -> None:
    """Issue 9: STATUS_VERSION was written but never checked; an older checker would drop what it cannot read."""
    write_entries(elsewhere / "catalog", [{"name": "Site", "url": "http://site.invalid/"}])
    newer = elsewhere / "catalog" / "status.json"
    newer.write_text(json.dumps({"version": STATUS_VERSION + 1, "entries": {}, "later": {}}), encoding="utf-8")
    before = newer.read_bytes()
    result = awesome("check", "--catalog", "catalog", "--json", "report.json")
    assert result.code == 2
    assert "newer version of the tools" in result.err and "update the tools" in result.err
    assert "Traceback" not in result.err
    assert newer.read_bytes() == before and not Path("report.json").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ({"version": 1, "entries": {"x": {"id": "x", "status": "<img src=x>"}}}, "entries.x.status"),
        ({"version": "one", "entries": {}}, "version 'one' is not a number"),
        ({"version": 1, "entries": {"x": {"id": "x", "status": "ok", "links": "none"}}}, "entries.x.links"),
    ],
)
def test_a_hand_edited_status_file_that_does_not_fit_is_refused_with_where(
    tmp_path: Path, content: dict, says: str
) -> None:
    """A status.json is data from the repository: a value that is no status word is named, not rendered."""
    path = tmp_path / "status.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(StatusFileError, match=says.replace(".", r"\.")):
        load_status(path)


def test_junk_figures_in_a_status_file_are_unknown_not_guessed(tmp_path: Path) -> None:
    """DESIGN.md: unknown numbers are null, never guessed (a hand edit leaves a figure unknown)."""
    path = tmp_path / "status.json"
    record = {"id": "x", "status": "ok", "stars": -5, "forks": True, "last_commit": "last tuesday", "license": ""}
    path.write_text(json.dumps({"version": 1, "entries": {"x": record}}), encoding="utf-8")
    entry = load_status(path).entries["x"]
    assert (entry.stars, entry.forks, entry.last_commit, entry.license) == (None, None, None, None)


def test_what_the_history_keeps_survives_a_load_and_save(tmp_path: Path) -> None:
    """Issue 9: a streak needs time, not just runs; whatever a history record keeps for that is never dropped."""
    path = tmp_path / "status.json"
    record = {"failures": 2, "first_failure": "2026-11-01T00:00:00Z", "last_ok": None, "failed_on": ["2026-11-01"]}
    path.write_text(json.dumps({"version": 1, "entries": {}, "history": {"https://a.example/": record}}))
    save_status(path, load_status(path))
    assert json.loads(path.read_text(encoding="utf-8"))["history"] == {"https://a.example/": record}
