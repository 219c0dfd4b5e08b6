"""Rewriting CONTRIBUTING.md's links for the site: only real links change, and nothing else does."""

from __future__ import annotations

from tools.site.markdown_links import rewrite_links
from tools.site.pages import contributing_page


def upper(target: str) -> str | None:
    return None if target == "drop" else target.upper()


def test_only_links_change_and_every_other_character_stays() -> None:
    text = (
        'Intro [one](a.md) and [two](<b c.md> "title") on a line.\n'
        "\n"
        "Code `[not](x.md)` and an image ![pic](p.png) stay.\n"
        "\n"
        "```md\n[fenced](y.md)\n```\n"
        "\n"
        "- a list item [three](d.md#anchor)\n"
        "  > nested quote [four](e.md)\n"
        "\n"
        "| col | col |\n| --- | --- |\n| [five](f.md) | [five](f.md) |\n"
        "\n"
        "A [dropped](drop) link and a [reference][ref].\n"
        "\n"
        '[ref]: g.md "Title"\n'
    )
    assert rewrite_links(text, upper) == (
        'Intro [one](A.MD) and [two](B C.MD "title") on a line.\n'
        "\n"
        "Code `[not](x.md)` and an image ![pic](p.png) stay.\n"
        "\n"
        "```md\n[fenced](y.md)\n```\n"
        "\n"
        "- a list item [three](D.MD#ANCHOR)\n"
        "  > nested quote [four](E.MD)\n"
        "\n"
        "| col | col |\n| --- | --- |\n| [five](F.MD) | [five](F.MD) |\n"
        "\n"
        "A dropped link and a [reference][ref].\n"
        "\n"
        '[ref]: G.MD "Title"\n'
    )


def test_the_contributing_page_leaves_code_alone() -> None:
    page = contributing_page("Run `[x](tools/cli.py)`, see [cli](tools/cli.py).\n", "https://github.com/o/r")
    assert "`[x](tools/cli.py)`" in page
    assert "[cli](https://github.com/o/r/blob/HEAD/tools/cli.py)" in page
