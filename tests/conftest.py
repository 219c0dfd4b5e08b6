"""The test kit: a catalog written into a temporary folder, the `awesome` command run in-process (and
`awesome add` through it), and the environment pointed at fake services on loopback."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.cli import main as awesome_main

# The loopback fakes' fixtures (`fake_github`, `fake_pypi`), for every test that asks for them.
pytest_plugins = ["tests.fakes.github", "tests.fakes.pypi"]


@pytest.fixture
def write_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Writes `{name: text}` as files of `tmp_path/catalog` and works from `tmp_path`.

    Messages then name files as a contributor sees them: `catalog/web.yml:5: ...`. Text is dedented;
    bytes are written as they are (for encodings and binary junk).
    """
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str | bytes], folder: str = "catalog") -> Path:
        directory = tmp_path / folder
        directory.mkdir(exist_ok=True)
        for name, content in files.items():
            path = directory / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return directory

    return write


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Every line printed, stdout and stderr together."""
        return [line for line in (self.out + self.err).splitlines() if line]


@pytest.fixture
def awesome(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Runs `awesome ARGS...` in-process and returns its exit code and output."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = awesome_main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def add(awesome: Callable[..., Result]) -> Callable[..., Result]:
    """`awesome add URL --category CATEGORY --catalog catalog OPTIONS...`, run in-process."""

    def run(url: str, *options: str, category: str = "web-frameworks", catalog: str = "catalog") -> Result:
        return awesome("add", url, "--category", category, "--catalog", catalog, *options)

    return run


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., None]:
    """Points every address the product reads (tools/config.py) at test servers, with no token and
    outside GitHub Actions. Until called, every address fails name resolution at once (offline).

    `services(github=URL, pypi=URL, token=None)`; GraphQL is `{github}/graphql`.
    """

    def point(github: str = "http://github-api.invalid", pypi: str = "http://pypi.invalid", token: str | None = None):
        for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("GITHUB_API_URL", github)
        monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"{github}/graphql")
        monkeypatch.setenv("PYPI_URL", pypi)
        monkeypatch.setenv("AWESOME_CACHE_DIR", str(tmp_path / "cache"))
        if token:
            monkeypatch.setenv("GITHUB_TOKEN", token)

    point()
    return point
