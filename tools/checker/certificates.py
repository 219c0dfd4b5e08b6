"""Certificate problems are not outages: a server that presents a bad certificate is there.

Python's `ssl` raises `SSLCertVerificationError` for every verification failure (expired,
self-signed, unknown issuer, wrong host name, ...) with OpenSSL's own wording in
`verify_message`; httpx wraps it (httpx.ConnectError <- httpcore.ConnectError <- ssl error), so
the cause chain is walked to find it. The reason starts with `CERTIFICATE_PROBLEM` so that
reports can list these for the maintainer as certificate warnings, apart from other unknowns.
"""

from __future__ import annotations

import ssl

CERTIFICATE_PROBLEM = "certificate problem"


def certificate_problem(exc: BaseException) -> str | None:
    """`certificate problem: <what OpenSSL said>` when `exc` comes from certificate verification, else None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        # aiohttp's ClientConnectorCertificateError is one too, without OpenSSL's wording: that is on
        # the ssl error it carries as `certificate_error`.
        if isinstance(current, ssl.SSLCertVerificationError) and not hasattr(current, "certificate_error"):
            message = (current.verify_message or current.reason or "verification failed").rstrip(". ")
            return f"{CERTIFICATE_PROBLEM}: {message}"
        current = getattr(current, "certificate_error", None) or current.__cause__ or current.__context__
    return None
