"""Turn the raw extracts of real job ads in ``sources/`` into board postings in ``postings/``.

Run from the repository root, offline, with the project's environment::

    .venv/bin/python -m tests.realdata.convert            # rewrites tests/realdata/postings/
    .venv/bin/python -m tests.realdata.convert --out DIR  # writes elsewhere (the tests do)

The point of the corpus is that the board's validator meets employers' real text. So the
employer's words go in unchanged, and everything structural is filled by this script,
deterministically, the same way every run:

- ``title``, ``organization.name``: the ad's own (HTML entities in the 18F page titles are
  decoded, as a browser shows them). ``organization.url``: the site the ad was published
  on, where known (not for NumFOCUS: its ``url`` field is the ad's link, used to apply).
- ``description``: the ad body exactly as published: Markdown stays Markdown, HTML stays
  HTML, with every stray character (NBSP, zero-width space, ``&nbsp;``) kept.
- ``summary``: the first sentence of the first paragraph that is not a heading, tags and
  Markdown emphasis removed, line breaks joined, trimmed to at most 200 characters on a
  word boundary; a first sentence under 20 characters takes the next ones with it.
- ``apply``: NumFOCUS, the ad's ``url`` as written (else the first e-mail address, else the
  first link in the text); CDS and 18F, the page the ad was published on (CDS took
  applications on that page; 18F's pages say there how to apply).
- ``location``: the ad's location text (NumFOCUS's field, the "Location:" line of an 18F page,
  the wording of a CDS ad) mapped to remote, on-site or hybrid with city and ISO country;
  an ad that says nothing is remote in its source's home country (US, CA, US), and a hybrid
  ad without a city is remote there too.
- ``fields``: 1-3 of the board's slugs, scored by keywords (English and French) in the title
  (weight 5) and the description (one point per occurrence, at most 10 per field).
- ``tags``: NumFOCUS ``badges``, lower-cased with spaces as hyphens; other characters dropped.
- Not in the ads, so fixed: ``duration_weeks`` 4, ``hours_per_week`` 20, ``compensation`` 20
  per hour in the source's currency (USD, or CAD for CDS) unless the ad states an hourly or
  weekly amount in dollars; ``posted`` is the ad's date (NumFOCUS: the date in its file name;
  otherwise the day the file was added upstream); ``apply_by`` the ad's deadline when it is a
  real date within 180 days after ``posted``, else ``posted`` + 30 days.

Slugs are organisation + title, transliterated with unidecode, at most 80 characters, with
``-2``, ``-3``... for repeats. Every file is read back with the board's own loader
(``stint.contract.loading``) and must give exactly the values written, or the script fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pycountry
from unidecode import unidecode

from stint.contract.loading import load_text

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
POSTINGS = HERE / "postings"

DURATION_WEEKS = 4
HOURS_PER_WEEK = 20
DEFAULT_RATE = 20
APPLY_DAYS = 30
MAX_APPLY_DAYS = 180

Record = dict[str, Any]


@dataclass
class Ad:
    """One real ad, before the structural fields are filled."""

    source: str
    title: str
    organization: str
    description: str
    posted: dt.date
    location_text: str
    home_country: str
    currency: str
    apply_url: str | None = None
    apply_email: str | None = None
    organization_url: str | None = None
    deadline: str | None = None
    tags: list[str] = field(default_factory=list)
    is_html: bool = False


# --- reading the sources -------------------------------------------------------------


def read_source(name: str) -> list[Record]:
    return json.loads((SOURCES / name / "ads.json").read_text(encoding="utf-8"))


def iso_date(text: str | None) -> dt.date | None:
    """A real calendar date, or None (upstream files hold impossible ones, such as 2023-11-31)."""
    if not text or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def numfocus_ad(record: Record) -> Ad:
    description = record.get("description") or ""
    url = record.get("url") or None
    email = None
    if url is None:
        found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", description)
        email = found.group() if found else None
        if email is None:
            link = re.search(r"https?://[^\s)>\]\"']+", description)
            url = link.group() if link else None
    posted = iso_date(record["path"].split("/")[-1][:10]) or iso_date(record["added"])
    assert posted is not None
    return Ad(
        source="numfocus-jobs-board",
        title=record["title"],
        organization=record["entity"],
        description=description,
        posted=posted,
        location_text=record.get("location") or "",
        home_country="US",
        currency="USD",
        apply_url=url,
        apply_email=email,
        deadline=record.get("deadline"),
        tags=[record_tag for record_tag in (tag_of(badge) for badge in record.get("badges") or []) if record_tag],
    )


def cds_ad(record: Record) -> Ad:
    language = record["path"].split("/")[1]
    site = "https://digital.canada.ca/" if language == "en" else "https://numerique.canada.ca/"
    stem = record["path"].rsplit("/", 1)[-1].removesuffix(".md")
    posted = iso_date(record["added"])
    assert posted is not None
    return Ad(
        source="cds-snc-digital-canada-ca",
        title=record["title"],
        organization="Canadian Digital Service" if language == "en" else "Service numérique canadien",
        organization_url=site.rstrip("/"),
        description=record["body"],
        posted=posted,
        location_text=record["body"],
        home_country="CA",
        currency="CAD",
        apply_url=f"{site}careers/positions/{quote(stem.lower())}/",
    )


def tts_ad(record: Record) -> Ad:
    folder = record["path"].split("/")[1]
    where = re.search(r"<strong>Location:</strong>\s*(.*?)</p>", record["body"], re.S)
    posted = iso_date(record["added"])
    assert posted is not None
    return Ad(
        source="18f-join-tts-gsa-gov",
        title=html.unescape(record["title"]),
        organization="Technology Transformation Services",
        organization_url="https://join.tts.gsa.gov",
        description=record["body"],
        posted=posted,
        location_text=html.unescape(where.group(1)) if where else "",
        home_country="US",
        currency="USD",
        apply_url=f"https://join.tts.gsa.gov/archive/{quote(folder)}/",
        is_html=True,
    )


READERS: dict[str, Callable[[Record], Ad]] = {
    "numfocus-jobs-board": numfocus_ad,
    "cds-snc-digital-canada-ca": cds_ad,
    "18f-join-tts-gsa-gov": tts_ad,
}


def all_ads() -> list[Ad]:
    return [reader(record) for name, reader in READERS.items() for record in read_source(name)]


# --- derived text ----------------------------------------------------------------------

BLOCK_TAGS = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|table|section|blockquote)\b[^>]*>", re.I)
ANY_TAG = re.compile(r"<[^>]*>")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def paragraphs(ad: Ad) -> list[str]:
    """The ad's text blocks, as a reader sees them, with tags and Markdown markup removed."""
    text = ad.description
    if ad.is_html or ANY_TAG.search(text):
        text = ANY_TAG.sub("", BLOCK_TAGS.sub("\n", text))
        text = html.unescape(text) if ad.is_html else text
    blocks = []
    for line in text.split("\n"):
        if re.match(r"\s*#", line) or re.fullmatch(r"\s*(\*\*|__).*(\*\*|__):?\s*", line):
            blocks.append("")  # a heading ends a paragraph and is no sentence
            continue
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) -> text
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        blocks.append(line)
    joined = "\n".join(blocks)
    return [re.sub(r"[ \t\r\n]+", " ", block).strip() for block in re.split(r"\n\s*\n", joined) if block.strip()]


