"""``_headers``: the HTTP headers the board wants, for hosts that let a site set them.

GitHub Pages sets none of its own choosing, and a ``<meta>`` Content-Security-Policy cannot say
``frame-ancestors`` (browsers ignore it there), so on Pages any site can frame the board. Netlify
and Cloudflare Pages read a ``_headers`` file at the site's root (the same syntax for both):
written by every build, it gives such a host the page's own policy plus what only a header can
carry. The policy's sources are the ones ``base.html``'s ``<meta>`` lists, without the per-page
script hashes: those allow the JSON-LD block, which is data, never run. The one inline script
that runs, the listing's first frame, is allowed by its hash.
"""

from __future__ import annotations

from stint import first_frame

# Kept equal to theme/templates/base.html's <meta> policy, bar its hashes (tests/test_headers.py).
PAGE_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# The listing's first-frame script runs on every listing page: the header, which applies on top
# of each page's <meta>, must allow it too.
HEADER_POLICY = PAGE_POLICY.replace("'wasm-unsafe-eval'", f"'wasm-unsafe-eval' {first_frame.HASH}", 1) + "; frame-ancestors 'none'"
HEADERS: dict[str, str] = {
    "Content-Security-Policy": HEADER_POLICY,  # a header only: no framing, no clickjacking
    "X-Frame-Options": "DENY",  # the same, for browsers without frame-ancestors
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Strict-Transport-Security": "max-age=31536000",
}
# index.json is documented as data for other sites: their pages may fetch it.
DATA_HEADERS: dict[str, str] = {"Access-Control-Allow-Origin": "*"}


def headers_file() -> str:
    """The ``_headers`` file: a path pattern, then its headers indented below it."""
    blocks = [("/*", HEADERS), ("/internships/index.json", DATA_HEADERS)]
    return "".join(f"{pattern}\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items()) for pattern, headers in blocks)
