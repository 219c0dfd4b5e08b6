"""Escaping untrusted text (catalog entries, pull requests, server answers) for Markdown and HTML.

A security boundary, so it lives in one place. Catalog text is data: a name like `a|b <script>`
must not break a table, open an HTML tag or become a link, nor notify anyone: GitHub turns
`@name` into a mention that notifies and `#1` into a reference shown on that issue, so a
zero-width space goes after the `@` or `#` (as Dependabot and Renovate do for mentions:
dependabot-core#3157, renovate#30842). GitHub workflow commands have their own rules:
tools/workflow_commands.py.
"""

from __future__ import annotations

import html as _html
import re
from urllib.parse import quote

# Every ASCII punctuation mark CommonMark or GitHub could read as syntax somewhere in a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
# What formats text in the middle of a line or table cell; leaves addresses and versions readable.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# A GitHub mention (`@user`, `@org/team`; an e-mail address is not one) or reference (`#1`, `owner/repo#1`).
# The awesome-list README's text (md_list_text): `_` inside a word stays literal (snake_case names
# stay readable, as awesome-lint wants), at a word's edge it could open emphasis.
_LIST_ALWAYS = re.compile(r"([\\`*\[\]<>|~])")
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_HEADING_HASH = re.compile(r"(?<=\s)#")
_MENTION_OR_REFERENCE = re.compile(r"(?<![A-Za-z0-9])@(?=[A-Za-z0-9])|#(?=\d)")


def one_line(text: object) -> str:
    """Any text squashed to one line: runs of whitespace, line breaks included, become one space."""
    return " ".join(str(text).split())


def html(text: object) -> str:
    """Text as HTML: `<`, `>`, `&` and both quotes escaped, so it is safe in content and attributes."""
    return _html.escape(str(text), quote=True)


def _no_html(text: str) -> str:
    """No tags, mentions or references: a zero-width space after their `@` or `#` reads the same."""
    return _MENTION_OR_REFERENCE.sub(
        lambda m: m.group(0) + "\u200b", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )


def md(text: object) -> str:
    """Plain text that renders as itself anywhere in a Markdown line, tables included."""
    return _MD_SPECIAL.sub(r"\\\1", _no_html(one_line(text)))


def md_inline(text: object) -> str:
    """Plain text that renders as itself inside a line or table cell (not at a line's start)."""
    return _MD_INLINE.sub(r"\\\1", _no_html(one_line(text)))


def md_list_text(text: object) -> str:
    """Text that renders as itself in an awesome-list item: a name stays the link text, a description text."""
    escaped = _LIST_ALWAYS.sub(r"\\\1", one_line(text))
    escaped = _EDGE_UNDERSCORE.sub(r"\\_", escaped)
    return _ENTITY.sub(r"\\&", escaped)


def md_heading(text: object) -> str:
    """Heading text: as `md_list_text`, and a ` #` cannot be taken for the heading's closing sequence."""
    return _HEADING_HASH.sub(r"\\#", md_list_text(text))


def md_url(url: str) -> str:
    """An address safe as a Markdown link destination: no spaces, parentheses or angle brackets."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def md_link(text: object, url: str) -> str:
    return f"[{md(text)}]({md_url(url)})"


def md_code(text: object) -> str:
    """Inline code that cannot be closed early by backticks in the text.

    CommonMark closes a code span only with a run of exactly as many backticks as opened it, so
    the fence is one longer than the longest run in the text (a redirect's query string, say).
    """
    flat = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    if not longest:
        return f"`{flat}`"
    fence = "`" * (longest + 1)
    return f"{fence} {flat} {fence}"