def is_heading(paragraph: str) -> bool:
    return len(paragraph) < 80 and not SENTENCE_END.search(paragraph)


def summary_of(ad: Ad) -> str:
    blocks = paragraphs(ad)
    chosen = next((block for block in blocks if not is_heading(block)), blocks[0] if blocks else ad.title)
    summary = ""
    position = 0
    while len(summary) < 20 and position < len(chosen):
        end = SENTENCE_END.search(chosen, position)
        position = end.end() if end else len(chosen)
        summary = chosen[:position].strip()
    return trim(summary, 200)


def trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0]
    return (cut if cut else text[:limit]).rstrip(" ,;:")


def tag_of(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z-]", "", text.lower().replace(" ", "-"))).strip("-")


# --- fields ------------------------------------------------------------------------------

FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "data-analysis": ("data", "analyst", "analytic", "statistic", "données", "analyste"),
    "software-development": (
        "develop",
        "engineer",
        "software",
        "programm",
        "devops",
        "sre",
        "front-end",
        "frontend",
        "backend",
        "python",
        "maintainer",
        "développeu",
        "logiciel",
        "ingénie",
    ),
    "research": ("research", "scientist", "postdoc", "recherche", "chercheu"),
    "marketing": ("marketing", "marketer", "outreach", "brand", "social media", "liaison et diffusion"),
    "sales": ("sales", "business development", "account manager", "développement commercial", "ventes"),
    "strategy": (
        "strateg",
        "policy",
        "policies",
        "advisor",
        "director",
        "chief",
        "product manag",
        "politique",
        "stratég",
        "directeu",
        "conseill",
        "chef de cabinet",
        "de produit",
    ),
    "human-resources": ("recruit", "talent", "people operations", "human resources", "hiring", "recrut", "personnel"),
    "operations": ("operations", "administrat", "coordinat", "assistant", "program manag", "project manag", "opérations", "adjoint"),
    "finance-accounting": ("financ", "accounting", "budget", "procurement", "fundrais", "approvisionnement"),
    "design": ("design", "ux", "user experience", "visual", "interaction", "concept", "conception"),
    "communications": (
        "communicat",
        "writer",
        "writing",
        "content",
        "community",
        "storytell",
        "media",
        "translat",
        "contenu",
        "communauté",
        "rédact",
        "tradu",
        "narrat",
    ),
}


