"""The contributor-facing files agree with the catalog and with each other."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from ruamel.yaml import YAML

from tools.automation.contributing import (
    CONTRIBUTING,
    ISSUE_FORM,
    FormError,
    category_titles,
    checklist,
    form_categories,
    sync_issue_form,
)
from tools.catalog import load_catalog, validate_catalog
from tools.catalog.urls import github_repo
from tools.cli import main as awesome
from tools.paths import CATALOG_DIR, REPO_ROOT

PR_TEMPLATE = REPO_ROOT / ".github" / "pull_request_template.md"


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


TEXT = CONTRIBUTING.read_text(encoding="utf-8")


def test_issue_form_offers_exactly_the_catalogs_categories_by_title() -> None:
    titles = sorted((c.title for c in load_catalog(CATALOG_DIR).categories), key=str.casefold)
    assert len(titles) == len(list(CATALOG_DIR.glob("*.yml"))), "one option per category file"
    assert form_categories(ISSUE_FORM) == titles, "run `awesome issue-form` to update the dropdown"
    assert "Web Frameworks" in titles


def test_issue_form_links_are_markdown_links_that_resolve_from_the_new_issue_page() -> None:
    text = ISSUE_FORM.read_text(encoding="utf-8")
    form = YAML(typ="safe").load(text)
    prose = " ".join(
        str(value)
        for field in form["body"]
        for key, value in (field.get("attributes") or {}).items()
        if key in ("value", "description")
    )
    links = re.findall(r"\[[^\]]+\]\(([^)\s]+)\)", prose)
    assert links, "the form points at the criteria with a link"
    for link in links:
        resolved = urljoin("https://github.com/owner/repo/issues/new?template=suggest-project.yml", link)
        path, _, anchor = resolved.removeprefix("https://github.com/owner/repo/blob/HEAD/").partition("#")
        assert (REPO_ROOT / path).is_file(), link
        assert anchor in {slug(h) for h in re.findall(r"^#+ (.+)$", (REPO_ROOT / path).read_text(), re.MULTILINE)}
    # No file is named as bare text where a reader would want to click.
    assert not re.search(r"(?<![\[/])CONTRIBUTING\.md(?![\]#)])", prose)


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


def empty_category(title: str) -> str:
    return f"title: {title}\ndescription: Things.\nentries: []\n"


def test_issue_form_sync_rewrites_only_the_options(tmp_path: Path, write_catalog) -> None:
    catalog = write_catalog(
        {
            f"{slug}.yml": empty_category(title)
            for slug, title in [("web-frameworks", "Web Frameworks"), ("brand-new", "Brand New"), ("http", "HTTP")]
        }
    )
    form = tmp_path / "form.yml"
    shutil.copy(ISSUE_FORM, form)
    before = form.read_text(encoding="utf-8")
    assert sync_issue_form(catalog, form) is True
    assert form_categories(form) == ["Brand New", "HTTP", "Web Frameworks"]
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


def test_category_titles_come_from_the_files_in_alphabetical_order(write_catalog) -> None:
    catalog = write_catalog({"b.yml": empty_category("alpha"), "a.yml": empty_category("Beta"), "notes.txt": ""})
    assert category_titles(catalog) == ["alpha", "Beta"]


def shell_examples(program: str) -> list[list[str]]:
    """Every `.venv/bin/awesome PROGRAM ...` command in CONTRIBUTING.md's sh blocks, split as a shell would."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            argv = shlex.split(line)
            if argv[:2] == [".venv/bin/awesome", program]:
                commands.append(argv[1:])
    return commands


@pytest.fixture
def fake_github(fake_github, fake_pypi, services):
    """The shared fakes, with the environment pointed at them (and no token)."""
    services(fake_github.url, fake_pypi.url)
    return fake_github


def test_the_awesome_add_examples_work_exactly_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_github, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copied from CONTRIBUTING.md into a shell, each example adds its entry to (a copy of) the real catalog."""
    examples = shell_examples("add")
    assert len(examples) >= 2, "CONTRIBUTING.md shows `awesome add` with and without a network"
    monkeypatch.chdir(tmp_path)
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


def test_the_local_review_example_shows_the_new_entries_table_for_the_added_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_github, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a branch of a clone, the `add` example, then the review commands exactly as CONTRIBUTING.md shows them."""
    [add_example] = [argv for argv in shell_examples("add") if "--offline" not in argv]
    review = [shell_examples(program) for program in ("changed-entries", "check", "pr-summary")]
    assert [len(commands) for commands in review] == [1, 1, 1]
    clone = tmp_path / "clone"
    shutil.copytree(CATALOG_DIR, clone / "catalog", ignore=shutil.ignore_patterns("status.json"))
    monkeypatch.chdir(clone)
    monkeypatch.setattr("tools.cli.CATALOG_DIR", clone / "catalog")  # the default `catalog/`, as written
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "catalog"], check=True)
    subprocess.run(["git", "switch", "-q", "-c", "add-muffin"], check=True)
    repo = github_repo(add_example[1])
    assert repo is not None
    fake_github.add(*repo)
    assert awesome(add_example) == 0
    subprocess.run([*git, "commit", "-qam", "Add Muffin"], check=True)

    outputs = []
    for [argv] in review:
        capsys.readouterr()
        code = awesome(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"{' '.join(argv)}: {err}"
        outputs.append(out)
    assert outputs[0].split() == ["muffin"]
    table = outputs[2]
    [row] = [line for line in table.splitlines() if "[Muffin](https://github.com/klen/muffin)" in line]
    assert "| added | ok |" in row and "not checked" not in row
    assert not (clone / "catalog" / "status.json").exists()  # the contributor's catalog/status.json is left alone


def test_issue_form_lets_a_talk_or_article_be_suggested_without_ticking_project_criteria() -> None:
    """The catalog has talks and writings; CONTRIBUTING.md says the project criteria do not apply to them."""
    catalog = load_catalog(CATALOG_DIR)
    assert {catalog.category("talks").title, catalog.category("writings").title} <= set(form_categories(ISSUE_FORM))
    form = YAML(typ="safe").load(ISSUE_FORM.read_text(encoding="utf-8"))
    [criteria] = [field for field in form["body"] if field.get("id") == "criteria"]
    options = criteria["attributes"]["options"]
    assert not any(option.get("required") for option in options), "a required box would make a talk's author lie"
    assert any("talk" in option["label"] and "free to read or watch" in option["label"] for option in options)
    assert "free to read or watch" in " ".join(TEXT.split())
