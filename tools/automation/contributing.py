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

from tools.catalog.roundtrip import round_trip_yaml
from tools.paths import REPO_ROOT

ISSUE_FORM = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-project.yml"
PR_TEMPLATE = REPO_ROOT / ".github" / "pull_request_template.md"
CONTRIBUTING = REPO_ROOT / "CONTRIBUTING.md"
CATEGORY_FIELD = "category"
_CHECKBOX = re.compile(r"^\s*[-*] \[[ xX]\] (.+?)\s*$")


class FormError(Exception):
    pass


def category_slugs(catalog_dir: Path) -> list[str]:
    """The category slugs, as the catalog's file names give them."""
    return sorted(p.stem for p in Path(catalog_dir).glob("*.yml") if p.is_file())


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
    """Rewrites the dropdown's options to the catalog's slugs; True when the file changed."""
    yaml = round_trip_yaml()
    text = Path(form_path).read_text(encoding="utf-8")
    form = yaml.load(text)
    options = _dropdown(form)
    slugs = category_slugs(catalog_dir)
    if [str(o) for o in options] == slugs:
        return False
    options[:] = slugs
    out = io.StringIO()
    yaml.dump(form, out)
    Path(form_path).write_text(out.getvalue(), encoding="utf-8")
    return True


def checklist(markdown: str) -> list[str]:
    """The text of every `- [ ] item` line, in order."""
    return [m.group(1) for line in markdown.splitlines() if (m := _CHECKBOX.match(line))]
