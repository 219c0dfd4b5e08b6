"""Start-up: `awesome --help` loads no heavy library, and the check loads only what it uses."""

from __future__ import annotations

import subprocess
import sys


def modules_after(code: str) -> set[str]:
    """Top-level packages imported by `code` in a fresh interpreter."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return set(done.stdout.split())


def test_help_imports_no_http_model_or_terminal_library() -> None:
    loaded = modules_after(
        "import contextlib, io\nfrom tools.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    main(['--help'])"
    )
    assert "tools" in loaded
    assert loaded & {"httpx", "aiohttp", "pydantic", "rich", "tenacity", "yaml", "ruamel"} == set()


def test_the_check_does_not_import_httpx_command_line_or_its_unused_pool() -> None:
    """httpx's CLI would bring click and Pygments; the aiohttp transport leaves httpcore unused."""
    loaded = modules_after("import tools.checker.run")
    assert {"httpx", "aiohttp"} <= loaded
    assert loaded & {"click", "pygments", "httpcore", "h11", "mkdocs", "jinja2"} == set()


def test_the_command_leaves_retries_and_the_progress_bar_until_they_are_used() -> None:
    """tenacity (~40 ms) loads on a first retry; rich's progress bar only on a terminal."""
    script = "import sys, tools.checker.command\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    loaded = set(done.stdout.split())
    assert "tools.checker.http" in loaded and "rich.console" in loaded
    assert "tenacity" not in loaded and "rich.progress" not in loaded
