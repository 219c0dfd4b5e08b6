"""The Jinja2 environment the generated pages are rendered from, with autoescaping on.

Every value from the catalog or status.json reaches HTML through a template, so it is escaped unless
a template marks it safe, which none does: forgetting to escape is not possible. Templates live in
`tools/site/templates/`; whitespace control keeps each HTML block free of blank lines, which would
end a raw HTML block in the Markdown page around it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tools.site import links
from tools.site.render import (
    STATUS_LABELS,
    framework_label,
    iso_time,
    pypi_url,
    python_label,
    relative_time,
    safe_url,
)
from tools.site.sources import HIDEABLE, MARKED

TEMPLATES = Path(__file__).with_name("templates")


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    """`1 entry`, `3 entries`: the count with the noun that fits it."""
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


@cache
def environment() -> Environment:
    """One environment per process; StrictUndefined turns a misspelt variable into an error, not empty text."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(iso=iso_time, plural=_plural, casefold=str.casefold, framework_label=framework_label)
    env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        MARKED=MARKED,
        HIDEABLE=HIDEABLE,
        links=links,
        pypi_url=pypi_url,
        framework_label=framework_label,
        python_label=python_label,
        relative_time=relative_time,
        safe_url=safe_url,
    )
    return env


def render(template: str, **context: Any) -> str:
    """`template` (a file name under templates/) rendered with `context`; catalog text in it comes out escaped."""
    return environment().get_template(template).render(**context)
