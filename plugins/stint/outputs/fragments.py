"""Each posting's parts of the feeds and calendars, kept between builds: its RSS item, Atom
entry, JSON Feed item and calendar event, made once and spliced into every feed and
calendar that lists it (and each topic calendar's head, named by the calendar's path).

A day's build remakes most feeds and every topic calendar (postings close, others move up),
but few of the postings they list changed: their parts are taken from this table instead
of being made again (1,100 items by the library's XML writer, 0.1 ms each, and 2,200 events
read back from the postings' own calendar files, at 10,000 postings). A part is named by
its kind and the posting's identity, under the build's fingerprint (code, theme, settings),
so a part made by other code or for another site address is never reused. The table keeps
the parts of this build's feeds and calendars, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from stint.writing.cache import BuildCache

Key = tuple[str, str]  # the part's kind, the posting's identity (a calendar head: the calendar's path)


class Fragments:
    def __init__(self, cache: BuildCache, fingerprint: str):
        self._cache = cache
        self._table = f"fragments-{fingerprint[:16]}"
        self._kept: dict[Key, str] = cache.load_value(self._table)
        self._made: dict[Key, str] = {}
        self._wanted: dict[str, set[str]] = {}  # by kind: 45,000 parts listed a day at 10,000 postings, no tuple made for each

    @classmethod
    def unkept(cls) -> Fragments:
        """Parts made for this build alone (no cache)."""
        return cls(BuildCache(None, ""), "")

    def want(self, kind: str, identities: Iterable[str]) -> None:
        """The parts a feed or calendar of this build lists, whether it is made or linked from the cache."""
        self._wanted.setdefault(kind, set()).update(identities)

    def get(self, kind: str, identity: str, make: Callable[[], str]) -> str:
        """The part, kept or made (once a build); one without an identity (a guide's) is always made."""
        if not identity:
            return make()
        key = (kind, identity)
        text = self._kept.get(key) or self._made.get(key)
        if text is None:
            text = self._made[key] = make()
        return text

    def save(self) -> None:
        """Keep the parts of this build's feeds and calendars; the others belong to postings that changed or left them."""
        kept = {key: text for key, text in {**self._kept, **self._made}.items() if key[1] in self._wanted.get(key[0], ())}
        self._cache.save_value(self._table, kept)
