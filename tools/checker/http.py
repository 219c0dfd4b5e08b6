"""One shared httpx client with the checker's retry policy and request counters.

Retries use tenacity: transient failures (transport errors, 429, 5xx, GitHub's secondary limit)
are tried again after Retry-After (capped) or an exponential, jittered backoff. A Retry-After
longer than the cap is not slept on: the response is returned so the caller can say "unknown".

Limits: the link scheduler decides *which* link goes next (fair turns between hosts, bounded
workers), but GitHub's and PyPI's fetchers and redirects to other hosts send through here too.
So every attempt also takes a slot of the global limit (`concurrency`) and of its host's limit
(`per_host`), released before any retry's wait: `--concurrency` and `--per-host` hold for the
run as a whole, whichever source sends, and wherever a redirect leads. A streamed GET gives its
slots back once its headers are in; its caller reads at most 64 KiB of it (links.py), then closes it.

Measured on loopback (2,000 HEADs over 20 hosts, 64 in flight; `python -m benchmarks.links`):
one httpx pool shared by every host costs ~1.7 ms of CPU per request, because httpcore scans
all pooled connections (a socket poll each) for every request; one small pool per origin behind
the same client costs ~0.6 ms. Two more traps: httpcore tries `import sniffio` on every lock when
it is missing (a failed import walks sys.path each time: +0.5 ms), and a streamed HEAD closed
without reading its (empty) body drops the keep-alive connection, so HEAD is sent unstreamed.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urlsplit

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from tools.checker.certificates import certificate_problem
from tools.checker.settings import Settings

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


def _no_shared_cookies() -> CookieJar:
    """A jar that stores nothing: cookies one site sets must not travel with other checks' requests."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


class PerOriginTransport(httpx.AsyncBaseTransport):
    """One small connection pool per origin (scheme, host, port), sharing one TLS context.

    httpcore's pool does work proportional to its connections on every request; keeping each
    pool to one host's few connections makes a request's cost independent of how many hosts a
    run touches. Connection counts are bounded by the scheduler's per-host limit, not here.
    """

    def __init__(self, keepalive_per_origin: int) -> None:
        self._ssl = httpx.create_ssl_context(trust_env=False)  # built once: loading CAs costs ~20 ms
        self._limits = httpx.Limits(max_connections=None, max_keepalive_connections=keepalive_per_origin)
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = httpx.AsyncHTTPTransport(
                verify=self._ssl, limits=self._limits, http1=True, http2=False, trust_env=False
            )
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


class HttpClient:
    """The checker's single client; use as `async with HttpClient(settings) as http:`."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.counts: Counter[str] = Counter()
        self._slots = asyncio.Semaphore(settings.concurrency)  # requests in flight, every host
        self._host_slots: dict[str, asyncio.Semaphore] = {}  # requests in flight, per host
        # Hosts whose connections keep failing (refused, DNS, connect timeout): see `_once`.
        self._unreachable: dict[str, tuple[int, str]] = {}
        # Exponential backoff from backoff_base, with jitter of the same size so that many links
        # failing together do not come back together.
        base = settings.backoff_base
        self._backoff = wait_exponential(multiplier=base, max=settings.retry_after_cap) + wait_random(0, base)
        if transport is None:
            transport = PerOriginTransport(settings.per_host)
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, settings.connect_timeout)),
            follow_redirects=False,
            cookies=_no_shared_cookies(),  # each link check keeps its own jar (links.py)
            headers={"User-Agent": settings.user_agent},
            transport=transport,
            trust_env=False,
        )

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.client.aclose()

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Transient) and exc.delay is not None:
            return min(exc.delay, self.settings.retry_after_cap)
        return self._backoff(state)

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        slot = self._host_slots.get(host)
        if slot is None:
            slot = self._host_slots[host] = asyncio.Semaphore(self.settings.per_host)
        return slot

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
        retrying = AsyncRetrying(
            stop=stop_after_attempt(attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    last = attempt.retry_state.attempt_number >= attempts
                    return await self._once(method, url, kind, headers, json, stream, last)
        except _Transient as final:
            if final.response is not None:
                return final.response
            assert final.error is not None
            raise final.error from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(
        self, method: str, url: str, kind: str, headers: dict[str, str] | None, json: Any, stream: bool, last: bool
    ) -> httpx.Response:
        host = (urlsplit(url).hostname or "").lower()
        failures, reason = self._unreachable.get(host, (0, ""))
        if failures >= self.settings.skip_host_after:
            # Without a network every request would wait out its timeout and retries; once a
            # host has refused enough connections in a row, the rest fail at once, same reason.
            raise FetchError(f"{reason} (not tried again: {failures} connections to {host} failed)", unreachable=True)
        try:
            request = self.client.build_request(method, url, headers=headers, json=json)
            # The host's slot first: a request queued behind a busy host holds no global slot.
            async with self._host_slot(host), self._slots:
                self.counts[kind] += 1
                # httpx's timeout is per network operation; this bounds a drip-feeding server too.
                async with asyncio.timeout(self.settings.timeout * 2):
                    response = await self.client.send(request, stream=stream)
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
        except httpx.InvalidURL:
            raise FetchError("not a valid address") from None
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
