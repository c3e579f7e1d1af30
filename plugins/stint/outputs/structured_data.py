"""schema.org JobPosting JSON-LD for an open posting's own page (Google's job posting rules)."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from markupsafe import Markup

from stint.board.posting import Posting
from stint.contract.markup import sanitize

UNIT = {"hour": "HOUR", "week": "WEEK"}
# Search engines' job panels show the opening of a description and link to the page for the
# rest. 8,000 characters of HTML hold a typical description whole, and bound the second copy
# of it that every open posting's page carries, inside the JSON-LD (issue 15: 2 MB of it).
JSON_LD_DESCRIPTION = 8_000


def job_posting(posting: Posting, page_url: str, site_name: str) -> dict[str, Any]:
    """The JobPosting object. Only for open postings: closed pages carry none."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": excerpt_html(str(posting.description_html), JSON_LD_DESCRIPTION),
        "datePosted": posting.posted.isoformat(),
        "validThrough": f"{posting.apply_by.isoformat()}T23:59:59Z",
        "employmentType": "INTERN",
        "hiringOrganization": _organization(posting),
        "identifier": {"@type": "PropertyValue", "name": site_name, "value": posting.slug},
        "directApply": False,
        "url": page_url,
    }
    data.update(_location(posting))
    if posting.pay.is_paid:
        data["baseSalary"] = _salary(posting)
    return data


def _organization(posting: Posting) -> dict[str, str]:
    organization = {"@type": "Organization", "name": posting.organization}
    if posting.organization_url:
        organization["sameAs"] = posting.organization_url
    return organization


def _location(posting: Posting) -> dict[str, Any]:
    location = posting.location
    if location.mode == "remote":
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": [{"@type": "Country", "name": code} for code in location.countries],
        }
    return {
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": location.city, "addressCountry": location.country},
        }
    }


def _salary(posting: Posting) -> dict[str, Any]:
    pay = posting.pay
    if pay.per == "project":
        # schema.org has no "per project" unit: state the whole project's pay as a total
        # spread over its hours, which is what a reader compares.
        value: dict[str, Any] = {"@type": "QuantitativeValue", "value": round(posting.hourly_pay, 2), "unitText": "HOUR"}
    else:
        value = {"@type": "QuantitativeValue", "value": pay.amount, "unitText": UNIT[pay.per]}
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}


def script_json(data: dict[str, Any]) -> Markup:
    """JSON safe inside <script>: no text can close the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline block (no 'unsafe-inline' anywhere)."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def excerpt_html(html: str, limit: int) -> str:
    """At most about ``limit`` characters of sanitised ``html``, still well-formed: cut after the
    last whole block that fits (cmark ends each block with a line break), or inside the
    first one, before any half-written tag or character reference. Text that fits is returned as it is."""
    if len(html) <= limit:
        return html
    cut = html.rfind("\n", 0, limit)
    head = html[: cut + 1] if cut > 0 else html[:limit]
    for opener, closer in (("<", ">"), ("&", ";")):  # a cut tag or reference would read as text
        if head.rfind(opener) > head.rfind(closer):
            head = head[: head.rfind(opener)]
    # Sanitising again closes whatever the cut left open.
    return str(sanitize(head)).rstrip("\n") + "\n<p>…</p>"
