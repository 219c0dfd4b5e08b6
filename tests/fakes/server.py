"""Serve an ASGI app with uvicorn on a loopback address, in a background thread.

The socket is bound here (port 0: a free one) before uvicorn starts, so there is no race for
the port and the URL is known at once. `with serve(app, host="127.0.0.2") as url:` starts in a
few tens of milliseconds and stops in about a tenth of a second.
"""

from __future__ import annotations

import atexit
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


@contextmanager
def serve(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Yield the base URL (`http://host:port`, no trailing slash) while `app` is served."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, interface="asgi3", log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the fake server on {host} did not start")
        time.sleep(0.005)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


class _Switch:
    """An ASGI app that forwards to whichever app is current: one server, a fresh fake per test."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


_shared: dict[str, tuple[_Switch, str]] = {}
_lock = threading.Lock()


@contextmanager
def serve_shared(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Like `serve`, but one server per host stays up for the test session (stopping one costs
    uvicorn about 0.2 s); `app` answers until the block ends. Not for concurrent use of a host."""
    with _lock:
        if host not in _shared:
            switch = _Switch()
            context = serve(switch, host)
            _shared[host] = (switch, context.__enter__())
            atexit.register(context.__exit__, None, None, None)
        switch, url = _shared[host]
    switch.app = app
    try:
        yield url
    finally:
        switch.app = _gone


async def _gone(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 503, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"no fake is being served"})
