"""One link at a time against misbehaving loopback hosts: what the checker concludes, and what it sent."""

from __future__ import annotations

from tests.checker.hosts import Host, by_method, hang, huge_body, redirect, reset, respond, sequence
from tools.checker.facts import LinkResult
from tools.checker.http import HttpClient
from tools.checker.links import check_link
from tools.checker.settings import Settings

FAST = dict(timeout=0.5, backoff_base=0.01, retry_after_cap=0.5, retries=2)


async def check(url: str, **overrides: object) -> LinkResult:
    settings = Settings(**{**FAST, **overrides})  # type: ignore[arg-type]
    async with HttpClient(settings) as http:
        return await check_link(url, http, settings)


async def test_a_working_page_is_ok_with_one_head() -> None:
    async with Host(routes={"/": respond(200)}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.http_status, result.moved_to) == ("ok", 200, None)
    assert [(r.method, r.path) for r in host.requests] == [("HEAD", "/")]


async def test_404_and_410_are_dead_at_once() -> None:
    async with Host(routes={"/gone": respond(410)}) as host:
        missing, gone = await check(host.url("/missing")), await check(host.url("/gone"))
    assert (missing.status, missing.http_status, missing.connect_failure) == ("dead", 404, False)
    assert (gone.status, gone.http_status) == ("dead", 410)
    assert [r.method for r in host.requests if r.path == "/missing"] == ["HEAD", "GET"]  # no retry; GET confirms


async def test_a_page_missing_for_head_only_is_not_dead() -> None:
    """Some servers route GET alone and answer HEAD with 404: the page is there."""
    async with Host(routes={"/": by_method(HEAD=respond(404), GET=respond(200))}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.http_status) == ("ok", 200)


async def test_head_refused_with_405_falls_back_to_get() -> None:
    async with Host(routes={"/": by_method(HEAD=respond(405), GET=respond(200, body=b"hello"))}) as host:
        result = await check(host.url("/"))
    assert result.status == "ok" and result.http_status == 200
    assert [r.method for r in host.requests] == ["HEAD", "GET"]


async def test_head_refused_with_403_falls_back_to_get() -> None:
    async with Host(routes={"/": by_method(HEAD=respond(403), GET=respond(200))}) as host:
        assert (await check(host.url("/"))).status == "ok"


async def test_permanent_redirect_to_a_working_page_is_moved_to_the_final_address() -> None:
    async with Host(
        routes={"/old": redirect(301, "/older"), "/older": redirect(308, "/new"), "/new": respond(200)}
    ) as host:
        result = await check(host.url("/old"))
    assert (result.status, result.moved_to) == ("moved", host.url("/new"))


async def test_temporary_redirect_to_a_working_page_is_ok() -> None:
    async with Host(routes={"/": redirect(302, "/en/latest/"), "/en/latest/": respond(200)}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.moved_to) == ("ok", None)


async def test_a_temporary_hop_after_a_permanent_one_moves_to_the_permanent_target() -> None:
    async with Host(routes={"/a": redirect(301, "/b"), "/b": redirect(302, "/c"), "/c": respond(200)}) as host:
        result = await check(host.url("/a"))
    assert (result.status, result.moved_to) == ("moved", host.url("/b"))


async def test_adding_a_trailing_slash_is_not_a_move() -> None:
    async with Host(routes={"/docs": redirect(301, "/docs/"), "/docs/": respond(200)}) as host:
        assert (await check(host.url("/docs"))).status == "ok"


async def test_redirect_to_another_host_with_an_absolute_location() -> None:
    async with Host("127.0.0.11", routes={"/new": respond(200)}) as new, Host("127.0.0.12") as old:
        old.routes["/"] = redirect(301, new.url("/new"))
        result = await check(old.url("/"))
    assert (result.status, result.moved_to) == ("moved", new.url("/new"))


async def test_permanent_redirect_to_a_missing_page_is_dead() -> None:
    async with Host(routes={"/": redirect(301, "/nowhere")}) as host:
        result = await check(host.url("/"))
    assert result.status == "dead" and result.http_status == 404


async def test_redirect_loop_is_unknown_with_a_reason() -> None:
    async with Host(routes={"/a": redirect(302, "/b"), "/b": redirect(302, "/a")}) as host:
        result = await check(host.url("/a"))
    assert result.status == "unknown" and result.reason == "redirect loop"
    assert len(host.requests) == 2


async def test_more_than_ten_redirects_is_unknown() -> None:
    routes = {f"/{i}": redirect(302, f"/{i + 1}") for i in range(11)}
    routes["/11"] = respond(200)
    async with Host(routes=routes) as host:
        result = await check(host.url("/0"))
        ten = await check(host.url("/1"))  # exactly ten redirects is fine
    assert result.status == "unknown" and "more than 10 redirects" in (result.reason or "")
    assert ten.status == "ok"


