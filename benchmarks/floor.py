"""The least a Python process pays to check links: interpreter start, aiohttp, one GET per link.

    .venv/bin/python benchmarks/floor.py LINKS_FILE [--concurrency 128] [--per-host 10]

No catalog, no verdicts, no reports: the same GETs `awesome check` sends for these links (home
pages: GET, body read), under the same two limits (global, per host), on aiohttp, the connection
layer the checker's httpx transport uses. benchmarks.links times it as its own process beside
`awesome check` and lychee: the gap between it and lychee is Python's and aiohttp's, the gap
between the checker and it is the checker's own. Prints how many answers were 200.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp


async def check(urls: list[str], concurrency: int, per_host: int) -> int:
    """GET each URL, at most `concurrency` at once and `per_host` per host; the number of 200s."""
    overall = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar()) as session:

        async def get(url: str) -> int:
            host = urlsplit(url).hostname or ""
            async with hosts.setdefault(host, asyncio.Semaphore(per_host)), overall:
                async with session.get(url, allow_redirects=False) as response:
                    await response.read()
                    return response.status

        statuses = await asyncio.gather(*(get(url) for url in urls))
    return sum(status == 200 for status in statuses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("links", type=Path, help="a file of URLs, one per line")
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--per-host", type=int, default=10)
    args = parser.parse_args()
    urls = args.links.read_text(encoding="utf-8").split()
    print(asyncio.run(check(urls, args.concurrency, args.per_host)))


if __name__ == "__main__":
    main()
