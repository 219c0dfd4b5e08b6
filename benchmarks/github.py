"""`make bench`: how many requests `awesome check` sends GitHub and PyPI, on a catalog of repositories.

    .venv/bin/python -m benchmarks.github [--repos 120,1000]

The command runs as a user runs it (its own process, a token set) against the tests' fake GitHub
(tests/fakes/github.py: every GraphQL query validated against GitHub's published schema, then
answered) and fake PyPI, served on loopback. For each size it prints the GraphQL, REST and PyPI
requests the report counted, the GraphQL queries' sizes, the wall time, and issue 10's target: at
most one GraphQL request per 50 repositories.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.links import timed
from benchmarks.site_build import synthetic_catalog
from tests.fakes.github import FakeGitHub
from tests.fakes.pypi import FakePyPI
from tests.fakes.server import serve

REPOSITORIES_PER_QUERY = 50  # issue 10: "at most one GraphQL request per 50 repositories"
TOKEN = "bench-token"  # the fake's; the checker sends GraphQL only with a token


def bench_size(repos: int, root: Path) -> None:
    folder = root / f"{repos}-repos"
    catalog = synthetic_catalog(folder / "catalog", repos)  # github.com/bench/project-NNNNN, PyPI project-NNNNN
    (catalog / "status.json").unlink()
    github, pypi = FakeGitHub(token=TOKEN), FakePyPI()
    github.rest_remaining = 5000  # REST's hourly budget with a token (the fake's default is the anonymous 60)
    for number in range(1, repos + 1):
        github.add("bench", f"project-{number:05d}", stars=number)
        pypi.add(f"project-{number:05d}").release("1.0.0", "2026-10-01T12:00:00Z")
    with serve(github.app, "127.0.0.2") as github_url, serve(pypi.app, "127.0.0.3") as pypi_url:
        github.url = github_url
        env = dict(
            os.environ,
            GITHUB_TOKEN=TOKEN,
            GITHUB_API_URL=github_url,
            GITHUB_GRAPHQL_URL=f"{github_url}/graphql",
            PYPI_URL=pypi_url,
            AWESOME_CACHE_DIR=str(folder / "cache"),
            GITHUB_ACTIONS="",
        )
        command = [sys.executable, "-m", "tools", "check", "--catalog", str(catalog)]
        command += ["--status", str(folder / "status.json"), "--json", str(folder / "report.json")]
        run = timed(command, folder, env)
    if run.code != 0:
        raise SystemExit(f"awesome check failed (exit {run.code})")
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    counted, statuses = report["requests"], {e["status"] for e in report["entries"]}
    allowed = math.ceil(repos / REPOSITORIES_PER_QUERY)
    graphql = counted["github_graphql"]
    sizes = ", ".join(f"{count} of {size}" for size, count in sorted(Counter(github.graphql_batches).items()))
    print(
        f"\n{repos} GitHub repositories with PyPI projects: statuses {sorted(statuses)}; the checker's CPU "
        f"{run.cpu:.2f} s, peak {run.peak_mb:.0f} MB (its wall, {run.wall:.2f} s, is mostly the fake validating "
        "each query against GitHub's schema)\n"
        f"  requests       GraphQL {graphql} (queries: {sizes} repositories), "
        f"REST {counted['github_rest']} (contributors: GraphQL has no count), PyPI {counted['pypi']}\n"
        f"  target {'ok  ' if graphql <= allowed else 'MISS'} at most one GraphQL request per "
        f"{REPOSITORIES_PER_QUERY} repositories: {graphql} for {repos} (at most {allowed})"
    )
    if github.invalid_queries:
        raise SystemExit(f"GitHub would reject a query the checker sent: {github.invalid_queries[0][:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repos", default="120,1000", help="catalog sizes, comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="github-bench-") as tmp:
        for size in args.repos.split(","):
            bench_size(int(size), Path(tmp))


if __name__ == "__main__":
    main()