async def test_429_retry_after_is_honoured_then_ok() -> None:
    async with Host(routes={"/": sequence(respond(429, {"Retry-After": "0.2"}), respond(200))}) as host:
        result = await check(host.url("/"))
    assert result.status == "ok"
    first, second = host.requests
    assert second.at - first.at >= 0.19


async def test_retry_after_beyond_the_cap_is_not_slept_on() -> None:
    async with Host(routes={"/": respond(429, {"Retry-After": "3600"})}) as host:
        result = await check(host.url("/"))
    assert result.status == "unknown" and result.http_status == 429 and "rate limited" in (result.reason or "")
    assert len(host.requests) == 1


async def test_5xx_then_ok_is_ok() -> None:
    async with Host(routes={"/": sequence(respond(503), respond(502), respond(200))}) as host:
        result = await check(host.url("/"))
    assert result.status == "ok"
    assert host.hits("/", "HEAD") == 3


async def test_5xx_forever_is_unknown_and_counts_as_a_failure() -> None:
    async with Host(routes={"/": respond(500)}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.http_status, result.connect_failure) == ("unknown", 500, True)
    assert host.hits("/", "HEAD") == 3 and host.hits("/", "GET") == 1  # retried, then GET once


async def test_connection_reset_is_unknown_after_retries() -> None:
    async with Host(routes={"/": reset}) as host:
        result = await check(host.url("/"))
    assert result.status == "unknown" and result.connect_failure
    assert "connection broken" in (result.reason or "")
    assert len(host.requests) >= 3


async def test_read_timeout_is_unknown() -> None:
    async with Host(routes={"/": hang}) as host:
        result = await check(host.url("/"), timeout=0.2, retries=0)
    assert result.status == "unknown" and result.connect_failure and "timed out" in (result.reason or "")


async def test_connection_refused_is_unknown_not_dead() -> None:
    host = await Host("127.0.0.13").start()
    url = host.url("/")
    await host.stop()
    result = await check(url)
    assert (result.status, result.connect_failure) == ("unknown", True)
    assert "could not connect" in (result.reason or "")


async def test_name_resolution_failure_is_unknown() -> None:
    result = await check("http://no-such-host.invalid/")
    assert (result.status, result.connect_failure, result.reason) == ("unknown", True, "name resolution failed")


async def test_a_huge_body_is_never_downloaded() -> None:
    async with Host(routes={"/big": by_method(HEAD=respond(405), GET=huge_body())}) as host:
        result = await check(host.url("/big"))
    assert result.status == "ok"
    assert host.bytes_sent < 2 * 1024 * 1024  # of 1 GiB announced: at most what socket buffers took


async def test_youtube_video_asks_oembed_and_its_404_is_dead() -> None:
    async with Host(routes={"/oembed": respond(404)}) as youtube:
        result = await check("https://www.youtube.com/watch?v=gone123", youtube_oembed_url=youtube.url("/oembed"))
    assert (result.status, result.http_status) == ("dead", 404)
    assert "video" in (result.reason or "")
    assert [r.path for r in youtube.requests] == ["/oembed"]


async def test_youtube_short_links_and_live_videos() -> None:
    async with Host(routes={"/oembed": respond(200, body=b'{"title": "A talk"}')}) as youtube:
        result = await check("https://youtu.be/abc", youtube_oembed_url=youtube.url("/oembed"))
    assert result.status == "ok"


async def test_youtube_private_or_unembeddable_is_unknown_not_dead() -> None:
    async with Host(routes={"/oembed": respond(401)}) as youtube:
        result = await check("https://youtube.com/watch?v=x", youtube_oembed_url=youtube.url("/oembed"))
    assert result.status == "unknown" and not result.connect_failure


async def test_head_that_breaks_the_connection_falls_back_to_get() -> None:
    async with Host(routes={"/": by_method(HEAD=reset, GET=respond(200))}) as host:
        result = await check(host.url("/"))
    assert result.status == "ok"
    assert host.hits("/", "GET") == 1


async def test_many_links_to_a_refusing_host_stop_trying_after_a_few() -> None:
    host = await Host("127.0.0.14").start()
    await host.stop()
    settings = Settings(**FAST)  # type: ignore[arg-type]
    async with HttpClient(settings) as http:
        results = [await check_link(host.url(f"/{i}"), http, settings) for i in range(10)]
        sent = http.counts["web"]
    assert all(r.status == "unknown" and r.connect_failure for r in results)
    assert sent == settings.skip_host_after  # then every other link fails at once, same reason
    assert "not tried again" in (results[-1].reason or "")
