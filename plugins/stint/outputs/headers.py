"""``_headers``: the HTTP headers the board wants, for hosts that let a site set them.

GitHub Pages sets none of its own choosing, and a ``<meta>`` Content-Security-Policy cannot say
``frame-ancestors`` (browsers ignore it there), so on Pages any site can frame the board. Netlify
and Cloudflare Pages read a ``_headers`` file at the site's root (the same syntax for both):
written by every build, it gives such a host the page's own policy plus what only a header can
carry. The policy is the one ``base.html``'s ``<meta>`` gives, without the per-page
script hashes: those allow the JSON-LD block, which is data, never run. The one inline script
that runs, the listing's first frame, is allowed by its hash.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from stint.outputs import first_frame

_SOURCES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # Pagefind's search runs WebAssembly
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)


def policy(script_sources: Iterable[str] = ()) -> Markup:
    """The Content-Security-Policy of every page (base.html's <meta>), allowing exactly these
    inline blocks by hash. Its words are fixed or base64, so the markup is safe as it is."""
    extra = "".join(f" {source}" for source in script_sources)
    return Markup("; ".join(f"{name} {value}{extra if name == 'script-src' else ''}" for name, value in _SOURCES))


PAGE_POLICY = str(policy())
# The listing's first-frame script runs on every listing page: the header, which applies on top
# of each page's <meta>, must allow it too.
HEADER_POLICY = str(policy([first_frame.HASH])) + "; frame-ancestors 'none'"
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
