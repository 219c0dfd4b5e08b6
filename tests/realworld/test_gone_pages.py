"""Issue 9, kind 4: a home page that answers 200 but is gone (parked, for sale, a "not found" page)."""

from __future__ import annotations

import asyncio
import gzip
import time
from pathlib import Path

import httpx

from tests.checker.checkkit import catalog_of, github_stub, pypi_stub, settings
from tests.checker.hosts import Host, huge_body, redirect, respond
from tests.realworld.kit import check
from tools.checker.pages import PAGE_LIMIT, read_start
from tools.checker.run import check_catalog

HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(title: str, body: str = "", *, script: str = "") -> bytes:
    return f"<!doctype html><html><head><title>{title}</title><script>{script}</script></head><body>{body}</body></html>".encode()


SEDO = page(
    "asyncthing.io - This website is for sale! - asyncthing Resources and Information.",
    "<h1>asyncthing.io</h1><p>This domain may be for sale!</p>",
    script="var t = 'x'.repeat(1000);",
)
DAN = page("asyncthing.io", "<div>The domain name asyncthing.io is for sale</div><a href='#'>Buy now</a>")
GODADDY = page("asyncthing.io", "<p>This Web page is parked FREE, courtesy of GoDaddy.</p>")
EXPIRED = page("asyncthing.io", "<h2>This domain has expired.</h2><p>Renew it now at your registrar.</p>")
SOFT_404 = page("Page Not Found | Acme Docs", "<p>Sorry, we could not find that page.</p>")


async def test_a_for_sale_page_answering_200_is_dead() -> None:
    # internetarchive/wayback-machine-firefox#40: lapsed domain parked by Sedo, "This website is for sale!" title.
    async with Host(routes={"/": respond(200, HTML, SEDO)}) as host:
        result = await check(host.url("/"), home_page=True)
    assert (result.status, result.http_status) == ("dead", 200)
    assert result.reason is not None and "parked or for sale" in result.reason and "for sale" in result.reason
    assert [r.method for r in host.requests] == ["GET"]  # one GET, no HEAD first


async def test_parking_wording_in_a_short_page_is_dead() -> None:
    # PyFunceble#255: "<domain> is for sale", "parked free", "domain has expired" as parking signs.
    for body in (DAN, GODADDY, EXPIRED):
        async with Host(routes={"/": respond(200, HTML, body)}) as host:
            result = await check(host.url("/"), home_page=True)
        assert result.status == "dead", body
        assert result.reason is not None and result.reason.startswith("the domain looks parked or for sale")


async def test_a_redirect_to_a_domain_sale_service_is_dead() -> None:
    # wayback-machine-firefox#40: the domain answers 302 to the parking service. Any link, not only home pages.
    async with Host(
        routes={"/": redirect(302, "https://www.hugedomains.com/domain_profile.cfm?d=asyncthing.io")}
    ) as host:
        home = await check(host.url("/"), home_page=True)
        docs = await check(host.url("/"))
    assert home.status == docs.status == "dead"
    assert home.reason == "redirects to hugedomains.com, a domain parking or sale service"
    assert len(host.requests) == 2  # the sale service itself is never asked


async def test_a_not_found_page_served_with_200_is_dead() -> None:
    # mintlify/docs#3759, girldevelopit/gdi-website#402: soft 404s, a "not found" title with status 200.
    for title in ("Page Not Found | Acme Docs", "404", "Error 404 - Not Found", "404 Not Found"):
        async with Host(routes={"/": respond(200, HTML, page(title))}) as host:
            result = await check(host.url("/"), home_page=True)
        assert (result.status, result.http_status) == ("dead", 200), title
        assert result.reason == f'the page answers 200 but its title says "{title}"'


async def test_real_pages_that_mention_domains_or_404_stay_ok() -> None:
    # SteveHedden/open-knowledge-graphs#48: a soft-404 phrase in a real page's text must not kill it.
    real = [
        page("Custom domains - Acme Docs", "<p>Point your domain at our servers. Buy a domain from any registrar.</p>"),
        page("Handling 404 errors in aiohttp", "<p>Return web.HTTPNotFound when a page is not found.</p>"),
        page(
            "Blog: how we named the project",
            "<p>We looked at asyncthing.com but that domain is for sale at a price we could not pay.</p>"
            + "<p>The rest of a long article about event loops, tasks and cancellation.</p>" * 60,
        ),
        page("Domain-driven design with asyncio", "<p>The domain model stays free of I/O.</p>"),
        page("NotFoundError - trio 0.27 documentation", "<p>Raised when a file is not found.</p>"),
    ]
    for body in real:
        async with Host(routes={"/": respond(200, HTML, body)}) as host:
            result = await check(host.url("/"), home_page=True)
        assert (result.status, result.reason) == ("ok", None), body[:80]


async def test_docs_links_stay_head_first_and_unread() -> None:
    async with Host(routes={"/docs/": respond(200, HTML, SEDO)}) as host:
        result = await check(host.url("/docs/"))
    assert result.status == "ok"
    assert [r.method for r in host.requests] == ["HEAD"]
    assert host.bytes_sent == 0


async def test_a_huge_home_page_is_read_only_to_64_kib() -> None:
    # The bound holds against a server that would send a gigabyte: reading stops, the check ends at once.
    async with Host(
        routes={"/": huge_body(total=1 << 30, chunk=16 * 1024, pause=0.001, content_type="text/html")}
    ) as host:
        started = time.monotonic()
        result = await check(host.url("/"), home_page=True)
        elapsed = time.monotonic() - started
        await asyncio.sleep(0.2)  # let the server notice the client went away
    assert result.status == "ok" and elapsed < 2
    assert host.bytes_sent < 2 * 1024 * 1024  # what the socket buffers took, far from the gigabyte


