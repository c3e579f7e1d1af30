"""The build makes its files in the one order that works, whatever the steps queue."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from stint.writing.build_order import make_files


class Recorder:
    """A page writer and a search index that write down what happens, in order."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.queued: list[str] = []

    def queue(self, name: str) -> None:
        self.queued.append(name)

    def flush(self, fork: bool = True) -> None:
        where = "" if fork else " in this process"
        self.events += [f"made {name}{where}" for name in self.queued]
        self.queued = []

    @contextmanager
    def search_index(self) -> Iterator[None]:
        self.events.append("index starts")
        try:
            yield
        except BaseException:
            self.events.append("index stopped")
            raise
        self.events.append("index waited for")


def test_posting_pages_are_made_before_the_index_starts_the_data_files_here_and_everything_before_it_is_waited_for() -> None:
    run = Recorder()
    make_files(run, lambda: run.queue("posting"), run.search_index, lambda: run.queue("listing"), lambda: run.queue("feed"))
    assert run.events == ["made posting", "index starts", "made listing", "made feed in this process", "index waited for"]
    assert run.queued == []


def test_a_failed_step_stops_the_index_and_the_later_steps() -> None:
    run = Recorder()

    def broken() -> None:
        raise RuntimeError("a template failed")

    with pytest.raises(RuntimeError, match="a template failed"):
        make_files(run, lambda: run.queue("posting"), run.search_index, broken, lambda: run.queue("feed"))
    assert run.events == ["made posting", "index starts", "index stopped"]
