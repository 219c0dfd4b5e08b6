"""`awesome add URL --category SLUG`: a new entry in its sorted place, filled from GitHub and PyPI.

The command refuses what validation would refuse (unknown category, a duplicate, a non-web URL),
writes nothing when the catalog already has errors, and validates the catalog again after writing,
putting the file back if that fails. A description fetched from GitHub or PyPI is a draft: it is
tidied, written, and every style rule it breaks is printed with the line to edit.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tools.add.insert import InsertError, insert_entry, make_entry
from tools.add.sources import Found, SourceError, lookup
from tools.catalog import Catalog, Entry, validate_catalog
from tools.catalog.model import PYPI_PATTERN, TAG_PATTERN
from tools.catalog.urls import github_repo, normalize_url, slugify, web_url_problem
from tools.checker.settings import Settings
from tools.errors import UserError
from tools.files import write_text_atomic
from tools.paths import display_path


@dataclass(frozen=True)
class AddRequest:
    """What the contributor asked for on the command line; None means "find it or leave it out"."""

    url: str
    category: str
    catalog: Path
    name: str | None = None
    description: str | None = None
    pypi: str | None = None
    docs: str | None = None
    kind: str | None = None
    tags: str | None = None  # comma-separated, as typed
    offline: bool = False
    command: str = "awesome"  # how the user runs `awesome`, for the closing tip


def today() -> date:
    return date.today()


def one_line(text: str) -> str:
    return " ".join(text.split())


def tidy_description(text: str) -> str:
    """A fetched description made closer to the style rules: no emoji codes, a capital, a final period."""
    text = one_line(re.sub(r":[a-z0-9_+-]+:", "", text))
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def url_problem(url: str) -> str | None:
    """Why `url` cannot be an entry's home, said with what to give instead; None when it can."""
    if not url.strip():
        return "no URL given: give the project's public home as https://..."
    problem = web_url_problem(url)
    return f"{url!r} {problem}: give the project's public home as https://..." if problem else None


def _where(entry: Entry) -> str:
    return f"{display_path(entry.file)}:{entry.line}"


def _refuse_duplicates(catalog: Catalog, name: str | None, url: str) -> None:
    for entry in catalog.entries:
        if normalize_url(entry.url) == normalize_url(url):
            raise UserError(f"{url} is already in the catalog as {entry.name!r} at {_where(entry)}")
        if name is not None and (entry.name.casefold() == name.casefold() or entry.id == slugify(name)):
            raise UserError(
                f"an entry named {entry.name!r} is already in the catalog at {_where(entry)}; "
                "pick another --name if this is a different project"
            )


def category_slug(catalog: Catalog, wanted: str) -> str:
    """The slug of the category `wanted` names by slug or by title, in any case.

    Raises UserError with the closest categories when none matches (`web-framework`: web-frameworks).
    """
    words = {}
    for category in catalog.categories:
        words[category.slug.casefold()] = category.slug
        words[" ".join(category.title.split()).casefold()] = category.slug
    key = " ".join(wanted.split()).casefold()
    if key in words:
        return words[key]
    close = difflib.get_close_matches(key, list(words), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(words[word] for word in close))
    hint = f"did you mean {' or '.join(suggestions)}? " if suggestions else ""
    slugs = sorted(c.slug for c in catalog.categories)
    raise UserError(f"no category {wanted!r}; {hint}choose one of: {', '.join(slugs)}")


def parse_tags(text: str) -> list[str]:
    """`--tags asgi,http` as the catalog writes them; raises UserError for a word the catalog refuses."""
    tags = list(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))
    bad = [tag for tag in tags if not re.match(TAG_PATTERN, tag)]
    if bad:
        raise UserError(
            f"--tags: {', '.join(repr(t) for t in bad)} not a lowercase word (letters, digits, hyphens): e.g. --tags asgi,http"
        )
    return tags


