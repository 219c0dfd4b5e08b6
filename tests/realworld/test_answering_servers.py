"""Issue 9, kind 1: a server that answers is there. Bot walls and bad certificates are `unknown`, never dead.

Each case names the public report (or documented behaviour) it is reduced from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.checker.checkkit import catalog_of, write_entries
from tests.checker.hosts import Connection, Host, Request, by_method, respond, threaded
from tests.realworld.kit import Certificates, check, runs
from tools.checker.certificates import CERTIFICATE_PROBLEM
from tools.checker.walls import BOT_WALL

LINKEDIN_PAGE = b"<html><head><script>window.location='https://www.linkedin.com/authwall'</script></head></html>"
CLOUDFLARE_PAGE = (
    b"<!DOCTYPE html><html lang='en-US'><head><title>Just a moment...</title></head>"
    b"<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
)


def cloudflare_challenge(status: int = 503, *, header: bool = True) -> dict[str, str]:
    headers = {"Server": "cloudflare", "Content-Type": "text/html; charset=UTF-8", "CF-RAY": "8f1a2b3c4d5e6f70-FRA"}
    if header:
        headers["cf-mitigated"] = "challenge"
    return headers


async def test_linkedin_999_is_a_bot_wall_not_a_dead_link() -> None:
    # html-proofer#215, awesome_bot#165, lychee#1477: LinkedIn answers "999 Request denied" to robots.
    async with Host(routes={"/in/someone": respond(999, {"Content-Type": "text/html"}, LINKEDIN_PAGE)}) as host:
        result = await check(host.url("/in/someone"))
    assert (result.status, result.http_status, result.connect_failure) == ("unknown", 999, False)
    assert result.reason is not None and result.reason.startswith(BOT_WALL) and "999" in result.reason


async def test_cloudflare_challenge_503_is_a_bot_wall() -> None:
    # awesome-lint#85: Cloudflare's "Just a moment..." page comes as 503, to HEAD and GET alike.
    page = respond(503, cloudflare_challenge(), CLOUDFLARE_PAGE)
    async with Host(routes={"/": page}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.http_status, result.connect_failure) == ("unknown", 503, False)
    assert result.reason == f"{BOT_WALL} (Cloudflare challenge, HTTP 503)"


async def test_a_challenge_page_without_the_header_is_recognised_by_its_title() -> None:
    # linkinator-action#140: Cloudflare-fronted sites answering 503 "Just a moment..." to CI runners.
    page = respond(503, cloudflare_challenge(header=False), CLOUDFLARE_PAGE)
    async with Host(routes={"/": page}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.connect_failure) == ("unknown", False)
    assert result.reason is not None and result.reason.startswith(BOT_WALL) and "Just a moment" in result.reason


async def test_a_403_challenge_is_a_bot_wall() -> None:
    # hexsecs/awesome-embedded-security#52, filiph/linkcheck#122: 403 + `cf-mitigated: challenge`.
    async with Host(routes={"/": respond(403, cloudflare_challenge(403), CLOUDFLARE_PAGE)}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.http_status) == ("unknown", 403)
    assert result.reason == f"{BOT_WALL} (Cloudflare challenge, HTTP 403)"


async def test_aws_waf_captcha_is_a_bot_wall() -> None:
    # AWS WAF documents `x-amzn-waf-action: captcha` on its CAPTCHA answers (HTTP 405 for HEAD, 202/403 on GET).
    waf = by_method(HEAD=respond(405), GET=respond(403, {"x-amzn-waf-action": "captcha"}))
    async with Host(routes={"/": waf}) as host:
        result = await check(host.url("/"))
    assert result.status == "unknown" and result.reason == f"{BOT_WALL} (AWS WAF challenge, HTTP 403)"


@pytest.mark.parametrize("status", [401, 403, 429])
async def test_refusals_are_bot_walls_without_a_streak(status: int) -> None:
    # awesome_bot users whitelisting 403/429 (mcauser/awesome-micropython#86): the page is there.
    async with Host(routes={"/": respond(status, {"Retry-After": "3600"})}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.http_status, result.connect_failure) == ("unknown", status, False)
    assert result.reason is not None and result.reason.startswith(BOT_WALL)


async def test_a_plain_5xx_is_an_outage_that_counts_towards_a_streak() -> None:
    # The other side of the rule: a 502 with no challenge is the kind of failure a streak is made of.
    async with Host(routes={"/": respond(502, {"Server": "cloudflare"}, b"<title>502 Bad Gateway</title>")}) as host:
        result = await check(host.url("/"))
    assert (result.status, result.connect_failure) == ("unknown", True)
    assert result.reason == "HTTP 502: server error"


CERTIFICATE_CASES = {
    # The example: an HTTPS host whose certificate has expired (alxhotel/webtorrent-checker#92).
    "expired": "certificate has expired",
    # urlstechie/urlchecker-action#105: "unable to get local issuer certificate" for a live PDF host.
    "unknown-ca": "unable to get local issuer certificate",
    # repology-updater#208/#267: SSL errors deserve their own treatment in a link checker.
    "self-signed": "self-signed certificate",
    # A certificate issued for another name (a CDN or shared host misconfigured).
    "wrong-host": "mismatch, certificate is not valid",
}


@pytest.mark.parametrize("problem", sorted(CERTIFICATE_CASES))
async def test_certificate_problems_are_warnings_never_outages(problem: str) -> None:
    certs = Certificates()
    address = "127.0.0.61"
    async with Host(address, routes={"/": respond(200)}, tls=certs.server(address, problem)) as host:
        result = await check(host.url("/"), transport=certs.client_transport())
    assert (result.status, result.connect_failure) == ("unknown", False)
    assert result.reason is not None and result.reason.startswith(f"{CERTIFICATE_PROBLEM}: ")
    assert CERTIFICATE_CASES[problem] in result.reason


async def test_a_good_certificate_is_ok_and_a_bad_one_is_not_retried() -> None:
    certs = Certificates()
    async with (
        Host("127.0.0.62", routes={"/": respond(200)}, tls=certs.server("127.0.0.62")) as good,
        Host("127.0.0.63", routes={"/": respond(200)}, tls=certs.server("127.0.0.63", "expired")) as bad,
    ):
        ok = await check(good.url("/"), transport=certs.client_transport())
        expired = await check(bad.url("/"), transport=certs.client_transport())
        second_link_same_host = await check(bad.url("/docs/"), transport=certs.client_transport())
    assert ok.status == "ok"
    assert expired.reason == second_link_same_host.reason == f"{CERTIFICATE_PROBLEM}: certificate has expired"


async def test_walls_and_certificates_stay_unknown_run_after_run_while_a_dead_host_becomes_dead(
    tmp_path: Path,
) -> None:
    # The complaint: each of these turned a live page dead after three runs.
    certs = Certificates()
    transport = certs.client_transport()
    async with (
        Host("127.0.0.64", routes={"/": respond(999)}) as linkedin,
        Host("127.0.0.65", routes={"/": respond(503, cloudflare_challenge(), CLOUDFLARE_PAGE)}) as cloudflare,
        Host("127.0.0.66", routes={"/": respond(200)}, tls=certs.server("127.0.0.66", "expired")) as expired,
    ):
        gone = await Host("127.0.0.67").start()
        await gone.stop()  # refused from now on
        catalog = catalog_of(
            tmp_path / "catalog",
            [
                {"name": "Cloudflared", "url": cloudflare.url("/")},
                {"name": "Expired", "url": expired.url("/")},
                {"name": "Gone", "url": gone.url("/")},
                {"name": "Linked", "url": linkedin.url("/")},
            ],
        )
        days = ("2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22")
        *_, outcome = await runs(
            catalog, [datetime.fromisoformat(f"{d}T06:00:00+00:00") for d in days], transport=transport
        )
    statuses = {e["id"]: e["status"] for e in outcome.report["entries"]}
    assert statuses == {"cloudflared": "unknown", "expired": "unknown", "gone": "dead", "linked": "unknown"}
    reasons = {e["id"]: e["reasons"][0] for e in outcome.report["entries"]}
    assert reasons["expired"].startswith(CERTIFICATE_PROBLEM)
    assert reasons["linked"].startswith(BOT_WALL) and reasons["cloudflared"].startswith(BOT_WALL)
    assert reasons["gone"].startswith("unreachable on 4 runs in a row since 2026-11-01")


async def test_a_bad_certificate_at_youtubes_oembed_builds_no_streak() -> None:
    # The same rule for videos: oEmbed answering with a bad certificate says nothing about the video.
    certs = Certificates()
    address = "127.0.0.68"
    async with Host(address, routes={"/oembed": respond(200)}, tls=certs.server(address, "expired")) as oembed:
        result = await check(
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            transport=certs.client_transport(),
            youtube_oembed_url=oembed.url("/oembed"),
        )
    assert (result.status, result.connect_failure) == ("unknown", False)
    assert result.reason == f"YouTube oEmbed: {CERTIFICATE_PROBLEM}: certificate has expired"


def html_only(request: Request) -> int:
    """crates.io's rule: the page for a request that asks for HTML, a JSON 404 for anything else."""
    return 200 if "html" in request.headers.get("accept", "") else 404


