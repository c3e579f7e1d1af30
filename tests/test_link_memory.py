"""The memory across runs: one bad day closes nothing; the same verdict a day apart does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stint.commands.link_memory import LinkMemory
from stint.commands.link_verdicts import CLOSED, GONE, MOVED, OK, UNREACHABLE, LinkCheck

URL = "https://jobs.northwind.example/interview-sprint"
DAY_ONE = dt.datetime(2026, 12, 1, 6, 0, tzinfo=dt.UTC)


def seen(verdict: str) -> LinkCheck:
    return LinkCheck(URL, verdict, status=404 if verdict == GONE else 200)


def test_one_failing_run_closes_nothing() -> None:
    memory = LinkMemory()
    sighting = memory.remember(seen(GONE), DAY_ONE)
    assert sighting is not None and not sighting.confirmed


def test_two_runs_the_same_day_close_nothing() -> None:
    memory = LinkMemory()
    memory.remember(seen(GONE), DAY_ONE)
    sighting = memory.remember(seen(GONE), DAY_ONE + dt.timedelta(hours=23, minutes=59))
    assert sighting is not None and sighting.runs == 2 and not sighting.confirmed


def test_two_runs_a_day_apart_confirm(tmp_path: Path) -> None:
    state = tmp_path / "cache" / "links.json"
    memory = LinkMemory.load(state)  # nothing yet: the first run
    memory.remember(seen(GONE), DAY_ONE)
    memory.save(state)
    again = LinkMemory.load(state)  # the next day's run reads what the first one saved
    sighting = again.remember(seen(GONE), DAY_ONE + dt.timedelta(hours=24))
    assert sighting is not None and sighting.confirmed
    assert (sighting.first_seen, sighting.last_seen, sighting.runs) == (DAY_ONE, DAY_ONE + dt.timedelta(hours=24), 2)
    assert sighting.evidence["status"] == 404


def test_a_link_that_recovers_clears_its_record(tmp_path: Path) -> None:
    memory = LinkMemory()
    memory.remember(seen(GONE), DAY_ONE)
    assert memory.remember(seen(OK), DAY_ONE + dt.timedelta(days=1)) is None
    assert URL not in memory.sightings
    sighting = memory.remember(seen(GONE), DAY_ONE + dt.timedelta(days=2))
    assert sighting is not None and sighting.first_seen == DAY_ONE + dt.timedelta(days=2) and not sighting.confirmed


def test_unreachable_is_no_evidence_either_way() -> None:
    memory = LinkMemory()
    assert memory.remember(seen(UNREACHABLE), DAY_ONE) is None  # starts nothing
    memory.remember(seen(GONE), DAY_ONE)
    memory.remember(seen(UNREACHABLE), DAY_ONE + dt.timedelta(days=1))  # breaks nothing
    sighting = memory.remember(seen(GONE), DAY_ONE + dt.timedelta(days=2))
    assert sighting is not None and sighting.runs == 2 and sighting.confirmed


def test_a_different_verdict_starts_a_new_streak() -> None:
    memory = LinkMemory()
    memory.remember(seen(MOVED), DAY_ONE)
    sighting = memory.remember(seen(CLOSED), DAY_ONE + dt.timedelta(days=1))
    assert sighting is not None and (sighting.verdict, sighting.runs, sighting.confirmed) == (CLOSED, 1, False)


def test_links_no_open_posting_has_are_forgotten(tmp_path: Path) -> None:
    memory = LinkMemory()
    memory.remember(seen(GONE), DAY_ONE)
    memory.keep_only({"https://other.example/"})
    assert memory.sightings == {}


def test_a_memory_of_another_shape_is_started_afresh(tmp_path: Path) -> None:
    state = tmp_path / "links.json"
    state.write_text('{"version": 0, "links": {"x": 1}}', encoding="utf-8")
    assert LinkMemory.load(state).sightings == {}