def _usual_kind(catalog: Catalog, slug: str) -> str:
    kinds = Counter(entry.kind for entry in catalog.category(slug).entries)
    return kinds.most_common(1)[0][0] if kinds else "library"


def add(args: AddRequest) -> int:
    """Adds the entry and prints where; raises UserError (nothing written) when it cannot."""
    catalog_dir = Path(args.catalog)
    catalog, problems = validate_catalog(catalog_dir)
    if catalog is None:
        raise UserError("the catalog has errors (above); fix them before adding an entry", problems)
    slug = category_slug(catalog, args.category)
    url = args.url.strip()
    problem = url_problem(url)
    if problem:
        raise UserError(problem)
    given_docs = args.docs.strip() if args.docs is not None else None
    if given_docs is not None and (docs_problem := web_url_problem(given_docs)):
        raise UserError(f"--docs {given_docs!r} {docs_problem}: give the documentation's address as https://...")
    tags = parse_tags(args.tags) if args.tags is not None else []
    if args.pypi and not re.match(PYPI_PATTERN, args.pypi):
        raise UserError(f"{args.pypi!r} is not a PyPI project name")
    name = one_line(args.name) if args.name else None
    given_description = one_line(args.description) if args.description is not None else None
    if given_description == "":
        raise UserError("--description is empty: write one sentence on what the project does")
    _refuse_duplicates(catalog, name, url)
    repo = github_repo(url)

    found = Found()
    if args.offline:
        if not given_description:
            raise UserError("--offline needs --description: write one sentence on what the project does")
    else:
        try:
            found = lookup(url, args.pypi, Settings.from_env())
        except SourceError as exc:
            raise UserError(
                f"{exc}\n  to add the entry without asking GitHub or PyPI: --offline --description '...' [--name ...]"
            ) from None
        for note in found.notes:
            print(f"note: {note}")
        if found.url and url_problem(found.url) is None:
            url = found.url
    if not name and not found.name and repo:
        print(f"note: named it {repo[1]!r} after the repository; pass --name to write it as the project does")
    name = name or found.name or (repo[1] if repo else None)
    if not name:
        raise UserError("cannot tell the project's name from the URL: pass --name")
    _refuse_duplicates(catalog, name, url)

    if given_description:
        description, source = given_description, None
    elif found.description:
        description, source = tidy_description(found.description), found.description_source
    else:
        raise UserError("neither GitHub nor PyPI has a description: pass --description")

    docs = given_docs or found.docs
    docs = docs if docs and normalize_url(docs) != normalize_url(url) else None
    entry = make_entry(
        name,
        url,
        description,
        pypi=args.pypi or found.pypi,
        docs=docs,
        kind=args.kind or _usual_kind(catalog, slug),
        tags=tags,
        added=today(),
    )
    path = catalog.category(slug).file
    original = path.read_text(encoding="utf-8")
    try:
        inserted = insert_entry(original, entry)
    except InsertError as exc:
        raise UserError(f"{display_path(path)}: {exc}") from None
    write_text_atomic(path, inserted.text)

    after, problems = validate_catalog(catalog_dir)
    if after is None:
        write_text_atomic(path, original)
        raise UserError(
            f"the entry would make the catalog invalid (above); {display_path(path)} is unchanged", problems
        )

    where = f"{display_path(path)}:{inserted.line}"
    print(f"added {name!r} to {where}:\n")
    print(inserted.entry_text.rstrip("\n"))
    mine = [
        p
        for p in problems
        if p.severity == "warning"
        and inserted.line
        <= p.line
        < inserted.line + inserted.entry_text.count("\n")  # warnings sit on their key's line
        and Path(p.file).resolve() == path.resolve()
    ]
    if source:
        print(f"\nThe description is {source}'s; the catalog wants a fresh sentence in your own words.")
    if mine:
        print(f"\nFix the description at {where} before opening a pull request:")
        for warning in mine:
            print(f"  warning: {warning.message}")
    print(f"\nNext: `{args.command} readme` to regenerate README.md, then commit both files.")
    return 0
