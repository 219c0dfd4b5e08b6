"""The HTTP client candidates side by side: the same HEADs, the same limits, one run.

    .venv/bin/python -m benchmarks.http_clients [--links 2000] [--hosts 20] [--concurrency 128 --per-host 10]

Each candidate runs in its own process against the same host process (benchmarks.hosts), sends
one HEAD per link under the same two semaphores (global, per host), and reports the wall time
and CPU of its sending loop alone (imports and start-up excluded), so the figures compare the
clients and nothing else. Candidates whose package is not installed are listed as such.
This is how tools/checker/http.py's client was chosen; its docstring quotes a run.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from benchmarks.links import free_port, start_server

Head = Callable[[str], Awaitable[int]]

CANDIDATES = {
    "checker": "the checker's HttpClient: httpx API over aiohttp, its limits and retries included",
    "httpx-shared": "httpx 0.28, one shared AsyncClient",
    "httpx2-shared": "httpx2 (the maintained continuation of HTTPX), one shared AsyncClient",
    "httpx-aiohttp": "httpx 0.28 API over the httpx-aiohttp transport",
    "aiohttp": "aiohttp directly",
}
PACKAGES = {"httpx2-shared": "httpx2", "httpx-aiohttp": "httpx_aiohttp", "aiohttp": "aiohttp"}


async def _with_client(name: str, concurrency: int, per_host: int, body: Callable[[Head], Awaitable[None]]) -> None:
    """Run `body` with a HEAD function for the candidate `name`, opened and closed around it."""
    if name == "checker":
        from tools.checker.http import HttpClient
        from tools.checker.settings import Settings

        settings = Settings(concurrency=concurrency, per_host=per_host, timeout=30.0)
        async with HttpClient(settings) as http:

            async def head(url: str) -> int:
                return (await http.send("HEAD", url, kind="web")).status_code

            await body(head)
        return
    if name == "aiohttp":
        import aiohttp

        connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=per_host)
        async with aiohttp.ClientSession(connector=connector) as session:

            async def head(url: str) -> int:
                async with session.head(url, allow_redirects=False) as response:
                    return response.status

            await body(head)
        return
    client: Any
    if name == "httpx2-shared":
        import httpx2

        client = httpx2.AsyncClient(
            limits=httpx2.Limits(max_connections=concurrency, max_keepalive_connections=None), timeout=30.0
        )
    else:
        import httpx

        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=None)
        if name == "httpx-aiohttp":
            from httpx_aiohttp import AiohttpTransport

            client = httpx.AsyncClient(transport=AiohttpTransport(limits=limits), timeout=30.0)
        else:
            client = httpx.AsyncClient(limits=limits, timeout=30.0)
    async with client:

        async def head(url: str) -> int:
            return (await client.head(url)).status_code

        await body(head)


async def _send_all(name: str, urls: list[str], concurrency: int, per_host: int) -> dict[str, float]:
    """One HEAD per url, at most `concurrency` in flight and `per_host` per host; wall and CPU seconds."""
    overall = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    statuses: list[int] = []
    timing: dict[str, float] = {}

    async def one(head: Head, url: str) -> None:
        host = url.split("/")[2]
        slot = hosts.setdefault(host, asyncio.Semaphore(per_host))
        async with slot, overall:
            try:
                statuses.append(await head(url))
            except Exception:  # counted as not 200: a candidate that fails requests shows it in its row
                statuses.append(0)

    async def body(head: Head) -> None:
        await head(urls[0])  # the first request pays for lazy set-up (SSL context, imports)
        cpu, wall = time.process_time(), time.perf_counter()
        async with asyncio.TaskGroup() as group:
            for url in urls:
                group.create_task(one(head, url))
        timing.update(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu)

    await _with_client(name, concurrency, per_host, body)
    timing["ok"] = float(statuses.count(200))
    return timing


def _child(args: argparse.Namespace) -> None:
    urls = [f"http://127.0.0.{i % args.hosts + 1}:{args.port}/page/{i}" for i in range(args.links)]
    print(json.dumps(asyncio.run(_send_all(args.candidate, urls, args.concurrency, args.per_host))))


def measure(name: str, port: int, args: argparse.Namespace) -> dict[str, float] | None:
    """One candidate in a fresh process; None when its package is not installed."""
    package = PACKAGES.get(name)
    if package and importlib.util.find_spec(package) is None:
        return None
    command = [sys.executable, "-m", "benchmarks.http_clients", "--candidate", name, "--port", str(port)]
    for option in ("links", "hosts", "concurrency", "per_host"):
        command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--per-host", type=int, default=10)
    parser.add_argument("--candidate", choices=sorted(CANDIDATES), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.candidate:
        _child(args)
        return
    port = free_port()
    server = start_server(args.hosts, port, args.latency_ms)
    try:
        print(
            f"HTTP clients: {args.links} HEADs over {args.hosts} hosts at {args.latency_ms:g} ms, "
            f"{args.concurrency} in flight, {args.per_host} per host (sending loop only)"
        )
        for name, what in CANDIDATES.items():
            result = measure(name, port, args)
            if result is None:
                print(f"  {name:<17} not installed ({what})")
                continue
            per_link = result["cpu"] / args.links * 1000
            print(
                f"  {name:<17} wall {result['wall']:5.2f} s  CPU {per_link:5.2f} ms/request  "
                f"200s {int(result['ok'])}/{args.links}  ({what})"
            )
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
