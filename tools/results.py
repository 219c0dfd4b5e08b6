"""The typed model of what the checker found: an entry's status, figures and links, a run, the status file.

The checker builds these once; every output renders from them: the `--json` report and status.json
(their JSON forms, the contract in DESIGN.md), the Markdown and terminal reports, GitHub Actions
annotations, the pull-request summary, the health issue, and the site. Adding a figure means one
field on `Figures` plus the renderers that show it.

Pydantic (already the catalog model's library) reads the JSON forms back: a status file or report
that does not fit is refused with a message, not read as silent `None`s. Figures are read
leniently: a hand-edited value that is not a figure (a negative count, a date that is no date)
becomes unknown, since unknown numbers are never guessed.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Self, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationError, with_config
from typing_extensions import TypedDict

from tools.json_chunks import json_chunks
from tools.timestamps import aware, iso, parse_time

FRAMEWORKS = ("anyio", "asyncio", "trio")


class Status(StrEnum):
    """An entry's or a link's status; declared in the order of the summary table."""

    OK = "ok"
    STALE = "stale"
    ARCHIVED = "archived"
    MOVED = "moved"
    DEAD = "dead"
    UNKNOWN = "unknown"

    @property
    def precedence(self) -> int:
        """Where several apply, the lowest wins: dead > archived > stale > moved > unknown > ok (DESIGN.md)."""
        return _PRECEDENCE.index(self)

    @property
    def report_order(self) -> int:
        """The order a maintainer should act in: dead, moved, archived, stale, unknown, then ok."""
        return _REPORT_ORDER.index(self)

    @property
    def label(self) -> str:
        """The word as a heading or badge shows it."""
        return "OK" if self is Status.OK else self.value.capitalize()

    @property
    def flagged(self) -> bool:
        """Needs a maintainer's attention (the health issue counts these)."""
        return self is not Status.OK

    @property
    def marked(self) -> bool:
        """Gets a visible mark on the site: a verdict about the project, not about this run's luck."""
        return self in (Status.DEAD, Status.ARCHIVED, Status.STALE, Status.MOVED)

    @property
    def hideable(self) -> bool:
        """Hidden by the site's "hide stale, archived and dead" control."""
        return self in (Status.DEAD, Status.ARCHIVED, Status.STALE)

    @classmethod
    def worst(cls, statuses: Iterable[Status]) -> Status:
        """The status that wins when several apply; `ok` when none does."""
        return min(statuses, key=lambda s: s.precedence, default=Status.OK)

    @classmethod
    def in_report_order(cls) -> list[Status]:
        return sorted(cls, key=lambda s: s.report_order)

    @classmethod
    def by_precedence(cls) -> list[Status]:
        return sorted(cls, key=lambda s: s.precedence)


_PRECEDENCE = (Status.DEAD, Status.ARCHIVED, Status.STALE, Status.MOVED, Status.UNKNOWN, Status.OK)
_REPORT_ORDER = (Status.DEAD, Status.MOVED, Status.ARCHIVED, Status.STALE, Status.UNKNOWN, Status.OK)


def _count(value: Any) -> int | None:
    # bool is an int in Python; a True star count is not a figure, nor is a negative one.
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def read_timestamp(value: Any) -> datetime | None:
    """A Timestamp as validation reads it: aware, in UTC; None when it is no time."""
    if isinstance(value, datetime):
        return parse_time(aware(value).isoformat())
    return parse_time(value)


