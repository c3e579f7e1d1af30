"""The board's machine-readable files: index.json, sitemap.xml, robots.txt, and the
field reference the /submit/ page shows (read from the schema, so it cannot drift)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from stint.board.board import Board
from stint.board.posting import Posting
from stint.contract.problems import dotted
from stint.contract.schema_check import SCHEMA_PATH, TYPE_WORDS, load_schema
from stint.outputs.headers import headers_file
from stint.settings import BoardSettings
from stint.writing.cache import BuildCache

INDEX_VERSION = 1


def posting_record(posting: Posting, site_url: str) -> dict[str, Any]:
    """One open posting in /internships/index.json (documented on the /submit/ page and in the README)."""
    return {
        "slug": posting.slug,
        "url": f"{site_url}/{posting.url}",
        "title": posting.title,
        "organization": posting.organization,
        "host": posting.host,
        "summary": posting.summary,
        "fields": list(posting.fields),
        "duration_weeks": {"min": posting.weeks[0], "max": posting.weeks[1]},
        "hours_per_week": {"min": posting.hours[0], "max": posting.hours[1]},
        "compensation": {
            "type": posting.pay.type,
            "amount": posting.pay.amount,
            "currency": posting.pay.currency,
            "per": posting.pay.per,
            "hourly_equivalent": round(posting.hourly_pay, 2) if posting.hourly_pay is not None else None,
        },
        "location": {
            "mode": posting.location.mode,
            "city": posting.location.city,
            "country": posting.location.country,
            "countries": list(posting.location.countries),
        },
        "international_students": list(posting.international),
        "levels": list(posting.levels),
        "academic_credit": posting.academic_credit,
        "posted": posting.posted.isoformat(),
        "apply_by": posting.apply_by.isoformat(),
        "tags": list(posting.tags),
        "facets": {name: list(values) for name, values in posting.facets.items()},
    }


def write_data_files(output: str, board: Board, context: dict[str, Any], settings: BoardSettings, cache: BuildCache) -> None:
    root = Path(output)
    (root / "internships").mkdir(parents=True, exist_ok=True)
    (root / "internships" / "index.json").write_text(index_json(board, settings.site_url, cache), encoding="utf-8")
    (root / "sitemap.xml").write_text(sitemap(board, context, settings), encoding="utf-8")
    (root / "robots.txt").write_text(robots(settings), encoding="utf-8")
    (root / "_headers").write_text(headers_file(), encoding="utf-8")  # read by Netlify and Cloudflare Pages
    (root / "schema").mkdir(exist_ok=True)
    (root / "schema" / "posting.schema.json").write_bytes(SCHEMA_PATH.read_bytes())


def index_json(board: Board, site_url: str, cache: BuildCache) -> str:
    """/internships/index.json, each posting's record reused from the last build when unchanged."""
    name = f"records-{cache.fingerprint[:8]}"  # the site's address is in every record, and in the fingerprint
    known = cache.load_value(name)
    records = {posting.identity: known.get(posting.identity) or _json(posting_record(posting, site_url)) for posting in board.open}
    cache.save_value(name, records)
    head = _json({"version": INDEX_VERSION, "generated": board.today.isoformat(), "count": len(board.open)})[:-1]
    return head + ',"postings":[' + ",".join(records[posting.identity] for posting in board.open) + "]}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def sitemap(board: Board, context: dict[str, Any], settings: BoardSettings) -> str:
    """Every indexable page with its last change. Closed postings are noindex, so absent."""
    newest = board.open[0].posted.isoformat() if board.open else board.today.isoformat()
    entries = [("", newest), ("internships/", newest), ("guides/", newest), ("submit/", newest)]
    entries += [(posting.url, posting.posted.isoformat()) for posting in board.open]
    entries += [(page.url, page.postings[0].posted.isoformat()) for page in board.facet_pages if page.postings]
    for guide in context.get("guides", []):
        changed = getattr(guide, "modified", None) or guide.date
        entries.append((guide.url, changed.date().isoformat()))
    rows = "".join(
        f"<url><loc>{escape(settings.site_url)}/{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>\n" for url, lastmod in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n'


def robots(settings: BoardSettings) -> str:
    lines = ["User-agent: *", "Disallow: /drafts/", "Allow: /"]
    if settings.site_url.startswith("http"):
        lines.append(f"Sitemap: {settings.site_url}/sitemap.xml")
    return "\n".join(lines) + "\n"


def example_posting() -> str:
    """The contract's example posting, shown on /submit/ and checked by the tests."""
    return (SCHEMA_PATH.parent / "example-posting.yaml").read_text(encoding="utf-8")


def schema_rows() -> list[dict[str, Any]]:
    """One row per schema property (nested ones as organization.name), for the field reference."""
    schema = load_schema()
    return list(_rows(schema, (), set(schema.get("required", []))))


def _rows(schema: dict[str, Any], path: tuple[str, ...], required: set[str]):
    for name, prop in schema.get("properties", {}).items():
        here = (*path, name)
        yield {
            "name": dotted(here),
            "title": prop.get("title", name),
            "description": prop.get("description", ""),
            "required": name in required,
            "type": _type_words(prop),
            "examples": [json.dumps(example, ensure_ascii=False) for example in prop.get("examples", [])[:2]],
        }
        if "properties" in prop and prop.get("type") == "object":
            yield from _rows(prop, here, set(prop.get("required", [])))


def _type_words(prop: dict[str, Any]) -> str:
    if "enum" in prop and len(prop["enum"]) <= 12:
        return "one of: " + ", ".join(str(value) for value in prop["enum"])
    if prop.get("type") == "array" and "enum" in prop.get("items", {}):
        return "list of: " + ", ".join(prop["items"]["enum"])
    kinds = prop.get("type", "")
    either = f"{TYPE_WORDS['integer']}, or {{min, max}}" if kinds == ["integer", "object"] else str(kinds)
    return TYPE_WORDS.get(kinds if isinstance(kinds, str) else "", either)
