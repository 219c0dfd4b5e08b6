"""The health issue and the pull-request summary quote text nobody reviewed: servers' pages, catalog names.

GitHub turns `@name` in an issue or comment into a mention that notifies that user or team, and
`#1` or `owner/repo#1` into a reference that shows on that issue; a page title a site chose must
not ping people or mark other issues from this repository.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checker.checkkit import write_entries
from tests.checker.hosts import Host, respond, threaded
from tools.escaping import md, md_inline

CHALLENGE = b"<html><head><title>Just a moment @octocat and @github/security, see #1</title></head></html>"
MENTION = re.compile(r"(?<![A-Za-z0-9])@[A-Za-z0-9]")  # what GitHub reads as @user or @org/team
REFERENCE = re.compile(r"#\d")  # what GitHub reads as an issue or pull request (#1, owner/repo#1)


def test_a_page_title_quoted_in_the_report_mentions_nobody(elsewhere: Path, awesome: Callable) -> None:
    # agent-sh/agnix#924, dependabot-core#3157: quoted third-party text notified the users it named.
    headers = {"Server": "cloudflare", "Content-Type": "text/html"}
    web = Host("127.0.0.231", routes={"/": respond(403, headers, CHALLENGE)})
    with threaded(web):
        write_entries(elsewhere / "catalog", [{"name": "Walled", "url": web.url("/")}])
        result = awesome("check", "--catalog", "catalog", "--markdown", "health.md", "--timeout", "0.5")
    assert result.code == 0, result.err
    text = Path("health.md").read_text(encoding="utf-8")
    assert "Just a moment @\u200boctocat and @\u200bgithub/security" in text  # reads the same, pings nobody
    assert not MENTION.search(text) and not REFERENCE.search(text.replace("#L", ""))


@pytest.mark.parametrize("escape", [md, md_inline])
def test_mentions_and_references_are_broken_but_addresses_are_not(escape: Callable[[str], str]) -> None:
    assert not MENTION.search(escape("thanks @octocat, (@team) and\n@org/team"))
    assert not REFERENCE.search(escape("fixed in #12 and acme/lib#3"))
    assert "user@example.org" in escape("mail user@example.org").replace("\\", "")


def test_the_report_states_the_streak_rule_the_checker_applies(elsewhere: Path, awesome: Callable) -> None:
    # Issue 9, kind 2: three runs within minutes make no dead link; the report must not promise otherwise.
    gone = Host("127.0.0.232")  # never started: refused
    write_entries(elsewhere / "catalog", [{"name": "Gone", "url": gone.url("/")}])
    result = awesome("check", "--catalog", "catalog", "--markdown", "health.md", "--timeout", "0.5")
    assert result.code == 0, result.err
    text = Path("health.md").read_text(encoding="utf-8")
    assert "unreachable on three runs spanning at least 14 days becomes dead" in text
    assert "for three runs becomes dead" not in text
