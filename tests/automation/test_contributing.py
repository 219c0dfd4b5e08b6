"""The contributor-facing files agree with the catalog and with each other."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tools.automation.contributing import (
    CONTRIBUTING,
    ISSUE_FORM,
    FormError,
    category_slugs,
    checklist,
    form_categories,
    sync_issue_form,
)
from tools.catalog import validate_catalog
from tools.catalog.urls import github_repo
from tools.cli import main as awesome
from tools.paths import CATALOG_DIR, REPO_ROOT

PR_TEMPLATE = REPO_ROOT / ".github" / "pull_request_template.md"

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


def shell_examples(program: str) -> list[list[str]]:
    """Every `.venv/bin/awesome PROGRAM ...` command in CONTRIBUTING.md's sh blocks, split as a shell would."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            argv = shlex.split(line)
            if argv[:2] == [".venv/bin/awesome", program]:
                commands.append(argv[1:])
    return commands


def test_the_awesome_add_examples_work_exactly_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_github, fake_pypi, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copied from CONTRIBUTING.md into a shell, each example adds its entry to (a copy of) the real catalog."""
    examples = shell_examples("add")
    assert len(examples) >= 2, "CONTRIBUTING.md shows `awesome add` with and without a network"
    monkeypatch.chdir(tmp_path)
    for key, value in {"GITHUB_API_URL": fake_github.url, "PYPI_URL": fake_pypi.url}.items():
        monkeypatch.setenv(key, value)
    for variable in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS"):
        monkeypatch.delenv(variable, raising=False)
    for number, argv in enumerate(examples):
        catalog = tmp_path / f"catalog-{number}"
        shutil.copytree(CATALOG_DIR, catalog, ignore=shutil.ignore_patterns("status.json"))
        monkeypatch.setattr("tools.cli.CATALOG_DIR", catalog)  # the default `catalog/`, as written
        assert not re.search(r"[A-Z]{4,}", argv[1]), f"{argv[1]}: a placeholder fails when pasted; name a project"
        repo = github_repo(argv[1])
        if repo:
            fake_github.add(*repo)
        capsys.readouterr()
        code = awesome(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"{' '.join(argv)}: {err}"
        assert "added " in out and "  - name: " in out
        after, problems = validate_catalog(catalog)
        assert after is not None and not [p for p in problems if p.severity == "error"]


def test_the_local_review_example_checks_the_entry_the_add_example_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_github, fake_pypi, capsys: pytest.CaptureFixture[str]
) -> None:
    [add_example] = [argv for argv in shell_examples("add") if "--offline" not in argv]
    [check_example] = shell_examples("check")
    monkeypatch.chdir(tmp_path)
    for key, value in {
        "GITHUB_API_URL": fake_github.url,
        "GITHUB_GRAPHQL_URL": f"{fake_github.url}/graphql",
        "PYPI_URL": fake_pypi.url,
        "AWESOME_CACHE_DIR": str(tmp_path / "cache"),
    }.items():
        monkeypatch.setenv(key, value)
    for variable in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS"):
        monkeypatch.delenv(variable, raising=False)
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, catalog, ignore=shutil.ignore_patterns("status.json"))
    monkeypatch.setattr("tools.cli.CATALOG_DIR", catalog)
    repo = github_repo(add_example[1])
    assert repo is not None
    fake_github.add(*repo)
    assert awesome(add_example) == 0
    capsys.readouterr()
    assert awesome(check_example) == 0, capsys.readouterr().err
    assert (tmp_path / "reports" / "status.json").is_file()
    assert not (catalog / "status.json").exists()  # the contributor's catalog/status.json is left alone


def test_issue_form_lets_a_talk_or_article_be_suggested_without_ticking_project_criteria() -> None:
    """The catalog has talks and writings; CONTRIBUTING.md says the project criteria do not apply to them."""
    assert {"talks", "writings"} <= set(form_categories(ISSUE_FORM))
    form = YAML(typ="safe").load(ISSUE_FORM.read_text(encoding="utf-8"))
    [criteria] = [field for field in form["body"] if field.get("id") == "criteria"]
    options = criteria["attributes"]["options"]
    assert not any(option.get("required") for option in options), "a required box would make a talk's author lie"
    assert any("talk" in option["label"] and "free to read or watch" in option["label"] for option in options)
    assert "free to read or watch" in " ".join(TEXT.split())