async def test_wording_beyond_the_first_64_kib_is_never_seen() -> None:
    late = page("Acme", "<p>" + "lorem ipsum " * (PAGE_LIMIT // 10) + "</p><p>This domain is for sale</p>")
    async with Host(routes={"/": respond(200, HTML, late)}) as host:
        result = await check(host.url("/"), home_page=True)
    assert result.status == "ok"


async def test_a_gzipped_parking_page_is_recognised() -> None:
    # Servers may compress even when asked for identity.
    headers = {**HTML, "Content-Encoding": "gzip"}
    async with Host(routes={"/": respond(200, headers, gzip.compress(SEDO))}) as host:
        result = await check(host.url("/"), home_page=True)
    assert result.status == "dead"


async def test_in_a_run_the_home_page_is_read_and_the_docs_are_not(tmp_path: Path) -> None:
    async with Host(routes={"/": respond(200, HTML, SEDO), "/docs/": respond(200, HTML, SOFT_404)}) as host:
        catalog = catalog_of(tmp_path / "c", [{"name": "Thing", "url": host.url("/"), "docs": host.url("/docs/")}])
        outcome = await check_catalog(
            catalog, settings(), fetch_repositories=github_stub({}), fetch_projects=pypi_stub({})
        )
    entry = outcome.report["entries"][0]
    assert entry["status"] == "dead" and "parked or for sale" in entry["reasons"][0]
    assert entry["links"][0]["status"] == "ok"  # docs: HEAD only, never read
    assert {(r.method, r.path) for r in host.requests} == {("GET", "/"), ("HEAD", "/docs/")}


async def test_a_home_page_that_is_not_html_is_not_read() -> None:
    # A project whose address is a PDF or an archive: nothing to recognise, nothing to download.
    body = b"%PDF-1.7 (a catalogue of domain names) this domain is for sale"  # read as HTML, it would be parked
    async with Host(routes={"/": respond(200, {"Content-Type": "application/pdf"}, body)}) as host:
        result = await check(host.url("/"), home_page=True)
    assert result.status == "ok"


async def test_a_page_dripped_slowly_is_read_for_one_timeout_at_most() -> None:
    # A server that sends its page a few bytes at a time must not hold the run (nor the 64 KiB read).
    async with Host(routes={"/": huge_body(total=1 << 20, chunk=16, pause=0.05, content_type="text/html")}) as host:
        started = time.monotonic()
        result = await check(host.url("/"), home_page=True, timeout=0.5)
        elapsed = time.monotonic() - started
    assert result.status == "ok" and elapsed < 1.5


META_REFRESH_TO_SEDO = (
    b"<html><head><meta http-equiv='Refresh' content='0; URL=https://sedo.com/search/details/?domain=asyncthing.io'>"
    b"</head><body></body></html>"
)
SCRIPT_TO_AFTERNIC = page(
    "asyncthing.io", script='window.location.href = "https://www.afternic.com/forsale/asyncthing.io?utm_source=TDFS";'
)


async def test_a_page_that_sends_the_browser_to_a_parking_service_is_dead() -> None:
    # linkinator#552: meta refresh redirects are not followed; bookmarks-organizer#130: GoDaddy-parked
    # domains are missed by redirect detection because the page itself (200) sends the browser on.
    for body in (META_REFRESH_TO_SEDO, SCRIPT_TO_AFTERNIC):
        async with Host(routes={"/": respond(200, HTML, body)}) as host:
            result = await check(host.url("/"), home_page=True)
        assert (result.status, result.http_status) == ("dead", 200), body
        assert result.reason is not None and "a domain parking or sale service" in result.reason


async def test_a_page_that_links_or_refreshes_elsewhere_is_not_parked() -> None:
    # The other side: a real page that links to a registrar, or refreshes to its own docs, stays ok.
    real = [
        page("Acme", "<p>We bought our domain at <a href='https://www.afternic.com/'>Afternic</a>.</p>"),
        b"<html><head><meta http-equiv='refresh' content='0; url=https://acme.example/docs/'></head></html>",
        page("Acme", script="if (old) { window.location.href = '/v2/'; }"),
        page("Acme", script='location.replace("http://[oops/");'),
    ]
    for body in real:
        async with Host(routes={"/": respond(200, HTML, body)}) as host:
            result = await check(host.url("/"), home_page=True)
        assert (result.status, result.reason) == ("ok", None), body


async def test_a_gzip_bomb_home_page_is_inflated_to_64_kib_at_most() -> None:
    # A 50 MiB page squeezed into ~50 KiB of gzip: the bound is on what is inflated, not only on what is read
    # (issue 9: "never read more than 64 KiB"). A held case of this review, kept as a guard.
    bomb = gzip.compress(b"<html><head><title>Acme</title></head><body>" + b" " * (50 << 20))
    async with Host(routes={"/": respond(200, {**HTML, "Content-Encoding": "gzip"}, bomb)}) as host:
        started = time.monotonic()
        result = await check(host.url("/"), home_page=True)
    assert result.status == "ok" and time.monotonic() - started < 2
    response = httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(bomb))
    assert len(await read_start(response, 5)) == PAGE_LIMIT
