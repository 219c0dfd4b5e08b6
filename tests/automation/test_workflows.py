"""The workflow files: parseable, least privilege, pinned actions, fork-safe, and lint-clean."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tools.paths import REPO_ROOT

GITHUB = REPO_ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINS_DOC = REPO_ROOT.parent / "shared" / "github-actions.md"  # beside the repository in this workplace
BIN = REPO_ROOT / ".venv" / "bin"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)\s*(?:#\s*(\S+))?\s*$", re.MULTILINE)


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))  # YAML 1.2: `on` stays a string


def pinned_actions() -> dict[str, tuple[str, str]]:
    """action -> (commit, tag) from the shared table."""
    table = re.findall(r"^\| ([\w.-]+/[\w.-]+) \| (v[\d.]+) \| ([0-9a-f]{40}) \|", PINS_DOC.read_text(), re.MULTILINE)
    return {action: (sha, tag) for action, tag, sha in table}


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_four_workflows_exist_and_parse() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "new-entries.yml", "health.yml", "pages.yml"} <= names
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("name"), path.name
        assert workflow.get("on") and workflow.get("jobs"), path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name}: no top-level permissions"
    assert workflow["permissions"] in ({}, {"contents": "read"}), f"{path.name}: top level grants too much"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} does not say which permissions it needs"
        assert job["permissions"] != "write-all"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = USES.findall(text)
    assert uses, f"{path.name} uses no actions?"
    assert len(uses) == text.count("uses:"), f"{path.name}: a `uses:` line is not of the form action@sha  # vX.Y.Z"
    for action, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {action}@{ref} is not pinned to a commit"
        assert re.fullmatch(r"v\d+(\.\d+)*", comment or ""), (
            f"{path.name}: {action}@{ref} has no `# vX.Y.Z` tag comment"
        )


@pytest.mark.skipif(
    not PINS_DOC.is_file(), reason="the table of current releases is in ../shared, beside the repository"
)
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_the_listed_release(path: Path) -> None:
    pins = pinned_actions()
    assert len(pins) >= 8, "could not read the table of pinned actions"
    for action, ref, comment in USES.findall(path.read_text(encoding="utf-8")):
        assert action in pins, f"{path.name}: {action} is not in shared/github-actions.md"
        assert (ref, comment) == pins[action], (
            f"{path.name}: {action} should be @{pins[action][0]}  # {pins[action][1]}"
        )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_privileged_triggers_and_no_expressions_in_scripts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    triggers = workflow["on"] if isinstance(workflow["on"], dict) else {t: None for t in workflow["on"]}
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "pull_request_target" not in triggers and "pull_request_target" not in code
    assert "workflow_run" not in triggers
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"{path.name}: step {step.get('name')!r} interpolates into its script"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token(path: Path) -> None:
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, path.name


def test_new_entries_is_safe_for_forks() -> None:
    workflow = load(GITHUB / "workflows" / "new-entries.yml")
    assert set(workflow["on"]) == {"pull_request"}
    assert workflow["on"]["pull_request"]["paths"] == ["catalog/**"]
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    text = (GITHUB / "workflows" / "new-entries.yml").read_text()
    assert "secrets." not in text
    runs = " ".join(step.get("run", "") for step in steps(workflow))
    assert "awesome changed-entries" in runs and "--only" in runs and "awesome pr-summary" in runs
    assert "GITHUB_STEP_SUMMARY" in runs


def test_health_report_keeps_privileges_apart() -> None:
    workflow = load(GITHUB / "workflows" / "health.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    jobs = workflow["jobs"]
    check_runs = " ".join(s.get("run", "") for s in jobs["check"]["steps"])
    assert "awesome check --json" in check_runs and "--markdown" in check_runs
    assert jobs["check"]["permissions"] == {"contents": "read"}  # the job that reads the web writes nothing
    writers = {name for name, job in jobs.items() if "write" in job["permissions"].values()}
    assert writers == {"issue", "status"}
    assert "issues" not in jobs["status"]["permissions"] and "contents" not in {
        k for k, v in jobs["issue"]["permissions"].items() if v == "write"
    }
    issue_runs = " ".join(s.get("run", "") for s in jobs["issue"]["steps"])
    assert "awesome health-issue --apply" in issue_runs and "--label catalog-health" in issue_runs
    used = [s.get("uses", "") for s in steps(workflow)]
    assert any(u.startswith("actions/upload-artifact@") for u in used)
    assert any(u.startswith("peter-evans/create-pull-request@") for u in used)


def test_pages_deploys_on_push_to_main_without_workflow_run() -> None:
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    build_runs = " ".join(s.get("run", "") for s in workflow["jobs"]["build"]["steps"])
    assert "make site" in build_runs


def test_ci_runs_every_check_the_issue_names() -> None:
    runs = " ".join(s.get("run", "") for s in steps(load(GITHUB / "workflows" / "ci.yml")))
    for command in (
        "awesome annotate-validate",
        ".ci/run",
        "awesome readme --check",
        "tools.lint_readme",
        "make site",
        "zizmor --offline",
        "actionlint",
        ".venv/bin/mypy",
    ):
        assert command in runs, command


def test_make_lint_runs_the_type_checker_over_the_whole_tree() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/mypy" in lint
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert set(config["files"]) == {"tools", "tests", "benchmarks"} and config["warn_unused_ignores"] is True


def test_dependabot_watches_actions_and_python() -> None:
    config = load(GITHUB / "dependabot.yml")
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert {"github-actions", "pip"} <= ecosystems


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make install` (the test extras install {name})")
    return path


@pytest.mark.parametrize("target", [".github/workflows", ".github"])  # the latter adds dependabot.yml
def test_zizmor_finds_nothing_of_medium_severity_or_above(target: str) -> None:
    done = subprocess.run(
        [_tool("zizmor"), "--offline", "--min-severity", "medium", target],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_is_clean() -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # its shellcheck, if installed
    done = subprocess.run(
        [_tool("actionlint"), "-no-color"], capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_jobs_that_download_this_runs_artifact_can() -> None:
    """`gh run download "$GITHUB_RUN_ID"` mid-run works only for v4+ artifacts, after the upload, with actions: read."""
    path = GITHUB / "workflows" / "health.yml"
    text, workflow = path.read_text(encoding="utf-8"), load(path)
    uploads = {
        name: step["with"]["name"]
        for name, job in workflow["jobs"].items()
        for step in job.get("steps", [])
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    [(uploader, artifact)] = uploads.items()
    [tag] = [tag for action, _sha, tag in USES.findall(text) if action == "actions/upload-artifact"]
    assert int(tag.lstrip("v").split(".")[0]) >= 4, "v3 artifacts are not in the REST API until the run completes"
    downloaders = [
        (name, job)
        for name, job in workflow["jobs"].items()
        if any('gh run download "$GITHUB_RUN_ID"' in step.get("run", "") for step in job.get("steps", []))
    ]
    assert {name for name, _ in downloaders} == {"issue", "status"}
    for name, job in downloaders:
        assert uploader in ([job["needs"]] if isinstance(job["needs"], str) else job["needs"]), name
        assert job["permissions"].get("actions") == "read", name
        runs = " ".join(step.get("run", "") for step in job["steps"])
        assert f"--name {artifact}" in runs and "GH_REPO" in runs, name
