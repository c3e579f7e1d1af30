"""Web addresses from employers: what is safe to link, and when two are the same page."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

_HOST = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".corp", ".intranet")
_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)")
_TRACKING = re.compile(r"(utm_.*|gclid|fbclid|msclkid|mc_cid|mc_eid|ref|source|src|_hs.*|igshid)")
# Characters RFC 3986 never allows unencoded; in a page they could only be mischief.
_UNSAFE_CHARACTERS = re.compile(r'[\s"<>{}|^`\\]')
# No "%": a mail client percent-decodes a mailto: link, so "a%2Cb%40evil.example%2Cjobs@x.example"
# would be one address on the page and three recipients in the e-mail.
_SEPARATORS = re.compile(r'[,;\s<>"]')
_EMAIL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9_+-])?@" + _HOST.pattern, re.IGNORECASE)


def url_problem(url: str) -> tuple[str, str] | None:
    """(code, message) when an https address is unsafe to publish, else None."""
    if _UNSAFE_CHARACTERS.search(url):
        return (
            "url-malformed",
            "the address contains spaces, quotes or other characters a web address cannot hold: copy it again from the browser",
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "url-malformed", "the address cannot be read: copy it again from the browser"
    if parts.scheme != "https":
        return "url-not-https", "the address must start with https://"
    if "@" in parts.netloc:
        return "url-credentials", "the address contains a user name or password (the part before @): remove it"
    host = (parts.hostname or "").rstrip(".")
    return _host_problem(host) or _port_problem(port)


def _host_problem(host: str) -> tuple[str, str] | None:
    if not host:
        return "url-malformed", "the address has no host name"
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        return (
            "url-lookalike-host",
            "the host name uses non-Latin or encoded (xn--) letters that can imitate another site: use the plain ASCII domain",
        )
    if _is_ip(host):
        return "url-ip-host", "the address points at an IP address: use the organisation's domain name"
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or "." not in host:
        return "url-local-host", "the address points at a local or private machine: use a public domain name"
    if not _HOST.fullmatch(host):
        return "url-malformed", "the host name is not a valid domain name"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return bool(_NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]))


def _port_problem(port: int | None) -> tuple[str, str] | None:
    if port not in (None, 443):
        return "url-port", f"the address uses port {port}: a public https page needs no port number"
    return None


def email_problem(address: str) -> tuple[str, str] | None:
    """(code, message) when an e-mail address is not a plain, public one."""
    if "%" in address:
        return "bad-email", "must not contain %: write the address itself, not percent-encoded, such as jobs@example.org"
    if not _EMAIL.fullmatch(address):
        return "bad-email", "is not a plain e-mail address such as jobs@example.org"
    host = address.rsplit("@", 1)[1].lower()
    problem = _host_problem(host)
    return ("bad-email", f"the e-mail domain is not usable: {problem[1]}") if problem else None


def mailto(address: str, subject: str) -> str:
    """A mailto: link (RFC 6068) to exactly ``address``. Clients decode the link, then split it
    into recipients: so "%", "?", "&" and the like are encoded, and an address holding a
    separator (the validator refuses those) is refused here too, never published as two."""
    if _SEPARATORS.search(address):
        raise ValueError(f"{address!r} would be several recipients in a mailto: link")
    return f"mailto:{quote(address, safe='@+')}?subject={quote(subject, safe='')}"


def normalized_apply_target(target: str) -> str:
    """The same application page however it is written: case, www., trailing slash,
    fragment and tracking parameters do not make two postings different."""
    if "@" in target and "://" not in target:
        return "mailto:" + target.lower()
    parts = urlsplit(target.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.fullmatch(k.lower()))
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path.lower(), urlencode(query), ""))
