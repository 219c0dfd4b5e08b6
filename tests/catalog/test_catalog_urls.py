"""URL helpers: duplicates are found however a URL is spelled; GitHub homes are told from other pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tools.catalog.urls import github_repo, hostname, is_web_url, normalize_url, slugify


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/aio-libs/aiohttp",
        "http://github.com/aio-libs/aiohttp",
        "https://www.github.com/aio-libs/aiohttp",
        "https://GitHub.com/AIO-Libs/AioHTTP",
        "https://github.com/aio-libs/aiohttp/",
        "https://github.com/aio-libs/aiohttp.git",
        "https://github.com/aio-libs/aiohttp.git/",
        "  https://github.com/aio-libs/aiohttp  ",
    ],
)
def test_normalize_url_makes_spellings_of_one_address_equal(url):
    assert normalize_url(url) == "github.com/aio-libs/aiohttp"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("https://www.youtube.com/watch?v=one", "https://www.youtube.com/watch?v=two"),
        ("https://example.org/a", "https://example.org/a/b"),
        ("https://example.org:8443/", "https://example.org/"),
        ("https://docs.example.org/", "https://example.org/"),
    ],
)
def test_normalize_url_keeps_different_addresses_apart(left, right):
    assert normalize_url(left) != normalize_url(right)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/MagicStack/uvloop", ("MagicStack", "uvloop")),
        ("https://github.com/python-trio/trio.git", ("python-trio", "trio")),
        ("https://www.github.com/encode/httpx/", ("encode", "httpx")),
        ("http://GITHUB.com/encode/starlette", ("encode", "starlette")),
        ("https://github.com/encode/httpx/issues", None),
        ("https://github.com/encode", None),
        ("https://gitlab.com/pgjones/quart", None),
        ("git@github.com:encode/httpx.git", None),
        ("https://github.com/bad%20owner/repo", None),
    ],
)
def test_github_repo(url, expected):
    assert github_repo(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://Docs.Example.ORG./guide",
        "http://127.0.0.3:8080/page/1",
        "https://user:secret@example.org/",
        "https://[2001:db8::1]:8443/x",
        "https://example.org?query",
        "https://example.org#top",
        "https://münchen.example/",
        "https://exa mple.org/",
        "https://example.org:99999/",
        "mailto:someone@example.org",
    ],
)
def test_hostname_reads_every_address_as_urlsplit_does(url):
    # The checker's per-host limit and GitHub detection rest on it: a quicker reading, never another one.
    assert hostname(url) == (urlsplit(url).hostname or "")


def test_hostname_of_an_address_urlsplit_refuses_is_empty():
    assert hostname("https://[not-ipv6/") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FastAPI", "fastapi"),
        ("aio-libs / aiohttp", "aio-libs-aiohttp"),
        ("async/await in Python 3.5", "async-await-in-python-3-5"),
        ("--C++ & Rust!--", "c-rust"),
        ("Ünïcode Straße", "unicode-strasse"),
        ("???", "entry"),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org", True),
        ("HTTP://example.org/x", True),
        ("javascript:alert(1)", False),
        ("data:text/plain,hi", False),
        ("ftp://example.org", False),
        ("https://", False),
        ("//example.org/x", False),
    ],
)
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok


@pytest.mark.parametrize(
    "text", ["https://[::1", "https://example.org:99999/x", "http://exa mple.org", "", "::", "[", "%zz"]
)
def test_url_helpers_take_any_text_without_raising(text):
    assert is_web_url(text) is False or text == ""
    assert isinstance(normalize_url(text), str)
    assert github_repo(text) is None
