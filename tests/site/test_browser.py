"""The built site in a real browser: Debian's Chromium driven by Playwright, served from loopback."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

from tools.paths import REPO_ROOT

pytestmark = pytest.mark.browser

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(fixture_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(fixture_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Debian's chromium here; GitHub's Ubuntu runners ship Google Chrome instead. CHROMIUM picks one.
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"]
    chromium = next((found for name in candidates if name and (found := shutil.which(name))), None)
    if chromium is None:
        pytest.fail("no Chromium found: `apt-get install chromium` (.ci/run installs it when missing) or set CHROMIUM")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """A page with every request's host and every console error recorded; nothing leaves loopback."""

    def __init__(self, browser: Browser, **context_options: Any) -> None:
        self.hosts: set[str] = set()
        self.errors: list[str] = []
        self.context = browser.new_context(**context_options)
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _route(self, route: Route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        self.hosts.add(host)
        if host == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(self, url: str) -> Page:
        self.page.goto(url, wait_until="networkidle")
        return self.page


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    visit = Visit(browser)
    yield visit
    visit.context.close()


def entry_ids(page: Page, visible_only: bool = False) -> list[str]:
    selector = "[data-aa-list] article:not([hidden]) h2" if visible_only else "[data-aa-list] article h2"
    return page.eval_on_selector_all(selector, "els => els.map(e => e.id)")


@pytest.mark.parametrize("path", ["", "categories/web/", "tags/", "health/", "contributing/"])
def test_pages_load_without_console_errors_or_third_party_requests(visit: Visit, base_url: str, path: str) -> None:
    page = visit.open(base_url + path)
    assert page.locator("h1").count() == 1
    assert visit.errors == []
    assert visit.hosts == {"127.0.0.1"}


def test_search_finds_an_entry_by_name(visit: Visit, base_url: str) -> None:
    page = visit.open(base_url)
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type("Omega", delay=30)  # as a reader types: Material searches on key events
    result = page.locator(".md-search-result__item a[href*='categories/testing/'][href$='#omega']").first
    result.wait_for(state="visible", timeout=10_000)
    assert "Omega" in result.inner_text()
    assert visit.errors == []
    assert visit.hosts == {"127.0.0.1"}


def test_sorting_by_stars_and_by_activity_reorders_entries(visit: Visit, base_url: str) -> None:
    page = visit.open(base_url + "categories/web/")
    by_name = ["alpha", "beta", "delta", "epsilon", "gamma", "pipe-star-bracket", "zeta"]
    assert entry_ids(page) == by_name
    page.select_option("[data-aa-sort]", "stars")
    # Most stars first; entries whose stars are unknown go last, in catalog order.
    assert entry_ids(page) == ["beta", "alpha", "delta", "gamma", "zeta", "epsilon", "pipe-star-bracket"]
    page.select_option("[data-aa-sort]", "activity")
    assert entry_ids(page) == ["beta", "alpha", "zeta", "gamma", "delta", "epsilon", "pipe-star-bracket"]
    page.select_option("[data-aa-sort]", "name")
    assert entry_ids(page) == by_name


def test_sorting_from_the_keyboard(visit: Visit, base_url: str) -> None:
    page = visit.open(base_url + "categories/web/")
    page.locator("[data-aa-sort]").focus()
    page.keyboard.press("ArrowDown")  # Name -> Stars
    assert page.locator("[data-aa-sort]").input_value() == "stars"
    assert entry_ids(page)[:2] == ["beta", "alpha"]


def test_hiding_inactive_entries_from_the_keyboard(visit: Visit, base_url: str) -> None:
    page = visit.open(base_url + "categories/web/")
    checkbox = page.locator("[data-aa-hide]")
    checkbox.focus()
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    assert entry_ids(page, visible_only=True) == ["alpha", "beta", "pipe-star-bracket", "zeta"]
    assert not page.locator("#gamma").is_visible()
    assert page.locator("[data-aa-summary]").inner_text() == "Showing 4 of 7 entries."
    page.keyboard.press("Space")
    assert len(entry_ids(page, visible_only=True)) == 7


def test_without_javascript_every_entry_is_listed(browser: Browser, base_url: str) -> None:
    visit = Visit(browser, java_script_enabled=False)
    try:
        page = visit.open(base_url + "categories/web/")
        assert len(entry_ids(page, visible_only=True)) == 7
        assert all(page.locator(f"#{i}").is_visible() for i in ("gamma", "delta", "epsilon"))
        assert not page.locator("[data-aa-controls]").is_visible()
    finally:
        visit.context.close()


@pytest.mark.parametrize(
    ("path", "scheme"), [("", "light"), ("categories/web/", "light"), ("categories/web/", "dark"), ("health/", "light")]
)
def test_axe_finds_no_serious_or_critical_violations(browser: Browser, base_url: str, path: str, scheme: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    visit = Visit(browser, color_scheme=scheme)
    try:
        page = visit.open(base_url + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document)).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(", ")}`)"""
        )
        assert violations == [], "\n".join(violations)
    finally:
        visit.context.close()


def test_no_script_from_catalog_text_runs(visit: Visit, base_url: str) -> None:
    dialogs: list[str] = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = visit.open(base_url + "categories/web/")
    assert "<script>alert(1)</script>" in page.locator("#beta ~ .aa-description").inner_text()
    assert dialogs == []