async def test_a_site_that_serves_pages_only_to_those_asking_for_html_is_not_dead() -> None:
    # rust-lang/crates.io#788, zola#384, xregistry/spec#518: 404 to `Accept: */*`, 200 with `Accept: text/html`.
    async def negotiate(request: Request, conn: Connection) -> bool:
        await conn.send(
            html_only(request), {"Content-Type": "text/html"}, b"<title>tokio</title>", head=request.method == "HEAD"
        )
        return True

    async with Host(routes={"/crates/tokio": negotiate}) as host:
        docs = await check(host.url("/crates/tokio"))
        home = await check(host.url("/crates/tokio"), home_page=True)
    assert (docs.status, docs.http_status) == (home.status, home.http_status) == ("ok", 200)


def test_certificate_problems_are_listed_as_warnings_in_the_report(elsewhere: Path, awesome: Callable) -> None:
    # Issue 9, kind 1: "listed for the maintainer as a certificate warning", not folded away among the unknowns
    # that sort themselves out: microcks.io#183 (amqp.org's expired certificate) needed a maintainer to act.
    certs = Certificates()
    signed = Host("127.0.0.69", routes={"/": respond(200)}, tls=certs.server("127.0.0.69", "self-signed"))
    with threaded(signed):
        refused = Host("127.0.0.70")  # never started
        write_entries(
            elsewhere / "catalog",
            [{"name": "Selfsigned", "url": signed.url("/")}, {"name": "Refused", "url": refused.url("/")}],
        )
        result = awesome("check", "--catalog", "catalog", "--markdown", "health.md", "--timeout", "0.5")
    assert result.code == 0, result.err
    text = Path("health.md").read_text(encoding="utf-8")
    warnings = text[text.index("## Certificate warnings (1)") :]
    assert "Selfsigned" in warnings.split("\n## ")[0] and "certificate problem: self" in warnings
    folded = text[text.index("<details>") : text.index("</details>")]
    assert "Refused" in folded and "Selfsigned" not in folded
    assert text.index("## Certificate warnings") < text.index("<details>")
