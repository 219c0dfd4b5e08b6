"""Bot walls: answers that prove a server is there but refuse to show the page to a checker.

Such answers are `unknown` on every run, never `dead` and never part of a failure streak: the
page is very likely fine, a person with a browser sees it. Recognised from what the servers send:

- 999: LinkedIn's answer to clients it takes for robots (html-proofer#215, awesome_bot#165);
- Cloudflare's challenge: `cf-mitigated: challenge` (Cloudflare documents this header on
  challenge pages), or `Server: cloudflare` with its "Just a moment..." / "Attention Required!"
  page, as 403 or 503 (awesome-lint#85, filiph/linkcheck#122);
- other bot-management challenges: AWS WAF (`x-amzn-waf-action: challenge|captcha`), DataDome,
  DDoS-Guard, and pages titled like a challenge (only on 401, 403, 429, 503 and 999: a plain 5xx
  from a protected site is still an outage);
- 401/403 without such a sign (a login or an access rule) and 429 (rate limited).
"""

from __future__ import annotations

import re

import httpx

BOT_WALL = "the site refuses automated checks"
WALL_STATUSES = frozenset({401, 403, 429, 503, 999})  # answers whose page is worth a look for a challenge

_CHALLENGE_TITLE = re.compile(
    r"just a moment|attention required|checking your browser|verify(?:ing)? (?:you are|that you are) (?:a )?human"
    r"|ddos-guard|access denied|captcha|are you a robot|bot verification|security check",
    re.IGNORECASE,
)


def bot_wall(status: int, headers: httpx.Headers, title: str = "") -> str | None:
    """`the site refuses automated checks (<what was seen>)` for a wall, else None."""
    seen = _challenge(headers, title) if status in WALL_STATUSES else None
    if seen:
        return f"{BOT_WALL} ({seen}, HTTP {status})"
    if status == 999:
        return f"{BOT_WALL} (HTTP 999, as LinkedIn answers robots)"
    if status == 429:
        return f"{BOT_WALL} (HTTP 429: rate limited, try again later)"
    if status in (401, 403):
        return f"{BOT_WALL} (HTTP {status})"
    return None


def _challenge(headers: httpx.Headers, title: str) -> str | None:
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "Cloudflare challenge"
    if headers.get("x-amzn-waf-action", "").lower() in ("challenge", "captcha"):
        return "AWS WAF challenge"
    if "x-datadome" in headers or "datadome" in headers.get("server", "").lower():
        return "DataDome challenge"
    server = headers.get("server", "").lower()
    if title and _CHALLENGE_TITLE.search(title):
        owner = "Cloudflare" if "cloudflare" in server else "ddos-guard" if "ddos-guard" in server else "bot"
        return f'{owner} challenge page "{title[:60]}"'
    return None
