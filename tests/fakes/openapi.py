"""GitHub's REST response schemas (octokit's OpenAPI slice), for answers shaped exactly like GitHub's.

The fake GitHub starts every REST answer from `complete()`: an example built from the response
schema with every required field, typed as GitHub types it, and overlays what the test configured.
`json_schema()` turns the same schema into JSON Schema so tests can prove the answers validate.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

DESCRIPTION = Path(__file__).parent / "github-api" / "rest-repos.json"
PATHS = {
    "repo": "/repos/{owner}/{repo}",
    "repository_by_id": "/repos/{owner}/{repo}",
    "commits": "/repos/{owner}/{repo}/commits",
    "release": "/repos/{owner}/{repo}/releases/latest",
    "contributors": "/repos/{owner}/{repo}/contributors",
    "rate_limit": "/rate_limit",
}
_SCALARS = {"string": "", "integer": 0, "number": 0, "boolean": False}
_FORMATS = {"date-time": "2011-01-26T19:01:12Z", "uri": "https://github.com/octocat", "email": "octocat@github.com"}


@cache
def _openapi() -> dict[str, Any]:
    return json.loads(DESCRIPTION.read_text(encoding="utf-8"))


def response_schema(path: str) -> dict[str, Any]:
    """The OpenAPI schema of the 200 answer for one of the description's paths."""
    return _openapi()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def json_schema(node: Any) -> Any:
    """OpenAPI 3.0 marks nulls with `nullable: true`; JSON Schema spells that as a type."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: json_schema(value) for key, value in node.items() if key not in ("nullable", "example", "examples")}
    if node.get("nullable"):
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif "type" not in out:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def example(schema: dict[str, Any]) -> Any:
    """A value the schema accepts: its example for scalars and lists, required properties for objects."""
    for combinator in ("allOf", "anyOf", "oneOf"):
        if combinator in schema:
            parts = [example(part) for part in schema[combinator]]
            if combinator == "allOf" and all(isinstance(p, dict) for p in parts):
                return {k: v for part in parts for k, v in part.items()}
            return parts[0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {key: example(properties.get(key, {})) for key in schema.get("required", [])}
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if schema.get("nullable"):
        return None
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "array":
        return []
    if kind == "string" and schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]
    return _SCALARS.get(kind) if isinstance(kind, str) else None


@cache
def _skeleton(endpoint: str) -> Any:
    return example(response_schema(PATHS[endpoint]))


def _overlay(base: Any, override: Any, item_schema: Any = None) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        return {**base, **{k: _overlay(base.get(k), v) for k, v in override.items()}}
    if isinstance(override, list) and item_schema is not None:
        return [_overlay(item_schema, item) for item in override]
    return override


def complete(endpoint: str, body: Any) -> Any:
    """`body` with every field GitHub always sends filled in from the schema where the fake left it out."""
    if endpoint not in PATHS:
        return body
    skeleton = copy.deepcopy(_skeleton(endpoint))
    if isinstance(body, list):
        items = response_schema(PATHS[endpoint]).get("items", {})
        return _overlay(None, body, example(items))
    return _overlay(skeleton, body)
