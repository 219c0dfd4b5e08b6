"""Issue 9, kind 3: redirects followed the way browsers do (a cookie jar per check, fragments carried)."""

from __future__ import annotations

from tests.checker.hosts import Connection, Handler, Host, Request, redirect, respond
from tests.realworld.kit import FAST, check
from tools.checker.http import HttpClient
from tools.checker.links import check_link
from tools.checker.settings import Settings


def cookie_gate(name: str = "session", value: str = "abc123", *, status: int = 302) -> Handler:
    """Answer `status` to the same address with Set-Cookie until the cookie comes back, then 200."""

    async def handle(request: Request, conn: Connection) -> bool:
        sent = request.headers.get("cookie", "")
        if f"{name}={value}" in sent:
            await conn.send(
                200, {"Content-Type": "text/html"}, b"<title>Welcome</title>", head=request.method == "HEAD"
            )
        else:
            headers = {"Location": request.path, "Set-Cookie": f"{name}={value}; Path=/; HttpOnly"}
            await conn.send(status, headers, head=request.method == "HEAD")
        return True

    return handle


async def test_302_to_itself_with_a_cookie_then_200_is_ok() -> None:
    # linkchecker#419 (sanantonio.gov), httpx#821 (meloman.kz): 302 to the same URL with Set-Cookie.
    async with Host(routes={"/aviation": cookie_gate()}) as host:
        result = await check(host.url("/aviation"))
    assert (result.status, result.http_status, result.reason) == ("ok", 200, None)
    assert [r.headers.get("cookie") for r in host.requests] == [None, "session=abc123"]


async def test_a_cookie_bounce_through_another_page_is_ok() -> None:
    # https-everywhere#1128 (forums.aws.amazon.com): bounce via a login page that sets a cookie, back to a 200.
    async def login(request: Request, conn: Connection) -> bool:
        await conn.send(302, {"Location": "/forum", "Set-Cookie": "sid=42; Path=/"}, head=request.method == "HEAD")
        return True

    async def forum(request: Request, conn: Connection) -> bool:
        if "sid=42" in request.headers.get("cookie", ""):
            await conn.send(200, head=request.method == "HEAD")
        else:
            await conn.send(302, {"Location": "/login"}, head=request.method == "HEAD")
        return True

    async with Host(routes={"/forum": forum, "/login": login}) as host:
        result = await check(host.url("/forum"))
    assert result.status == "ok"


async def test_a_loop_with_nothing_new_to_send_is_still_a_loop() -> None:
    # linkchecker#199 (wirecard.at): 301 to itself forever, no cookie: a real loop, found without ten requests.
    async with Host(routes={"/": redirect(301, "/")}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.reason) == ("unknown", "redirect loop")
    assert len(host.requests) == 1


async def test_a_cookie_that_never_helps_ends_as_a_loop() -> None:
    # ooni/probe#2412: sites that keep redirecting even with the cookie; once the jar has nothing new, stop.
    async def stubborn(request: Request, conn: Connection) -> bool:
        await conn.send(302, {"Location": "/", "Set-Cookie": "seen=1; Path=/"}, head=request.method == "HEAD")
        return True

    async with Host(routes={"/": stubborn}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.reason) == ("unknown", "redirect loop")
    assert len(host.requests) == 2


async def test_cookies_stay_within_one_link_check() -> None:
    # A browser profile per check: a cookie one check earned is not sent by the next one, on the same client.
    settings = Settings(**FAST)  # type: ignore[arg-type]
    async with Host(routes={"/aviation": cookie_gate()}) as host, HttpClient(settings) as http:
        first = await check_link(host.url("/aviation"), http, settings)
        asked_before = len(host.requests)
        second = await check_link(host.url("/aviation"), http, settings)
    assert first.status == second.status == "ok"
    assert host.requests[asked_before].headers.get("cookie") is None


async def test_a_fragment_is_carried_over_a_permanent_redirect() -> None:
    # filiph/linkcheck#132, linkinator#79: `guide#install` 301 to `/manual/` lands on `/manual/#install`.
    async with Host(routes={"/guide": redirect(301, "/manual/"), "/manual/": respond(200)}) as host:
        result = await check(host.url("/guide#install"))
    assert (result.status, result.moved_to) == ("moved", host.url("/manual/#install"))
    assert [r.path for r in host.requests] == ["/guide", "/manual/"]  # the fragment is never sent


async def test_a_location_with_its_own_fragment_wins() -> None:
    async with Host(routes={"/guide": redirect(308, "/manual/#setup"), "/manual/": respond(200)}) as host:
        result = await check(host.url("/guide#install"))
    assert (result.status, result.moved_to) == ("moved", host.url("/manual/#setup"))


async def test_a_slash_only_redirect_with_a_fragment_is_ok() -> None:
    # The same rule as without a fragment: adding a trailing slash is not a move worth a report.
    async with Host(routes={"/docs": redirect(301, "/docs/"), "/docs/": respond(200)}) as host:
        with_fragment = await check(host.url("/docs#install"))
        without = await check(host.url("/docs"))
    assert (with_fragment.status, with_fragment.moved_to) == ("ok", None)
    assert without.status == "ok"


async def test_a_fragment_across_a_temporary_redirect_is_ok() -> None:
    async with Host(routes={"/latest": redirect(302, "/v2/"), "/v2/": respond(200)}) as host:
        result = await check(host.url("/latest#api"))
    assert (result.status, result.moved_to) == ("ok", None)


async def test_locations_browsers_accept_are_followed() -> None:
    # RFC 9110 10.2.2: Location is a URI reference (relative, network-path); servers also send raw spaces and
    # UTF-8, which browsers percent-encode (WHATWG URL). A held case of this review, kept as a guard.
    async with Host("127.0.0.90", routes={"/a/b": redirect(301, "../c d/é")}) as host:
        host.routes["/c%20d/%C3%A9"] = respond(200)
        spaced = await check(host.url("/a/b"))
        host.routes["/n"] = redirect(308, f"//127.0.0.90:{host.port}/c%20d/%C3%A9")
        network_path = await check(host.url("/n"))
    assert spaced.status == network_path.status == "moved"
    assert spaced.moved_to == network_path.moved_to == host.url("/c%20d/%C3%A9")


async def test_an_ipv6_literal_is_checked_like_any_address() -> None:
    async with Host("::1", routes={"/": redirect(301, "/docs/"), "/docs/": respond(200)}) as host:
        result = await check(f"http://[::1]:{host.port}/")
    assert (result.status, result.moved_to) == ("moved", f"http://[::1]:{host.port}/docs/")
