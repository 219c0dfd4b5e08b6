"""Escaping catalog text for Markdown (workflow commands: tools/workflow_commands.py).

Catalog text is data: a name like `a|b <script>` must not break a table, open an HTML tag or
become a link. Markdown punctuation is backslash-escaped; `<`, `>` and `&` become entities.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md(text: str) -> str:
    """Plain text that renders as itself inside Markdown, tables included."""
    text = " ".join(str(text).split())  # no line breaks inside a list item or table cell
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(url: str) -> str:
    """An address safe as a Markdown link destination: no spaces, parentheses or angle brackets."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def md_link(text: str, url: str) -> str:
    return f"[{md(text)}]({md_url(url)})"


def md_code(text: str) -> str:
    """Inline code that cannot be closed early by backticks in the text.

    CommonMark closes a code span only with a run of exactly as many backticks as opened it, so
    the fence is one longer than the longest run in the text (a redirect's query string, say).
    """
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    if not longest:
        return f"`{text}`"
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"
