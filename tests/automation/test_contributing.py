"""The contributor-facing files agree with the catalog and with each other."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tools.automation.contributing import (
    CONTRIBUTING,
    ISSUE_FORM,
    PR_TEMPLATE,
    FormError,
    category_slugs,
    checklist,
    form_categories,
    sync_issue_form,
)
from tools.catalog import validate_catalog
from tools.paths import CATALOG_DIR

TEXT = CONTRIBUTING.read_text(encoding="utf-8")


def test_issue_form_offers_exactly_the_catalogs_categories() -> None:
    slugs = sorted(p.stem for p in CATALOG_DIR.glob("*.yml"))
    assert slugs, "no catalog files?"
    assert form_categories(ISSUE_FORM) == slugs, "run `awesome issue-form` to update the dropdown"


def test_issue_form_asks_for_name_url_category_reason_and_the_criteria() -> None:
    form = YAML(typ="safe").load(ISSUE_FORM.read_text(encoding="utf-8"))
    fields = {field.get("id"): field for field in form["body"] if field.get("id")}
    for required in ("name", "url", "category", "why"):
        assert fields[required]["validations"]["required"] is True, required
    assert fields["category"]["type"] == "dropdown"
    criteria = " ".join(o["label"] for o in fields["criteria"]["attributes"]["options"]).lower()
    for word in ("source", "documentation", "licence", "last year", "more than one person"):
        assert word in criteria, word
    config = YAML(typ="safe").load((ISSUE_FORM.parent / "config.yml").read_text(encoding="utf-8"))
    assert "blank_issues_enabled" in config


def test_issue_form_sync_rewrites_only_the_options(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    for slug in ("web-frameworks", "brand-new", "http"):
        (catalog / f"{slug}.yml").write_text("title: x\n")
    form = tmp_path / "form.yml"
    shutil.copy(ISSUE_FORM, form)
    before = form.read_text(encoding="utf-8")
    assert sync_issue_form(catalog, form) is True
    assert form_categories(form) == ["brand-new", "http", "web-frameworks"]
    after = form.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]  # the leading comment survives
    options_block = re.compile(r"      options:\n(?:        - .*\n)+")
    assert options_block.sub("", after) == options_block.sub("", before)  # the rest is byte-identical
    assert sync_issue_form(catalog, form) is False


def test_issue_form_without_the_dropdown_is_an_error(tmp_path: Path) -> None:
    form = tmp_path / "form.yml"
    form.write_text("name: x\nbody:\n  - type: input\n    id: name\n")
    with pytest.raises(FormError, match="dropdown"):
        form_categories(form)


def test_pull_request_template_has_the_checklist_from_contributing() -> None:
    items = checklist(TEXT)
    assert len(items) >= 5
    assert checklist(PR_TEMPLATE.read_text(encoding="utf-8")) == items


def test_contributing_states_the_criteria_in_full() -> None:
    section = TEXT.split("## Inclusion criteria", 1)[1].split("\n## ", 1)[0]
    for phrase in (
        "useful to async Python developers",
        "Public source",
        "Documentation",
        "A licence",
        "Activity within the last year",
        "More than one person behind it",
        "What does not belong",
    ):
        assert phrase in section, phrase


def test_contributing_explains_the_description_rules_and_the_commands() -> None:
    for phrase in (
        "15 to 200 characters",
        "capital letter",
        "ends with a period",
        "repeat the project's name",
        "async library for",
        "awesome add",
        "--offline",
        "make test",
        "awesome validate",
        "awesome readme",
        "make serve",
        "New entries",
        "catalog-health",
    ):
        assert phrase in TEXT, phrase


def test_the_example_entry_validates_without_a_single_warning(tmp_path: Path) -> None:
    example = re.search(r"```yaml\n(.*?)```", TEXT, re.DOTALL)
    assert example, "CONTRIBUTING.md has no YAML example"
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "web-frameworks.yml").write_text(
        "title: Web Frameworks\ndescription: Frameworks for the web.\nentries:\n" + example.group(1), encoding="utf-8"
    )
    result, problems = validate_catalog(catalog)
    assert result is not None and problems == []


def test_links_point_at_real_headings_and_files() -> None:
    """In-page anchors match a heading; relative links name files of the repository (the site rewrites them)."""
    headings = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.+)$", TEXT, re.MULTILINE)
    }
    targets = re.findall(r"\]\(([^)\s]+)\)", TEXT)
    assert targets
    for target in targets:
        if target.startswith("#"):
            assert target[1:] in headings, target
        elif not target.startswith("https://"):
            assert (CONTRIBUTING.parent / target.partition("#")[0]).exists(), f"{target!r} names no file"


def test_category_slugs_come_from_file_names(tmp_path: Path) -> None:
    for name in ("b.yml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("")
    assert category_slugs(tmp_path) == ["a", "b"]
