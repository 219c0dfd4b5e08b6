"""What the GraphQL and REST paths share: the stop-asking state and small parsers.

GitHub's budgets are per token (or per IP without one), so one `Budget` is shared by every
request of a run: once it says stop, nothing more is sent and the rest get its reason.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tools.checker.github.limits import is_secondary_limit

TOKEN_REJECTED = "GitHub rejected the token (HTTP 401 Bad credentials); check GITHUB_TOKEN"


def key_of(owner: str, name: str) -> tuple[str, str]:
    """GitHub names are case-insensitive: one key for every spelling."""
    return owner.casefold(), name.casefold()


def as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def as_text(value: object) -> str | None:
    """A string field that says something; a blank one is as good as absent."""
    return value if isinstance(value, str) and value.strip() else None


def hh_mm(epoch: float | None) -> str:
    if epoch is None:
        return "the next reset"
    return datetime.fromtimestamp(epoch, UTC).strftime("%H:%M UTC")


def scrub(text: str, token: str | None) -> str:
    """Last line of defence: a server may echo anything, the token must never travel on."""
    return text.replace(token, "***") if token else text


class Budget:
    """GitHub's rate-limit state for one run; `stopped` is the reason to send nothing more."""

    def __init__(self) -> None:
        self.remaining: int | None = None
        self.reset: float | None = None
        self.stopped: str | None = None

    def exhaust(self, reset: float | None) -> None:
        self.stopped = self.stopped or f"GitHub API budget exhausted until {hh_mm(reset)}"

    def secondary(self, retry_after: float | None) -> None:
        if retry_after is None:
            self.stopped = (
                self.stopped or "GitHub secondary rate limit (GitHub asks to wait a minute or more): not asked"
            )
            return
        until = datetime.now(UTC).timestamp() + retry_after
        self.stopped = self.stopped or f"GitHub secondary rate limit: asked to wait until {hh_mm(until)}"

    def reject_token(self) -> None:
        self.stopped = self.stopped or TOKEN_REJECTED

    def note(self, response: httpx.Response) -> None:
        """Read x-ratelimit-* headers: a remaining budget of zero means stop asking."""
        remaining = _header_int(response, "x-ratelimit-remaining")
        reset = _header_int(response, "x-ratelimit-reset")
        if reset is not None:
            self.reset = float(reset)
        if remaining is not None:
            self.remaining = remaining
            if remaining <= 0:
                self.exhaust(self.reset)

    def judge_refusal(self, response: httpx.Response) -> bool:
        """After a 401/403/429: stop the run if it was the budget, a secondary limit or the token."""
        if response.status_code == 401:
            self.reject_token()
            return True
        if response.status_code not in (403, 429):
            return False
        if response.headers.get("x-ratelimit-remaining") == "0":
            self.exhaust(self.reset)
            return True
        if is_secondary_limit(response) or response.status_code == 429:
            try:
                wait: float | None = float(response.headers.get("retry-after", ""))
            except ValueError:
                wait = None
            self.secondary(wait)
            return True
        return False


def _header_int(response: httpx.Response, name: str) -> int | None:
    try:
        return int(response.headers[name])
    except (KeyError, ValueError):
        return None