@functools.lru_cache(maxsize=256)
def _iso(moment: datetime) -> str:
    # Remembered: most timestamps of a status file are the run's own `checked_at` (~2 us each).
    return iso(moment) or ""


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _reasons(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def _frameworks(value: Any) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return sorted({v for v in value if v in FRAMEWORKS})


def _python_versions(value: Any) -> list[str] | None:
    if not isinstance(value, list):
        return None
    versions = {v for v in value if isinstance(v, str) and re.fullmatch(r"3\.\d+", v)}
    return sorted(versions, key=lambda v: int(v.split(".")[1]))


Count = Annotated[int | None, BeforeValidator(_count)]
Text = Annotated[str | None, BeforeValidator(_text)]
Flag = Annotated[bool | None, BeforeValidator(_flag)]
# Sorted, from PyPI's classifiers; None when PyPI was not asked or did not answer (shared-shapes.md).
Frameworks = Annotated[list[str] | None, BeforeValidator(_frameworks)]
PythonVersions = Annotated[list[str] | None, BeforeValidator(_python_versions)]
# Seconds in UTC with a Z, as GitHub writes them: `2026-11-21T12:00:00Z`.
Timestamp = Annotated[
    datetime | None, BeforeValidator(read_timestamp), PlainSerializer(_iso, return_type=str, when_used="unless-none")
]


class Figures(BaseModel):
    """The numbers shown for an entry; None wherever they are not known."""

    model_config = ConfigDict(extra="ignore")

    stars: Count = None
    forks: Count = None
    open_issues: Count = None
    contributors: Count = None
    license: Text = None  # SPDX id where GitHub knows one
    last_commit: Timestamp = None  # on the default branch
    latest_release: Timestamp = None
    latest_version: Text = None
    archived: Flag = None
    frameworks: Frameworks = None  # the async frameworks it declares: "anyio", "asyncio", "trio"
    python_versions: PythonVersions = None  # "3.X", in version order
    requires_python: Text = None  # PyPI's `requires_python`, as written there

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(Figures.model_fields)


def _reader(field: Any) -> Callable[[Any], Any]:
    # Each figure's BeforeValidator takes the value alone (none asks for ValidationInfo).
    return cast(Callable[[Any], Any], next(rule.func for rule in field.metadata if isinstance(rule, BeforeValidator)))


# Each figure's rule for reading a value (its type's BeforeValidator), for read_figures.
_FIGURE_READERS = {name: _reader(field) for name, field in Figures.model_fields.items()}


def read_figures(values: Mapping[str, object]) -> dict[str, Any]:
    """Every figure, in order, read from `values` by the rules validation applies; None where absent.

    For EntryResult.of: the checker's own figures, without a validation pass per entry.
    """
    figures: dict[str, Any] = dict.fromkeys(_FIGURE_READERS)
    for name, value in values.items():
        if value is not None and name in _FIGURE_READERS:
            figures[name] = _FIGURE_READERS[name](value)
    return figures


class LinkCheck(BaseModel):
    """An entry's other link (`docs`) as the run found it."""

    url: str
    status: Status
    http_status: int | None = None
    moved_to: str | None = None
    reason: str | None = None


class _Verdict(BaseModel):
    """Who the entry is and what the run concluded: the report's first keys, in DESIGN.md's order."""

    model_config = ConfigDict(extra="ignore")

    id: str
    name: str = ""
    category: str = ""
    url: str = ""
    status: Status
    reasons: Annotated[list[str], BeforeValidator(_reasons)] = Field(default_factory=list)
    moved_to: Text = None


class EntryResult(Figures, _Verdict):
    """One entry after a run: verdict, figures, links. Its JSON is a report entry or a status.json record.

    `checked_at` (when the figures were learned) is kept in status.json only; `file`, `line`,
    `notes` and `http_status` are for the Markdown report and annotations, never in JSON.
    """

    links: list[LinkCheck] = Field(default_factory=list)
    checked_at: Timestamp = None
    http_status: int | None = Field(default=None, exclude=True)  # of the entry's own url, off GitHub
    notes: list[str] = Field(default_factory=list, exclude=True)  # worth a look, but no status
    file: str = Field(default="", exclude=True)  # the catalog file, as a maintainer types it
    line: int = Field(default=1, exclude=True)

    def model_post_init(self, context: Any, /) -> None:
        # pydantic keeps, per instance, a set of the fields given explicitly: ~2.2 KB for an
        # entry's ~20, over twice the values themselves (22 MB at 10,000 entries, once in the
        # report and again in the previous status file). Nothing here asks for it (no
        # exclude_unset), and every result is built with every field, so all share one set.
        object.__setattr__(self, "__pydantic_fields_set__", _EVERY_ENTRY_FIELD)

    @classmethod
    def of(cls, **values: Any) -> Self:
        """A result built from values that are already what validation would make of them: every
        field given, figures from read_figures, timestamps from read_timestamp.

        Why: validating 10,000 entries that the checker has just typed cost ~0.08 s of a run.
        """
        if len(values) != len(_ENTRY_FIELD_ORDER):
            raise TypeError(f"EntryResult.of() needs every field: {sorted(set(_ENTRY_FIELD_ORDER) ^ set(values))}")
        if tuple(values) != _ENTRY_FIELD_ORDER:
            values = {name: values[name] for name in _ENTRY_FIELD_ORDER}  # the order validation gives
        result = cls.__new__(cls)
        # What model_construct() sets, without its per-field search for aliases and defaults.
        object.__setattr__(result, "__dict__", values)
        object.__setattr__(result, "__pydantic_fields_set__", _EVERY_ENTRY_FIELD)
        object.__setattr__(result, "__pydantic_extra__", None)
        object.__setattr__(result, "__pydantic_private__", None)
        return result

    def with_figures_of(self, older: EntryResult | None) -> EntryResult:
        """This result with every figure it does not know taken from `older` (last known figures)."""
        if older is None:
            return self
        missing = {n: getattr(older, n) for n in Figures.names() if getattr(self, n) is None}
        return self.model_copy(update={n: v for n, v in missing.items() if v is not None})


# Shared by every EntryResult (see model_post_init); adding a field's name to it changes nothing.
_EVERY_ENTRY_FIELD: set[str] = set(EntryResult.model_fields)
_ENTRY_FIELD_ORDER = tuple(EntryResult.model_fields)


class SourceReach(BaseModel):
    """Whether a source (GitHub, PyPI, the web) could be reached in a run, and why not."""

    asked: int = 0  # repositories, projects or links it was asked about
    reachable: bool | None = None  # None: not asked, or it cannot be told (see `reason`)
    reason: str | None = None  # why not, when it was not


_REPORT_EXCLUDES: Any = {"entries": {"__all__": {"checked_at"}}}  # status.json's alone


class RunReport(BaseModel):
    """The `--json` report (DESIGN.md): one run's verdicts and how far it got."""

    model_config = ConfigDict(extra="ignore")

    checked_at: Timestamp = None
    complete: bool = True
    summary: dict[Status, int] = Field(default_factory=dict)
    requests: dict[str, int] = Field(default_factory=dict)
    entries: list[EntryResult] = Field(default_factory=list)
    sources: dict[str, SourceReach] = Field(default_factory=dict)  # "github", "pypi", "web"

    @staticmethod
    def count(entries: Iterable[EntryResult]) -> dict[Status, int]:
        """Entries per status, every status present, in the summary table's order."""
        statuses = [e.status for e in entries]
        return {status: statuses.count(status) for status in Status}

    def flagged(self) -> int:
        """How many entries need attention: from the entries, or from the summary when none are listed."""
        if self.entries:
            return sum(1 for e in self.entries if e.status.flagged)
        return sum(n for status, n in self.summary.items() if status.flagged)

    def unreachable(self) -> dict[str, str]:
        """The sources this run asked but could not reach at all, with why."""
        return {
            name: reach.reason or "no answer"
            for name, reach in self.sources.items()
            if reach.asked and reach.reachable is False
        }

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude=_REPORT_EXCLUDES)

    def to_json_bytes(self) -> bytes:
        """`to_json()` as UTF-8, the bytes `json.dumps(indent=2, ensure_ascii=False)` gave (the file adds a newline).

        pydantic's serializer writes them without the intermediate dict or str: ~5x less CPU, and
        at 10,000 entries ~30 MB less peak memory than dumping the dict (benchmarks/links.py).
        A file is best written from `json_chunks()`, which never holds the whole.
        """
        return _joined(self.json_chunks())

    def json_chunks(self) -> Iterator[bytes]:
        """`to_json_bytes()` in pieces of a few hundred entries (tools.json_chunks)."""
        return json_chunks(self, exclude=_REPORT_EXCLUDES)


