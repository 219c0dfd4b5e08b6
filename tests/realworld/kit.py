"""What the real-world tests share: one link checked against loopback hosts, and TLS made in the test.

Certificates come from trustme: a CA the checker is told to trust (so that an expired or
wrong-host certificate fails for that reason alone) and one it does not know.
"""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta

import httpx
import trustme

from tests.checker.checkkit import github_stub, pypi_stub, settings
from tools.catalog import Catalog
from tools.checker.facts import LinkResult
from tools.checker.http import HttpClient
from tools.checker.links import check_link
from tools.checker.run import Outcome, check_catalog
from tools.checker.settings import Settings

FAST = dict(timeout=1.0, backoff_base=0.01, retry_after_cap=0.5, retries=2)


class Certificates:
    """Server contexts for good and bad certificates, and the client side that trusts `trusted`."""

    def __init__(self) -> None:
        self.trusted = trustme.CA()
        self.stranger = trustme.CA()  # a CA nobody trusts

    def client_transport(self) -> httpx.AsyncHTTPTransport:
        context = ssl.create_default_context()
        self.trusted.configure_trust(context)
        return httpx.AsyncHTTPTransport(verify=context)

    def server(self, address: str, problem: str | None = None) -> ssl.SSLContext:
        """A server context for `address`; `problem`: expired, self-signed, wrong-host or unknown-ca."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        now = datetime.now(UTC)
        if problem == "expired":
            leaf = self.trusted.issue_cert(
                address, not_before=now - timedelta(days=400), not_after=now - timedelta(days=35)
            )
        elif problem == "self-signed":
            alone = trustme.CA()  # a CA's own certificate is self-signed: serve it as the server's
            with alone.cert_pem.tempfile() as cert, alone.private_key_pem.tempfile() as key:
                context.load_cert_chain(cert, key)
            return context
        elif problem == "wrong-host":
            leaf = self.trusted.issue_cert("somewhere-else.example")
        elif problem == "unknown-ca":
            leaf = self.stranger.issue_cert(address)
        else:
            leaf = self.trusted.issue_cert(address)
        leaf.configure_cert(context)
        return context


async def check(
    url: str, *, home_page: bool = False, transport: httpx.AsyncBaseTransport | None = None, **overrides: object
) -> LinkResult:
    settings = Settings(**{**FAST, **overrides})  # type: ignore[arg-type]
    async with HttpClient(settings, transport=transport) as http:
        return await check_link(url, http, settings, home_page=home_page)


async def runs(
    catalog: Catalog,
    moments: list[datetime],
    *,
    previous: Outcome | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    **overrides: object,
) -> list[Outcome]:
    """One checker run at each moment (no GitHub or PyPI entries), each from the status.json the one before wrote."""
    outcomes: list[Outcome] = [previous] if previous else []
    for moment in moments:
        outcomes.append(
            await check_catalog(
                catalog,
                settings(**overrides),
                previous=outcomes[-1].status_file if outcomes else None,
                fetch_repositories=github_stub({}),
                fetch_projects=pypi_stub({}),
                transport=transport,
                now=moment,
            )
        )
    return outcomes[1:] if previous else outcomes
