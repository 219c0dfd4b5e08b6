"""The async checker: GitHub, PyPI and every link, under global and per-host limits."""

import sys

# httpx's __init__ imports its command-line tool whenever click, Pygments and rich are installed
# (MkDocs brings them): ~80 ms of CPU on every `awesome check` for code the checker never runs.
# Marking the module absent makes httpx take its own "not installed" path (a stub `httpx.main`).
# Without effect when httpx was imported first; nothing in this project uses `httpx.main`.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
