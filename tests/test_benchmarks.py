"""`make bench` as a maintainer runs it: each benchmark prints its figures beside issue 10's targets.

Tiny sizes, so these check the benchmarks' output and plumbing, never a timing.
"""

from __future__ import annotations

import re
import subprocess
import sys

from tools.paths import REPO_ROOT


def _bench(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_link_benchmark_times_the_command_and_the_python_floor_on_every_link():
    lines = _bench("benchmarks.links", "--runs", "40x4", "--latency-ms", "5", "--no-lychee")
    checks = [line for line in lines if line.lstrip().startswith("awesome check")]
    floors = [line for line in lines if line.lstrip().startswith("Python floor")]
    assert len(checks) == len(floors) == 2  # lychee's limits, then the checker's own
    assert all("exit 0" in line and "verdicts {'ok': 40}" in line for line in checks), checks
    assert all(re.search(r"wall +\d+\.\d\d s +CPU +\d+\.\d\d ms/link +peak +\d+ MB +exit 0", f) for f in floors), floors


def test_the_github_benchmark_counts_the_queries_against_its_target():
    lines = _bench("benchmarks.github", "--repos", "60")
    assert "GraphQL 2 (queries: 1 of 10, 1 of 50 repositories), REST 60" in "\n".join(lines), lines
    assert any(
        line.strip() == "target ok   at most one GraphQL request per 50 repositories: 2 for 60 (at most 2)"
        for line in lines
    ), lines
