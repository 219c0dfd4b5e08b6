"""Misbehaving web hosts for the checker's tests: raw asyncio servers on 127.0.0.N, fully scripted.

A `Host` answers each path with a handler (respond, redirect, reset, hang, drip a huge body, ...)
and records what it saw: requests (method, path, time), requests in flight and their maximum,
body bytes sent. Use it in the test's own event loop (`async with Host(...)`) or, for code that
runs its own loop (the CLI), in a background thread (`with threaded(host, ...)`).
"""

from __future__ import annotations

import asyncio
import ssl
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

REASONS = {
    200: "OK",
    204: "No Content",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    999: "Request denied",
}


@dataclass
class Request:
    method: str
    path: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case


class Connection:
    """What a handler writes to; counts body bytes so tests can tell nothing big was downloaded."""

    def __init__(self, host: Host, writer: asyncio.StreamWriter) -> None:
        self.host, self.writer = host, writer

    async def send(
        self, status: int, headers: dict[str, str] | None = None, body: bytes = b"", *, head: bool = False
    ) -> None:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
        headers = {"Content-Length": str(len(body)), **(headers or {})}
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        if body and not head:
            self.writer.write(body)
            self.host.bytes_sent += len(body)
        await self.writer.drain()


Handler = Callable[[Request, Connection], Awaitable[bool]]  # returns: keep the connection open


def respond(status: int = 200, headers: dict[str, str] | None = None, body: bytes = b"", delay: float = 0) -> Handler:
    async def handle(request: Request, conn: Connection) -> bool:
        if delay:
            await asyncio.sleep(delay)
        await conn.send(status, headers, body, head=request.method == "HEAD")
        return True

    return handle


def redirect(status: int, location: str) -> Handler:
    return respond(status, {"Location": location})


def by_method(**handlers: Handler) -> Handler:
    """A handler per method (`HEAD=..., GET=...`)."""

    async def handle(request: Request, conn: Connection) -> bool:
        return await handlers[request.method](request, conn)

    return handle


def sequence(*handlers: Handler) -> Handler:
    """The first call gets the first handler, and so on; the last one answers every later call."""
    calls = iter(handlers)
    last = handlers[-1]

    async def handle(request: Request, conn: Connection) -> bool:
        return await next(calls, last)(request, conn)

    return handle


def echo(status: int = 500) -> Handler:
    """A careless server that quotes the request's headers back, in its body and in a header."""

    async def handle(request: Request, conn: Connection) -> bool:
        quoted = "; ".join(f"{k}: {v}" for k, v in request.headers.items())
        body = f'{{"message": "bad request from {quoted}"}}'.encode()
        await conn.send(
            status, {"Content-Type": "application/json", "X-Echo": quoted[:2000]}, body, head=request.method == "HEAD"
        )
        return True

    return handle


async def reset(request: Request, conn: Connection) -> bool:
    """Close the connection without a word (TCP reset)."""
    conn.writer.transport.abort()
    return False


async def hang(request: Request, conn: Connection) -> bool:
    """Accept the request and never answer."""
    await asyncio.sleep(3600)
    return False


def huge_body(
    total: int = 1 << 30, chunk: int = 64 * 1024, pause: float = 0.005, content_type: str = "application/octet-stream"
) -> Handler:
    """Announce a `total`-byte body and drip it out until the client goes away."""

    async def handle(request: Request, conn: Connection) -> bool:
        await conn.send(200, {"Content-Length": str(total), "Content-Type": content_type}, head=True)
        if request.method == "HEAD":
            return True
        data = b"x" * chunk
        try:
            for _ in range(total // chunk):
                conn.writer.write(data)
                conn.host.bytes_sent += chunk
                await conn.writer.drain()
                await asyncio.sleep(pause)
        except (ConnectionError, OSError):
            pass
        return False

    return handle


@dataclass
class Host:
    """A scripted HTTP/1.1 server on `address`; `routes` maps a path (no query) to a handler.

    With `tls` (a server-side SSLContext) it speaks HTTPS, and `url()` says so.
    """

    address: str = "127.0.0.10"
    routes: dict[str, Handler] = field(default_factory=dict)
    default: Handler = field(default_factory=lambda: respond(404))
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    bytes_sent: int = 0
    tls: ssl.SSLContext | None = None
    server: asyncio.Server | None = None
    _connections: set[asyncio.Task[None]] = field(default_factory=set)

    def url(self, path: str = "/") -> str:
        return f"{'https' if self.tls else 'http'}://{self.address}:{self.port}{path}"

    def hits(self, path: str, method: str | None = None) -> int:
        return sum(1 for r in self.requests if r.path == path and method in (None, r.method))

    async def start(self) -> Host:
        self.server = await asyncio.start_server(self._serve, self.address, self.port or 0, ssl=self.tls)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Stop listening and end open connections (handlers still hanging are cancelled)."""
        if self.server is not None:
            self.server.close()
        tasks = [t for t in self._connections if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    @staticmethod
    async def _drain_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> None:
        length = int(headers.get("content-length") or 0)
        if length:
            await reader.readexactly(length)

    async def __aenter__(self) -> Host:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                first, *lines = head.decode("latin-1").split("\r\n")
                method, target, _ = first.split(" ", 2)
                headers = dict((k.strip().lower(), v.strip()) for k, _, v in (ln.partition(":") for ln in lines if ln))
                request = Request(method, target.split("?", 1)[0], time.monotonic(), headers)
                await self._drain_body(reader, headers)
                self.requests.append(request)
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    keep = await self.routes.get(request.path, self.default)(request, Connection(self, writer))
                finally:
                    self.in_flight -= 1
                if not keep:
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, OSError, ValueError):
            pass
        except asyncio.CancelledError:
            pass
        finally:
            self._connections.discard(task)
            writer.close()


@contextmanager
def threaded(*hosts: Host) -> Iterator[tuple[Host, ...]]:
    """Serve hosts from an event loop in a background thread, for code that runs its own loop."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        for host in hosts:
            loop.run_until_complete(host.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(5)
    try:
        yield hosts
    finally:
        asyncio.run_coroutine_threadsafe(_shutdown(hosts), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


async def _shutdown(hosts: tuple[Host, ...]) -> None:
    """Stop the servers and end every handler still running (a `hang`, say) before the loop closes."""
    for host in hosts:
        await host.stop()
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
