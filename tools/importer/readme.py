"""Reading an awesome-list README: sections, their blurbs, their items, and every line left over.

The README is parsed with markdown-it-py (CommonMark, the parser MkDocs' toolchain already brings)
rather than with regular expressions, so emphasis, escapes, nested lists and URLs with parentheses
read the way GitHub renders them. The shape expected is the awesome-list convention: `## Section`
headings, an optional (often *italic*) paragraph under each, and items written
`- [Name](url) - Description.` (`*` bullets, nested items, badges around the link all accepted).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Sections that are the list's own furniture, not entries.
META_SECTIONS = frozenset(
    (
        "contents",
        "table of contents",
        "toc",
        "index",
        "contributing",
        "contribute",
        "contributors",
        "license",
        "licence",
        "code of conduct",
        "sponsors",
        "sponsor",
        "backers",
        "credits",
        "acknowledgements",
        "acknowledgments",
        "thanks",
        "footnotes",
        "maintainers",
        "authors",
        "changelog",
        "related",
        "related lists",
        "see also",
        "other awesome lists",
        "other lists",
    )
)
_EDGE_SYMBOLS = re.compile(r"^[\W_]+|[\W_]+$")  # emoji, colons and rules around a heading's words
_CONTAINERS = frozenset(("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open"))
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_HTML_LINK = re.compile(r"href\s*=\s*[\"']?(?!#)|\]\(\s*https?://", re.IGNORECASE)
_LINK_JOINER = re.compile(r"[\s|,/·•]*")  # what sits between links listed side by side
_SEPARATOR = re.compile(r"^\s*(?:[-–—:|]+\s*)?")
_PYPI_PROJECT = re.compile(r"^https?://pypi\.(?:org|python\.org)/(?:project|pypi)/([A-Za-z0-9._-]+)/?", re.IGNORECASE)


@dataclass
class Item:
    line: int
    name: str
    url: str
    description: str
    pypi: str | None = None
    subsection: str | None = None  # the `###` heading the item sits under, if any


@dataclass
class Skipped:
    line: int
    why: str
    has_link: bool = True  # False: the line has no link at all


@dataclass
class Section:
    line: int
    title: str
    blurb: str | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class ParsedReadme:
    sections: list[Section]
    skipped: list[Skipped]


def parse_readme(text: str) -> ParsedReadme:
    """The README's sections and items, and the lines inside sections that are neither (with why)."""
    markdown = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # as GitHub reads it
    tokens = markdown.parse(text)
    sections: list[Section] = []
    skipped: list[Skipped] = _unread(tokens, markdown.options["maxNesting"])
    section: Section | None = None
    meta = True  # before the first `##`: the title, badges and introduction
    subsection: str | None = None
    after_heading = False  # a paragraph right under a heading is its blurb
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 if token.map else 0
        under_heading = after_heading
        after_heading = token.type == "heading_open" or (under_heading and token.type == "html_block")
        if token.type == "heading_open":
            title = flatten(tokens[index + 1].children or [])
            if token.tag == "h2":
                meta = _EDGE_SYMBOLS.sub("", title.casefold()) in META_SECTIONS
                section = None if meta else Section(line, title)
                if section:
                    sections.append(section)
                subsection = None
            elif token.tag != "h1":
                subsection = title
            index += 3
            continue
        if meta or section is None:
            index = _skip_block(tokens, index)
            continue
        if token.type == "paragraph_open" and (under_heading or _only_anchors(tokens[index + 1])):
            if subsection is None and section.blurb is None:
                section.blurb = flatten(tokens[index + 1].children or [])
            index += 3  # a subsection's blurb has no place in the catalog; "back to top" links neither
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            end = _skip_block(tokens, index)
            for item_line, inline, is_group in _list_paragraphs(tokens[index:end]):
                found = read_item(inline, item_line)
                if isinstance(found, Item):
                    found.subsection = subsection
                    section.items.append(found)
                elif found is not None and not (is_group and not found.has_link):
                    skipped.append(found)  # a label without a link over nested items is only a grouping
            index = end
            continue
        if token.type == "html_block" and _hides_links(token.content):
            why = f"links inside an HTML block in section {section.title!r} are not read; write them as Markdown list items"
            skipped.append(
                Skipped(line, why + (" (leave a blank line after <summary>)" if "<summary" in token.content else ""))
            )
        elif token.type not in ("html_block", "hr"):  # comments, markup and rules are not content
            skipped.append(Skipped(line, f"{_what(token)} in section {section.title!r} is not a list item"))
        index = _skip_block(tokens, index)
    return ParsedReadme(sections, skipped)


