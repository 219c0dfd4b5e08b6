"""The async checker: GitHub, PyPI and every link, under global and per-host limits."""
