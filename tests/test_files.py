"""Atomic writes: old or new content, never half of each, and an ordinary file at the end."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tools.files import write_json_atomic, write_text_atomic


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "report.md", "# Report\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "status.json"
    write_json_atomic(target, {"version": 1})

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_json_atomic(target, {"version": 2})
    assert target.read_text(encoding="utf-8") == '{\n  "version": 1\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["status.json"]
