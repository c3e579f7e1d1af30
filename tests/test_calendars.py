"""Deadline calendars, from real builds of tests/fixtures/board, read back with the icalendar library."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar, Event

from conftest import FIXTURES
from expectations import FACET_VALUES, expected_facet_members, fixture_postings
from sitebuild import built, read
from stint.board.posting import Posting
from stint.outputs import calendars
from stint.outputs.safe_text import xml_text
from stint.site.board_loading import load_board

BOARD = FIXTURES / "board"
REAL_ADS = Path(__file__).parent / "realdata" / "postings"
SITE_URL = "https://stint.example/board"
FIRST, LATER = dt.date(2026, 12, 1), dt.date(2026, 12, 16)  # by the later day the research posting has closed
PAIRED = (("location", "remote"), ("pay", "paid"), ("international", "cpt"), ("international", "opt"), ("international", "work-visa"))


def open_slugs(day: dt.date) -> set[str]:
    return {
        slug
        for slug, data in fixture_postings().items()
        if not data.get("closed") and dt.date.fromisoformat(data["posted"]) <= day <= dt.date.fromisoformat(data["apply_by"])
    }


def expected_calendars(day: dt.date) -> dict[str, set[str]]:
    """Every calendar under feeds/ and the postings it must hold, by the design's rules."""
    slugs = open_slugs(day)
    members = expected_facet_members(slugs)
    expected = {"internships": slugs, "remote": members.get(("location", "remote"), set())}
    expected["paid"] = members.get(("pay", "paid"), set())
    expected["international"] = set().union(*(members.get(("international", route), set()) for route in ("cpt", "opt", "work-visa")))
    for facet, values in FACET_VALUES.items():
        for value in values:
            expected[f"{facet}/{value}"] = members.get((facet, value), set())
    for field in FACET_VALUES["field"]:
        for facet, value in PAIRED:
            expected[f"field/{field}/{facet}/{value}"] = members.get(("field", field), set()) & members.get((facet, value), set())
    return expected


def parse(path: Path) -> Calendar:
    raw = path.read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), f"{path}: CRLF lines folded at 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b""), f"{path}: no bare line feeds"
    return Calendar.from_ical(raw)


def uids(calendar: Calendar) -> list[str]:
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[dt.date, Path]:
    folder = tmp_path_factory.mktemp("calendars")
    return {
        day: built(BOARD, folder / day.isoformat(), day.isoformat(), settings="publishconf.py", STINT_SITEURL=SITE_URL)
        for day in (FIRST, LATER)
    }


@pytest.mark.parametrize("day", [FIRST, LATER])
def test_every_open_posting_and_only_those_has_a_deadline_file(sites: dict[dt.date, Path], day: dt.date) -> None:
    postings = fixture_postings()
    have = {path.parent.name for path in (sites[day] / "internships").glob("*/deadline.ics")}
    assert have == open_slugs(day)
    for slug in have:
        calendar = parse(sites[day] / "internships" / slug / "deadline.ics")
        (event,) = calendar.walk("VEVENT")
        apply_by = dt.date.fromisoformat(postings[slug]["apply_by"])
        assert event.decoded("DTSTART") == apply_by and type(event.decoded("DTSTART")) is dt.date, "an all-day event"
        assert event.decoded("DTEND") == apply_by + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime.combine(dt.date.fromisoformat(postings[slug]["posted"]), dt.time(), dt.UTC)
        assert str(event["URL"]) == f"{SITE_URL}/internships/{slug}/"
        assert str(event["UID"]) == f"deadline-{slug}@stint.example"
        assert postings[slug]["title"] in str(event["SUMMARY"]) and postings[slug]["organization"]["name"] in str(event["SUMMARY"])
        assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])


@pytest.mark.parametrize("day", [FIRST, LATER])
def test_each_topic_calendar_holds_its_open_postings_soonest_deadline_first(sites: dict[dt.date, Path], day: dt.date) -> None:
    postings = fixture_postings()
    expected = expected_calendars(day)
    found = {path.relative_to(sites[day] / "feeds").as_posix().removesuffix(".ics"): path for path in (sites[day] / "feeds").rglob("*.ics")}
    assert set(found) == set(expected)
    assert expected["internships"] and not expected["field/sales"], "the fixture covers full and empty calendars"
    for name, slugs in expected.items():
        calendar = parse(found[name])
        order = sorted(slugs, key=lambda slug: (postings[slug]["apply_by"], slug))
        assert uids(calendar) == [f"deadline-{slug}@stint.example" for slug in order], name
        assert str(calendar["X-WR-CALNAME"]).startswith("stint: ") and str(calendar["METHOD"]) == "PUBLISH"
        raw = found[name].read_bytes()
        assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF, copied events too"
        for event, slug in zip(calendar.walk("VEVENT"), order, strict=True):
            (own,) = parse(sites[day] / "internships" / slug / "deadline.ics").walk("VEVENT")
            assert event.to_ical() == own.to_ical(), "the posting's own event, byte for byte"


