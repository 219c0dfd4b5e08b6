"""Catalog loading at 50, 1,000 and 5,000 entries, beside libyaml composing the same files in the same run.

    .venv/bin/python -m benchmarks.catalog_load [--sizes 50,1000,5000] [--runs 3]

"Loading" is what every command pays before its work: `load_catalog` (read, parse, refuse aliases
and deep nesting, validate every entry, check duplicates and order). The baseline is PyYAML's C
loader composing the same files into nodes with line numbers (`yaml.compose(..., CSafeLoader)`), the
least any loader that keeps lines can do. The target (issue 10) is on the extra cost of the largest
catalog over the smallest, so start-up costs shared by both sizes do not flatter the ratio. Last, the
memory the largest loaded catalog holds (tracemalloc): every command keeps it for its whole run.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from benchmarks.site_build import CATEGORIES, synthetic_catalog
from tools.catalog import load_catalog

TARGET_RATIO = 3.0


def best_seconds(runs: int, *works: Callable[[], object]) -> list[float]:
    """The fastest of `runs` timings of each work, taken in turns so a busy moment hits both alike."""
    timings: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, taken in zip(works, timings, strict=True):
            started = time.perf_counter()
            work()
            taken.append(time.perf_counter() - started)
    return [min(taken) for taken in timings]


def libyaml_compose(catalog: Path) -> None:
    for path in sorted(catalog.glob("*.yml")):
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def held_bytes(catalog: Path) -> int:
    """The memory a loaded catalog keeps (tracemalloc): what is still allocated once loading is over."""
    gc.collect()
    tracemalloc.start()
    try:
        loaded = load_catalog(catalog)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del loaded
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,1000,5000", help="entry counts, smallest first")
    parser.add_argument("--runs", type=int, default=5, help="timings per size; the fastest counts")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    if len(sizes) < 2 or sizes[0] < CATEGORIES:
        parser.error(f"give two sizes or more, each at least {CATEGORIES} (the synthetic catalog's categories)")
    if not yaml.__with_libyaml__:
        raise SystemExit("PyYAML has no libyaml here: the baseline cannot be measured")

    rows: list[tuple[int, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as tmp:
        print(f"catalog loading, best of {args.runs} (baseline: libyaml composing the same files)")
        print(f"{'entries':>8} {'load_catalog':>13} {'libyaml':>9} {'ratio':>6}")
        for size in sizes:
            catalog = synthetic_catalog(Path(tmp) / f"catalog-{size}", size)
            loaded, composed = best_seconds(
                args.runs, partial(load_catalog, catalog), partial(libyaml_compose, catalog)
            )
            rows.append((size, loaded, composed))
            print(f"{size:>8} {loaded * 1000:>10.0f} ms {composed * 1000:>6.0f} ms {loaded / composed:>5.2f}x")
        held = held_bytes(catalog)  # the largest, still on disk

    (small, small_load, small_yaml), (large, large_load, large_yaml) = rows[0], rows[-1]
    extra_load, extra_yaml = large_load - small_load, large_yaml - small_yaml
    ratio = extra_load / extra_yaml
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(
        f"extra cost of {large} entries over {small}: load_catalog {extra_load * 1000:.0f} ms, "
        f"libyaml {extra_yaml * 1000:.0f} ms: {ratio:.2f}x (target: within {TARGET_RATIO:g}x) {verdict}"
    )
    print(
        f"memory held by the loaded catalog of {large} entries: {held / 1e6:.1f} MB, {held / large:.0f} bytes per entry"
    )


if __name__ == "__main__":
    main()
