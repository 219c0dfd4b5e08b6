"""A cheap multi-host HTTP/1.1 server for the link benchmark: raw asyncio, keep-alive, fixed latency.

It runs in its own process (`python -m benchmarks.hosts`) so that its CPU time is not counted as
the checker's. Every path answers 200 with an empty body after `--latency-ms`; it listens on
127.0.0.1 .. 127.0.0.N (Linux routes all of 127/8 to loopback) on one port.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nContent-Type: text/html\r\n\r\n"


class _Delayed(asyncio.Protocol):
    """Answers each complete request head after the latency; pipelined requests in order."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        loop = asyncio.get_running_loop()
        while b"\r\n\r\n" in self.buffer:
            _, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            loop.call_later(self.latency, self._answer)

    def _answer(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(RESPONSE)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def serve(hosts: int, port: int, latency: float) -> None:
    loop = asyncio.get_running_loop()
    servers = [
        await loop.create_server(lambda: _Delayed(latency), f"127.0.0.{n}", port, backlog=1024, reuse_address=True)
        for n in range(1, hosts + 1)
    ]
    print("ready", flush=True)
    # Stop when the parent closes our stdin (or dies).
    await loop.run_in_executor(None, sys.stdin.read)
    for server in servers:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
    asyncio.run(serve(args.hosts, args.port, args.latency_ms / 1000))


if __name__ == "__main__":
    main()