def test_uids_are_stable_across_builds_and_a_closed_posting_leaves(sites: dict[dt.date, Path]) -> None:
    first, later = (parse(sites[day] / "feeds" / "internships.ics") for day in (FIRST, LATER))
    assert "deadline-remote-paid-research@stint.example" in uids(first)
    assert "deadline-remote-paid-research@stint.example" not in uids(later), "closed by the later day"
    assert not (sites[LATER] / "internships" / "remote-paid-research" / "deadline.ics").exists()
    for slug in open_slugs(FIRST) & open_slugs(LATER):
        events = [event for event in first.walk("VEVENT") + later.walk("VEVENT") if str(event["UID"]).endswith(f"-{slug}@stint.example")]
        assert len(events) == 2 and events[0].to_ical() == events[1].to_ical(), "the same event, byte for byte"


def test_posting_pages_offer_the_deadline_only_while_open(sites: dict[dt.date, Path]) -> None:
    link = 'href="https://stint.example/board/internships/{}/deadline.ics"'
    assert link.format("hybrid-hourly-data") in read(sites[FIRST], "internships/hybrid-hourly-data/")
    assert "Add the deadline to your calendar" in read(sites[FIRST], "internships/hybrid-hourly-data/")
    assert "deadline.ics" not in read(sites[FIRST], "internships/filled-early-design/")
    assert "deadline.ics" not in read(sites[LATER], "internships/remote-paid-research/")


def test_hostile_text_is_escaped_and_cannot_add_an_event(tmp_path: Path) -> None:
    """Text the validator allows (punctuation iCalendar uses) in a real build, and text it refuses through the library directly."""
    listings = tmp_path / "listings"
    shutil.copytree(BOARD, listings)
    source = listings / "hybrid-hourly-data.yaml"
    original = fixture_postings()["hybrid-hourly-data"]["title"]
    title = "Buoys; sensors, and a back\\\\slash: END:VCALENDAR"
    source.write_text(source.read_text(encoding="utf-8").replace(original, f'"{title}"', 1), encoding="utf-8")
    site = built(listings, tmp_path / "site", FIRST.isoformat())
    raw = (site / "internships" / "hybrid-hourly-data" / "deadline.ics").read_bytes()
    assert b"Buoys\\; sensors\\, and a back\\\\slash: END:VCALENDAR" in raw.replace(b"\r\n ", b"")
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Last day to apply: Buoys; sensors, and a back\\slash: END:VCALENDAR, Fjordlab"

    board = load_board(BOARD, FIRST).board
    posting = dataclasses.replace(
        board.open[0], title="Bad\x0btitle\ud800\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil", summary="Line one\nline two\x00"
    )
    text = calendars.posting_calendar(posting, SITE_URL, "stint")
    text.encode("utf-8")  # no lone surrogate left
    calendar = Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Last day to apply: Badtitle\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil")
    assert str(event["UID"]) == f"deadline-{posting.slug}@stint.example"
    assert str(event["DESCRIPTION"]).startswith("Line one\nline two\n\nApply by")


def library_event(posting: Posting) -> str:
    """The event as the icalendar library writes it from an ``Event`` (types inferred by ``add``): the oracle."""
    url = f"{SITE_URL}/{posting.url}"
    event = Event()
    event.add("summary", xml_text(f"Last day to apply: {posting.title}, {posting.organization}"))
    event.add("dtstart", posting.apply_by)
    event.add("dtend", posting.apply_by + dt.timedelta(days=1))
    event.add("dtstamp", dt.datetime.combine(posting.posted, dt.time(), dt.UTC))
    event.add("uid", f"deadline-{posting.slug}@stint.example")
    event.add("description", xml_text(f"{posting.summary}\n\nApply by {posting.apply_by.isoformat()}: {url}"))
    event.add("url", url)
    return event.to_ical().decode("utf-8")


def hostile_texts(count: int) -> list[str]:
    """Escapes and characters of one to four UTF-8 octets, at every length around a fold."""
    rng = random.Random(5545)
    alphabet = 'ab \\^;,:\n"é€日😀'
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(60, 240))) for _ in range(count)]


def test_events_are_the_bytes_the_library_writes_for_real_ads_and_hostile_text() -> None:
    """The calendars fold lines themselves, for speed (``ical_lines``): they must still be what
    the library writes, for every real ad's title and summary and for text built to fall on
    every folding edge (an escape or a multi-octet character at the 74th octet)."""
    posting = load_board(BOARD, FIRST).board.open[0]
    real = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(REAL_ADS.glob("*.yaml"))]
    variants = [dataclasses.replace(posting, title=ad["title"], organization=ad["organization"], summary=ad["summary"]) for ad in real]
    variants += [dataclasses.replace(posting, title=text, summary=text[::-1]) for text in hostile_texts(2000)]
    assert len(real) > 200 and sum(len(variant.summary.encode("utf-8")) > 74 for variant in variants) > 2000, "long lines fold"
    for variant in [*load_board(BOARD, FIRST).board.open, *variants]:
        assert calendars.event_text(variant, SITE_URL) == library_event(variant), (variant.title, variant.summary)
