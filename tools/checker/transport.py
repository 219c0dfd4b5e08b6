"""httpx's API over aiohttp's connection handling: an `httpx.AsyncBaseTransport` backed by one ClientSession.

The checker keeps httpx's Request and Response (every source reads them) and lets aiohttp, whose
HTTP parser and connection pool are written in C / Cython, move the bytes: about a third of the
CPU per request of httpx's own pool (figures in tools/checker/http.py). The `httpx-aiohttp`
package does the same, but maps aiohttp's errors in ways the checker's verdicts cannot use (a
server that drops the connection, or refuses it, becomes a connect *timeout*), so the mapping
here follows what httpx itself raises in each case.

What the checker relies on: no redirects are followed here (each hop is judged by the caller);
no cookies are kept; bodies are not decompressed here (httpx decodes what it reads); a response
closed before its body is read closes its connection rather than reading the rest; limits on
connections are the caller's (tools.checker.http holds them for every request).
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import aiohttp
import httpx
import yarl

READ_CHUNK = 16 * 1024
# aiohttp refuses a header line over 8,190 bytes by default; httpx (h11) allowed a 16 KiB head,
# and real pages send long Content-Security-Policy and Link headers.
LONGEST_HEADER = 16 * 1024
# Headers aiohttp adds to a request that lacks them; httpx's request is sent as it is.
AIOHTTP_DEFAULTS = ("User-Agent", "Accept", "Accept-Encoding")


@contextmanager
def _httpx_errors() -> Iterator[None]:
    """aiohttp's exceptions as the httpx ones httpx's own transport raises for the same event."""
    try:
        yield
    except aiohttp.ConnectionTimeoutError as exc:
        raise httpx.ConnectTimeout(str(exc) or "connect timed out") from exc
    except aiohttp.ServerTimeoutError as exc:  # SocketTimeoutError and its base: a read that took too long
        raise httpx.ReadTimeout(str(exc) or "read timed out") from exc
    except aiohttp.ClientConnectorError as exc:  # refused, DNS, TLS handshake, unreachable network
        raise httpx.ConnectError(str(exc)) from exc
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError) as exc:
        # Closed before a complete response, a broken body, or a response that is not HTTP.
        raise httpx.RemoteProtocolError(str(exc) or type(exc).__name__) from exc
    except (aiohttp.NonHttpUrlClientError, aiohttp.InvalidUrlClientError) as exc:
        raise httpx.UnsupportedProtocol(str(exc)) from exc
    except (aiohttp.ClientConnectionError, OSError) as exc:  # reset by peer and other socket errors
        raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
    except TimeoutError as exc:
        raise httpx.ReadTimeout("timed out") from exc


def _unsent_defaults(headers: httpx.Headers) -> list[str] | None:
    """Of the headers aiohttp adds by default, those this request lacks: aiohttp must not add them.

    None (nothing to skip) when the request sends all three, as the checker's do: aiohttp's
    skip path costs ~0.1 ms a request (a sorted multidict and a copy of the headers).
    """
    missing = [name for name in AIOHTTP_DEFAULTS if name not in headers]
    return missing or None


@functools.lru_cache(maxsize=16)
def _client_timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """One (frozen) ClientTimeout per pair of limits rather than one per request."""
    return aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read)


class _Body(httpx.AsyncByteStream):
    """A response body read from aiohttp on demand; closing it unread drops the connection."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for chunk in self._response.content.iter_chunked(READ_CHUNK):
                yield chunk

    async def aclose(self) -> None:
        # Fully read: the connection goes back to the pool. Not fully read: it is closed.
        self._response.release()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """One aiohttp session for every origin; `ssl_context` is built once by the caller."""

    def __init__(self, ssl_context: ssl.SSLContext, *, keepalive_seconds: float = 15.0) -> None:
        self._ssl = ssl_context
        self._keepalive = keepalive_seconds
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        # Made on first use: aiohttp sessions belong to the running event loop.
        connector = aiohttp.TCPConnector(limit=0, ssl=self._ssl, keepalive_timeout=self._keepalive)
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            trust_env=False,
            max_line_size=LONGEST_HEADER,
            max_field_size=LONGEST_HEADER,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session = self._session or self._open()
        timeouts = request.extensions.get("timeout", {})
        body = request.content or None  # the checker only sends bodies it built in memory (GraphQL)
        with _httpx_errors():
            response = await session.request(
                request.method,
                yarl.URL(str(request.url), encoded=True),  # as httpx encoded it, not re-quoted
                headers=request.headers.multi_items(),
                data=body,
                skip_auto_headers=_unsent_defaults(request.headers),
                allow_redirects=False,
                timeout=_client_timeout(timeouts.get("connect"), timeouts.get("read")),
            )
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_Body(response),
            request=request,
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": (response.reason or "").encode()},
        )

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()
