"""The HTTP client over aiohttp, as the sources use it: bodies, headers and errors as httpx gives them."""

from __future__ import annotations

import gzip
import json

import httpx
import pytest

from tests.checker.hosts import Connection, Host, Request, respond
from tools.checker.http import FetchError, HttpClient
from tools.checker.settings import Settings
from tools.checker.transport import AiohttpTransport

FAST = Settings(timeout=2.0, connect_timeout=1.0, backoff_base=0.01, retries=1)


async def test_a_gzip_json_answer_is_decoded_and_the_request_says_what_it_accepts() -> None:
    """GitHub and PyPI compress JSON when asked; the sources read `response.json()` as before."""
    payload = {"info": {"version": "1.2.3"}, "name": "ünïcode"}
    body = gzip.compress(json.dumps(payload).encode())
    async with Host("127.0.0.61", default=respond(200, {"Content-Encoding": "gzip"}, body)) as host:
        async with HttpClient(FAST) as http:
            response = await http.send("GET", host.url("/pypi/x/json"), kind="pypi", headers={"X-Extra": "1"})
    assert response.json() == payload
    sent = host.requests[0].headers
    assert sent["accept-encoding"] == "gzip, deflate" and sent["x-extra"] == "1"
    assert sent["user-agent"] == FAST.user_agent
    assert http.counts["pypi"] == 1


async def test_a_json_body_is_posted_with_its_type() -> None:
    seen: list[Request] = []

    async def record(request: Request, conn: Connection) -> bool:
        seen.append(request)
        return await respond(200, {"Content-Type": "application/json"}, b'{"data": {}}')(request, conn)

    async with Host("127.0.0.62", default=record) as host:
        async with HttpClient(FAST) as http:
            response = await http.send("POST", host.url("/graphql"), kind="github_graphql", json={"query": "{a}"})
    assert response.json() == {"data": {}}
    assert seen[0].method == "POST" and seen[0].headers["content-type"] == "application/json"


async def test_a_refused_connection_is_a_connect_failure_not_a_timeout() -> None:
    async with Host("127.0.0.63") as host:
        url = host.url("/")
    async with HttpClient(FAST) as http:
        with pytest.raises(FetchError) as caught:
            await http.send("HEAD", url, kind="web")
    assert caught.value.unreachable and caught.value.reason.startswith("could not connect")


async def test_a_long_header_and_an_encoded_path_pass_unchanged() -> None:
    """A 10 KB Content-Security-Policy is common on real pages; %2F in a path is not a slash."""
    policy = "default-src 'self'; " + "; ".join(f"img-src https://cdn{i}.example.org" for i in range(300))
    assert len(policy) > 10_000
    async with Host("127.0.0.64", default=respond(200, {"Content-Security-Policy": policy})) as host:
        async with HttpClient(FAST) as http:
            response = await http.send("HEAD", host.url("/a%2Fb/c%20d/%7Eme?q=%7E"), kind="web")
    assert response.status_code == 200 and response.headers["content-security-policy"] == policy
    assert host.requests[0].path == "/a%2Fb/c%20d/%7Eme"


async def test_the_transport_sends_the_request_as_httpx_built_it() -> None:
    """aiohttp adds User-Agent, Accept and Accept-Encoding to a request lacking them; httpx's is sent as built."""
    async with Host("127.0.0.66", default=respond(200)) as host:
        transport = AiohttpTransport(httpx.create_ssl_context(trust_env=False))
        try:
            for headers in ({"User-Agent": "awesome-test"}, {"Accept": "text/html", "Accept-Encoding": "identity"}):
                response = await transport.handle_async_request(httpx.Request("GET", host.url("/"), headers=headers))
                await response.aclose()
        finally:
            await transport.aclose()
    first, second = (request.headers for request in host.requests)
    assert first["user-agent"] == "awesome-test" and "accept" not in first and "accept-encoding" not in first
    assert "user-agent" not in second and second["accept"] == "text/html" and second["accept-encoding"] == "identity"
