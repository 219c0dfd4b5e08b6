"""Site build time for the real catalog and synthetic ones up to 5,000 entries, and what a category page weighs.

    .venv/bin/python -m benchmarks.site_build [--sizes 50,1000,5000] [--runs 2]

Each build is a fresh `mkdocs build --strict` process with the repository's mkdocs.yml (as `make site`
runs it), pointed at a generated catalog through AWESOME_CATALOG_DIR. The synthetic catalog keeps
40 categories, so pages grow with the catalog: the harder case for linear growth. Sizes are gzip -6,
as a web server would compress them. Each size is printed beside the real catalog's build in the
same run, with issue 10's target for 5,000 entries (at most 3.5x the real catalog's build). CPU time
(user + system of the build process) is printed beside wall time: on a shared machine the wall ratio
swings with other people's load, the CPU ratio much less.

Measured 2026-11-30 on the shared 2-core machine (load 8 to 11), `--runs 2`, before (main at 755fb33)
and after (branch site-speed) back to back, real catalog 305 entries:

    before  real 6.11 s (CPU 2.04)   5,000 entries 47.21 s (CPU 16.44): 7.72x wall, 8.05x CPU
    after   real 6.20 s (CPU 1.82)   5,000 entries 11.65 s (CPU  5.72): 1.88x wall, 3.13x CPU
    an earlier pair: before 5,000 CPU 16.83 s (7.72x CPU), after 5.24 s (3.60x CPU; wall 7.86x in a load spike)

Where the 5,000-entry build went before: Python-Markdown parsing the generated HTML twice (MkDocs's
anchor collector, md_in_html's block finder) and Material's search plugin parsing every page for a
lunr index the site then deletes. Now: the generated HTML is stashed unparsed (tools/site/rawhtml.py),
no page is indexed, and what is left is mostly Jinja rendering of the entries, catalog loading and
catalog.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tools.paths import CATALOG_DIR, REPO_ROOT, STATUS_FILE
from tools.site import links

CATEGORIES = 40
SITE_TARGET_ENTRIES, SITE_TARGET_RATIO = 5000, 3.5  # issue 10: a strict build of 5,000 entries
WORDS = "async await loop task stream socket queue server client pool driver event future channel signal".split()
STATUSES = ["ok"] * 85 + ["stale"] * 6 + ["archived"] * 3 + ["moved"] * 3 + ["dead"] * 2 + ["unknown"]


def synthetic_catalog(folder: Path, entries: int, seed: int = 7, *, web_urls: list[str] | None = None) -> Path:
    """`entries` entries over CATEGORIES files, with a status.json giving most of them figures.

    By default every entry is a GitHub repository with a PyPI name (the site's richest case); with
    `web_urls` (one per entry) each entry is that plain web page without a PyPI name instead, so
    that `awesome check` asks the web alone (the link benchmark).
    """
    if web_urls is not None and len(web_urls) != entries:
        raise ValueError("one web url per entry")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime(2026, 11, 21, tzinfo=UTC)
    status: dict[str, object] = {
        "version": 1,
        "checked_at": "2026-11-21T12:00:00Z",
        "complete": True,
        "summary": {},
        "entries": {},
        "history": {},
    }
    records = status["entries"]
    assert isinstance(records, dict)
    per_category = [entries // CATEGORIES + (1 if i < entries % CATEGORIES else 0) for i in range(CATEGORIES)]
    number = 0
    for c, count in enumerate(per_category):
        lines = [
            f"title: Category {c:03d}",
            f"description: Synthetic category number {c} for the benchmark.",
            "entries:",
        ]
        for _ in range(count):
            number += 1
            name = f"Project {number:05d}"
            entry_id = f"project-{number:05d}"
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            url = f"https://github.com/bench/project-{number:05d}" if web_urls is None else web_urls[number - 1]
            lines += [
                f"  - name: {name}",
                f"    url: {url}",
                f"    description: Synthetic entry with {words}.",
                *([f"    pypi: project-{number:05d}"] if web_urls is None else []),
                f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}-x]",
                f"    added: {(date(2026, 11, 21) - timedelta(days=number % 400)).isoformat()}",
            ]
            state = rng.choice(STATUSES)
            last = now - timedelta(days=rng.randint(0, 900))
            records[entry_id] = {
                "id": entry_id,
                "status": state,
                "reasons": [] if state == "ok" else [f"synthetic {state}"],
                "moved_to": "https://github.com/elsewhere/x" if state == "moved" else None,
                "stars": rng.randint(0, 90_000) if rng.random() > 0.1 else None,
                "forks": None,
                "open_issues": None,
                "contributors": rng.randint(1, 300),
                "license": rng.choice(["MIT", "Apache-2.0", "BSD-3-Clause", None]),
                "last_commit": last.isoformat().replace("+00:00", "Z"),
                "latest_release": (last - timedelta(days=30)).isoformat().replace("+00:00", "Z"),
                "latest_version": f"{rng.randint(0, 5)}.{rng.randint(0, 20)}.0",
                "archived": state == "archived",
                "checked_at": "2026-11-21T12:00:00Z",
                "links": [],
            }
        (folder / f"category-{c:03d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "status.json").write_text(json.dumps(status), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class BuildTime:
    wall: float  # seconds
    cpu: float  # seconds of user + system time of the build process (steadier than wall on a busy machine)


def build_time(catalog: Path, status: Path, out: Path) -> BuildTime:
    env = dict(os.environ, AWESOME_CATALOG_DIR=str(catalog), AWESOME_STATUS_FILE=str(status), NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(REPO_ROOT / "mkdocs.yml"),
            "--site-dir",
            str(out),
        ],
        check=True,
        env=env,
        cwd=REPO_ROOT,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return BuildTime(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def best_of(runs: int, catalog: Path, status: Path, out: Path) -> BuildTime:
    """The fastest of `runs` builds, wall and CPU each taken at its minimum."""
    times = [build_time(catalog, status, out) for _ in range(runs)]
    return BuildTime(min(t.wall for t in times), min(t.cpu for t in times))


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weight(public: Path, page: Path) -> dict[str, int]:
    """Bytes on the wire for one page: its HTML, the CSS and JS it links, and the search index the site's search
    fetches (search/entries.json; Material's own index is not published, see tools/site/hooks.py)."""
    html = page.read_text(encoding="utf-8")
    assets = sorted(public.glob("assets/stylesheets/*.css")) + [public / "assets/css/catalog.css"]
    scripts = sorted(public.glob("assets/javascripts/bundle.*.js")) + [public / "assets/js/catalog.js"]
    assert all(a.name in html for a in assets + scripts), "the page does not link the assets measured"
    return {
        "html": gz(page),
        "css": sum(gz(a) for a in assets),
        "js": sum(gz(s) for s in scripts),
        "search_worker": sum(gz(s) for s in public.glob("assets/javascripts/workers/search.*.js")),
        "search_index": gz(public / links.SEARCH_INDEX),
    }


def largest_category_page(public: Path) -> Path:
    return max(public.glob("categories/*/index.html"), key=lambda p: p.stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,1000,5000")
    parser.add_argument("--runs", type=int, default=2, help="builds per size; the fastest counts")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        root = Path(tmp)
        real_out = root / "real"
        real_entries = sum(
            1
            for line in "".join(p.read_text() for p in CATALOG_DIR.glob("*.yml")).splitlines()
            if line.startswith("  - name:")
        )
        real = best_of(args.runs, CATALOG_DIR, STATUS_FILE, real_out)
        print(f"real catalog ({real_entries} entries): {real.wall:.2f} s (CPU {real.cpu:.2f} s)")
        page = largest_category_page(real_out)
        weight = page_weight(real_out, page)
        total = sum(weight.values())
        print(
            f"largest category page {page.parent.name}: "
            + ", ".join(f"{k} {v / 1024:.1f} KiB" for k, v in weight.items())
            + f"; total {total / 1024:.1f} KiB gzip ({(weight['html'] + weight['css'] + weight['js']) / 1024:.1f} KiB without search)"
        )

        rows = []
        for size in sizes:
            catalog = synthetic_catalog(root / f"catalog-{size}", size)
            out = root / f"out-{size}"
            took = best_of(args.runs, catalog, catalog / "status.json", out)
            seconds = took.wall
            html = page_weight(out, largest_category_page(out))["html"]
            rows.append((size, seconds))
            print(
                f"synthetic {size:>5} entries: {seconds:6.2f} s  ({seconds / real.wall:.2f}x the real catalog's; "
                f"CPU {took.cpu:.2f} s, {took.cpu / real.cpu:.2f}x; "
                f"{seconds / size * 1000:.2f} ms/entry; largest category page html {html / 1024:.1f} KiB gzip)"
            )
            if size == SITE_TARGET_ENTRIES:
                ratio = seconds / real.wall
                verdict = "ok  " if ratio <= SITE_TARGET_RATIO else "MISS"
                print(
                    f"  target {verdict} {size} entries <= {SITE_TARGET_RATIO}x the real catalog's build: {ratio:.2f}x"
                    f" (CPU {took.cpu / real.cpu:.2f}x)"
                )
        if len(rows) >= 2:
            (n0, t0), (n1, t1) = rows[0], rows[-1]
            print(f"growth {n0}->{n1} entries: x{n1 / n0:.1f} entries, x{t1 / t0:.2f} time")


if __name__ == "__main__":
    main()
