"""Deadlines as iCalendar (RFC 5545): one file per open posting, one per topic to subscribe to.

Each deadline is an all-day event on ``apply_by``. Its UID names the posting and the site,
so it is the same in every file and every build (a calendar app updates the event instead of
adding it twice); its DTSTAMP is the posted day, so the files depend only on the posting and
a build is reproducible. The icalendar library's types escape text (``,`` ``;`` ``\\`` and
line breaks) and format dates; ``ical_lines`` folds the lines at 75 octets as the library
does; characters no calendar may carry are removed first.

Calendars are queued on the page writer: one whose postings did not change is linked from the
cache. An event is made once and kept between builds (``fragments``), and spliced into every
topic calendar that lists it; so is each topic calendar's head (the library takes 0.4 ms to
write one, and 91 calendars are remade a day at 10,000 postings).
A topic's calendar holds its open postings closing soonest, at most ``MAX_EVENTS``: a
subscription is for the deadlines ahead, and its size must not grow with the board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cache, lru_cache, partial
from urllib.parse import urlsplit

from icalendar import Calendar, vDate, vDatetime, vText, vUri

from stint.board.board import Board
from stint.board.posting import Posting
from stint.outputs.fragments import Fragments
from stint.outputs.ical_lines import content_line
from stint.outputs.safe_text import xml_text
from stint.outputs.topics import CALENDAR, TOPICS, Members, Topic
from stint.writing.page_writer import PageWriter

MAX_EVENTS = 200
HEAD = "calendar head"  # the kind of part a topic calendar's properties are kept as (``fragments``), under its path
PRODID = "-//stint//micro-internship deadlines//EN"
_END = "END:VCALENDAR\r\n"
_DATE = ";VALUE=DATE"


def deadline_path(posting: Posting) -> str:
    return f"{posting.url}deadline.ics"


def uid(posting: Posting, base: str) -> str:
    """Stable across builds and files: the posting's slug at the site's host."""
    return f"deadline-{posting.slug}@{_host(base)}"


@cache
def _host(base: str) -> str:
    return urlsplit(base).hostname or "localhost"


def event_text(posting: Posting, base: str) -> str:
    """The posting's VEVENT: the library's value types (they escape the text and format the
    dates), joined into lines and folded here (``ical_lines``), which is six times faster
    than building an ``Event`` and gives the same bytes. No more properties than these: a
    cold build serialises 10,000 events."""
    url = f"{base}/{posting.url}"
    summary = xml_text(f"Last day to apply: {posting.title}, {posting.organization}")
    description = xml_text(f"{posting.summary}\n\nApply by {posting.apply_by.isoformat()}: {url}")
    lines = (
        "BEGIN:VEVENT",
        content_line("SUMMARY", vText(summary).to_ical()),
        _day_lines(posting.apply_by),
        _stamp_line(posting.posted),
        content_line("UID", vText(uid(posting, base)).to_ical()),
        content_line("DESCRIPTION", vText(description).to_ical()),
        content_line("URL", vUri(url).to_ical()),
        "END:VEVENT",
    )
    return "\r\n".join(lines) + "\r\n"


@lru_cache(maxsize=4096)
def _day_lines(day: dt.date) -> str:
    """DTSTART and DTEND of an all-day event on ``day``, as the library formats dates: made
    once per day, as thousands of postings share a few hundred deadlines (the library's
    value types cost a third of an event's making)."""
    start = content_line("DTSTART", vDate(day).to_ical(), _DATE)  # a date: an all-day event
    end = content_line("DTEND", vDate(day + dt.timedelta(days=1)).to_ical(), _DATE)  # DTEND is exclusive
    return f"{start}\r\n{end}"


@lru_cache(maxsize=4096)
def _stamp_line(posted: dt.date) -> str:
    return content_line("DTSTAMP", vDatetime(dt.datetime.combine(posted, dt.time(), dt.UTC)).to_ical())


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


@cache
def _posting_head(site_name: str) -> str:
    # One head for every posting's file: an app imports its one event into a calendar of the reader's.
    return calendar_head(f"{site_name}: deadlines", f"An application deadline from {site_name}.")


def posting_calendar(posting: Posting, base: str, site_name: str) -> str:
    """/internships/<slug>/deadline.ics: "Add the deadline to your calendar"."""
    return _posting_head(site_name) + event_text(posting, base) + _END


def queue_deadline_files(board: Board, pages: PageWriter, base: str, site_name: str) -> None:
    """Queue each open posting's own calendar on ``pages``, to be made with the listing pages
    (on all cores when there are many: a daily build's new postings bring a few hundred new
    files, which one process made at 2 to 3 ms each on these disks)."""
    for posting in board.open:
        pages.write(deadline_path(posting), [posting.identity], _posting_file(posting, base, site_name))


def write_calendars(members: Members, pages: PageWriter, base: str, site_name: str, fragments: Fragments) -> None:
    """Queue every topic's calendar on ``pages`` (one whose postings did not change is linked
    from the cache). The topics' calendars overlap (18,200 events of 2,200 postings at
    10,000): each event is made once, or taken from ``fragments`` as an earlier build made it."""
    for topic in TOPICS:
        chosen = members.soonest(topic, MAX_EVENTS)
        identities = [posting.identity for posting in chosen]
        fragments.want(CALENDAR, identities)
        fragments.want(HEAD, [topic.calendar])
        pages.write(topic.calendar, [topic.calendar, *identities], _topic_file(topic, chosen, base, site_name, fragments))


def _topic_file(topic: Topic, chosen: Sequence[Posting], base: str, site_name: str, fragments: Fragments) -> Callable[[], str]:
    def make() -> str:
        events = [fragments.get(CALENDAR, posting.identity, partial(event_text, posting, base)) for posting in chosen]
        return fragments.get(HEAD, topic.calendar, partial(_topic_head, topic, site_name)) + "".join(events) + _END

    return make


def _topic_head(topic: Topic, site_name: str) -> str:
    description = f"Application deadlines of {topic.title[0].lower()}{topic.title[1:]} on {site_name}, the {MAX_EVENTS} soonest at most."
    return calendar_head(f"{site_name}: {topic.title}", description)


def _posting_file(posting: Posting, base: str, site_name: str) -> Callable[[], str]:
    return lambda: posting_calendar(posting, base, site_name)
