"""The catalog-loading benchmark `make bench` runs: it prints each size beside libyaml, and the target's verdict."""

from __future__ import annotations

import re
import subprocess
import sys

from tools.paths import REPO_ROOT


def test_the_benchmark_prints_every_size_the_baseline_and_the_ratio_against_its_target():
    command = [sys.executable, "-m", "benchmarks.catalog_load", "--sizes", "80,40", "--runs", "1"]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "catalog loading, best of 1 (baseline: libyaml composing the same files)"
    assert [line.split()[0] for line in lines[2:4]] == ["40", "80"]  # smallest first, as given or not
    assert all(re.fullmatch(r"\s*\d+\s+\d+ ms\s+\d+ ms\s+\d+\.\d\dx", line) for line in lines[2:4]), lines
    assert re.fullmatch(
        r"extra cost of 80 entries over 40: load_catalog -?\d+ ms, libyaml -?\d+ ms: -?[\d.]+x "
        r"\(target: within 3x\) (met|MISSED)",
        lines[4],
    ), lines[4]


def test_sizes_the_synthetic_catalog_cannot_fill_are_refused_with_a_reason():
    command = [sys.executable, "-m", "benchmarks.catalog_load", "--sizes", "20,5"]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "each at least 40" in done.stderr and "Traceback" not in done.stderr


def test_the_benchmark_ends_with_the_memory_the_largest_loaded_catalog_holds():
    command = [sys.executable, "-m", "benchmarks.catalog_load", "--sizes", "40,80", "--runs", "1"]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert re.fullmatch(r"memory held by the loaded catalog of 80 entries: \d+\.\d MB, \d+ bytes per entry", last), last
