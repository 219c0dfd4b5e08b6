"""The site: pages, catalog.json, the feed and the search index, generated from the catalog and status.json at build time.

`hooks.py` is the MkDocs hook that wires the generators in; the other modules are plain functions
from data to text, so they can be tested without running MkDocs:

- sources.py    what a build reads (catalog, status.json figures and trends, CONTRIBUTING.md)
- views.py      an entry as pages show it (figures, star trend, successor); trends.py, retired.py
- pages.py      which page gets which data; templates/ (Jinja2, autoescaped, via templating.py) the HTML
- render.py     small helpers templates call (labels, relative dates, safe links)
- search.py     search/entries.json, ranked in the browser by site/assets/js/search.js
- feeds.py      catalog.json and the Atom feed (serialisers, no templates)
- links.py      where each generated file lives and relative links between them
"""
