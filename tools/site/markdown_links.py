"""Rewriting where a Markdown text's links point, leaving every other character as it was.

markdown-it-py (already installed with rich) decides what is a link, so text that only looks like
one (in a code span or a fenced block, an image) is left alone. It reports no character
positions, so its `link` rule is wrapped to note where each inline link's destination lies in
its paragraph, and that is mapped back to the document's line: the destination is always on one
line. Reference definitions (`[id]: target`) come with their line from the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkLabel
from markdown_it.rules_inline import StateInline

# The new destination for a link's old one; None turns an inline link into its text.
Retarget = Callable[[str], str | None]
Edit = tuple[int, int, int, str]  # (line, start column, end column, new text)


@dataclass(frozen=True)
class _Link:
    src: str  # the paragraph (or cell, or heading) text the inline parser saw
    start: int  # `[` of the link in `src`
    end: int  # after its `)`
    label: tuple[int, int]  # the link text
    destination: tuple[int, int]


def _parser(found: list[_Link]) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    original = md.inline.ruler.__rules__[md.inline.ruler.__find__("link")].fn

    def link(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not original(state, silent):
            return False
        if not silent:
            end = state.pos
            label_end = parseLinkLabel(state, start, True)
            state.pos = end
            pos = label_end + 1
            if label_end >= 0 and state.src[pos : pos + 1] == "(":
                pos += 1
                while pos < end and state.src[pos] in " \t\n":
                    pos += 1
                result = parseLinkDestination(state.src, pos, end)
                if result.ok and result.pos > pos:
                    found.append(_Link(state.src, start, end, (start + 1, label_end), (pos, result.pos)))
        return True

    md.inline.ruler.at("link", link)
    return md


def _line_and_column(block_lines: list[str], src: str, index: int, first_from: int) -> tuple[int, int] | None:
    """Where `src[index]` is among the block's document lines; None when it cannot be told.

    `first_from`: where on the first line the text may start (a table row holds several cells).
    """
    line_in_block = src.count("\n", 0, index)
    line_start = src.rfind("\n", 0, index) + 1
    line_end = src.find("\n", index)
    text = src[line_start : line_end if line_end >= 0 else len(src)]
    if line_in_block >= len(block_lines):
        return None
    # The block's markers and indentation come first.
    column = block_lines[line_in_block].find(text, first_from if line_in_block == 0 else 0)
    return None if column < 0 else (line_in_block, column + index - line_start)


def _retarget_inline(
    link: _Link, first_line: int, first_from: int, lines: list[str], retarget: Retarget, edits: list[Edit]
) -> None:
    block = lines[first_line:]
    old = link.src[link.destination[0] : link.destination[1]]
    new = retarget(old.removeprefix("<").removesuffix(">"))
    whole = _line_and_column(block, link.src, link.start, first_from)
    if new is None and whole and "\n" not in link.src[link.start : link.end]:
        text = link.src[link.label[0] : link.label[1]]
        edits.append((first_line + whole[0], whole[1], whole[1] + link.end - link.start, text))
    elif begin := _line_and_column(block, link.src, link.destination[0], first_from):
        edits.append((first_line + begin[0], begin[1], begin[1] + len(old), new or "#"))


def rewrite_links(markdown: str, retarget: Retarget) -> str:
    """`markdown` with each inline link's and reference definition's destination replaced by `retarget`'s answer."""
    found: list[_Link] = []
    env: dict[str, Any] = {}
    tokens = _parser(found).parse(markdown, env)
    lines = markdown.splitlines(keepends=True)
    edits: list[Edit] = []

    # Each link was noted with the very text object the inline parser read: its inline token's content.
    pending: dict[int, list[_Link]] = {}
    for link in found:
        pending.setdefault(id(link.src), []).append(link)
    used: dict[int, int] = {}  # line -> how far inline texts on it have been matched (table cells)
    for token in tokens:
        if token.type != "inline" or token.map is None:
            continue
        first_line = token.map[0]
        head = token.content.split("\n", 1)[0]
        start = lines[first_line].find(head, used.get(first_line, 0)) if first_line < len(lines) else -1
        first_from = max(start, used.get(first_line, 0))
        used[first_line] = first_from + len(head)
        for link in pending.pop(id(token.content), []):
            if link.src is token.content:
                _retarget_inline(link, first_line, first_from, lines, retarget, edits)

    for reference in env.get("references", {}).values():
        line = reference.get("map", [None])[0]
        if line is None or line >= len(lines):
            continue
        text = lines[line]
        colon = text.find("]:")
        pos = colon + 2
        while 0 <= colon and pos < len(text) and text[pos] in " \t":
            pos += 1
        result = parseLinkDestination(text, pos, len(text.rstrip("\n")))
        if colon >= 0 and result.ok and result.pos > pos:
            old = text[pos : result.pos]
            edits.append((line, pos, result.pos, retarget(old.removeprefix("<").removesuffix(">")) or "#"))

    for line, begin_col, end_col, new_text in sorted(edits, reverse=True):
        lines[line] = lines[line][:begin_col] + new_text + lines[line][end_col:]
    return "".join(lines)
