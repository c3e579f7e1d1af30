"""Signal wiring only: the work lives in the modules named after it."""

from __future__ import annotations

from typing import Any

from pelican import signals

from stint.board.guides import drop_drafts
from stint.site import devserver, theme_filters
from stint.site.generator import BoardGenerator
from stint.writing import atomic, compiled_templates


def _generators(pelican: Any) -> type[BoardGenerator]:
    return BoardGenerator


def connect_signals() -> None:
    signals.initialized.connect(atomic.stage)
    signals.initialized.connect(devserver.watch_board)
    signals.article_generator_finalized.connect(drop_drafts)
    signals.get_generators.connect(atomic.restage)
    signals.get_generators.connect(devserver.run_starts)
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(compiled_templates.keep_compiled)
    signals.generator_init.connect(theme_filters.add_filters)
    signals.finalized.connect(atomic.publish)
    signals.finalized.connect(devserver.run_succeeded)
