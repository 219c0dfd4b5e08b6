"""Keeping the contributor-facing files in step with the catalog and with CONTRIBUTING.md.

The issue form's category dropdown must offer exactly the catalog's categories (a new category
file should not leave contributors unable to pick it), and the pull request template's checklist
must be the one CONTRIBUTING.md explains. `awesome issue-form` rewrites the dropdown in place,
keeping the form's comments; the tests compare both.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from tools.catalog import load_catalog
from tools.catalog.roundtrip import round_trip_yaml
from tools.paths import REPO_ROOT

ISSUE_FORM = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-project.yml"
CONTRIBUTING = REPO_ROOT / "CONTRIBUTING.md"
CATEGORY_FIELD = "category"
_CHECKBOX = re.compile(r"^\s*[-*] \[[ xX]\] (.+?)\s*$")


class FormError(Exception):
    pass


def category_titles(catalog_dir: Path) -> list[str]:
    """The categories' titles, as a person picks one, in alphabetical order; raises CatalogError."""
    return sorted((c.title for c in load_catalog(Path(catalog_dir)).categories), key=str.casefold)


def _dropdown(form: Any) -> CommentedSeq:
    for field in form.get("body") or []:
        if field.get("type") == "dropdown" and field.get("id") == CATEGORY_FIELD:
            options = field.get("attributes", {}).get("options")
            if isinstance(options, CommentedSeq):
                return options
    raise FormError(f"no dropdown with id {CATEGORY_FIELD!r} and options in the issue form")


def form_categories(form_path: Path = ISSUE_FORM) -> list[str]:
    form = round_trip_yaml().load(Path(form_path).read_text(encoding="utf-8"))
    return [str(option) for option in _dropdown(form)]


def sync_issue_form(catalog_dir: Path, form_path: Path = ISSUE_FORM) -> bool:
    """Rewrites the dropdown's options to the catalog's category titles; True when the file changed."""
    yaml = round_trip_yaml()
    text = Path(form_path).read_text(encoding="utf-8")
    form = yaml.load(text)
    options = _dropdown(form)
    titles = category_titles(catalog_dir)
    if [str(o) for o in options] == titles:
        return False
    options[:] = titles
    out = io.StringIO()
    yaml.dump(form, out)
    Path(form_path).write_text(out.getvalue(), encoding="utf-8")
    return True


def checklist(markdown: str) -> list[str]:
    """The text of every `- [ ] item` line, in order."""
    return [m.group(1) for line in markdown.splitlines() if (m := _CHECKBOX.match(line))]
