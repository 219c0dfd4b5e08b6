"""Which catalog entries a pull request adds or changes, found from git rather than from the PR's word.

`git diff --name-status` against the merge base says which category files changed (including added,
deleted and renamed files); each changed file is then read at both commits and its entries compared
by id (the slug of the name). An entry whose id is new but whose URL was already in the catalog was
renamed, not added. Only the files the diff names are read, so the result is what the PR touched.

A changed file that cannot be read at the head commit (a YAML error, say) is reported as unreadable
rather than silently taken for a file without entries: CI's validation shows the error itself, and
the review says that the file's entries could not be selected.
"""

from __future__ import annotations

import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from tools.catalog.loader import load_bytes
from tools.catalog.urls import normalize_url, slugify

ChangeKind = Literal["added", "changed", "renamed"]


class GitError(Exception):
    """git could not answer; the message says what to do."""


@dataclass(frozen=True)
class Change:
    id: str
    name: str
    url: str
    kind: ChangeKind
    category: str
    file: str  # path in the repository at the head commit
    line: int
    entry_kind: str = "library"
    previous_name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Unreadable:
    """A category file the pull request changed that could not be read at its head."""

    file: str
    line: int
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ChangeSet:
    changes: list[Change]
    unreadable: list[Unreadable]

    def as_dict(self) -> dict[str, Any]:
        return {"changes": [c.as_dict() for c in self.changes], "unreadable": [u.as_dict() for u in self.unreadable]}


@dataclass(frozen=True)
class _Entry:
    id: str
    name: str
    url: str
    category: str
    file: str
    line: int
    data: dict[str, Any]


def git(repo: Path, *args: str) -> str:
    return _git(repo, *args).decode("utf-8", errors="replace")


def _git(repo: Path, *args: str) -> bytes:
    """git's output as bytes: a file in a pull request may not be UTF-8, which the loader reports."""
    try:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if done.returncode != 0:
        message = (done.stderr or done.stdout).decode("utf-8", errors="replace").strip()
        raise GitError(f"git {' '.join(args)} failed: {message}")
    return done.stdout


def parse_entries(raw: bytes, file: str) -> list[_Entry]:
    """The entries of one category file's content; what cannot be read is left to `awesome validate`."""
    return read_entries(raw, file)[0]


def read_entries(raw: bytes, file: str) -> tuple[list[_Entry], Unreadable | None]:
    """The entries of one category file's content, and why it could not be read, if it could not."""
    loaded = load_bytes(raw, Path(file), file)  # the same safe loader as validation (no aliases, size cap)
    doc = loaded.data
    if loaded.problems:
        first = loaded.problems[0]
        return [], Unreadable(file, first.line, first.message)
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        return [], Unreadable(file, 1, "not a mapping with a list of entries")
    raw_entries: list[Any] = doc["entries"]
    category = PurePosixPath(file).stem
    found: list[_Entry] = []
    for index, raw in enumerate(raw_entries):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            continue
        name, url = str(raw["name"]), str(raw.get("url") or "")
        found.append(_Entry(slugify(name), name, url, category, file, loaded.line(("entries", index)), raw))
    return found, None


def _same_url(url: str) -> str | None:
    """The form URLs are compared in, or None for text that is no URL at all (validation says so)."""
    return normalize_url(url) if url else None


def _show(repo: Path, commit: str, path: str) -> bytes:
    return _git(repo, "show", f"{commit}:{path}")


def _changed_files(repo: Path, base: str, head: str, catalog: str) -> list[tuple[str | None, str | None]]:
    """(old path, new path) of each category file the diff touches; None where it did not exist."""
    out = git(repo, "diff", "--name-status", "-z", "--find-renames", "--no-ext-diff", base, head, "--", f"{catalog}/")
    fields = out.split("\0")
    pairs: list[tuple[str | None, str | None]] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        old: str | None
        new: str | None
        if status[0] in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old = new = fields[i + 1]
            i += 2
        if status[0] == "A":
            old = None
        elif status[0] == "D":
            new = None
        if status[0] == "C":
            old = None  # a copy adds a file; its source is unchanged
        pairs.append((old, new))

    def is_category(path: str | None) -> bool:
        p = PurePosixPath(path) if path else None
        return p is not None and str(p.parent) == catalog and p.suffix == ".yml"

    return [
        (o if is_category(o) else None, n if is_category(n) else None)
        for o, n in pairs
        if is_category(o) or is_category(n)
    ]


def diff_catalog(catalog_dir: Path, base: str, head: str = "HEAD") -> ChangeSet:
    """The changed entries, and the changed files that could not be read at `head`."""
    catalog_dir = Path(catalog_dir).resolve()
    root = Path(git(catalog_dir, "rev-parse", "--show-toplevel").strip())
    catalog = catalog_dir.relative_to(root.resolve()).as_posix()
    try:
        merge_base = git(root, "merge-base", base, head).strip()
    except GitError as exc:
        raise GitError(
            f"cannot find where {head} left {base}: fetch the base branch's history "
            f"(actions/checkout with fetch-depth: 0). {exc}"
        ) from exc

    old: list[_Entry] = []
    new: list[_Entry] = []
    unreadable: list[Unreadable] = []
    for old_path, new_path in _changed_files(root, merge_base, head, catalog):
        if old_path:
            old += parse_entries(_show(root, merge_base, old_path), old_path)
        if new_path:
            entries, problem = read_entries(_show(root, head, new_path), new_path)
            new += entries
            if problem:
                unreadable.append(problem)

    old_by_id = {e.id: e for e in old}
    old_by_url = {key: e for e in old if (key := _same_url(e.url))}
    changes = []
    for entry in new:
        before = old_by_id.get(entry.id)
        previous = None
        if before is not None:
            if before.data == entry.data and before.category == entry.category:
                continue
            kind: ChangeKind = "changed"
        elif (key := _same_url(entry.url)) and (moved := old_by_url.get(key)) is not None:
            kind, previous = "renamed", moved.name
        else:
            kind = "added"
        changes.append(
            Change(
                entry.id,
                entry.name,
                entry.url,
                kind,
                entry.category,
                entry.file,
                entry.line,
                str(entry.data.get("kind") or "library"),
                previous,
            )
        )
    return ChangeSet(changes, unreadable)
