"""What earlier runs of ``stint check-links`` saw, so that one bad day closes nothing.

A verdict is *confirmed* when the same verdict held on at least two runs at least 24 hours
apart. ``unreachable`` is never evidence: it neither starts nor breaks a streak. A link that
answers ``ok`` again is forgotten. The memory is one JSON file, kept by the scheduled
workflow in the Actions cache (never committed to main).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from stint.commands.link_verdicts import OK, UNREACHABLE, LinkCheck

VERSION = 1
CONFIRM_AFTER = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Sighting:
    """One link's current streak: the same verdict since ``first_seen``, last on ``last_seen``."""

    verdict: str
    first_seen: dt.datetime
    last_seen: dt.datetime
    runs: int
    evidence: dict[str, Any]

    @property
    def confirmed(self) -> bool:
        return self.runs >= 2 and self.last_seen - self.first_seen >= CONFIRM_AFTER

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "first_seen": _stamp(self.first_seen), "last_seen": _stamp(self.last_seen)}


class LinkMemory:
    """Sightings by link address."""

    def __init__(self, sightings: dict[str, Sighting] | None = None):
        self.sightings = sightings or {}

    @classmethod
    def load(cls, path: Path | None) -> LinkMemory:
        """The memory in ``path``; empty when there is none yet (the first run, or a lost cache)."""
        if path is None or not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return cls()  # an older shape: start again rather than misread it
        return cls({url: _sighting(entry) for url, entry in data["links"].items()})

    def save(self, path: Path) -> None:
        """Write atomically: a run stopped half-way leaves the previous memory whole."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": VERSION, "links": {url: sighting.as_dict() for url, sighting in sorted(self.sightings.items())}}
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=True)
        os.replace(handle.name, path)

    def remember(self, check: LinkCheck, now: dt.datetime) -> Sighting | None:
        """Add this run's verdict on one link; the link's sighting after it, if any."""
        earlier = self.sightings.get(check.url)
        if check.verdict == OK:
            self.sightings.pop(check.url, None)
            return None
        if check.verdict == UNREACHABLE:
            return earlier  # a bad day proves nothing either way
        if earlier is not None and earlier.verdict == check.verdict:
            sighting = Sighting(check.verdict, earlier.first_seen, now, earlier.runs + 1, check.as_dict())
        else:
            sighting = Sighting(check.verdict, now, now, 1, check.as_dict())
        self.sightings[check.url] = sighting
        return sighting

    def keep_only(self, urls: set[str]) -> None:
        """Forget links no open posting has any more (edited, closed or expired)."""
        self.sightings = {url: sighting for url, sighting in self.sightings.items() if url in urls}


def _sighting(entry: dict[str, Any]) -> Sighting:
    return Sighting(
        entry["verdict"],
        dt.datetime.fromisoformat(entry["first_seen"]),
        dt.datetime.fromisoformat(entry["last_seen"]),
        entry["runs"],
        entry["evidence"],
    )


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
