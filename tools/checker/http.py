"""One shared httpx client with the checker's retry policy and request counters.

Retries use tenacity: transient failures (transport errors, 429, 5xx, GitHub's secondary limit)
are tried again after Retry-After (capped) or an exponential, jittered backoff. A Retry-After
longer than the cap is not slept on: the response is returned so the caller can say "unknown".

Limits: every attempt takes a slot of the run's one request limiter (tools/checker/limits.py)
for its host and overall, released before any retry's wait: `--concurrency` and `--per-host`
hold for the run as a whole, whichever source sends (links, GitHub, PyPI) and wherever a redirect
leads. A streamed GET gives its slots back once its headers are in; its caller closes it at once
without reading the body (which closes that connection). HEAD is read to its empty end, so its
connection is reused.

The client (issue 10): httpx's API (Request, Response, errors: what every source reads) over an
aiohttp transport (tools/checker/transport.py), sent through the transport directly, without
AsyncClient's cookie, auth and redirect layers, none of which the checker wants. Chosen on
`python -m benchmarks.http_clients` (2,000 HEADs over 20 loopback hosts at 100 ms, 128 in flight
and 10 per host; CPU of the sending loop per request, then wall; 2026-12-01, 2 cores):
    this client, limits and retries included    0.40 ms   1.87 s
    httpx 0.28, one shared AsyncClient           7.01 ms  19.87 s  (httpcore scans its whole pool per request)
    httpx2 2.16, one shared AsyncClient          1.22 ms   4.15 s  (HTTPX's maintained continuation)
    httpx 0.28 + the httpx-aiohttp transport     0.40 ms   2.07 s
    aiohttp directly                             0.20 ms   1.92 s
httpx2 keeps the API but not the speed. aiohttp alone saves ~0.2 ms a request of CPU but hardly
any wall time (the loop waits on the network: a bare aiohttp process, benchmarks/floor.py, took
1.89 s on 2,000 links with asyncio's loop and 1.89 s with uvloop's), and would put a second API
in every source. The httpx-aiohttp package was not taken: it maps a dropped or refused
connection to a connect *timeout*, which would turn "HEAD broke, try GET" into "unreachable".
httpx2 has the same transport interface, so moving to it later changes imports, not this design.
End to end, `awesome check` against lychee and a bare Python process: benchmarks/links.py.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections import Counter
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

import httpx

from tools.checker.certificates import certificate_problem
from tools.checker.limits import RequestLimits
from tools.checker.settings import Settings
from tools.checker.transport import AiohttpTransport

if TYPE_CHECKING:
    from tenacity import RetryCallState

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A request that failed at the transport level on every attempt; `reason` is safe to print.

    `unreachable`: no connection could be opened at all (DNS, refused, connect timeout);
    `certificate`: the host answered with a certificate that failed verification (neither of the
    above: the server is there), `reason` names the problem.
    """

    def __init__(self, reason: str, *, unreachable: bool = False, certificate: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable
        self.certificate = certificate


class _Transient(Exception):
    def __init__(self, response: httpx.Response | None, error: FetchError | None, delay: float | None) -> None:
        self.response, self.error, self.delay = response, error, delay


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait: Retry-After (seconds or date), or GitHub's rate-limit reset."""
    value = response.headers.get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError):
                return None
    if response.headers.get("x-ratelimit-remaining") == "0" and response.headers.get("x-ratelimit-reset"):
        try:
            return max(0.0, float(response.headers["x-ratelimit-reset"]) - time.time())
        except ValueError:
            return None
    return None