def _unread(tokens: Sequence[Token], max_nesting: int) -> list[Skipped]:
    """Where markdown-it stopped reading: past `max_nesting` levels it drops the rest of the container silently."""
    for token in tokens:
        if token.type in _CONTAINERS and token.level >= max_nesting - 1 and token.map:
            first, last = token.map
            why = f"lists nested this deep are more than the Markdown parser reads; nothing from here to line {last} was imported: flatten the list"
            return [Skipped(first + 1, why)]
    return []


def _hides_links(html: str) -> bool:
    """Whether an HTML block (other than a comment, which hides on purpose) holds links a reader would see."""
    visible = _HTML_COMMENT.sub("", html)
    return bool(_HTML_LINK.search(visible))


def _only_anchors(inline: Token) -> bool:
    """A paragraph whose links all lead within the page, such as "back to top"."""
    links = [str(child.attrs.get("href", "")) for child in inline.children or [] if child.type == "link_open"]
    return bool(links) and all(href.startswith("#") for href in links)


def _what(token: Token) -> str:
    return {"table_open": "a table", "fence": "a code block", "code_block": "a code block"}.get(token.type, "text")


def _skip_block(tokens: Sequence[Token], index: int) -> int:
    """The index after the block that starts at `index` (its matching close, for a container)."""
    if tokens[index].nesting != 1:
        return index + 1
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position + 1
    return len(tokens)


def _list_paragraphs(tokens: Sequence[Token]) -> Iterator[tuple[int, Token, bool]]:
    """Each list item's own first paragraph (nested items' included), its line, and whether items nest under it."""
    for position, token in enumerate(tokens):
        if token.type == "paragraph_open" and position and tokens[position - 1].type == "list_item_open":
            after = tokens[position + 3].type if position + 3 < len(tokens) else ""
            is_group = after in ("bullet_list_open", "ordered_list_open")
            yield (token.map[0] + 1 if token.map else 0), tokens[position + 1], is_group


def flatten(children: Sequence[Token]) -> str:
    """Inline Markdown as the text a reader sees: links become their text, images and HTML vanish."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def read_item(inline: Token, line: int) -> Item | Skipped | None:
    """An entry from one list item, a reason it is none, or None for a table-of-contents link."""
    children = inline.children or []
    links = list(_links(children))
    named = [(start, end, href) for start, end, href in links if flatten(children[start + 1 : end])]
    if not named:
        if links and all(href.startswith("#") for _, _, href in links):
            return None
        if "://" in flatten(children):
            return Skipped(line, "an address that is not a link; write it as [Name](https://...) - Description.")
        return Skipped(line, "no link with a name in this item", has_link=bool(links))
    start, end, url = named[0]
    if url.startswith("#"):
        return None  # a table of contents
    name = flatten(children[start + 1 : end])
    if name in (url, url.removeprefix("mailto:")) or "://" in name:
        return Skipped(line, f"the link's text is its address; write it as [Name]({url}) - Description.")
    if _struck_through(children[:start]):
        return Skipped(
            line,
            f"{name!r} is struck through: the list marks it retired; add it by hand with `successor:` if it belongs",
        )
    description = _SEPARATOR.sub("", flatten(children[_after_sibling_links(children, end + 1) :]), count=1)
    if not description:
        return Skipped(line, f"{name!r} has no description; write one after ` - ` and import again")
    pypi = next((m.group(1) for _, _, href in links if (m := _PYPI_PROJECT.match(href))), None)
    return Item(line, name, url, description, pypi)


def _after_sibling_links(children: Sequence[Token], start: int) -> int:
    """Where the description begins: past links beside the name, as in `[Talk](v) | [slides](s) - Description.`"""
    position = start
    while position < len(children):
        child = children[position]
        if child.type == "link_open":
            position = next(i for i in range(position, len(children)) if children[i].type == "link_close") + 1
        elif child.type == "text" and _LINK_JOINER.fullmatch(child.content):
            position += 1
        else:
            break
    return position if position > start and any(c.type == "link_open" for c in children[start:position]) else start


def _struck_through(before: Sequence[Token]) -> bool:
    """Whether a ~~strikethrough~~ opened before the link is still open at it (awesome lists' "retired" mark)."""
    depth = 0
    for child in before:
        depth += {"s_open": 1, "s_close": -1}.get(child.type, 0)
    return depth > 0


def _links(children: Sequence[Token]) -> Iterator[tuple[int, int, str]]:
    """(open index, close index, href) of each link among inline tokens."""
    for start, child in enumerate(children):
        if child.type == "link_open":
            end = next(i for i in range(start, len(children)) if children[i].type == "link_close")
            yield start, end, str(child.attrs.get("href", ""))
