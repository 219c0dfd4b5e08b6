"""`awesome annotate-validate`: each problem as a GitHub annotation on its catalog file and line."""

from __future__ import annotations

from tools.automation.annotations import workflow_command
from tools.catalog.problems import Problem

GOOD = """
    title: HTTP
    description: Clients and servers.
    entries:
      - name: HTTPX
        url: https://github.com/encode/httpx
        description: Client with sync and async APIs and HTTP/2 support.
"""


def test_problems_become_error_and_warning_commands() -> None:
    assert workflow_command(Problem("catalog/http.yml", 12, "missing required key 'url'")) == (
        "::error file=catalog/http.yml,line=12,title=awesome validate::missing required key 'url'"
    )
    warning = workflow_command(Problem("catalog/http.yml", 3, "X: description should end with a period", "warning"))
    assert warning.startswith("::warning file=catalog/http.yml,line=3,")


def test_text_that_would_end_the_command_early_is_escaped() -> None:
    line = workflow_command(Problem("catalog/a,b:c.yml", 1, "50% done\nnext line"))
    assert "file=catalog/a%2Cb%3Ac.yml," in line
    assert line.endswith("::50%25 done%0Anext line")
    assert "\n" not in line


def test_a_folder_problem_has_no_line() -> None:
    assert workflow_command(Problem("catalog", 0, "no category files")).startswith("::error file=catalog,title=")


def test_command_annotates_every_problem_and_fails(write_catalog, awesome) -> None:
    write_catalog(
        {
            "http.yml": GOOD.replace("url: https://github.com/encode/httpx", "url: javascript:alert(1)"),
            "web.yml": "title: Web\ndescription: Frameworks.\nentries:\n  - name: X\n",
        }
    )
    result = awesome("annotate-validate", "--catalog", "catalog")
    assert result.code == 1
    annotations = [line for line in result.out.splitlines() if line.startswith("::")]
    assert any(
        a.startswith("::error file=catalog/http.yml,line=5,") and "must be a web address" in a for a in annotations
    )
    assert any(
        a.startswith("::error file=catalog/web.yml,line=4,") and "missing required key" in a for a in annotations
    )


def test_command_passes_a_valid_catalog_and_annotates_warnings(write_catalog, awesome) -> None:
    write_catalog({"http.yml": GOOD.replace("HTTP/2 support.", "HTTP/2 support")})
    result = awesome("annotate-validate", "--catalog", "catalog")
    assert result.code == 0
    assert "::warning file=catalog/http.yml,line=6," in result.out and "end with a period" in result.out
    assert awesome("annotate-validate", "--catalog", "catalog", "--strict").code == 1


def test_every_problem_is_also_listed_by_file_and_line_past_githubs_annotation_cap(write_catalog, awesome) -> None:
    """GitHub keeps 10 error annotations per step; the 11th and later must still be findable in the log."""
    entries = "".join(
        f"  - name: P{i:02}\n    url: https://example.org/{i}\n    description: Does thing {i} well enough.\n"
        f"    kind: gadget\n"
        for i in range(12)
    )
    write_catalog({"http.yml": f"title: HTTP\ndescription: Clients.\nentries:\n{entries}"})
    result = awesome("annotate-validate", "--catalog", "catalog")
    assert result.code == 1
    assert len([line for line in result.out.splitlines() if line.startswith("::error ")]) == 12
    listed = [line for line in result.err.splitlines() if line.startswith("catalog/http.yml:")]
    assert len(listed) == 12 and listed[-1].startswith("catalog/http.yml:51: ")


def test_catalog_text_cannot_start_a_workflow_command_in_the_log(write_catalog, awesome) -> None:
    write_catalog(
        {"http.yml": GOOD.replace("name: HTTPX", 'name: "HTTPX\\n::add-mask::x"').replace("support.", "support")}
    )
    result = awesome("annotate-validate", "--catalog", "catalog")
    lines = (result.out + result.err).splitlines()
    assert lines and all(line.startswith(("::warning ", "::error ", "catalog/", "ok:", "0 error")) for line in lines)
