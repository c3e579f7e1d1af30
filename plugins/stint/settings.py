"""The board's settings: read once, with defaults, from Pelican's settings or the environment."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stint.dates import calendar_date

PER_PAGE = 24
SEARCH_SHARD = 1000  # postings per search index shard: a rebuild re-indexes only changed shards
FACET_PAGES = 20  # pages a facet listing goes to; the filterable /internships/?facet=value has all


@dataclass(frozen=True)
class BoardSettings:
    listings: Path
    today: dt.date
    site_url: str
    site_name: str
    per_page: int
    facet_pages: int
    cache: Path | None
    search_shard: int
    keep_going: bool  # leave invalid postings out instead of failing (make publish)


def board_settings(settings: dict[str, Any]) -> BoardSettings:
    """Environment first (``STINT_LISTINGS=dir STINT_TODAY=2027-01-05 make html``), then settings."""
    listings = os.environ.get("STINT_LISTINGS") or settings.get("STINT_LISTINGS") or "listings"
    today = os.environ.get("STINT_TODAY") or settings.get("STINT_TODAY")
    return BoardSettings(
        listings=Path(listings).resolve(),
        today=parse_today(today),
        site_url=settings.get("SITEURL", ""),
        site_name=settings.get("SITENAME", "stint"),
        per_page=_number(settings, "STINT_PER_PAGE", PER_PAGE),
        facet_pages=_number(settings, "STINT_FACET_PAGES", FACET_PAGES),
        cache=cache_folder(settings),
        search_shard=_number(settings, "STINT_SEARCH_SHARD", SEARCH_SHARD),
        keep_going=_flag(os.environ.get("STINT_KEEP_GOING"), settings.get("STINT_KEEP_GOING", False)),
    )


def _number(settings: dict[str, Any], name: str, default: int) -> int:
    """A whole-number setting, from the environment first (tests and benches set them there)."""
    return int(os.environ.get(name) or settings.get(name, default))


def _flag(environment: str | None, setting: Any) -> bool:
    """``STINT_KEEP_GOING=1`` (or true/yes) in the environment wins over the settings file."""
    if environment is not None and environment.strip():
        return environment.strip().lower() in ("1", "true", "yes")
    return bool(setting)


def build_report_path(output: Path) -> Path:
    """Where a build that keeps going says what it left out: beside the output, never published."""
    return Path(os.environ.get("STINT_BUILD_REPORT") or output.resolve().parent / "build-report.json")


def cache_folder(settings: dict[str, Any]) -> Path | None:
    """``STINT_CACHE``: the build cache folder; empty turns caching off."""
    value = os.environ.get("STINT_CACHE", settings.get("STINT_CACHE", ".stint-cache"))
    return Path(value).resolve() if value else None


def schema_path() -> Path:
    """``STINT_SCHEMA``: the posting schema that validation and the build read. By default the
    package's own, which in a checkout is a symbolic link to schema/ (an installed package carries a copy)."""
    return Path(os.environ.get("STINT_SCHEMA") or Path(__file__).parent / "posting.schema.json").resolve()


def parse_today(value: str | dt.date | None) -> dt.date:
    """The build date: pinned for reproducible builds, else today in UTC."""
    if isinstance(value, dt.date):
        return value
    if not value:
        return dt.datetime.now(dt.UTC).date()
    if (day := calendar_date(str(value))) is None:
        raise ValueError(f"STINT_TODAY must be a date written YYYY-MM-DD, not {value!r}")
    return day


# The commands' defaults: the same environment variables the build reads.


def command_listings() -> Path:
    """The postings folder a command reads when none is named: ``STINT_LISTINGS``, else ``listings``."""
    return Path(os.environ.get("STINT_LISTINGS") or "listings")


def command_today(given: str | None = None) -> dt.date:
    """The day a command works as of: ``given``, else ``STINT_TODAY``, else today in UTC."""
    return parse_today(given or os.environ.get("STINT_TODAY"))