FIELD_PATTERNS = {slug: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")") for slug, words in FIELD_WORDS.items()}


def count_words(pattern: re.Pattern[str], text: str) -> int:
    """Occurrences of the field's words, each at the start of a word ("develop" finds "developer")."""
    return len(pattern.findall(text))


def fields_of(ad: Ad) -> list[str]:
    title, body = ad.title.lower(), ad.description.lower()
    scores = {slug: 5 * count_words(pattern, title) + min(count_words(pattern, body), 10) for slug, pattern in FIELD_PATTERNS.items()}
    ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
    chosen = [slug for slug in ranked if scores[slug] >= 5][:3]
    if chosen:
        return chosen
    return [ranked[0]] if scores[ranked[0]] else ["operations"]


# --- location ----------------------------------------------------------------------------

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
REMOTE_WORDS = re.compile(r"remote|virtual|anywhere|telework|distributed|à distance|n.importe où", re.I)
ON_SITE_WORDS = re.compile(r"on-site|onsite|in office|in-office", re.I)


def country_code(name: str) -> str | None:
    """An ISO 3166-1 alpha-2 code for a place name such as 'Netherlands' or 'NC'."""
    name = name.strip().strip(".")
    if name.upper() in US_STATES or name in US_STATES.values() or name in ("US", "USA", "U.S."):
        return "US"
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def city_and_country(text: str) -> tuple[str, str] | None:
    """The first 'City, Region-or-Country' in a location text."""
    for found in re.finditer(r"([A-Z][\w .'-]*?),\s*([A-Z][A-Za-z .]*?)(?=[;,()]|\s+with\b|\s+or\b|\s*$|\n)", text):
        code = country_code(found.group(2))
        if code:
            return found.group(1).strip(), code
    return None


def location_of(ad: Ad) -> dict[str, Any]:
    remote = {"mode": "remote", "countries": [ad.home_country]}
    text = ad.location_text
    if ad.source == "cds-snc-digital-canada-ca":
        if REMOTE_WORDS.search(text) or "Ottawa" not in text:
            return remote
        return {"mode": "on-site", "city": "Ottawa", "country": "CA"}
    place = city_and_country(text)
    says_remote = bool(REMOTE_WORDS.search(text))
    if place is None:
        if ad.source == "numfocus-jobs-board" and re.search(r"\((US|USA)\)", text):
            return {"mode": "remote", "countries": ["US"]}
        return remote
    city, country = place
    if says_remote and (ON_SITE_WORDS.search(text) or "hybrid" in text.lower() or "possibility of remote" in text):
        return {"mode": "hybrid", "city": city, "country": country}
    if says_remote:
        return {"mode": "remote", "countries": [country]}
    return {"mode": "on-site", "city": city, "country": country}


# --- compensation and dates --------------------------------------------------------------

RATE = re.compile(r"\$\s?(\d{1,4}(?:\.\d{1,2})?)\s*(?:/|per|an|a)\s*(hour|hr|week)\b", re.I)


def compensation_of(ad: Ad) -> dict[str, Any]:
    found = RATE.search(html.unescape(ad.description) if ad.is_html else ad.description)
    if found:
        amount = float(found.group(1))
        per = "week" if found.group(2).lower() == "week" else "hour"
        return {"type": "paid", "amount": int(amount) if amount.is_integer() else amount, "currency": ad.currency, "per": per}
    return {"type": "paid", "amount": DEFAULT_RATE, "currency": ad.currency, "per": "hour"}


def apply_by_of(ad: Ad) -> dt.date:
    deadline = iso_date(ad.deadline)
    if deadline and ad.posted <= deadline <= ad.posted + dt.timedelta(days=MAX_APPLY_DAYS):
        return deadline
    return ad.posted + dt.timedelta(days=APPLY_DAYS)


# --- the posting -------------------------------------------------------------------------


