"""Deadlines as iCalendar (RFC 5545): one file per open posting, one per topic to subscribe to.

Each deadline is an all-day event on ``apply_by``. Its UID names the posting and the site,
so it is the same in every file and every build (a calendar app updates the event instead of
adding it twice); its DTSTAMP is the posted day, so the files depend only on the posting and
a build is reproducible. The icalendar library escapes text (``,`` ``;`` ``\\`` and line
breaks) and folds lines at 75 octets; characters no calendar may carry are removed first.

An event is serialised once and reused in every calendar that lists it. A topic's calendar
holds its open postings closing soonest, at most ``MAX_EVENTS``: a subscription is for the
deadlines ahead, and its size must not grow with the board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cache
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from stint.board import Board
from stint.page_writer import PageWriter
from stint.posting import Posting
from stint.safe_text import xml_text
from stint.topics import TOPICS, Topic

MAX_EVENTS = 200
PRODID = "-//stint//micro-internship deadlines//EN"
_END = "END:VCALENDAR\r\n"


def deadline_path(posting: Posting) -> str:
    return f"{posting.url}deadline.ics"


def uid(posting: Posting, base: str) -> str:
    """Stable across builds and files: the posting's slug at the site's host."""
    return f"deadline-{posting.slug}@{urlsplit(base).hostname or 'localhost'}"


def event(posting: Posting, base: str) -> Event:
    url = f"{base}/{posting.url}"
    deadline = Event()
    deadline.add("uid", uid(posting, base))
    deadline.add("dtstamp", dt.datetime.combine(posting.posted, dt.time(), dt.UTC))
    deadline.add("dtstart", posting.apply_by)  # a date: an all-day event
    deadline.add("dtend", posting.apply_by + dt.timedelta(days=1))  # DTEND is exclusive
    deadline.add("summary", xml_text(f"Last day to apply: {posting.title}, {posting.organization}"))
    deadline.add("description", xml_text(f"{posting.summary}\n\nApply by {posting.apply_by.isoformat()}: {url}"))
    deadline.add("url", url)
    # No more properties than these: each costs the library about 30 microseconds to encode
    # and fold, and a board of 10,000 postings serialises 10,000 events on a cold build.
    return deadline


def event_text(posting: Posting, base: str) -> str:
    return event(posting, base).to_ical().decode("utf-8")


def calendar_head(name: str, description: str) -> str:
    """The calendar's properties, without its closing line: events are added after it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", xml_text(name))  # RFC 7986
    calendar.add("x-wr-calname", xml_text(name))  # what most calendar apps show
    calendar.add("description", xml_text(description))
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})  # the board is rebuilt daily
    calendar.add("x-published-ttl", "P1D")
    text = calendar.to_ical().decode("utf-8")
    return text.removesuffix(_END)


def calendar(name: str, description: str, events: Sequence[str]) -> str:
    return calendar_head(name, description) + "".join(events) + _END


@cache
def _posting_head(site_name: str) -> str:
    # One head for every posting's file: an app imports its one event into a calendar of the reader's.
    return calendar_head(f"{site_name}: deadlines", f"An application deadline from {site_name}.")


def posting_calendar(posting: Posting, base: str, site_name: str) -> str:
    """/internships/<slug>/deadline.ics: "Add the deadline to your calendar"."""
    return _posting_head(site_name) + event_text(posting, base) + _END


def soonest(postings: Sequence[Posting], limit: int = MAX_EVENTS) -> list[Posting]:
    return list(islice(sorted(postings, key=lambda posting: (posting.apply_by, posting.slug)), limit))


def write_calendars(
    output: Path, board: Board, members: dict[str, Sequence[Posting]], pages: PageWriter, base: str, site_name: str
) -> None:
    """Queue each open posting's file on ``pages`` (linked from the cache when unchanged); write each topic's."""
    for posting in board.open:
        pages.write(deadline_path(posting), [posting.identity], _posting_file(posting, base, site_name))
    events: dict[str, str] = {}
    for topic in TOPICS:
        chosen = soonest(members[topic.name])
        texts = [events.get(posting.slug) or events.setdefault(posting.slug, event_text(posting, base)) for posting in chosen]
        target = output / topic.calendar
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(topic_calendar(topic, texts, site_name), encoding="utf-8", newline="")


def topic_calendar(topic: Topic, events: Sequence[str], site_name: str) -> str:
    description = f"Application deadlines of {topic.title[0].lower()}{topic.title[1:]} on {site_name}, the {MAX_EVENTS} soonest at most."
    return calendar(f"{site_name}: {topic.title}", description, events)


def _posting_file(posting: Posting, base: str, site_name: str) -> Callable[[], str]:
    return lambda: posting_calendar(posting, base, site_name)
