"""The site: pages, catalog.json and the feed, generated from the catalog and status.json at build time.

`hooks.py` is the MkDocs hook that wires the generators in; the other modules are plain functions
from data to text, so they can be tested without running MkDocs.
"""