def posting_of(ad: Ad) -> dict[str, Any]:
    organization: dict[str, Any] = {"name": ad.organization}
    if ad.organization_url:
        organization["url"] = ad.organization_url
    posting: dict[str, Any] = {
        "title": ad.title,
        "organization": organization,
        "fields": fields_of(ad),
        "summary": summary_of(ad),
        "description": ad.description,
        "duration_weeks": DURATION_WEEKS,
        "hours_per_week": HOURS_PER_WEEK,
        "compensation": compensation_of(ad),
        "location": location_of(ad),
        "posted": ad.posted.isoformat(),
        "apply_by": apply_by_of(ad).isoformat(),
        "apply": {"url": ad.apply_url} if ad.apply_url or not ad.apply_email else {"email": ad.apply_email},
    }
    if ad.tags:
        posting["tags"] = ad.tags
    return posting


def slug_of(ad: Ad, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", unidecode(f"{ad.organization} {ad.title}").lower()).strip("-")
    base = re.sub(r"^[^a-z]+", "", base) or "posting"
    base = trim(base.replace("-", " "), 74).replace(" ", "-")
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


# --- writing YAML that the board's loader reads back exactly --------------------------------

PLAIN_SAFE = re.compile(r"[a-z][a-z0-9-]*")
# What a literal block cannot carry as itself: control characters (but newline and tab),
# YAML 1.1 line breaks (NEL, LS, PS), surrogates and the byte-order mark.
NOT_IN_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff]")


def quoted(text: str) -> str:
    """A double-quoted YAML scalar: every character that is not plainly printable is escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif (unicodedata.category(char)[0] in "CZ" and char != " ") or code in (0x85, 0xFEFF):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def literal_block(text: str, indent: int) -> str | None:
    """A literal block for multi-line text, or None where one could not hold it exactly."""
    if "\n" not in text.rstrip("\n") or NOT_IN_BLOCK.search(text) or text.startswith("\t"):
        return None
    chomp = "-" if not text.endswith("\n") else "+" if text.endswith("\n\n") else ""
    pad = " " * indent
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    body = "\n".join(pad + line if line else "" for line in lines)
    # An explicit indentation indicator: text may start with spaces or blank lines.
    return f"|2{chomp}\n{body}"


def scalar(value: Any, indent: int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str) and indent and value and "\n" in value:
        return literal_block(value, indent) or quoted(value)
    if isinstance(value, str) and PLAIN_SAFE.fullmatch(value) and value not in ("true", "false", "null"):
        return value
    return quoted(value)


def emit(value: dict[str, Any], depth: int = 0) -> str:
    pad = "  " * depth
    lines = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:\n{emit(item, depth + 1)}")
        elif isinstance(item, list):
            lines.append(f"{pad}{key}: [{', '.join(scalar(element, 0) for element in item)}]")
        else:
            lines.append(f"{pad}{key}: {scalar(item, 2 * (depth + 1))}")
    return "\n".join(lines)


def yaml_text(posting: dict[str, Any]) -> str:
    """Readable where possible (a literal block), exact always (else one double-quoted line)."""
    text = emit(posting) + "\n"
    document = load_text(text, "check")
    return text if not document.problems and document.data == posting else _all_quoted(posting)


def _all_quoted(posting: dict[str, Any]) -> str:
    """The fallback: the description as one double-quoted line, which holds any text."""
    lines = emit({key: value for key, value in posting.items() if key != "description"}).split("\n")
    at = next(index for index, line in enumerate(lines) if line.startswith("duration_weeks:"))
    lines.insert(at, f"description: {quoted(posting['description'])}")
    return "\n".join(lines) + "\n"


def verified(text: str, posting: dict[str, Any], name: str) -> str:
    document = load_text(text, name)
    if document.problems or document.data != posting:
        raise SystemExit(f"{name}: does not read back as written: {[problem.as_text() for problem in document.problems]}")
    return text


# --- main ----------------------------------------------------------------------------------


def slugged() -> list[tuple[str, Ad]]:
    """Every ad with its posting's slug, in source order (the order fixes the -2, -3 suffixes)."""
    taken: set[str] = set()
    return [(slug_of(ad, taken), ad) for ad in all_ads()]


def convert(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    ads = slugged()
    for slug, ad in ads:
        posting = posting_of(ad)
        text = verified(yaml_text(posting), posting, f"{slug}.yaml")
        (out / f"{slug}.yaml").write_bytes(text.encode("utf-8"))
    return len(ads)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=POSTINGS, help="folder for the postings (emptied of *.yaml first)")
    arguments = parser.parse_args(argv)
    print(f"wrote {convert(arguments.out)} postings to {arguments.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