class ReportError(Exception):
    """A file given as the checker's JSON report is not one; the message says where and what."""


def parse_report(data: Any, where: object) -> RunReport:
    """The `--json` report read back (for the workflow helpers); raises ReportError naming the problem."""
    try:
        return RunReport.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(part) for part in problem["loc"]) or "the file"
        raise ReportError(f"{where}: not the checker's JSON report ({field}: {problem['msg']})") from exc


@with_config(ConfigDict(extra="allow"))  # the streak rule may keep more than these; none is lost
class LinkHistory(TypedDict, total=False):
    """A URL's streak of runs on which it could not be reached (tools.checker.history has the rule)."""

    failures: int
    first_failure: str | None
    last_ok: str | None


class TrendPoint(BaseModel):
    """An entry's stars and latest release as one run (the last of its ISO week) learned them."""

    date: date
    stars: Count = None
    latest_release: Timestamp = None


# 1: figures and history; 2: adds the compatibility facts and `trends` (issue 11). A program
# refuses a newer file rather than drop what it cannot read.
STATUS_VERSION = 2


class StatusFile(BaseModel):
    """`catalog/status.json`: the last known figures of every entry and each URL's failure history."""

    model_config = ConfigDict(extra="ignore")

    version: int = STATUS_VERSION
    checked_at: Timestamp = None  # None before the first run
    complete: bool = False
    summary: dict[Status, int] = Field(default_factory=dict)
    entries: dict[str, EntryResult] = Field(default_factory=dict)
    history: dict[str, LinkHistory] = Field(default_factory=dict)
    trends: dict[str, list[TrendPoint]] = Field(default_factory=dict)  # by entry id, oldest first

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json_bytes(self) -> bytes:
        """`to_json()` as UTF-8; see RunReport.to_json_bytes."""
        return _joined(self.json_chunks())

    def json_chunks(self) -> Iterator[bytes]:
        """`to_json_bytes()` in pieces of a few hundred entries (tools.json_chunks)."""
        return json_chunks(self)


def _joined(chunks: Iterable[bytes]) -> bytes:
    # BytesIO hands its buffer over without a copy: the whole is in memory once, not twice
    # (b"".join would hold every piece and the joined bytes at once).
    buffer = io.BytesIO()
    for chunk in chunks:
        buffer.write(chunk)
    return buffer.getvalue()
