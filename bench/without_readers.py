"""A cold build without what issue 17 added for readers, to price those additions in one run.

    python bench/without_readers.py PELICAN-ARGUMENT...

Runs Pelican in this process with the readers' outputs switched off from outside: no
deadline calendars, no /stats/, /follow/ or pay-band pages, no JSON Feeds, and only the feeds
the board had before issue 17 (all postings, each field, remote, paid, international). The
product has no such switch; the bench alone needs the board without them.
"""

from __future__ import annotations

import dataclasses
import sys

import pelican

from stint.outputs import calendars, feeds, topics
from stint.site import generator

BEFORE = {"internships", "remote", "paid", "international"}


def switch_off() -> None:
    singles = tuple(
        dataclasses.replace(topic, types=tuple(kind for kind in topic.types if kind != topics.JSON_FEED))
        for topic in topics.TOPICS
        if topic.name in BEFORE or (topic.name.startswith(("field/", "international/")) and len(topic.conditions) == 1)
    )
    topics.TOPICS = feeds.TOPICS = singles
    calendars.write_calendars = lambda *_arguments, **_options: None
    generator.BoardGenerator._reader_pages = lambda _self: None


if __name__ == "__main__":
    switch_off()
    pelican.main(sys.argv[1:])
