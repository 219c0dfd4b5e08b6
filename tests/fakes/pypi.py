"""A fake PyPI JSON API: `/pypi/{name}/json` and `/pypi/{name}/{version}/json`, shaped like PyPI's.

Projects are looked up by their PEP 503 name, as PyPI does. `release()` adds a version with
its files (`upload_time_iso_8601`, `yanked`); `info.version` is the newest release that is not
yanked, as on PyPI. `malformed` answers the next N requests with truncated JSON.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import serve_shared


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class FakeProject:
    name: str
    classifiers: list[str] = field(default_factory=lambda: ["Framework :: AsyncIO"])
    releases: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # in release order

    def release(self, version: str, uploaded: str, *, yanked: bool = False, files: int = 2) -> FakeProject:
        """Add a version; its files are uploaded a minute apart, starting at `uploaded`."""
        first = datetime.fromisoformat(uploaded.replace("Z", "+00:00"))
        self.releases[version] = []
        for i, (ext, kind) in enumerate([(".tar.gz", "sdist"), ("-py3-none-any.whl", "bdist_wheel")][:files]):
            when = first + timedelta(minutes=i)
            self.releases[version].append(
                {
                    "filename": f"{self.name}-{version}{ext}",
                    "packagetype": kind,
                    "size": 1000,
                    "upload_time": when.strftime("%Y-%m-%dT%H:%M:%S"),
                    "upload_time_iso_8601": when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    "yanked": yanked,
                    "yanked_reason": "Broken" if yanked else None,
                    "digests": {"sha256": "0" * 64},
                    "requires_python": ">=3.9",
                    "url": f"https://files.example/{self.name}-{version}{ext}",
                }
            )
        return self

    def latest(self) -> str | None:
        live = [v for v, files in self.releases.items() if files and not all(f["yanked"] for f in files)]
        return live[-1] if live else (list(self.releases)[-1] if self.releases else None)

    def info(self, version: str | None) -> dict[str, Any]:
        files = self.releases.get(version or "", [])
        return {
            "name": self.name,
            "version": version,
            "summary": "A fake project.",
            "classifiers": self.classifiers,
            "home_page": None,
            "license": "MIT",
            "requires_python": ">=3.9",
            "author": "Dev",
            "project_urls": {"Source": f"https://github.com/example/{self.name}"},
            "yanked": bool(files) and all(f["yanked"] for f in files),
            "yanked_reason": None,
        }


class FakePyPI:
    def __init__(self) -> None:
        self.projects: dict[str, FakeProject] = {}
        self.malformed = 0
        self.failures: list[int] = []  # statuses for the next requests (e.g. 503)
        self.requests: Counter[str] = Counter()  # canonical name -> requests
        self.url = ""
        self.app = Starlette(
            routes=[
                Route("/pypi/{name}/json", self._project),
                Route("/pypi/{name}/{version}/json", self._version),
            ]
        )

    def add(self, name: str, **kwargs: Any) -> FakeProject:
        project = FakeProject(name, **kwargs)
        self.projects[canonical(name)] = project
        return project

    def _answer(self, body: dict[str, Any]) -> Response:
        if self.malformed > 0:
            self.malformed -= 1
            text = json.dumps(body)
            return Response(text[: len(text) // 2], media_type="application/json")
        return JSONResponse(body)

    def _lookup(self, request: Request) -> FakeProject | Response:
        name = request.path_params["name"]
        self.requests[canonical(name)] += 1
        if self.failures:
            return Response("Service Unavailable", self.failures.pop(0))
        project = self.projects.get(canonical(name))
        if project is None:
            return JSONResponse({"message": "Not Found"}, 404)
        return project

    async def _project(self, request: Request) -> Response:
        project = self._lookup(request)
        if isinstance(project, Response):
            return project
        version = project.latest()
        return self._answer(
            {
                "info": project.info(version),
                "last_serial": 1,
                "releases": project.releases,
                "urls": project.releases.get(version or "", []),
                "vulnerabilities": [],
            }
        )

    async def _version(self, request: Request) -> Response:
        project = self._lookup(request)
        if isinstance(project, Response):
            return project
        version = request.path_params["version"]
        if version not in project.releases:
            return JSONResponse({"message": "Not Found"}, 404)
        return self._answer(
            {"info": project.info(version), "last_serial": 1, "urls": project.releases[version], "vulnerabilities": []}
        )


@pytest.fixture
def fake_pypi() -> Iterator[FakePyPI]:
    """A FakePyPI on 127.0.0.3 (`fake.url`)."""
    fake = FakePyPI()
    with serve_shared(fake.app, host="127.0.0.3") as url:
        fake.url = url
        yield fake
