"""Compiled templates kept between builds, in the build cache's ``templates/``.

Jinja compiles each template on its first use in a build: 0.15 to 0.2 s of every build for
the theme, a twentieth of a warm rebuild. Jinja's own file cache keeps the compiled code by
template name and checks a hash of the source before using it, so an edited template is
compiled again, never served stale. The code also depends on the environment's options
(``JINJA_ENVIRONMENT``: extensions, whitespace control), so it is kept in a folder named by
the settings: a settings change compiles afresh, and the folder of the old settings goes.
"""

from __future__ import annotations

import shutil
from typing import Any

from jinja2 import FileSystemBytecodeCache

from stint.settings import cache_folder
from stint.writing.cache import settings_digest


def keep_compiled(generator: Any) -> None:
    """``generator_init``: each generator's environment (the board's, and Pelican's for the guides)."""
    root = cache_folder(generator.settings)
    if root is None:
        return
    templates = root / "templates"
    folder = templates / settings_digest(generator.settings)[:16]
    folder.mkdir(parents=True, exist_ok=True)
    for other in templates.iterdir():
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))