def describe_transport_error(exc: httpx.TransportError) -> FetchError:
    """A short reason without the URL's query string or anything from the request headers."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"timed out ({type(exc).__name__})", unreachable=isinstance(exc, httpx.ConnectTimeout))
    if isinstance(exc, httpx.ConnectError):
        if problem := certificate_problem(exc):
            return FetchError(problem, certificate=True)
        lowered = text.lower()
        if (
            "name or service not known" in lowered
            or "nodename" in lowered
            or "getaddrinfo" in lowered
            or "temporary failure in name resolution" in lowered
        ):
            return FetchError("name resolution failed", unreachable=True)
        return FetchError(f"could not connect: {text.splitlines()[0][:120]}", unreachable=True)
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return FetchError(f"connection broken: {type(exc).__name__}")
    return FetchError(f"{type(exc).__name__}: {text.splitlines()[0][:120]}")


def _retryable(response: httpx.Response) -> bool:
    if response.status_code in RETRY_STATUSES:
        return True
    # GitHub's secondary rate limit answers 403 with retry-after (or a zero remaining budget).
    return response.status_code == 403 and retry_after_seconds(response) is not None


def _settle(final: _Transient) -> httpx.Response:
    """After the last attempt: the response to report on, or the transport failure as FetchError."""
    if final.response is not None:
        return final.response
    assert final.error is not None
    raise final.error from None


class HttpClient:
    """The checker's single client; use as `async with HttpClient(settings) as http:`."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.counts: Counter[str] = Counter()
        self.limits = RequestLimits(settings.concurrency, settings.per_host)
        # Hosts whose connections keep failing (refused, DNS, connect timeout): see `_once`.
        self._unreachable: dict[str, tuple[int, str]] = {}
        # Loading the CA certificates costs ~20 ms: once per run, trust_env off as everywhere here.
        self.transport = transport or AiohttpTransport(httpx.create_ssl_context(trust_env=False))
        self._timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, settings.connect_timeout))
        # What httpx.AsyncClient would send by default (bodies it reads are decoded by httpx).
        self._headers = {"User-Agent": settings.user_agent, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.transport.aclose()

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Transient) and exc.delay is not None:
            return min(exc.delay, self.settings.retry_after_cap)
        return self._backoff(state)

    @functools.cached_property
    def _backoff(self) -> Callable[[RetryCallState], float]:
        """Exponential backoff from backoff_base, with jitter of the same size so that many links
        failing together do not come back together."""
        from tenacity import wait_exponential, wait_random

        base = self.settings.backoff_base
        return wait_exponential(multiplier=base, max=self.settings.retry_after_cap) + wait_random(0, base)

    async def send(
        self,
        method: str,
        url: str,
        *,
        kind: str,
        headers: dict[str, str] | None = None,
        json: Any = None,
        stream: bool = False,
        retry: bool = True,
    ) -> httpx.Response:
        """The final response (a streamed one must be closed by the caller), or FetchError.

        `kind` names the request counter: github_graphql, github_rest, pypi or web.
        """
        attempts = self.settings.retries + 1 if retry else 1
        try:
            # Most requests succeed at once: tenacity's machinery (~45 µs) only after a failure.
            return await self._once(method, url, kind, headers, json, stream, last=attempts == 1)
        except _Transient as transient:
            if attempts == 1:
                return _settle(transient)
            first = transient
        # Imported here: most runs retry nothing, and tenacity costs ~40 ms of every start-up.
        from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

        retrying = AsyncRetrying(
            stop=stop_after_attempt(attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    if attempt.retry_state.attempt_number == 1:
                        raise first  # the first attempt's outcome, so tenacity waits and counts as usual
                    last = attempt.retry_state.attempt_number >= attempts
                    return await self._once(method, url, kind, headers, json, stream, last)
        except _Transient as final:
            return _settle(final)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(
        self, method: str, url: str, kind: str, headers: dict[str, str] | None, json: Any, stream: bool, last: bool
    ) -> httpx.Response:
        try:
            request = self._request(method, url, headers, json)
        except httpx.InvalidURL:
            raise FetchError("not a valid address") from None
        host = request.url.host  # lower-case already: httpx normalises it
        failures, reason = self._unreachable.get(host, (0, ""))
        if failures >= self.settings.skip_host_after:
            # Without a network every request would wait out its timeout and retries; once a
            # host has refused enough connections in a row, the rest fail at once, same reason.
            raise FetchError(f"{reason} (not tried again: {failures} connections to {host} failed)", unreachable=True)
        try:
            async with self.limits.slot(host):
                self.counts[kind] += 1
                # httpx's timeout is per network operation; this bounds a drip-feeding server too.
                async with asyncio.timeout(self.settings.timeout * 2):
                    response = await self._exchange(request, stream)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            error = describe_transport_error(exc)
            if error.certificate:
                raise error from None  # the same certificate on every attempt: no retry, and the host is up
            self._unreachable[host] = (self._unreachable.get(host, (0, ""))[0] + 1, error.reason)
            raise _Transient(None, error, None) from None
        except httpx.TransportError as exc:
            raise _Transient(None, describe_transport_error(exc), None) from None
        except TimeoutError:
            raise _Transient(None, FetchError(f"timed out after {self.settings.timeout * 2:g} s"), None) from None
        self._unreachable.pop(host, None)
        if _retryable(response):
            delay = retry_after_seconds(response)
            if delay is not None and delay > self.settings.retry_after_cap:
                return response  # an hour-long reset is not worth sleeping on: the caller reports unknown
            if last:
                return response  # no attempt left: a streamed body stays open for the caller to look at
            if stream:
                await response.aclose()
            raise _Transient(response, None, delay)
        return response

    def _request(self, method: str, url: str, headers: dict[str, str] | None, json: Any) -> httpx.Request:
        return httpx.Request(
            method,
            url,
            headers={**self._headers, **headers} if headers else self._headers,
            json=json,
            extensions={"timeout": self._timeout.as_dict()},
        )

    async def _exchange(self, request: httpx.Request, stream: bool) -> httpx.Response:
        """One request through the transport: no redirects, no cookies, no auth flow (none are wanted).

        httpx.AsyncClient.send would add exactly those, and its cookie jar alone costs ~0.15 ms a request.
        """
        response = await self.transport.handle_async_request(request)
        response.request = request  # what AsyncClient would set: cookie jars read it (links.py)
        if not stream:
            try:
                await response.aread()
            finally:
                await response.aclose()
        return response
